"""The parameter calculator on the Model size page: window.paramscope.count equals Python on every config the tests
use and every zoo entry, in Chromium; a zoo pick and a pasted config show counts; bad input shows one line."""
import json

import pytest

from paramscope.arch import ConfigError, counting

pytestmark = pytest.mark.browser

PAGE = "glossary/model-size/"
COUNT_ALL_JS = """async (configs) => {
  await window.paramscope.countReady();
  const out = {};
  for (const [name, cfg] of Object.entries(configs)) {
    try { out[name] = window.paramscope.count(cfg); } catch (e) { out[name] = {error: e.message}; }
  }
  return out;
}"""


def test_window_paramscope_count_equals_python(visit):
    from test_count_js import all_configs
    configs = all_configs()
    v = visit(PAGE)
    got = v.page.evaluate(COUNT_ALL_JS, configs)
    counted = 0
    for name, cfg in configs.items():
        try:
            py = counting.count(cfg)
        except ConfigError as e:
            assert got[name]["error"].split(": ")[0] == str(e).split(": ")[1], (name, got[name], str(e))
            continue
        if py.total >= 2**53:
            continue  # plain numbers are exact up to 2^53 (count.js keeps BigInts for the calculator itself)
        assert got[name] == {"total": py.total, "active": py.active, "breakdown": py.breakdown}, name
        counted += 1
    assert counted > 100
    assert not v.problems()


def test_the_calculator_counts_a_zoo_pick_and_refuses_bad_input_in_one_line(visit):
    v = visit(PAGE)
    page = v.page
    page.wait_for_selector(".ps-calculator select", timeout=10_000)
    page.select_option(".ps-calculator select", "mixtral-8x7b")
    assert "46,702,792,704" in page.inner_text(".ps-calculator__results")
    assert "12,879,925,248" in page.inner_text(".ps-calculator__results")
    area = page.locator(".ps-calculator textarea")
    area.fill(json.dumps({"model_type": "gpt2", "vocab_size": 50257, "n_embd": 768, "n_layer": 12, "n_head": 12,
                          "tie_word_embeddings": False}))
    assert "163,037,184" in page.inner_text(".ps-calculator__results")
    area.fill(json.dumps({"model_type": "llama", "hidden_size": 64, "num_attention_heads": 5,
                          "num_hidden_layers": 2, "vocab_size": 9}))
    error = page.inner_text(".ps-calculator__error").strip()
    assert error.startswith("config.json: num_attention_heads: ") and "\n" not in error
    assert page.inner_text(".ps-calculator__results").strip() == ""
    area.fill('{"model_type": ')
    assert page.inner_text(".ps-calculator__error").startswith("config.json: invalid JSON")
    assert not v.problems()


def test_the_calculator_names_every_missing_or_invalid_field_at_once(visit):
    """A pasted config that lacks three fields and has one wrong gets four lines, each naming its field and what to
    write there; the same config through window.paramscope.count lists the same four."""
    v = visit(PAGE)
    page = v.page
    page.wait_for_selector(".ps-calculator select", timeout=10_000)
    config = {"model_type": "llama", "hidden_size": "wide"}  # lacks num_hidden_layers, num_attention_heads, vocab_size
    page.locator(".ps-calculator textarea").fill(json.dumps(config))
    lines = page.inner_text(".ps-calculator__error").strip().split("\n")
    assert lines[0] == "config.json has 4 problems:", lines
    fields = [line.split(": ")[1] for line in lines[1:]]
    assert sorted(fields) == ["hidden_size", "num_attention_heads", "num_hidden_layers", "vocab_size"], lines
    assert all(line.startswith("config.json: ") for line in lines[1:])
    for line in lines[1:]:
        field = line.split(": ")[1]
        assert ("must be a positive integer, got \"wide\"" if field == "hidden_size"
                else f'missing (required): add "{field}" (a positive integer)') in line, line
    assert page.inner_text(".ps-calculator__results").strip() == ""
    listed = page.evaluate("""(cfg) => { try { window.paramscope.count(cfg); return null; }
                                          catch (e) { return e.problems.map((p) => p.field); } }""", config)
    assert listed == fields
    assert not v.problems()


def test_the_calculator_works_after_instant_navigation(visit):
    v = visit("")
    page = v.page
    page.evaluate("window.__loadedOnce = true")
    page.goto(page.url)  # a fresh start on the home page, then an in-site link as a reader follows it
    page.evaluate("window.__loadedOnce = true")
    page.evaluate(f"""() => {{ const a = document.createElement("a"); a.href = "{PAGE}"; a.id = "ps-go";
      a.textContent = "go"; document.querySelector("article").append(a); }}""")
    page.click("#ps-go")
    page.wait_for_url(f"**/{PAGE}*")
    page.wait_for_selector(".ps-calculator select", timeout=10_000)
    assert page.evaluate("window.__loadedOnce === true"), "the link reloaded the page: instant navigation is off"
    assert "parameters" in page.inner_text(".ps-calculator__results")
    assert not v.problems()


def test_the_calculator_puts_the_kv_cache_beside_the_weights(visit):
    """Context, batch and format change the KV cache's bytes as paramscope.arch.kv_bytes computes them (itself checked
    against transformers' DynamicCache in tests/test_kv_bytes.py)."""
    from paramscope.arch import kv_bytes, zoo
    from paramscope.data import accelerators
    v = visit(PAGE)
    page = v.page
    page.wait_for_selector(".ps-calculator select", timeout=10_000)
    for name, ctx, batch, fmt in (("llama-3-70b", 8192, 4, "bf16"), ("deepseek-v3", 100000, 1, "fp8"),
                                  ("gemma-2-9b", 32768, 2, "fp32")):
        page.select_option(".ps-calculator select", name)
        page.fill(".ps-calculator__run input[id$='-context']", str(ctx))
        page.fill(".ps-calculator__run input[id$='-batch']", str(batch))
        page.select_option(".ps-calculator__run select", fmt)
        kv = kv_bytes.kv_cache(zoo.get(name).config, ctx, batch, kv_bytes.VALUE_BYTES[fmt])
        text = page.inner_text(".ps-calculator__kv")
        assert f"{kv.bytes:,}" in text, (name, text)
        weights = counting.count(zoo.get(name).config).total * kv_bytes.VALUE_BYTES[fmt]
        assert f"{weights:,}" in text and f"{weights + kv.bytes:,}" in text
        # "will it run on my machine?": the devices of the Model size page that hold weights and cache, bytes to bytes
        note = page.inner_text(".ps-calculator__fits")
        fit, _, over = note.partition("oo big")
        for a in accelerators.ACCELERATORS:
            assert a.short + " (" in (fit if weights + kv.bytes <= a.bytes else over), (name, a.short, note)
    assert "slide over the last 4,096 tokens" in page.inner_text(".ps-calculator__kv-note")
    page.fill(".ps-calculator__run input[id$='-batch']", "0")
    assert "whole numbers" in page.inner_text(".ps-calculator__running")
    assert not v.problems()


# Each calculator table: its caption, the box around it, whether its heads line up with its cells (text columns by
# their left edge, number columns by their right edge), and whether one table sits inside another.
TABLES_JS = """() => [...document.querySelectorAll(".ps-calculator__results table")].map(t => {
  const heads = [...t.querySelectorAll("thead th")];
  const rows = [...t.querySelectorAll("tbody tr")];
  const misaligned = heads.flatMap((h, i) => rows.flatMap(r => {
    const c = r.children[i], hb = h.getBoundingClientRect(), cb = c.getBoundingClientRect();
    const num = h.classList.contains("ps-calculator__num");
    const hText = document.createRange(); hText.selectNodeContents(h);
    const cText = document.createRange(); cText.selectNodeContents(c);
    const a = hText.getBoundingClientRect(), b = cText.getBoundingClientRect();
    const off = num ? Math.abs(a.right - b.right) : Math.abs(a.left - b.left);
    const bad = off > 2 || Math.abs(hb.left - cb.left) > 1;
    return bad ? [`${h.textContent} / ${c.textContent}: ${off.toFixed(1)} px`] : [];
  }));
  const box = t.parentElement;
  return {caption: t.caption.textContent, nested: !!t.parentElement.closest("table"), misaligned,
          boxScrolls: box.classList.contains("ps-calculator__scroll") && getComputedStyle(box).overflowX === "auto",
          cue: getComputedStyle(box).backgroundImage.includes("gradient"),
          wide: box.scrollWidth > box.clientWidth + 1,
          hint: box.previousElementSibling && box.previousElementSibling.matches(".ps-scroll-hint")
                ? {shown: !box.previousElementSibling.hidden, text: box.previousElementSibling.textContent} : null,
          rows: rows.map(r => [...r.children].map(c => c.textContent))};
})"""


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_calculator_tables_are_separate_and_aligned(visit, viewport):
    """A reader's finding: the training row sat inside the weights' table and the heads were off their columns. Each
    table now stands alone in a box that scrolls sideways with a shadow cue; heads line up with their columns at
    1280 and 375 px; the page itself never scrolls sideways; the bytes are the counter's (paramscope.arch)."""
    from conftest import DESKTOP, PHONE
    v = visit(PAGE, viewport=PHONE if viewport == "phone" else DESKTOP)
    page = v.page
    page.wait_for_selector(".ps-calculator select", timeout=10_000)
    page.select_option(".ps-calculator select", "llama-3-70b")
    page.wait_for_timeout(300)  # the scroll lines update when their boxes are laid out (a ResizeObserver)
    tables = page.evaluate(TABLES_JS)
    captions = [t["caption"] for t in tables]
    assert captions == ["By kind", "Memory for the weights", "Memory to train it with Adam (16 bytes a parameter)",
                        "Memory to run it, in bf16"], captions
    for t in tables:
        assert not t["nested"] and t["boxScrolls"] and t["cue"], t
        # a reader's finding: "the GiB column shows 2,499.7 at the edge, with no cue that the table scrolls"
        assert t["hint"] is not None and t["hint"]["shown"] == t["wide"], t
        if t["wide"]:
            assert "columns off screen: swipe the table" in t["hint"]["text"], t
        assert not t["misaligned"], (t["caption"], t["misaligned"])
    from paramscope.arch import zoo
    memory = counting.count(zoo.get("llama-3-70b").config).memory
    weights, training = tables[1]["rows"], tables[2]["rows"]
    assert not any("Adam" in r[0] or "training" in r[0] for r in weights), weights
    assert training[0][2] == f"{memory['training']:,}", training
    from paramscope.checkpoints import storage
    total = counting.count(zoo.get("llama-3-70b").config).total
    assert [r[2] for r in weights] == [f"{memory[f]:,}" for f in ("fp32", "bf16", "fp8", "int4")] + [
        f"{storage.layout(f).bytes_for(total):,}" for f in storage.SHOWN], weights
    assert "bare" in weights[3][0] and "with scales" in weights[-1][0], weights
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert not v.problems()


def test_the_calculator_opens_on_a_decoder_and_lists_the_zoo_by_size(visit):
    """A reader's finding: the calculator opened on all-MiniLM-L6-v2 (an encoder: a KV cache of 0 bytes, on a page
    about an LLM's memory) and listed GPT-2 small, large, medium. It opens on SmolLM2-135M, the decoder the site runs
    throughout, with a KV cache of paramscope.arch.kv_bytes' size, and lists the zoo from the fewest parameters to
    the most, as paramscope.arch.counting counts them."""
    from paramscope.arch import kv_bytes, zoo
    v = visit(PAGE)
    page = v.page
    page.wait_for_selector(".ps-calculator__kv", timeout=10_000)
    assert page.input_value(".ps-calculator select") == "smollm2-135m"
    config = zoo.get("smollm2-135m").config
    assert f"{counting.count(config).total:,}" in page.inner_text(".ps-calculator__total")
    kv = kv_bytes.kv_cache(config, 4096, 1, kv_bytes.VALUE_BYTES["bf16"])
    assert kv.bytes > 0 and f"{kv.bytes:,}" in page.inner_text(".ps-calculator__kv")
    listed = page.eval_on_selector_all(".ps-calculator select[id$='-zoo'] option", "os => os.map(o => o.value)")
    assert listed[0] == "" and sorted(listed[1:]) == sorted(zoo.every()), listed
    totals = [counting.count(zoo.get(name).config).total for name in listed[1:]]
    assert totals == sorted(totals), list(zip(listed[1:], totals))
    gpt2 = [name for name in listed if name in ("gpt2", "gpt2-medium", "gpt2-large", "gpt2-xl")]
    assert gpt2 == ["gpt2", "gpt2-medium", "gpt2-large", "gpt2-xl"], gpt2
    assert not v.problems()
