"""The block diagrams of the Layer and Transformer pages (docs/javascripts/layer.js): for each model of the select,
each box's count equals transformers' own module for the same config on the meta device (attention, MLP or experts,
norms of one layer; embeddings, layers and head of the model), and the totals equal paramscope.arch's count."""
import ast
import re

import pytest

from paramscope.arch import counting, zoo

pytestmark = pytest.mark.browser

MODELS = ["smollm2-135m", "gpt2", "llama-3-8b", "gemma-2-9b", "mixtral-8x7b", "deepseek-v3"]


def boxes(page) -> dict:
    page.wait_for_selector(".ps-layer__box")
    return {b.get_attribute("data-part"): int(b.get_attribute("data-count"))
            for b in page.query_selector_all(".ps-layer__box")}


def numel(module) -> int:
    return sum(p.numel() for p in module.parameters())


def hf_layer(name: str, i: int) -> dict:
    """transformers' layer i of `name`: its attention, its MLP (or mixture) and the rest (norms), by module."""
    from support_counting import hf_model
    model = hf_model(zoo.get(name).config)
    layers = model.transformer.h if name == "gpt2" else model.model.layers
    layer = layers[i]
    attn = sum(numel(m) for n, m in layer.named_children() if "attn" in n)
    mlp = sum(numel(m) for n, m in layer.named_children() if n in ("mlp", "block_sparse_moe"))
    return {"attention": attn, "mlp": mlp, "norms": numel(layer) - attn - mlp, "total": numel(layer)}


WIDGET = ".ps-layer[data-models]"   # the Layer page's diagram of real models


def show_layer(page, name: str, layer: int) -> None:
    """Pick zoo model `name` and layer `layer` (from 1) in the Layer page's diagram, and wait until it shows them."""
    page.wait_for_selector(f"{WIDGET} .ps-layer__box")
    page.select_option(f"{WIDGET} select", name)
    page.fill(f"{WIDGET} input", str(layer))
    page.wait_for_function(f"document.querySelector('{WIDGET} .ps-layer__total')"
                           f".textContent.includes('Layer {layer} ')")


@pytest.mark.parametrize("name,layer", [(m, 1) for m in MODELS] + [("deepseek-v3", 5)])
def test_layer_boxes_match_transformers_modules(visit, name, layer):
    v = visit("glossary/layer/")
    page = v.page
    show_layer(page, name, layer)
    got = {b.get_attribute("data-part"): int(b.get_attribute("data-count"))
           for b in page.query_selector_all(f"{WIDGET} .ps-layer__box")}
    theirs = hf_layer(name, layer - 1)
    assert got["attention"] == theirs["attention"]
    assert got["mlp"] == theirs["mlp"]
    assert got["norm1"] + got["norm2"] + got.get("norms", 0) == theirs["norms"]
    total = int(page.get_attribute(f"{WIDGET} .ps-layer__sum", "data-count"))
    assert total == theirs["total"] == counting.count(zoo.get(name).config).by_layer[layer - 1]
    assert not v.problems()


def test_toy_layer_is_countable_by_hand(visit):
    """Vectors of 4, 2 query heads of 2 sharing 1 key-value head, a gated MLP 8 wide, RMSNorm: by hand."""
    v = visit("glossary/layer/")
    page = v.page
    page.wait_for_selector(".ps-layer[data-toy] .ps-layer__box")
    got = {b.get_attribute("data-part"): int(b.get_attribute("data-count"))
           for b in page.query_selector_all(".ps-layer[data-toy] .ps-layer__box")}
    d, heads, kv, hd, ffn = 4, 2, 1, 2, 8
    assert got == {"norm1": d, "attention": d * heads * hd + 2 * d * kv * hd + heads * hd * d, "norm2": d,
                   "mlp": 3 * d * ffn}
    page.click(".ps-layer[data-toy] .ps-layer__box[data-part='mlp']")
    assert "gate matrix: 4 × 8 = 32" in page.inner_text(".ps-layer[data-toy] .ps-layer__detail")
    assert not v.problems()


@pytest.mark.parametrize("name", MODELS)
def test_model_boxes_match_transformers_modules(visit, name):
    from support_counting import hf_model
    v = visit("glossary/transformer/")
    page = v.page
    page.wait_for_selector(".ps-layer .ps-layer__box")
    page.select_option(".ps-layer select", name)
    got = boxes(page)
    model = hf_model(zoo.get(name).config)
    base = model.transformer if name == "gpt2" else model.model
    layers = base.h if name == "gpt2" else base.layers
    emb = numel(base.wte) + numel(base.wpe) if name == "gpt2" else numel(base.embed_tokens)
    head = 0 if model.config.tie_word_embeddings else numel(model.lm_head)
    assert (got["embeddings"], got["layers"], got["head"]) == (emb, sum(numel(m) for m in layers), head)
    assert sum(got.values()) == numel(model) == counting.count(zoo.get(name).config).total
    assert not v.problems()
    # A tied head's 0 says why on the box itself (transformers ties it too: one tensor under two names).
    label = page.inner_text('.ps-layer__box[data-part="head"]')
    assert ("tied to the embedding table" in label) == bool(model.config.tie_word_embeddings), label


def test_phone_width_fits(visit):
    from conftest import PHONE
    v = visit("glossary/layer/", viewport=PHONE)
    v.page.wait_for_selector(".ps-layer .ps-layer__box")
    assert v.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_a_diagram_of_one_model_names_it_as_text(visit, viewport):
    """A reader's finding: the Layer page's first diagram had a "Model" select with a single option. A diagram of one
    model names it as text; every select left offers a choice."""
    from paramscope.arch import calculator

    from conftest import DESKTOP, PHONE
    v = visit("glossary/layer/", viewport=PHONE if viewport == "phone" else DESKTOP)
    page = v.page
    page.wait_for_selector(".ps-layer[data-toy] .ps-layer__box")
    options = page.eval_on_selector_all(".ps-layer select", "ss => ss.map(s => s.options.length)")
    assert options and all(n > 1 for n in options), options
    toy = page.locator(".ps-layer[data-toy]")
    assert toy.locator("select").count() == 0
    assert toy.locator(".ps-layer__model").inner_text() == calculator.TOYS["layer"]["label"]
    assert toy.locator(".ps-layer__controls").inner_text().startswith("Model\n")
    assert not v.problems()


def arithmetic(expression: str) -> int | None:
    """A box line's left side, "7,168 × (512 + 64)" or "256 experts × 7,168 + 256 more", worked out: the words
    between the numbers are units; only numbers, ×, + and brackets may remain. None for a line of words alone."""
    if not re.search(r"\d", expression):
        return None
    bare = re.sub(r"[A-Za-z][A-Za-z'’-]*", " ", re.sub(r"(?<=\d),(?=\d)", "", expression)).replace("×", "*")
    tree = ast.parse(bare, mode="eval")
    allowed = (ast.Expression, ast.BinOp, ast.Add, ast.Mult, ast.Constant)
    assert all(isinstance(node, allowed) for node in ast.walk(tree)), f"not a sum of products: {expression}"
    return eval(compile(tree, "line", "eval"))


@pytest.mark.parametrize("name,layer", [("mixtral-8x7b", 1), ("deepseek-v3", 5), ("gpt2", 1)])
def test_every_line_of_a_box_multiplies_out(visit, name, layer):
    """Each formula line the boxes show ("router: 256 experts × 7,168 = 1,835,008") is true as written: no
    "and extras" where there are none (a reader's finding), and a "+ N more" only where there is more."""
    v = visit("glossary/layer/")
    page = v.page
    show_layer(page, name, layer)
    checked = 0
    for part in [b.get_attribute("data-part") for b in page.query_selector_all(f"{WIDGET} .ps-layer__box")]:
        page.click(f"{WIDGET} .ps-layer__box[data-part='{part}']")
        for line in page.locator(f"{WIDGET} .ps-layer__lines li").all_inner_texts():
            if " = " not in line:
                continue
            left, _, right = line.partition(": ")[2].rpartition(" = ")
            assert "extras" not in left, line
            worked = arithmetic(left)
            if worked is not None:
                assert worked == int(right.replace(",", "")), f"{name} {part}: {line}"
                checked += 1
    assert checked >= 3
    assert not v.problems()
