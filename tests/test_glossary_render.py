"""glossary.render, the Markdown the glossary adds to pages, without MkDocs: pure functions of parsed front matter
(paramscope.glossary.model, as glossary.meta reads it), which the `paramscope-glossary` plugin only calls from its
events."""
import subprocess
import sys

from paramscope.glossary import meta, model, render


def _page(rel: str, front: str, body: str = "# Title\n") -> model.Page:
    page, problems = meta.read_page(f"---\n{front}\n---\n{body}", f"docs/{rel}", rel)
    assert problems == []
    return page


def test_render_imports_no_mkdocs():
    code = "import sys, paramscope.glossary.render; print(any(m.split('.')[0] == 'mkdocs' for m in sys.modules))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"


def test_the_reading_path_is_the_navs_order_with_each_pages_line_and_one_stop():
    pages = {
        "glossary/a.md": _page("glossary/a.md", 'term: A\nsummary: The first.\npath_line: "what a is."'),
        "glossary/b.md": _page("glossary/b.md", 'term: B\nsummary: The second.\npath_line: "what b is."\n'
                                                'path_stop: >-\n  You know enough\n  now.'),
        "glossary/c.md": _page("glossary/c.md", 'term: C\nsummary: The third.'),
    }
    entries = [("Bee", "glossary/b.md"), ("A", "glossary/a.md"), ("C", "glossary/c.md")]
    assert render.reading_path(entries, pages) == (
        "1. **[Bee](glossary/b.md)**: what b is.\n\n"
        "    **[You can stop here](glossary/b.md#stop-here).** You know enough now.\n"
        "    { .ps-stop }\n\n"
        "2. **[A](glossary/a.md)**: what a is.\n"
        "3. **[C](glossary/c.md)**")   # no path_line yet: `paramscope check` asks for one
    assert render.reading_path(entries[:1], pages, "about/index.md").startswith("1. **[Bee](../glossary/b.md)**")


def test_index_lists_terms_by_letter_with_links_and_ids():
    alpha = _page("glossary/alpha.md", "term: Alpha\nsummary: The first.\nsections:\n  - term: Apex\n"
                                       "    anchor: apex\n    summary: The top.")
    pages = {"alpha": alpha}
    text = render.index_markdown(model.terms([alpha]), pages)
    assert text.split("\n\n") == [
        "[A](#a)", "## A",
        "- [**Alpha**](alpha.md){ #alpha }: The first.\n- [**Apex**](alpha.md#apex){ #apex } *(in Alpha)*: The top."]


def test_also_called_skips_plurals_and_spellings_and_goes_under_the_heading():
    page = _page("glossary/weight.md", "term: Weight\nsummary: A number.\naliases: [weights, Weight-matrix, kernel]",
                 "# Weight\n\nText.\n")
    assert render.also_called(page.term) == "*Also called:* Weight-matrix, kernel."
    assert render.insert_aliases(page.body, page) == "# Weight\n\n*Also called:* Weight-matrix, kernel.\n\n\nText.\n"


def test_related_terms_and_footnotes():
    pages = {slug: _page(f"glossary/{slug}.md", f"term: {slug.title()}\nsummary: About {slug}.")
             for slug in ("bias", "weight")}
    assert render.related_markdown("bias", pages, {"bias": ["weight"]}) == \
        "\n\n## Related terms\n\n- [Weight](weight.md): About weight.\n"
    assert render.related_markdown("weight", pages, {}) == ""
    assert render.footnotes({"sources": {"paper": "A (2020), B. https://example.org/b."}}) == \
        "\n\n[^paper]: A (2020), B. <https://example.org/b>.\n"
    assert render.footnotes({}) == ""


def test_footnotes_count_from_the_open_text():
    """Python-Markdown numbers notes in the order of their definitions, so they are written in the order a reader
    meets them: cited in the open text first (by first citation), then cited only in a fold, then never cited."""
    markdown = ("Intro.\n\n??? note \"More\"\n\n    Folded.[^folded]\n\n"
                "<details markdown>\n<summary>Also</summary>\n\nInside.[^inside]\n\n</details>\n\n"
                "Open.[^second] And [^first] is cited here and in code, `[^code]`.[^first]\n")
    keys = ["unused", "folded", "first", "inside", "second", "code"]
    assert render.reading_order(markdown, keys) == ["second", "first", "folded", "inside", "unused", "code"]
    sources = {key: f"A (2020), {key}. https://example.org/{key}" for key in ("folded", "second")}
    assert render.footnotes({"sources": sources}, markdown).split("\n")[2].startswith("[^second]:")
