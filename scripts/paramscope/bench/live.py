"""The models in the browser: shipped bytes, export time, and in headless Chromium on this machine the time from the
click to the first result and per request after it (the built site served from 127.0.0.1)."""
import json
import tempfile
from pathlib import Path

import torch

from paramscope.bench.report import line

PROMPT = "The quick brown fox jumps over the lazy dog and"  # 10 tokens for SmolLM2's tokenizer
# a story of about 250 tokens; its two openings differ in the first token, so the second reuses nothing cached
STORY = " ".join(f"On day {d} the keeper climbed the stairs, trimmed the wick and watched the ships."
                 for d in range(14))
OPENINGS = ("Once, ", "Long ago, ")
WORDS = ["table", "chair", "astronaut", "moon", "apple", "king", "queen", "galaxy", "lemon", "desk"]


def bench() -> list[str]:
    from paramscope.bench import localsite
    from paramscope_generator.api import current_outputs, find_project

    current = current_outputs("live", find_project())  # the project of the working directory
    if current is None:
        raise RuntimeError("the live producer has no outputs yet: run `paramscope compute --only live`")
    models = json.loads((current / "data" / "models.json").read_text())
    lines = [line("live", f"{key} shipped model bytes", models[key]["bytes"] / 1e6, "MB")
             for key in ("smollm2", "minilm")]
    lines += [line("live", f"{key} largest file", max(models[key]["files"].values()) / 1e6, "MB", 100.0)
              for key in ("smollm2", "minilm")]
    meta = json.loads((current / "meta.json").read_text())
    lines.append(line("live", "live producer, cold (export, files)", meta.get("seconds", float("nan")), "s", 60.0))
    lines += _export_times()
    site = localsite.ensure_built()
    lines += _browser(site)
    return lines


def _export_times() -> list[str]:
    from paramscope.checkpoints import export, minilm, smollm2
    from paramscope_generator.api import find_project
    cache = find_project().cache  # the project of the working directory
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # as the generator runs producers
    try:
        lm, mini = smollm2.load(cache=cache), minilm.load(cache)
        with tempfile.TemporaryDirectory() as tmp:
            small = export.export_smollm2(lm, Path(tmp) / "smollm2.onnx")["seconds"]
            enc = export.export_minilm(mini, Path(tmp) / "minilm.onnx")["seconds"]
    finally:
        torch.set_num_threads(threads)
    return [line("live", "SmolLM2 export (torch.onnx + 4-bit blocks)", small, "s"),
            line("live", "MiniLM export (torch.onnx + float16)", enc, "s")]


CLICK_TO_FIRST = """async ([selector, done]) => {
  const t0 = performance.now();
  document.querySelector(selector + ' .ps-live__button').click();
  while (!document.querySelector(done)) await new Promise(r => setTimeout(r, 20));
  return (performance.now() - t0) / 1000;
}"""
# Each run's prompt starts with another token ("1 The quick...", "2 The quick..."), so the KV cache holds nothing of it.
PER_PROMPT = """async (p) => { await window.paramscope.nextToken('0 ' + p); const times = [];
  for (let i = 1; i <= 3; i++) { const t = performance.now(); await window.paramscope.nextToken(i + ' ' + p);
    times.push(performance.now() - t); }
  return Math.min(...times) / 1000; }"""
# One next-token distribution of a long prompt, then generate() of 32 tokens after another such prompt (its prompt
# read once, then one token per step from the KV cache); greedy, so the 32 tokens do not depend on a seed.
CACHE = """async ([a, b]) => { let t = performance.now(); await window.paramscope.nextToken(a);
  const one = performance.now() - t; t = performance.now();
  const g = await window.paramscope.generate(b, {temperature: 0, maxTokens: 32});
  return {one: one / 1000, generate: (performance.now() - t) / 1000, tokens: g.ids.length}; }"""
# The longest wait between two runs of a 10 ms timer on the page's main thread (the models run in a worker).
WATCH = """() => { const w = window.__watch = {max: 0, last: performance.now()};
  const tick = () => { const now = performance.now(); w.max = Math.max(w.max, now - w.last); w.last = now;
                       w.timer = setTimeout(tick, 10); };
  tick(); }"""
PER_WORD = """async (words) => { await window.paramscope.embed(words[0]); const t = performance.now();
  for (const w of words) await window.paramscope.embed(w);
  return (performance.now() - t) / 1000 / words.length; }"""


def _browser(site) -> list[str]:
    from playwright.sync_api import sync_playwright

    from paramscope.bench import localsite
    lines = []
    with localsite.serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(localsite.chromium()), headless=True,
                                    args=localsite.CHROMIUM_ARGS)
        try:
            for path, selector, done, key in (
                    ("glossary/generation-settings/", ".ps-live-next", ".ps-live-next .ps-live__table tbody tr",
                     "SmolLM2"),
                    ("glossary/embedding/", ".ps-live-embed", ".ps-live-embed svg circle", "MiniLM")):
                context = browser.new_context(service_workers="block")
                page = context.new_page()
                page.set_default_timeout(180_000)
                page.goto(url + path, wait_until="load")
                page.wait_for_load_state("networkidle")
                page.wait_for_selector(selector + " .ps-live__button")
                page.wait_for_function(f"() => /MB/.test(document.querySelector('{selector} .ps-live__button')"
                                       ".textContent)")
                label = float(page.locator(selector + " .ps-live__button").text_content().split("(")[1].split()[0])
                sizes = {}
                context.on("requestfinished", lambda r: sizes.__setitem__(r.url, r.sizes()["responseBodySize"]))
                page.evaluate(WATCH)
                seconds = page.evaluate(CLICK_TO_FIRST, [selector, done])
                target = 15.0 if key == "SmolLM2" else 3.0
                lines.append(line("live", f"{key} click to first result (Chromium)", seconds, "s", target))
                fetched = sum(n for u, n in sizes.items() if "/data/live/" in u or "live-worker" in u) / 1e6
                lines.append(line("live", f"{key} Load label vs fetched ({label:.0f} vs {fetched:.1f} MB)",
                                  abs(label - fetched) / fetched * 100, "%", 5.0))
                if key == "SmolLM2":
                    lines.append(line("live", "SmolLM2 one distribution, 10-token prompt",
                                      page.evaluate(PER_PROMPT, PROMPT), "s", 1.0))
                    got = page.evaluate(CACHE, [OPENINGS[0] + STORY, OPENINGS[1] + STORY])
                    lines.append(line("live", "SmolLM2 one distribution, 250-token prompt", got["one"], "s"))
                    lines.append(line("live", f"SmolLM2 {got['tokens']} new tokens after it (KV cache), x one",
                                      got["generate"] / got["one"], "x", 4.0))
                else:
                    lines.append(line("live", "MiniLM embedding per word", page.evaluate(PER_WORD, WORDS) * 1000,
                                      "ms", 100.0))
                gap = page.evaluate("() => { clearTimeout(window.__watch.timer); return window.__watch.max; }")
                lines.append(line("live", f"{key} longest main-thread wait (load, runs)", gap, "ms", 200.0))
                context.close()
        finally:
            browser.close()
    return lines
