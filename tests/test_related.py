"""The "Related terms" list: the few pages most linked to a page, computed from the glossary's links."""
from pathlib import Path

from paramscope.glossary import meta, related


def _page(docs: Path, slug: str, related_to: list[str], body: str):
    front = (f"---\nterm: {slug.title()}\nsummary: The {slug} term, for the related list's test.\n"
             f"related: {related_to}\n---\n")
    (docs / "glossary" / f"{slug}.md").write_text(front + f"# {slug.title()}\n\n{body}\n")


def test_hub_keeps_only_the_most_linked(tmp_path):
    docs = tmp_path / "docs"
    (docs / "glossary").mkdir(parents=True)
    spokes = [f"s{i}" for i in range(9)]
    _page(docs, "hub", [], "See [s0](s0.md) and [s0 again](s0.md#x), and [s1](s1.md).")
    for s in spokes:  # every spoke names the hub, as every page names Parameter
        _page(docs, s, ["hub"], "Text.")
    pages = {p.slug: p for p in meta.load_glossary(docs, tmp_path)}
    closest = related.closest(pages, most=4)
    # s0: related (3) + two links (2) = 5; s1: 3 + 1 = 4; the rest 3 each, A-Z by term.
    assert closest["hub"] == ["s0", "s1", "s2", "s3"]
    assert closest["s5"] == ["hub"]  # both directions: s5 named the hub
    assert related.strengths(pages)["hub"]["s0"] == 5


def test_links_counts_sibling_pages_only():
    body = "[a](alpha.md) [b](alpha.md#x) [c](../index.md) [d](https://x.org/beta.md) `[e](beta.md)`"
    assert related.links(body)["alpha"] == 2
    assert "index" not in related.links(body)
