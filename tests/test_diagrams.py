"""The diagrams show the modules' real counts: every labelled shape and count, read back from the SVG text, equals
what transformers' (and peft's) own modules hold; and the drawing refuses unnamed parameters and colliding labels."""
import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import peft  # the LoRA oracle, a pinned test dependency: a missing one fails, never skips
import pytest
import torch
import transformers
from torch import nn

from paramscope.arch import zoo
from paramscope.figures import layout, module_boxes, style
from paramscope_generator.producer.output import Output

from support import PROJECT

ROOT = Path(__file__).resolve().parents[1]
RANK = 8


@pytest.fixture(scope="module")
def produced(tmp_path_factory):
    """Run the diagrams producer as the generator does; return its manifest and the folder it wrote."""
    spec = importlib.util.spec_from_file_location("diagrams_producer", ROOT / "scripts" / "producers" / "diagrams.py")
    producer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(producer)
    out = Output("diagrams", tmp_path_factory.mktemp("diagrams"), PROJECT)   # the site's figure_style: text as text
    producer.produce(out)
    return out.manifest(), out.directory


def svg_texts(directory: Path, name: str, theme: str = "light") -> list[str]:
    root = ET.parse(directory / "figures" / f"{name}-{theme}.svg").getroot()
    return ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]


def shows(texts: list[str], *fragments: str) -> bool:
    return any(all(f in t for f in fragments) for t in texts)


def size(shape) -> str:
    return " × ".join(f"{n:,}" for n in shape)


def hf_model(name: str, **override) -> nn.Module:
    """transformers' own model for a zoo architecture, on the meta device (the oracle)."""
    cfg = {**zoo.get(name).config, **override}
    hf_config = transformers.AutoConfig.for_model(cfg["model_type"], **{k: v for k, v in cfg.items()
                                                                        if k != "model_type"})
    with torch.device("meta"):
        return transformers.AutoModelForCausalLM.from_config(hf_config)


def numel(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


@pytest.fixture(scope="module")
def smol():
    return hf_model("smollm2-135m")


def test_attention_boxes_are_transformers_matrices(produced, smol):
    manifest, directory = produced
    attn = smol.model.layers[0].self_attn
    for theme in ("light", "dark"):
        texts = svg_texts(directory, "attention", theme)
        for word, proj in (("query", attn.q_proj), ("key", attn.k_proj), ("value", attn.v_proj),
                           ("output", attn.o_proj)):
            w = proj.weight
            assert word in texts and size(w.shape) in texts and f"{w.numel():,}" in texts, word
            assert manifest["facts"][f"attention.{word}"]["value"] == w.numel()
        assert shows(texts, f"{numel(attn):,} parameters")
    assert manifest["facts"]["attention.total"]["value"] == numel(attn) == 884_736


def test_layer_total_and_parts_match_transformers(produced, smol):
    manifest, directory = produced
    layer = smol.model.layers[0]
    texts = svg_texts(directory, "layer")
    assert shows(texts, f"{numel(layer):,} parameters")
    assert shows(texts, "attention", f"{numel(layer.self_attn):,}")
    assert shows(texts, "MLP", f"{numel(layer.mlp):,}")
    assert shows(texts, "RMSNorm", f"{numel(layer.input_layernorm):,}")
    for word, proj in (("gate", layer.mlp.gate_proj), ("up", layer.mlp.up_proj), ("down", layer.mlp.down_proj)):
        assert word in texts and size(proj.weight.shape) in texts
    facts = manifest["facts"]
    assert facts["layer.total"]["value"] == numel(layer)
    assert (facts["layer.attention"]["value"], facts["layer.mlp"]["value"]) == (numel(layer.self_attn),
                                                                                numel(layer.mlp))


def test_neuron_is_a_slice_of_each_mlp_matrix(produced, smol):
    manifest, directory = produced
    mlp = smol.model.layers[0].mlp
    units, width = mlp.gate_proj.weight.shape
    per_neuron = mlp.gate_proj.weight[0].numel() + mlp.up_proj.weight[0].numel() + mlp.down_proj.weight[:, 0].numel()
    texts = svg_texts(directory, "neuron")
    assert shows(texts, f"= {per_neuron:,} parameters")
    assert shows(texts, f"{units:,} neurons × {per_neuron:,}", f"{numel(mlp):,}")
    assert units * per_neuron == numel(mlp)
    assert manifest["facts"]["neuron.per_neuron"]["value"] == per_neuron


@pytest.mark.parametrize("name,key,layer", [("mixtral-8x7b", "mixtral", 0), ("deepseek-v3", "deepseek-v3", None)])
def test_moe_layer_counts_match_transformers(produced, name, key, layer):
    manifest, directory = produced
    cfg = zoo.get(name).config
    first_moe = layer if layer is not None else cfg["first_k_dense_replace"]
    model = hf_model(name, num_hidden_layers=first_moe + 1)  # only up to the first mixture-of-experts layer
    moe = model.model.layers[first_moe].mlp
    n_experts = cfg.get("num_local_experts") or cfg["n_routed_experts"]
    k = cfg["num_experts_per_tok"]
    router = moe.gate.weight.numel()
    per_expert = numel(moe.experts) // n_experts
    shared = numel(moe.shared_experts) if hasattr(moe, "shared_experts") else 0
    texts = svg_texts(directory, "mixture-of-experts")
    assert shows(texts, f"router and experts: {numel(moe):,} parameters")
    assert shows(texts, f"one token uses {router + k * per_expert + shared:,}")
    assert shows(texts, f"= {per_expert:,} parameters")
    assert shows(texts, "router", size(moe.gate.weight.shape), f"{router:,}")
    facts = manifest["facts"]
    assert facts[f"mixture-of-experts.{key}.total"]["value"] == numel(moe)
    assert facts[f"mixture-of-experts.{key}.expert"]["value"] == per_expert


def test_lora_counts_match_peft(produced):
    manifest, directory = produced
    ref = peft.get_peft_model(hf_model("smollm2-135m"), peft.LoraConfig(r=RANK, target_modules=["q_proj", "v_proj"]))
    trainable, _ = ref.get_nb_trainable_parameters()
    attn = ref.base_model.model.model.layers[0].self_attn
    texts = svg_texts(directory, "lora")
    for word, proj in (("query", attn.q_proj), ("value", attn.v_proj)):
        a, b = proj.lora_A["default"].weight, proj.lora_B["default"].weight
        assert shows(texts, "A", size(a.shape)) and shows(texts, "B", size(b.shape)), word
        assert f"{a.numel():,}" in texts and f"{b.numel():,}" in texts
        assert size(proj.base_layer.weight.shape) in texts
    per_layer = trainable // len(ref.base_model.model.model.layers)
    assert shows(texts, f"= {trainable:,} trained") and shows(texts, f"{per_layer:,} (A and B)")
    assert manifest["facts"]["lora.trained"]["value"] == trainable == 460_800


@pytest.mark.parametrize("name", ["attention", "layer", "neuron", "mixture-of-experts", "lora"])
def test_diagram_fits_the_column_and_text_is_legible(produced, name):
    manifest, directory = produced
    assert manifest["figures"][name]["alt"]
    for theme in ("light", "dark"):
        svg = (directory / "figures" / f"{name}-{theme}.svg").read_text()
        width_pt = float(re.search(r'<svg[^>]*?width="([\d.]+)pt"', svg)[1])
        shown_px = min(688, width_pt * 4 / 3)  # Material's column; 1 pt = 4/3 CSS px at natural size
        sizes = [float(s) for s in re.findall(r"font-size:\s*([\d.]+)px", svg)]
        assert sizes, "no text found: is svg.fonttype still 'none'?"
        assert min(sizes) * shown_px / width_pt >= 11, f"{name}: smallest text {min(sizes)} pt"
        assert width_pt <= style.COLUMN_IN * 72 + 10


def test_kind_colours_only(produced):
    """Boxes are filled and outlined only in the palette's kind colours (plus the ink and muted greys)."""
    _, directory = produced
    allowed = {c.lower() for c in style.KIND_COLORS.values()} | {c.lower() for c in (*style.INK.values(),
                                                                                     *style.MUTED.values())}
    for name in ("attention", "layer", "neuron", "mixture-of-experts", "lora"):
        for theme in ("light", "dark"):
            svg = (directory / "figures" / f"{name}-{theme}.svg").read_text()
            used = {c.lower() for c in re.findall(r"(?:fill|stroke):\s*(#[0-9a-fA-F]{6})", svg)}
            assert used, f"{name}-{theme}: no fill or stroke colour found; has the SVG's syntax changed?"
            assert used <= allowed, f"{name}-{theme}: colours outside the palette {sorted(used - allowed)}"


def test_a_parameter_without_a_page_word_stops_the_diagram():
    class Odd(nn.Module):
        def __init__(self):
            super().__init__()
            self.q_proj = nn.Linear(4, 4, bias=False, device="meta")
            self.mystery = nn.Parameter(torch.empty(3, device="meta"))

    with pytest.raises(KeyError, match="mystery"):
        module_boxes.read(Odd())


def test_overlapping_labels_are_refused():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with plt.rc_context(style.rc("light")):
        c = module_boxes.Canvas(3, 1)
        c.text(1.5, 0.5, "query")
        c.text(1.55, 0.5, "key")
        with pytest.raises(ValueError, match="overlap"):
            c.finish()
        plt.close(c.fig)


@pytest.mark.parametrize("name", ["attention", "layer", "neuron", "mixture-of-experts", "lora"])
def test_phone_drawing_shows_the_same_numbers_legibly(produced, name):
    """The phone's drawing (PHONE inches wide) carries every count and shape of the column's, and its text is at
    least 11 px in a 375 px phone's 343 px column."""
    manifest, directory = produced
    assert manifest["figures"][name]["narrow"], f"{name}: no phone drawing"
    for theme in ("light", "dark"):
        numbers = [set(re.findall(r"\d[\d,]*", " ".join(svg_texts(directory, variant, theme))))
                   for variant in (name, f"{name}-narrow")]
        assert numbers[0] == numbers[1], f"{name}-{theme}: only on one variant: {sorted(numbers[0] ^ numbers[1])}"
        svg = (directory / "figures" / f"{name}-narrow-{theme}.svg").read_text()
        width_pt = float(re.search(r'<svg[^>]*?width="([\d.]+)pt"', svg)[1])
        smallest = min(float(s) for s in re.findall(r"font-size:\s*([\d.]+)px", svg))
        assert smallest * min(343, width_pt * 4 / 3) / width_pt >= 11, f"{name}-{theme}: {smallest} pt"


def test_layout_rows_tile_their_span_and_lines_break_where_they_read_best():
    """figures.layout: boxes side by side fill their span exactly, `gap` apart, in proportion to their weights;
    a long line breaks before its sum or after its colon, never inside a shape, and only when it must."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    spans = layout.row(0.1, 5.1, [576, 192, 192], 0.1)
    assert spans[0][0] == 0.1 and abs(spans[-1][0] + spans[-1][1] - 5.1) < 1e-9
    assert all(abs(a[0] + a[1] + 0.1 - b[0]) < 1e-9 for a, b in zip(spans, spans[1:]))
    assert abs(spans[0][1] - 3 * spans[1][1]) < 1e-9
    with plt.rc_context(style.rc("light")):
        total = "One neuron: 576 + 576 + 576 = 1,728 parameters"
        assert layout.wrap(total, 6.0, 10.5, bold=True) == [total]
        assert layout.wrap(total, 3.4, 10.5, bold=True) == ["One neuron: 576 + 576 + 576", "= 1,728 parameters"]
        scores = "scores: each query against every key"
        assert layout.wrap(scores, 2.4, 10) == ["scores:", "each query against every key"]
        assert all("576 × 576" in line or "576" not in line
                   for line in layout.wrap("query 576 × 576 weights, read once", 1.0, 10))

