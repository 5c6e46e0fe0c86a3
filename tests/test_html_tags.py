"""The plugins edit pages' HTML through the standard library's parser (paramscope_generator.html_tags), not
regular expressions. Each edit is held here against BeautifulSoup's reading of the same page: a tree built by
another library, so these tests do not compare our parser with itself."""
import re

import nbformat
import pytest
from bs4 import BeautifulSoup, Comment
from mkdocs_jupyter import nbconvert2

from paramscope.glossary.page_html import once_per_section
from paramscope_generator import html_tags
from paramscope_generator.mkdocs import notebook_pages

PAGE = ('<!DOCTYPE html>\n<h1 id="t">Title <abbr title="A &quot;weight&quot;.">W</abbr></h1>\n'
        '<p class="a b">x &amp; y &lt; z<br>\n<img alt="a &gt; b" src="f.svg"/></p>'
        '<div><div id="in">nested <span>s</span></div><!-- a comment --></div>'
        '<script>if (a<b && c) { x = "</div>"; }</script><p>unclosed')


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_the_parts_are_the_whole_page_and_its_tags_are_those_another_parser_finds():
    parts = html_tags.parts(PAGE)
    assert "".join(PAGE[p.start:p.end] for p in parts) == PAGE
    assert all(a.end == b.start for a, b in zip(parts, parts[1:]))
    starts = [p for p in parts if p.kind in ("start", "startend")]
    tree = soup(PAGE).find_all(True)
    assert [(p.tag, p.attrs) for p in starts] == [(t.name, {k: " ".join(v) if isinstance(v, list) else v
                                                            for k, v in t.attrs.items()}) for t in tree]
    assert [p.data for p in parts if p.kind == "comment"] == [str(c) for c in soup(PAGE).find_all(
        string=lambda s: isinstance(s, Comment))]


def test_an_elements_closing_tag_encloses_the_text_another_parser_puts_in_it():
    parts = html_tags.parts(PAGE)
    ends = html_tags.closings(parts)
    tree = iter(soup(PAGE).find_all(True))
    for index, part in enumerate(parts):
        if part.kind not in ("start", "startend"):
            continue
        element = next(tree)
        if index not in ends:
            assert part.tag == "p" and element.get_text() == "unclosed"   # the page ends inside it
            continue
        inner = soup(PAGE[part.end:parts[ends[index]].start]) if ends[index] > index else soup("")
        assert inner.get_text() == element.get_text(), part


def _sections(html: str) -> list[list]:
    """The page's tooltips (abbr elements with a title) grouped by section (h1 or h2 starts one), in order."""
    sections = [[]]
    for element in soup(html).find_all(["h1", "h2", "abbr"]):
        if element.name in ("h1", "h2"):
            sections.append([])
        elif element.get("title"):
            sections[-1].append(element)
    return sections


def test_tooltips_once_per_section_by_another_parsers_reading():
    t, w, z = ('<abbr title="{}">{}</abbr>'.format(title, "{}") for title in ("A number &amp; more.", "A weight.",
                                                                              "A zed."))
    html = (f'<h1 id="p">{t.format("P")}</h1><p>{t.format("p")}, {t.format("ps")} and {w.format("w")}</p>'
            f'<h3>{w.format("W")}<em>{z.format("Z")}</em></h3><ul><li>{w.format("w")} {z.format("z")}</li></ul>'
            f'<h2 id="n">Next <code>&lt;abbr title="fake"&gt;</code></h2><p>{w.format("w")}{w.format("w")}</p>'
            f'<pre>{t.format("p")}</pre>')
    thinned = once_per_section(html)
    assert soup(thinned).get_text() == soup(html).get_text()          # only tags go, no text
    for heading in soup(thinned).find_all(re.compile("^h[1-6]$")):
        assert heading.find("abbr") is None, heading
    kept = [[(a["title"], a.get_text()) for a in section] for section in _sections(thinned)]
    assert kept == [[], [("A number & more.", "p"), ("A weight.", "w"), ("A zed.", "z")],
                    [("A weight.", "w"), ("A number & more.", "p")]]


def _rendered_notebook(tmp_path, mathjax_url: str | None) -> str:
    """A notebook page as mkdocs-jupyter renders it: its stylesheet, MathJax, copy buttons and token spans. Its
    plugin passes custom_mathjax_url, "" unless set (then nbconvert's loader has src=""); nb2html's own default is
    a CDN's URL."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Squares\n\nThe area is $x^2$ & grows."),
                nbformat.v4.new_code_cell("squares = [i * i for i in range(3)]  # a < b\nprint(squares)",
                                          outputs=[nbformat.v4.new_output("stream", name="stdout",
                                                                          text="[0, 1, 4]\n")])]
    nbformat.write(nb, tmp_path / "squares.ipynb")
    options = {} if mathjax_url is None else {"custom_mathjax_url": mathjax_url}
    return nbconvert2.nb2html(str(tmp_path / "squares.ipynb"), **options)


@pytest.mark.parametrize("mathjax_url", ["", None], ids=["as-the-plugin-renders", "nb2html-default"])
def test_a_real_notebook_page_is_stripped_to_its_text_code_and_outputs(tmp_path, mathjax_url):
    raw = _rendered_notebook(tmp_path, mathjax_url)
    before, after = soup(raw), soup(notebook_pages.strip(raw))
    assert before.find("style") and before.find("script", src=True) and before.find(
        class_="zeroclipboard-container") and before.select(".highlight-ipynb pre span")   # what there was to strip
    assert after.find("style") is None and after.find(class_="zeroclipboard-container") is None
    assert after.find(class_="clipboard-copy-txt") is None and not after.select(".highlight-ipynb pre span")
    assert not after.find_all("script", src=True)   # none loads anything: MathJax's and mermaid's loaders gone
    assert all("clipboard" not in s.get_text() and s.get("type") != "text/x-mathjax-config"
               for s in after.find_all("script"))
    assert not [c for c in after.find_all(string=lambda s: isinstance(s, Comment)) if "mathjax" in c.lower()]
    # The notebook's own text, code and outputs are all still there, as the other parser reads them.
    assert ([p.get_text() for p in after.select(".highlight-ipynb pre")]
            == [p.get_text() for p in before.select(".highlight-ipynb pre")]
            == ["squares = [i * i for i in range(3)]  # a < b\nprint(squares)\n"])
    assert after.select_one(".jp-RenderedMarkdown").get_text() == before.select_one(".jp-RenderedMarkdown").get_text()
    assert "[0, 1, 4]" in after.select_one(".jp-OutputArea-output").get_text()


def test_the_lightbox_script_moves_from_the_head_to_just_before_its_start_up():
    from paramscope.hooks import glightbox_after_content

    page = ('<html><head><link rel="stylesheet" href="a.css"><script src="../assets/javascripts/glightbox.min.js">'
            '</script><title>T</title></head><body><p>text</p><script>other()</script>'
            '<script id="init-glightbox">start()</script></body></html>')
    before, after = soup(page), soup(glightbox_after_content(page))
    assert before.head.find("script") is not None and after.head.find("script") is None
    init = after.find("script", id="init-glightbox")
    assert init.find_previous_sibling("script")["src"] == "../assets/javascripts/glightbox.min.js"
    assert after.get_text() == before.get_text() and len(after.find_all("script")) == 3
    assert glightbox_after_content("<head></head><body>no lightbox</body>") == "<head></head><body>no lightbox</body>"


def test_a_page_that_writes_about_the_start_up_script_keeps_its_text():
    """Only the head and the body's last script carrying the id are read: the same words in the page's text
    (a code sample, before the real script) are left as written."""
    from paramscope.hooks import glightbox_after_content

    sample = '<pre><code>&lt;script id="init-glightbox"&gt;</code></pre><p>id="init-glightbox"</p>'
    page = ('<html><head><script src="../assets/javascripts/glightbox.min.js"></script></head><body>'
            f'{sample}<script id="init-glightbox">start()</script></body></html>')
    moved = glightbox_after_content(page)
    assert sample in moved
    assert moved.endswith('<script src="../assets/javascripts/glightbox.min.js"></script>'
                          '<script id="init-glightbox">start()</script></body></html>')
    no_start_up = page.replace('<script id="init-glightbox">start()</script>', "")
    assert glightbox_after_content(no_start_up) == no_start_up
