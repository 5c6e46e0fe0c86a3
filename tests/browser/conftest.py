"""Fixtures for the browser tests: the built site served on 127.0.0.1 and Debian's Chromium driven by Playwright."""
import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from paramscope.bench import localsite

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


@pytest.fixture(scope="session")
def base_url(site: Path) -> str:
    with localsite.serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the playwright package is missing: run scripts/install-browser.sh")
    try:
        executable = localsite.chromium()
    except localsite.ChromiumMissing as missing:
        pytest.fail(str(missing))
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(executable), headless=True, args=localsite.CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Visit:
    """A page opened in a fresh browser context, with everything that went wrong while it loaded."""
    page: object
    errors: list[str] = field(default_factory=list)     # console errors and uncaught exceptions
    foreign: list[str] = field(default_factory=list)    # requests to any host but the local server

    def problems(self) -> list[str]:
        return [f"console: {e}" for e in self.errors] + [f"request to another host: {u}" for u in self.foreign]


@pytest.fixture
def visit(browser, base_url):
    """visit(path, viewport=DESKTOP, color_scheme="light") -> Visit, the page loaded and settled."""
    with _visitor(browser, base_url) as open_:
        yield open_


@contextlib.contextmanager
def _visitor(browser, base_url):
    contexts = []
    local = urlsplit(base_url).netloc

    def open_(path: str, viewport: dict = DESKTOP, color_scheme: str = "light") -> Visit:
        context = browser.new_context(viewport=viewport, color_scheme=color_scheme, service_workers="block")
        contexts.append(context)
        page = context.new_page()
        v = Visit(page)
        page.on("console", lambda m: v.errors.append(f"{m.text} ({m.location.get('url', '')})")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: v.errors.append(f"uncaught {e}"))

        def on_request(request):
            parts = urlsplit(request.url)
            if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != local:
                v.foreign.append(request.url)
        page.on("request", on_request)
        # Block foreign requests as well as recording them: the test must not depend on (or wait for) the network.
        page.route(lambda url: urlsplit(url).netloc != local and urlsplit(url).scheme in ("http", "https"),
                   lambda route: route.abort())
        page.goto(base_url + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        return v

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def pages(site: Path) -> list[str]:
    return localsite.pages(site)


# What the per-page tests look at, gathered in one visit per page and viewport: headings, images, sideways
# scrolling, each table's box (test_site_reading) and the tooltips of each section.
SURVEY_JS = """() => {
  const vw = document.documentElement.clientWidth;
  const tables = [...document.querySelectorAll("article table")].filter(t => !t.closest(".ps-explorer"))
    .map(t => {
      const box = t.closest(".md-typeset__scrollwrap") || t;
      const r = box.getBoundingClientRect();
      const head = [...t.querySelectorAll("th")].map(th => th.textContent.trim()).join(" | ").slice(0, 60);
      return {head, clipped: box.scrollWidth - box.clientWidth, right: r.right};
    });
  const tooltips = [], inHeadings = [];
  let section = "(top)", seen = new Set();
  const walker = document.createTreeWalker(document.querySelector("article") || document.body, NodeFilter.SHOW_ELEMENT);
  for (let el = walker.nextNode(); el; el = walker.nextNode()) {
    if (/^H[12]$/.test(el.tagName)) { section = el.textContent.replace("¶", "").trim(); seen = new Set(); }
    if (el.tagName !== "ABBR") continue;
    const title = el.getAttribute("title") || el.getAttribute("data-title") || el.textContent;
    if (el.closest("h1,h2,h3,h4,h5,h6")) inHeadings.push(`${el.textContent} in a heading`);
    else if (seen.has(title)) tooltips.push(`${el.textContent} twice in section "${section}"`);
    seen.add(title);
  }
  return {
    tables, tooltips, inHeadings,
    headings: [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")]
      .map(h => ({level: Number(h.tagName[1]), text: h.textContent.replace("¶", "").trim()})),
    images: [...document.querySelectorAll("img")]
      .map(i => ({src: i.getAttribute("src"), alt: i.getAttribute("alt")})),
    viewport: vw,
    scrollWidth: document.documentElement.scrollWidth,
    wide: [...document.querySelectorAll("article img, article svg, article video, article canvas")]
      .filter(e => e.getClientRects().length && !e.closest("pre, .md-typeset__scrollwrap, .highlight"))
      .map(e => ({tag: e.tagName, src: e.getAttribute("src") || "", right: e.getBoundingClientRect().right}))
      .filter(e => e.right > vw + 0.5),
  };
}"""


def _survey(visit, pages, viewport):
    report = {}
    for path in pages:
        v = visit(path, viewport=viewport)
        v.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")   # lazy images load, at their size
        v.page.wait_for_load_state("networkidle")
        report[path] = {"problems": v.problems(), **v.page.evaluate(SURVEY_JS)}
        v.page.context.close()
    return report


@pytest.fixture(scope="session")
def desktop_survey(browser, base_url, pages):
    """{page: survey} with every page opened once at desktop width."""
    with _visitor(browser, base_url) as visit:
        return _survey(visit, pages, DESKTOP)


@pytest.fixture(scope="session")
def phone_survey(browser, base_url, pages):
    """{page: survey} with every page opened once at a 375-pixel-wide viewport."""
    with _visitor(browser, base_url) as visit:
        return _survey(visit, pages, PHONE)
