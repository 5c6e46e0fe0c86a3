"""The live models as a reader uses them: off the main thread (a timer keeps firing while they load and
work, a Stop button ends them), a KV cache behind generate(), an honest Load label (within 5% of the bytes the browser
fetches), a tidy widget (an empty prompt clears the table, "�" explained, the text box grows, on a phone too), and
the Attention page's heat map and window.paramscope.attention agreeing with `paramscope attention`."""
import json
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from paramscope.bench import localsite
from paramscope.data.prompts import CAPITAL

from conftest import PHONE  # noqa: E402
from support import paramscope  # noqa: E402

pytestmark = pytest.mark.browser

NEXT = "glossary/generation-settings/"
ATTENTION = "glossary/attention/"
LOAD_MS = 240_000
# The page must not freeze (on the main thread this prompt froze it for 8.5 s); the 200 ms target itself is
# measured by `paramscope bench live`, not here, where a loaded machine stretches any timer.
GAP_MS = 2_000
# about 650 words, no page shows it: the prompt that froze the page for 8.5 s when the model ran on the main thread
LONG = " ".join(f"On day {d} the keeper climbed the stairs, trimmed the wick, wrote the weather in his log and "
                "watched the ships pass the rocks below the lighthouse." for d in range(25))
# sentences no page shows
SENTENCES = ["My sister's cat ignores everyone except the mailman.", "if (x > 3) { return y; }"]

# Records the longest time between two runs of a 10 ms timer, and long tasks, on the page's main thread.
WATCH = """() => { const w = window.__watch = {max: 0, last: performance.now(), long: 0};
  const tick = () => { const now = performance.now(); w.max = Math.max(w.max, now - w.last); w.last = now;
                       w.timer = setTimeout(tick, 10); };
  tick();
  new PerformanceObserver(l => l.getEntries().forEach(e => { w.long = Math.max(w.long, e.duration); }))
    .observe({type: "longtask", buffered: false}); }"""
GAPS = "() => { clearTimeout(window.__watch.timer); return window.__watch; }"


def fetched(page) -> dict:
    """url -> bytes over the wire of every request that finishes from here on (the page's and its worker's)."""
    sizes = {}
    page.context.on("requestfinished", lambda r: sizes.__setitem__(r.url, r.sizes()["responseBodySize"]))
    return sizes


def load(page, selector: str) -> str:
    button = page.locator(f"{selector} .ps-live__button")
    page.wait_for_function(f"() => /^Load the model \\(\\d+ MB\\)$/.test("
                           f"document.querySelector('{selector} .ps-live__button').textContent)", timeout=10_000)
    label = button.text_content()
    button.click()
    return label


def test_smollm2_loads_and_reads_a_long_prompt_off_the_main_thread(visit, site):
    v = visit(NEXT)
    page = v.page
    sizes = fetched(page)
    page.evaluate(WATCH)
    label = load(page, ".ps-live-next")
    page.wait_for_selector(".ps-live-next .ps-live__table tbody tr", timeout=LOAD_MS)
    # the label states what the click downloads, runtime included
    mb = int(label.split("(")[1].split()[0])
    after = [u for u in sizes if "/data/live/" in u or "live-worker" in u]  # what the click brought
    assert any(u.endswith(".wasm") for u in after) and any(u.endswith("smollm2.data") for u in after), after
    decoded = sum(localsite.file_for(site, u).stat().st_size for u in after)
    wire = sum(sizes[u] for u in after)
    for what, n in (("decoded", decoded), ("transferred", wire)):
        assert abs(n / 1e6 - mb) <= 0.05 * n / 1e6, f"label {label!r} vs {n / 1e6:.1f} MB fetched ({what})"
    # a long prompt: the progress line and Stop show, the page keeps answering, the table arrives
    box = page.locator(".ps-live-next textarea")
    box.fill(LONG)
    box.press("Enter")
    page.wait_for_selector(".ps-live-next .ps-live__busy:not([hidden])", timeout=10_000)
    page.wait_for_function("() => document.querySelector('.ps-live-next .ps-live__progress-line').textContent"
                           ".startsWith('Reading the prompt')", timeout=60_000)
    slider = page.locator(".ps-explorer input[name=temperature]")
    before = page.locator(".ps-explorer .ps-explorer__summary").text_content()
    slider.focus()
    page.keyboard.press("Home")
    page.wait_for_function("s => document.querySelector('.ps-explorer .ps-explorer__summary').textContent !== s",
                           arg=before, timeout=2_000)  # the explorer answers while the model reads
    page.wait_for_selector(".ps-live-next .ps-live__busy[hidden]", state="attached", timeout=LOAD_MS)
    summary = page.locator(".ps-live-next .ps-live__summary").text_content()
    assert "prompt tokens" in summary, summary
    gaps = page.evaluate(GAPS)
    assert gaps["max"] < GAP_MS and gaps["long"] < GAP_MS, f"main thread blocked: {gaps}"
    assert not v.problems()


def test_write_keeps_the_prompt_shows_the_text_below_and_the_next_distribution_on_a_phone(visit):
    """Write on a 375 px phone: the prompt box keeps the prompt as typed, the 32 tokens appear below it (after the
    prompt, marked), and the table shows the distribution of the next token after them, saying so."""
    v = visit(NEXT, viewport=PHONE)
    page = v.page
    load(page, ".ps-live-next")
    page.wait_for_selector(".ps-live-next .ps-live__table tbody tr", timeout=LOAD_MS)
    page.evaluate(WATCH)
    box = page.locator(".ps-live-next textarea")
    prompt = box.input_value()
    assert prompt == CAPITAL, "the box opens on the running example, which the page gives it (data-prompt)"
    page.locator(".ps-live-next .ps-live__write").click()
    page.wait_for_function("() => { const s = document.querySelector('.ps-live-next .ps-live__summary').textContent;"
                           " return s.startsWith('Wrote') && s.includes('The table'); }", timeout=LOAD_MS)
    assert box.input_value() == prompt, "Write changed the reader's prompt"
    assert page.locator(".ps-live-next .ps-live__given").text_content() == prompt
    written = page.locator(".ps-live-next .ps-live__written").text_content()
    assert len(written) > 20, written
    summary = page.locator(".ps-live-next .ps-live__summary").text_content()
    assert "the next token after them" in summary, summary
    assert page.locator(".ps-live-next .ps-live__table tbody tr").count() >= 5, "the table is empty after Write"
    # a reader's finding: on a phone the controls stuck over the table; scrolled to, its rows are uncovered
    page.locator(".ps-live-next .ps-live__table tbody tr").nth(4).scroll_into_view_if_needed()
    covered = page.evaluate("""() => [...document.querySelectorAll('.ps-live-next .ps-live__table tbody tr')]
        .map(r => r.getBoundingClientRect()).filter(b => b.top >= 0 && b.bottom <= window.innerHeight)
        .map(b => document.elementFromPoint(b.left + 10, (b.top + b.bottom) / 2))
        .filter(e => !e.closest('.ps-live__table')).map(e => e.className)""")
    assert not covered, f"rows of the table covered on a phone by: {covered}"
    # the table is the distribution after prompt + written: the same as nextToken of that text
    top = page.evaluate("p => window.paramscope.nextToken(p)", prompt + written)
    first = page.locator(".ps-live-next .ps-live__table tbody tr td").first.text_content()
    assert json.loads(first) == top[0]["token"], (first, top[0])
    fits = page.evaluate("""() => { const c = document.querySelector('.ps-live-next .ps-live__continuation');
        const t = document.querySelector('.ps-live-next textarea');
        return [c.getBoundingClientRect().right, document.documentElement.clientWidth, t.scrollHeight, t.clientHeight,
                document.documentElement.scrollWidth]; }""")
    assert fits[0] <= fits[1] + 0.5 and fits[4] <= fits[1], f"the written text runs off the screen: {fits}"
    assert fits[2] <= fits[3] + 1, f"the prompt box scrolls inside: {fits}"
    # Continue adds one token to the written text; the prompt box still holds the prompt
    page.locator(".ps-live-next button", has_text="Continue").click()
    page.wait_for_function("w => document.querySelector('.ps-live-next .ps-live__written').textContent.length >"
                           " w.length", arg=written, timeout=30_000)
    assert page.locator(".ps-live-next .ps-live__written").text_content().startswith(written)
    assert box.input_value() == prompt
    # Stop ends a generation where it is
    box.fill(LONG)
    page.locator(".ps-live-next .ps-live__write").click()
    page.wait_for_selector(".ps-live-next .ps-live__busy:not([hidden])", timeout=10_000)
    page.locator(".ps-live-next .ps-live__stop").click()
    page.wait_for_function("() => /^Stopped/.test(document.querySelector('.ps-live-next .ps-live__summary')"
                           ".textContent)", timeout=60_000)
    gaps = page.evaluate(GAPS)
    assert gaps["max"] < GAP_MS, f"main thread blocked: {gaps}"
    assert not v.problems()


def test_a_prompt_sent_while_the_model_works_is_not_lost(visit):
    """Enter pressed while the opening prompt's distribution is still being computed (a reader types at once): the
    table then follows the typed prompt, not the opening one (a reader's finding: the prompt was dropped)."""
    v = visit(NEXT)
    page = v.page
    load(page, ".ps-live-next")
    box = page.locator(".ps-live-next textarea")
    box.wait_for(state="visible", timeout=LOAD_MS)   # shown once the model is loaded, with the opening prompt running
    box.fill(SENTENCES[0])
    box.press("Enter")
    top = page.evaluate("p => window.paramscope.nextToken(p)", SENTENCES[0])[0]["token"]
    page.wait_for_function("t => { const c = document.querySelector('.ps-live-next .ps-live__table tbody td');"
                           " return c !== null && JSON.parse(c.textContent) === t; }", arg=top, timeout=60_000)
    assert box.input_value() == SENTENCES[0]
    assert not v.problems()


def test_empty_prompt_clears_and_a_lone_byte_is_explained(visit):
    v = visit(NEXT)
    page = v.page
    load(page, ".ps-live-next")
    page.wait_for_selector(".ps-live-next .ps-live__table tbody tr", timeout=LOAD_MS)
    box = page.locator(".ps-live-next textarea")
    box.fill("")
    box.press("Enter")
    page.wait_for_function("() => document.querySelector('.ps-live-next .ps-live__summary').textContent"
                           ".includes('empty')", timeout=30_000)
    assert page.locator(".ps-live-next .ps-live__table tbody tr").count() == 0, "the old table stayed"
    assert page.locator(".ps-live-next .ps-live__note").is_hidden()
    box.fill("Emoji: 😀😀")  # the next token is a byte of the next emoji
    box.press("Enter")
    page.wait_for_selector(".ps-live-next .ps-live__table tbody tr", timeout=30_000)
    cells = page.locator(".ps-live-next .ps-live__table tbody td:first-child").all_text_contents()
    assert any("\ufffd" in json.loads(c) for c in cells), cells
    note = page.locator(".ps-live-next .ps-live__note")
    assert note.is_visible() and "byte" in note.text_content()
    # over the context: one line
    too_long = "a " * 8300
    err = page.evaluate("p => window.paramscope.nextToken(p).then(() => 'no error', e => e.message)", too_long)
    assert "at most 8,192" in err and "\n" not in err, err
    assert not v.problems()


def test_generate_interface(visit):
    v = visit(NEXT)
    page = v.page
    page.set_default_timeout(LOAD_MS)
    prompt = "The harbour master counted the boats:"
    greedy = page.evaluate("p => window.paramscope.generate(p, {temperature: 0, maxTokens: 8})", prompt)
    assert sorted(greedy) == ["ids", "text"] and len(greedy["ids"]) <= 8
    done = paramscope("generate", prompt, "--temperature", "0", "--max-new-tokens", "8", "--json")
    assert done.returncode == 0, done.stderr
    cli = [t["id"] for t in json.loads(done.stdout)["tokens"]]
    # the CLI's greedy is transformers' (test_generation)
    assert greedy["ids"] == [i for i in cli if i != 2], (greedy, cli)
    seeded = [page.evaluate("([p, s]) => window.paramscope.generate(p, {seed: s, maxTokens: 12})", [prompt, s])
              for s in (7, 7, 8)]
    assert seeded[0] == seeded[1] and seeded[0] != seeded[2]
    default = page.evaluate("p => window.paramscope.generate(p)", "Once upon a time")
    assert 1 <= len(default["ids"]) <= 32 and 2 not in default["ids"]
    first = page.evaluate("p => window.paramscope.nextToken(p, {temperature: 0})", prompt)
    assert first[0]["id"] == greedy["ids"][0]
    assert not v.problems()


def test_attention_page_and_interface_agree_with_the_cli(visit):
    v = visit(ATTENTION)
    page = v.page
    page.evaluate(WATCH)
    load(page, ".ps-live-attention")
    page.wait_for_function("() => /^Layer /.test((document.querySelector('.ps-live-attention .ps-live__summary')"
                           " || {}).textContent)", timeout=LOAD_MS)
    assert page.locator(".ps-live-attention select").count() == 3
    readout = page.locator(".ps-live-attention .ps-live__summary").text_content()
    # a reader's finding: the page promises " it" -> " animal", so the map opens on that row and names it first
    assert readout.startswith("Layer ") and '" it" (token ' in readout, readout
    assert readout.split("attends most to ")[1].startswith('" animal" ('), readout
    row = page.locator(".ps-live-attention select").nth(2)
    row.select_option(index=0)
    page.wait_for_function("() => document.querySelector('.ps-live-attention .ps-live__summary').textContent"
                           ".includes('(token 1) attends most to')")
    page.locator(".ps-live-attention select").nth(1).select_option(index=3)
    page.wait_for_function("() => document.querySelector('.ps-live-attention .ps-live__summary').textContent"
                           ".includes('head 4')")
    for sentence in SENTENCES:
        got = page.evaluate("p => window.paramscope.attention(p)", sentence)
        done = paramscope("attention", sentence, "--json")
        assert done.returncode == 0, done.stderr
        cli = json.loads(done.stdout)
        assert got["ids"] == cli["ids"] and got["tokens"] == cli["tokens"]
        att = np.array(got["attention"])
        T = len(got["ids"])
        assert att.shape == (30, 9, T, T)
        assert np.abs(att.sum(-1) - 1).max() < 1e-4 and np.triu(att, 1).max() == 0.0
        assert np.abs(att - np.array(cli["attention"])).max() < 1e-3, sentence
    err = page.evaluate("p => window.paramscope.attention(p).then(() => 'no error', e => e.message)", "word " * 200)
    assert "at most 128" in err and "\n" not in err
    text = page.locator(".ps-live-attention textarea")
    text.fill("word " * 200)
    text.press("Enter")
    page.wait_for_function("() => document.querySelector('.ps-live-attention .ps-live__summary').textContent"
                           ".includes('at most 128')", timeout=30_000)
    gaps = page.evaluate(GAPS)
    assert gaps["max"] < GAP_MS, f"main thread blocked: {gaps}"
    assert not v.problems()


def test_attention_on_a_phone_wraps_the_sentence_and_keeps_its_labels_level(visit):
    """On a 375 px phone the sentence wraps in a box as tall as its text, and the map numbers its tokens: the rows
    read "n token" on the left and the columns carry the numbers level along the top (no turned labels, whose
    height would make the map's drawing as tall as it is wide); a map wider than the column scrolls in its box."""
    v = visit(ATTENTION, viewport=PHONE)
    page = v.page
    load(page, ".ps-live-attention")
    page.wait_for_function("() => /^Layer /.test((document.querySelector('.ps-live-attention .ps-live__summary')"
                           " || {}).textContent)", timeout=LOAD_MS)
    box = page.locator(".ps-live-attention textarea")
    assert box.evaluate("t => t.scrollHeight <= t.clientHeight + 1"), "the sentence does not fit its box"
    size = page.evaluate("""() => { const c = document.querySelector('.ps-live-attention canvas');
        const f = c.parentNode; return {w: c.offsetWidth, h: c.offsetHeight, box: f.clientWidth,
                                        scrolls: getComputedStyle(f).overflowX}; }""")
    assert size["h"] < size["w"] - 20, f"the map's top labels are turned on a phone: {size}"
    assert size["w"] <= size["box"] or size["scrolls"] == "auto", size
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, "the page scrolls sideways"
    assert not v.problems()


def test_a_loaded_model_stays_loaded_across_pages(visit):
    """Material's instant navigation keeps the page's scripts and their worker: MiniLM loaded on the Embedding
    page, the reader follows links to Generation settings (whose SmolLM2 is not loaded: its box offers the Load
    button) and back, and the Embedding box is ready at once, with no button pressed and no model file fetched."""
    EMBED = "glossary/embedding/"
    v = visit(EMBED)
    page = v.page
    page.evaluate("() => { window.__samePage = true; }")   # gone if a link reloads the page instead
    load(page, ".ps-live-embed")
    page.wait_for_selector(".ps-live-embed svg circle", timeout=LOAD_MS)
    sizes = fetched(page)
    page.locator('a[href$="/generation-settings/"]').first.click()   # the sidebar's link
    page.wait_for_url("**/glossary/generation-settings/")
    page.wait_for_function("() => /^Load the model \\(\\d+ MB\\)$/.test((document.querySelector("
                           "'.ps-live-next .ps-live__button') || {}).textContent)", timeout=10_000)
    assert page.locator(".ps-live-next .ps-live__loader").is_visible(), "SmolLM2 is not loaded: its button shows"
    page.locator('a[href$="/embedding/"]').first.click()
    page.wait_for_url("**/glossary/embedding/")
    page.wait_for_selector(".ps-live-embed svg circle", timeout=30_000)
    assert page.evaluate("() => window.__samePage === true"), "the link reloaded the page: no instant navigation"
    assert page.locator(".ps-live-embed .ps-live__loader").is_hidden(), "the Load button shows again"
    assert not [u for u in sizes if u.endswith((".onnx", ".data", ".wasm"))], sorted(sizes)
    assert not v.problems()


# Each "Writing: n of 32 tokens" the busy line shows, with the written text shown below the prompt at that moment.
RECORD_WRITING = """() => { window.__writing = [];
  const line = document.querySelector('.ps-live-next .ps-live__progress-line');
  new MutationObserver(() => {
    const m = line.textContent.match(/^Writing: (\\d+) of (\\d+) tokens/);
    const box = document.querySelector('.ps-live-next .ps-live__continuation');
    if (m) window.__writing.push({n: Number(m[1]), shown: box.hidden ? "" :
      document.querySelector('.ps-live-next .ps-live__written').textContent});
  }).observe(line, {childList: true, characterData: true, subtree: true}); }"""


def test_write_shows_each_token_as_the_status_counts_it_on_a_phone(visit):
    """A reader's finding on a phone: the busy line read "Writing: 17 of 32 tokens" while one written token showed
    (Continue's; the text appeared only when all 32 were written). While Write works, the text below the prompt is
    the one the line counts: after n tokens, the first n of the text it ends with, which window.paramscope.generate
    writes from the same prompt and settings when asked for n tokens."""
    v = visit(NEXT, viewport=PHONE)
    page = v.page
    load(page, ".ps-live-next")
    page.wait_for_selector(".ps-live-next .ps-live__table tbody tr", timeout=LOAD_MS)
    prompt = page.locator(".ps-live-next textarea").input_value()
    page.locator(".ps-live-next button", has_text="Continue").click()   # one token shown before Write, as then
    page.wait_for_function("() => document.querySelector('.ps-live-next .ps-live__written').textContent.length > 0",
                           timeout=30_000)
    continued = page.locator(".ps-live-next .ps-live__written").text_content()
    page.wait_for_selector(".ps-live-next .ps-live__busy[hidden]", state="attached", timeout=30_000)
    page.evaluate(RECORD_WRITING)
    page.evaluate("""() => { const send = Worker.prototype.postMessage;   // the job Write sends: window.__generate
      Worker.prototype.postMessage = function (m) { if (m && m.op === "generate") window.__generate = m.args;
                                                    return send.apply(this, arguments); }; }""")
    page.locator(".ps-live-next .ps-live__write").click()
    page.wait_for_function("() => document.querySelector('.ps-live-next .ps-live__summary').textContent"
                           ".startsWith('Wrote')", timeout=LOAD_MS)
    final = page.locator(".ps-live-next .ps-live__written").text_content()
    seen = page.evaluate("window.__writing")
    assert len(seen) >= 8, f"the busy line counted too few tokens: {seen}"
    ns = [s["n"] for s in seen]
    assert ns == sorted(ns) and ns[-1] > 16, ns
    for s in seen:
        assert s["shown"].startswith(continued) and final.startswith(s["shown"]), s
    # the middle count against the interface: the same job (its text and settings, as the widget sent them) asked
    # for that many tokens writes exactly the text shown then
    start, options = page.evaluate("window.__generate")
    middle = seen[len(seen) // 2]
    assert middle["n"] > seen[0]["n"] and len(middle["shown"]) > len(seen[0]["shown"]), (seen[0], middle)
    again = page.evaluate("([p, s]) => window.paramscope.generate(p, s)",
                          [start, {**options, "maxTokens": middle["n"]}])
    assert len(again["ids"]) == middle["n"] and start + again["text"] == prompt + middle["shown"], (again, middle)
    assert not v.problems()


def test_a_long_sentence_fits_the_attention_map_on_a_phone(visit):
    """A reader's finding on a 375 px phone: the map of "The trophy did not fit in the suitcase because it was too
    big and heavy for the small car" lost its last column off the screen's edge. It fits the column, every column
    numbered or counted along the top; a sentence too long for any square to fit says that it scrolls, and a finger
    on the map may scroll it."""
    v = visit(ATTENTION, viewport=PHONE)
    page = v.page
    load(page, ".ps-live-attention")
    readout = ".ps-live-attention .ps-live__summary"
    page.wait_for_function(f"() => /^Layer /.test((document.querySelector('{readout}') || {{}}).textContent)",
                           timeout=LOAD_MS)
    box = page.locator(".ps-live-attention textarea")
    sizes = {}
    for name, sentence in (("long", "The trophy did not fit in the suitcase because it was too big and heavy for "
                                    "the small car"), ("longest", " ".join(["word"] * 100))):
        box.fill(sentence)
        box.press("Enter")
        page.wait_for_function(f"() => document.querySelector('{readout}').textContent.includes('attends most')"
                               f" && document.querySelector('.ps-live-attention select[id$=token]').options.length"
                               f" === {len(page.evaluate('s => window.paramscope.attention(s)', sentence)['tokens'])}",
                               timeout=30_000)
        sizes[name] = page.evaluate("""() => { const c = document.querySelector('.ps-live-attention canvas');
            const f = c.parentNode, hint = document.querySelector('.ps-live-attention .ps-scroll-hint');
            return {w: c.getBoundingClientRect().width, box: f.clientWidth, right: c.getBoundingClientRect().right,
                    screen: document.documentElement.clientWidth, touch: getComputedStyle(c).touchAction,
                    hint: hint.hidden ? null : hint.textContent, page: document.documentElement.scrollWidth}; }""")
    long, longest = sizes["long"], sizes["longest"]
    assert long["w"] <= long["box"] and long["right"] <= long["screen"], long
    assert long["hint"] is None, long
    assert longest["w"] > longest["box"] and longest["hint"] and "swipe it sideways" in longest["hint"], longest
    assert longest["touch"] != "none", longest
    assert long["page"] <= 375 and longest["page"] <= 375, sizes
    assert not v.problems()
