"""The reading path: the nav is the path, the home page lists it in order, every page is on it
or linked from a page that is. Read from mkdocs.yml and the built HTML; the footer chain is tested in Chromium."""
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from paramscope.bench import localsite

from support import PROJECT


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may carry Python tags; the nav needs none of them."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def nav() -> list:
    return yaml.load((PROJECT.root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)["nav"]


def reading_path() -> list[str]:
    """The docs files of the nav's "Reading path" section, in order."""
    section = next(e for e in nav() if isinstance(e, dict) and "Reading path" in e)["Reading path"]
    return [next(iter(e.values())) if isinstance(e, dict) else e for e in section]


def nav_files(entries) -> list[str]:
    found = []
    for e in entries:
        value = next(iter(e.values())) if isinstance(e, dict) else e
        found += nav_files(value) if isinstance(value, list) else [value]
    return found


class _Links(HTMLParser):
    """Links inside the page's <article> (its own text, not the nav or footer)."""

    def __init__(self):
        super().__init__()
        self.article = 0
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.article += 1
        elif tag == "a" and self.article:
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag):
        if tag == "article":
            self.article -= 1


def article_links(html: Path, site: Path) -> list[str]:
    """Site pages (URL paths like 'glossary/bias/') the article of a built page links to, in order."""
    parser = _Links()
    parser.feed(html.read_text(encoding="utf-8"))
    here = html.parent.relative_to(site).as_posix()
    found = []
    for href in parser.links:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        target = posixpath.normpath(posixpath.join(here, parts.path))
        target = "" if target == "." else target.removesuffix("index.html").rstrip("/") + "/"
        found.append(target.lstrip("/") if target != "/" else "")
    return found


def url_of(doc: str) -> str:
    """docs file -> URL path, as MkDocs writes it with directory URLs."""
    stem = doc.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index").removesuffix("index") + "/"


def test_the_nav_has_every_glossary_page_once_and_the_index_apart():
    files = nav_files(nav())
    assert len(files) == len(set(files)), f"a page is twice in the nav: {files}"
    pages = sorted(p.relative_to(PROJECT.docs).as_posix() for p in (PROJECT.docs / "glossary").glob("*.md"))
    path = reading_path()
    assert set(path) | {"glossary/index.md"} == set(pages), \
        f"the reading path and the glossary differ: {sorted(set(pages) ^ set(path))}"
    assert "glossary/index.md" in files and "glossary/index.md" not in path, "the A-Z glossary index is not in the nav"
    assert path[0] == "glossary/parameter.md" and path[-1] == "glossary/claims.md", path


def test_the_home_page_lists_the_whole_path_in_order(site):
    text = (site / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<h2 id="a-reading-path">.*?(<ol>.*?</ol>)', text, re.S)
    assert match, "the home page has no numbered list under 'A reading path'"
    listed = re.findall(r'<li>.*?<a href="([^"]+)"', match.group(1), re.S)   # each entry's first link
    listed = [url_of(posixpath.normpath(h.split("#")[0]).removesuffix("/") + "/index.md") for h in listed]
    wanted = [url_of(d) for d in reading_path()]
    assert listed == wanted, f"the home page lists the path as {listed}, the nav has {wanted}"


def test_the_glossary_index_still_lists_every_term_a_to_z(site):
    text = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    names = re.findall(r"<li><a[^>]*><strong>([^<]+)</strong></a>", text)
    assert len(names) >= len(reading_path()), f"the A-Z list has {len(names)} terms: {names}"
    assert names == sorted(names, key=str.casefold), f"the glossary index is not A-Z: {names}"


def test_every_page_is_on_the_path_or_linked_from_it(site):
    roots = {url_of(d) for d in nav_files(nav())}
    seen, todo = set(roots), list(roots)
    while todo:
        page = todo.pop()
        html = site / page / "index.html"
        if html.exists():
            for link in article_links(html, site):
                if link not in seen and (site / link / "index.html").exists():
                    seen.add(link)
                    todo.append(link)
    orphans = [p for p in localsite.pages(site) if p not in seen]
    assert not orphans, f"pages neither in the nav nor linked from a page that is: {orphans}"


def test_the_path_ends_on_its_last_page(site):
    """The footer's Next walks the path and stops there: no page of the path leads on to the glossary
    index, which stays in the nav (the generator's manual is off it: `not_in_nav`); the last page says where to go
    next."""
    path = reading_path()
    for doc in path[:-1]:
        html = (site / url_of(doc) / "index.html").read_text(encoding="utf-8")
        assert "md-footer__link--next" in html, f"{doc} has no footer Next"
    last = (site / url_of(path[-1]) / "index.html").read_text(encoding="utf-8")
    assert "md-footer__link--next" not in last, f"{path[-1]}, the path's last page, still has a footer Next"
    assert "md-footer__link--prev" in last, f"{path[-1]} lost its footer Previous"
    links = article_links(site / url_of(path[-1]) / "index.html", site)
    assert {"glossary/", "generator/", ""} <= set(links), f"{path[-1]} does not point to what comes next: {links}"
    index = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "md-footer__link--prev" in index, "the glossary index, outside the path, keeps Material's footer"
    assert (site / "generator" / "index.html").exists(), "the generator's manual, off the nav, is still built"


def test_the_generators_manual_is_off_the_readers_nav():
    """The manual is for people building a site: a reader's nav holds the path and the glossary only (mkdocs.yml
    lets it out with `not_in_nav`; a fold at the end of the home page and of the path's last page, and the README,
    link it)."""
    assert "generator.md" not in nav_files(nav()), "the generator's manual is back in the reader's nav"
    assert "](generator.md)" in (PROJECT.root / "docs" / "index.md").read_text(encoding="utf-8"), \
        "the home page no longer links the generator's manual"
