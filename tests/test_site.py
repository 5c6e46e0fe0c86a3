"""The real site as built: nothing loaded from another host, facts published, every figure in both schemes,
and a second build from an empty cache gives the same bytes."""
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from support import ROOT, paramscope, tree_digest

# Attributes through which a browser fetches something while showing a page (links to other sites are fine).
FETCHING = {"script": ["src"], "img": ["src", "srcset"], "iframe": ["src"], "source": ["src", "srcset"],
            "video": ["src", "poster"], "audio": ["src"], "embed": ["src"], "object": ["data"],
            "link": ["href"], "image": ["href", "xlink:href"], "use": ["href", "xlink:href"]}
NAVIGATION_ONLY_LINKS = {"canonical", "alternate", "author", "license", "next", "prev", "search"}
REMOTE = re.compile(r"^(https?:)?//", re.I)


class Fetches(HTMLParser):
    def __init__(self):
        super().__init__()
        self.remote: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and set((attrs.get("rel") or "").split()) <= NAVIGATION_ONLY_LINKS and attrs.get("rel"):
            return
        for name in FETCHING.get(tag, []):
            for url in re.split(r",\s*", attrs.get(name) or ""):
                if REMOTE.match(url.strip()):
                    self.remote.append(f"<{tag} {name}={url.strip()}>")
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", attrs.get("style") or ""):
            if REMOTE.match(url):
                self.remote.append(f"<{tag} style=url({url})>")


def test_no_page_fetches_from_another_host(built_site: Path):
    problems = []
    for page in sorted(built_site.rglob("*.html")):
        parser = Fetches()
        parser.feed(page.read_text(errors="replace"))
        problems += [f"{page.relative_to(built_site)}: {r}" for r in parser.remote]
    for sheet in sorted(built_site.rglob("*.css")):
        for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^'\")]+)", sheet.read_text(errors="replace")):
            problems.append(f"{sheet.relative_to(built_site)}: url({url})")
    for sheet in sorted(built_site.rglob("*.css")):
        for url in re.findall(r"@import\s+['\"]((?:https?:)?//[^'\"]+)", sheet.read_text(errors="replace")):
            problems.append(f"{sheet.relative_to(built_site)}: @import {url}")
    assert not problems, "\n".join(problems)


def test_no_script_file_holds_up_the_first_paint(built_site: Path):
    """The head loads stylesheets only: script files wait until the page is parsed (mkdocs-glightbox's is moved
    next to its start-up script by paramscope.hooks; the widget scripts are deferred)."""
    problems = []
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text(errors="replace")
        head = html[: html.find("</head>")]
        problems += [f"{page.relative_to(built_site)}: <head> loads {src}"
                     for src in re.findall(r'<script[^>]* src="([^"]+)"', head)]
        if 'id="init-glightbox"' in html:
            lightbox = html.find("glightbox.min.js")
            if not 0 <= lightbox < html.find('id="init-glightbox"'):
                problems.append(f"{page.relative_to(built_site)}: glightbox.min.js is missing before its start-up")
    assert not problems, "\n".join(problems[:20])


def test_facts_and_figures_are_published(built_site: Path):
    facts = json.loads((built_site / "facts.json").read_text())
    assert facts["facts"], "facts.json lists no facts"
    images = set()
    for page in built_site.rglob("*.html"):
        images |= set(re.findall(r'src="([^"]*assets/figures/[^"#]+)#only-(?:light|dark)"', page.read_text()))
    assert images, "no page shows a computed figure"
    names = {Path(i).name for i in images}
    for name in names:  # every figure shown in one scheme is shown in the other too
        twin = name.replace("-light.", "-dark.") if "-light." in name else name.replace("-dark.", "-light.")
        assert twin in names, f"{name} has no {twin}"


@pytest.mark.slow
def test_clean_build_from_empty_cache_gives_same_bytes(built_site: Path, tmp_path: Path):
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", paramscope_epoch())
    proc = paramscope("build", "--site-dir", str(tmp_path / "site"), "--cache-dir", str(tmp_path / "cache"), env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    first, second = tree_digest(built_site), tree_digest(tmp_path / "site")
    differ = sorted(k for k in first.keys() | second.keys() if first.get(k) != second.get(k))
    assert not differ, f"{len(differ)} files differ between two builds, e.g. {differ[:10]}"


def paramscope_epoch() -> str:
    from paramscope_generator.commands.build import source_date_epoch

    return source_date_epoch(ROOT)
