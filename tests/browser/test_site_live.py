"""The models in the reader's browser: SmolLM2's next token on the Generation settings page and MiniLM's embedding on
the Embedding page, loaded on a click, agreeing with the command line (`paramscope next-token`, `paramscope embed`),
after instant navigation too, with no request to another host, and failing in one line when a model file is bad."""
import json
import math
import sys
from pathlib import Path

import pytest

from paramscope.data.prompts import CAPITAL

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from support import PROJECT, paramscope  # noqa: E402

pytestmark = pytest.mark.browser

NEXT = "glossary/generation-settings/"
EMBED = "glossary/embedding/"
PROMPTS = [CAPITAL, "Once upon a time, there was a", "def fibonacci(n):", "My favourite food is"]
SETTINGS = [({"temperature": 0.7, "topK": 40}, ["--temperature", "0.7", "--top-k", "40"]),
            ({"topP": 0.9, "minP": 0.05}, ["--top-p", "0.9", "--min-p", "0.05"])]
WORDS = ["table", "astronaut", "A man is playing a guitar.", "antidisestablishmentarianism", "café au lait"]
LOAD_MS = 120_000
HEAVY = (".onnx", ".data", ".wasm", ".mjs", "tokenizer.json")


def cli_next(prompt: str, flags: list[str] = ()) -> list[dict]:
    done = paramscope("next-token", prompt, "--json", "--show", "5", *flags)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["tokens"]


def cli_embed(text: str) -> list[float]:
    done = paramscope("embed", text, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["vector"]


def agree(browser: list[dict], cli: list[dict], what: str) -> None:
    assert browser[0]["id"] == cli[0]["id"], f"{what}: top-1 {browser[0]} vs CLI {cli[0]}"
    ours = {t["id"]: t["p"] for t in browser}
    assert len(set(list(ours)[:5]) & {t["id"] for t in cli[:5]}) >= 4, f"{what}: top-5 {browser[:5]} vs {cli}"
    for t in cli[:5]:
        assert abs(ours.get(t["id"], 0.0) - t["p"]) <= 0.02, f"{what}: p of {t['token']!r}"
    ps = [t["p"] for t in browser]
    assert ps == sorted(ps, reverse=True) and len(browser) >= min(50, len(browser))


def heavy_requests(page) -> list[str]:
    seen = []
    page.on("request", lambda r: seen.append(r.url) if r.url.endswith(HEAVY) else None)
    return seen


def click_load(page, selector: str) -> None:
    button = page.locator(f"{selector} .ps-live__button")
    button.wait_for(timeout=10_000)
    page.wait_for_function(f"() => /^Load the model \\(\\d+ MB\\)$/.test("
                           f"document.querySelector('{selector} .ps-live__button').textContent)", timeout=10_000)
    button.click()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_next_token_widget_and_interface_agree_with_the_cli(visit, scheme):
    v = visit(NEXT, color_scheme=scheme)
    page = v.page
    heavy = heavy_requests(page)
    page.wait_for_timeout(500)
    assert not heavy, f"model files requested before the click: {heavy}"
    click_load(page, ".ps-live-next")
    page.wait_for_selector(".ps-live-next .ps-live__table tbody tr", timeout=LOAD_MS)
    assert heavy, "the click downloaded nothing"
    # type a prompt, press Enter, read the table
    box = page.locator(".ps-live-next textarea")
    box.fill(PROMPTS[0])
    before = page.locator(".ps-live-next .ps-live__summary").text_content()
    box.press("Enter")
    page.wait_for_function("""() => { const s = document.querySelector('.ps-live-next .ps-live__summary');
        return s && s.textContent.startsWith('5 prompt tokens') && !s.textContent.startsWith('Computing'); }""",
                           timeout=30_000)
    cli = cli_next(PROMPTS[0])
    first = page.locator(".ps-live-next .ps-live__table tbody tr td").first.text_content()
    assert json.loads(first) == cli[0]["token"], (first, cli[0], before)
    # continue at temperature 0 appends the most likely token
    page.evaluate("""() => { const t = document.querySelector('.ps-live-next input[name=temperature]');
        t.value = 0; t.dispatchEvent(new Event('input')); }""")
    page.locator(".ps-live-next button", has_text="Continue").click()
    page.wait_for_function("() => document.querySelector('.ps-live-next .ps-live__written').textContent",
                           timeout=30_000)
    # the prompt box keeps the prompt as typed; the token is shown after it, below
    assert page.locator(".ps-live-next textarea").input_value() == PROMPTS[0]
    assert page.locator(".ps-live-next .ps-live__given").text_content() == PROMPTS[0]
    assert page.locator(".ps-live-next .ps-live__written").text_content() == cli[0]["token"]
    if scheme == "light":
        for prompt in PROMPTS:
            got = page.evaluate("p => window.paramscope.nextToken(p)", prompt)
            assert len(got) >= 50
            agree(got, cli_next(prompt), prompt)
        for settings, flags in SETTINGS:
            got = page.evaluate("([p, s]) => window.paramscope.nextToken(p, s)", [PROMPTS[1], settings])
            agree(got, cli_next(PROMPTS[1], flags), f"{PROMPTS[1]} {settings}")
    assert not v.problems()


def site_vocabulary(page) -> list[str]:
    return page.evaluate("() => fetch(new URL('../../data/vocabulary/words.json', location.href)).then(r => r.json())"
                         ".then(d => d.words)")


def torch_neighbours_agree(text: str, shown: list[str], words: list[str]) -> bool:
    """Whether `shown` are the five nearest of `words` to `text` by torch's float embeddings (the words re-encoded
    here by the tokenizer, [CLS] word [SEP], one batch; ties within 0.005, the widget's two decimals, may fall
    either way)."""
    import torch

    from paramscope.checkpoints import export, minilm
    mini = minilm.load(PROJECT.cache)
    vec = export.sentence_embedding(mini.model, mini.encode(text))
    ids = [mini.encode(w) for w in words]
    assert {len(i) for i in ids} == {3}, "a shipped word is not one token"
    with torch.no_grad():
        rows = export.SentenceGraph(mini.model)(torch.tensor(ids))
    scores = {w: float(s) for w, s in zip(words, rows @ vec) if w != text}
    fifth = sorted(scores.values(), reverse=True)[4]
    assert all(scores[w] >= fifth - 0.005 for w in shown), (shown, sorted(scores, key=scores.get)[-5:])
    return True


def test_embedding_widget_and_interface_agree_with_the_cli(visit):
    v = visit(EMBED, color_scheme="dark")
    page = v.page
    heavy = heavy_requests(page)
    page.wait_for_timeout(500)
    assert not heavy, f"model files requested before the click: {heavy}"
    click_load(page, ".ps-live-embed")
    page.wait_for_selector(".ps-live-embed svg circle", timeout=LOAD_MS)
    box = page.locator(".ps-live-embed input").first
    box.fill("the moon and the stars")
    box.press("Enter")
    page.wait_for_function("() => document.querySelector('.ps-live-embed .ps-live__summary').textContent"
                           ".includes('the moon and the stars')", timeout=30_000)
    text = page.locator(".ps-live-embed .ps-live__summary").first.text_content()
    assert "(0." in text and page.locator(".ps-live-embed .ps-live__you").count() == 1
    # the neighbours come from MiniLM's vocabulary, and are torch's: each listed word is within the shown two
    # decimals of torch's fifth nearest, ranking the same words embedded one at a time in Python
    assert "among MiniLM's 3,000 most common whole words" in text, text
    listed = text.split("cosine similarity over all 384 numbers): ")[1].split(". Of the page's")[0]
    shown = [part.rsplit(" (", 1)[0] for part in listed.split(", ")]
    assert len(shown) == 5, listed
    assert torch_neighbours_agree("the moon and the stars", shown, site_vocabulary(page))
    for word in WORDS:
        got = page.evaluate("t => window.paramscope.embed(t).then(v => [v.constructor.name, Array.from(v)])", word)
        assert got[0] == "Float32Array" and len(got[1]) == 384
        want = cli_embed(word)
        cos = sum(a * b for a, b in zip(got[1], want))
        assert math.isclose(sum(a * a for a in got[1]), 1, abs_tol=1e-4)
        assert cos >= 0.99, (word, cos)
    assert not v.problems()


def test_live_models_after_instant_navigation(visit):
    v = visit("")
    page = v.page
    page.evaluate("window.__loadedOnce = true")
    page.locator(f'article a[href*="{EMBED}"]').first.click()
    page.wait_for_url(f"**/{EMBED}*")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__loadedOnce === true"), "the link reloaded the page: instant navigation is off"
    click_load(page, ".ps-live-embed")
    page.wait_for_selector(".ps-live-embed svg circle", timeout=LOAD_MS)
    got = page.evaluate("() => window.paramscope.embed('table').then(v => Array.from(v))")
    assert sum(a * b for a, b in zip(got, cli_embed("table"))) >= 0.99
    assert not v.problems()


@pytest.mark.parametrize("damage", ["missing", "damaged"])
def test_a_bad_model_file_says_so_in_one_line_and_the_explorer_works(visit, damage):
    v = visit(NEXT)
    page = v.page
    if damage == "missing":
        page.route("**/data/live/smollm2.onnx", lambda route: route.fulfill(status=404, body="not found"))
    else:
        page.route("**/data/live/smollm2.onnx", lambda route: route.fulfill(status=200, body=b"\x08\x07" * 4096))
    click_load(page, ".ps-live-next")
    status = page.locator(".ps-live-next .ps-live__status")
    page.wait_for_function("() => document.querySelector('.ps-live-next .ps-live__status').textContent"
                           ".startsWith('Could not load')", timeout=LOAD_MS)
    assert "\n" not in status.text_content().strip()
    assert page.locator(".ps-live-next .ps-live__button").is_enabled(), "no second try offered"
    # the fixed explorer still responds
    summary = page.locator(".ps-explorer .ps-explorer__summary")
    before = summary.text_content()
    slider = page.locator(".ps-explorer input[name=temperature]")
    slider.focus()
    page.keyboard.press("Home")
    page.wait_for_function("s => document.querySelector('.ps-explorer .ps-explorer__summary').textContent !== s",
                           arg=before, timeout=5_000)
    errors = [e for e in v.errors if "smollm2.onnx" not in e and "404" not in e and "protobuf" not in e.lower()]
    assert not errors and not v.foreign, (errors, v.foreign)


# Counts the embedding jobs the page sends its worker from here on (window.__embeds), whatever module sends them.
COUNT_EMBEDS = """() => { window.__embeds = 0; const send = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (m) { if (m && m.op === "embed") window.__embeds++;
                                                return send.apply(this, arguments); }; }"""


@pytest.mark.parametrize("text", ["", "   "])
def test_embedding_refuses_an_empty_text_in_one_line(visit, site, text):
    """A reader's finding: an empty box was embedded and placed ('In the picture "" lies nearest to shelf'). Empty
    or blank text is refused as the other widgets refuse bad input: one line, no model call, no point for it."""
    v = visit(EMBED)
    page = v.page
    click_load(page, ".ps-live-embed")
    page.wait_for_selector(".ps-live-embed .ps-live__you", timeout=LOAD_MS)
    page.evaluate(COUNT_EMBEDS)
    box = page.locator(".ps-live-embed input").first
    box.fill(text)
    box.press("Enter")
    summary = page.locator(".ps-live-embed .ps-live__summary").first
    page.wait_for_function("() => document.querySelector('.ps-live-embed .ps-live__summary').textContent"
                           ".includes('empty')", timeout=10_000)
    assert summary.inner_text() == "The text is empty: type at least one word.", summary.inner_text()
    assert page.evaluate("window.__embeds") == 0, "the model ran on an empty text"
    assert page.locator(".ps-live-embed .ps-live__you").count() == 0, "the empty text still has a point"
    words = json.loads((site / "data" / "live" / "projection.json").read_text(encoding="utf-8"))["words"]
    assert page.locator(".ps-live-embed svg circle").count() == len(words), "the page's words left the picture"
    assert page.inner_text(".ps-live-embed .ps-live__caveat") == ""
    box.fill("a wooden stool")   # a word again: embedded and placed as before
    box.press("Enter")
    page.wait_for_selector(".ps-live-embed .ps-live__you", timeout=30_000)
    assert page.evaluate("window.__embeds") >= 1
    assert not v.problems()
