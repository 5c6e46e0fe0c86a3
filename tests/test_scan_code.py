"""The page reader's code lines (scan.code_lines) against Python-Markdown itself, with this site's own
markdown_extensions from mkdocs.yml as MkDocs reads them: on the tricky cases (fences in admonitions, details, tabs
and lists, fences that close only on their own kind, indented code after a paragraph or a blank line, HTML blocks,
footnotes and definitions) and on every page of docs/. The oracle (markdown.rendered_code) asks Python-Markdown line
by line; each case also states its answer, read off by eye, so that the oracle is held too."""
import re
import time

import pytest

from paramscope_generator.checks import source_checks
from paramscope_generator.markdown import front_matter, rendered_code, scan
from paramscope_generator.markdown.problem import Problem
from paramscope_generator.mkdocs import sources as site_sources

from support import ROOT

# name: (page, the lines Markdown renders as code, stripped; read off by eye)
CASES = {
    "a fence and indented code in an admonition": ('''\
!!! note "A note"
    Text with {{ a.b }}.

    ```python
    x = 1
    ```

    More text.

        indented code in the note

After the note.''', {"x = 1", "indented code in the note"}),
    "a fence and indented code in details": ('''\
??? note "Folded"
    ```python
    x = 2
    ```

???+ tip "Open"
    Text

        code in details
''', {"x = 2", "code in details"}),
    "continuation and code in list items": ('''\
- item

    continuation paragraph

        code in the item

- item two
  lazy line

1. one

    ```
    fenced in the item
    ```
''', {"code in the item", "fenced in the item"}),
    "a fence closes only on its own count": ('''\
````markdown
```python
not closed by three
```
still code
````

prose

```
code
````
more code
```python
and more
```
prose again''', {"not closed by three", "still code", "code", "more code", "and more"}),
    "tilde fences": ('''\
~~~
```
inside tildes
~~~

prose after

~~~~python
z
~~~
still in four
~~~~
''', {"inside tildes", "z", "still in four"}),
    "indented code after a paragraph, a blank line, a heading and a rule": ('''\
A paragraph
    indented but a lazy continuation

    indented after a blank line

# A heading
    indented after a heading

Text

* * *
    indented after a rule

Text

===
    lazy after a line of equals''', {"indented after a blank line", "indented after a heading",
                                      "indented after a rule"}),
    "HTML blocks: markdown=\"1\" reads Markdown, a raw block and a comment do not": ('''\
<div markdown="1">

```python
q = 1
```

Text

    indented in a Markdown div

</div>

<div>

    indented in a raw div

</div>

<!--
a comment

    indented in a comment
-->
<span>inline</span> text

    code after an inline tag

<div class="wide"
     data-a="b">

    indented in a raw div whose tag takes two lines

</div>
    indented right after a raw block''', {"q = 1", "indented in a Markdown div",
                                          "code after an inline tag", "indented right after a raw block"}),
    "fences and indented code in a blockquote": ('''\
> ```
> in a quote
> ```
>
>     quoted indented

> text
    lazy in the quote''', {"> in a quote", ">     quoted indented"}),
    "footnotes and definitions continue at four spaces": ('''\
Text[^a].

[^a]: A note.

    Its second paragraph.

        code in the note

Term
:   Definition

    its second paragraph''', {"code in the note"}),
}
TABBED = ('''\
=== "Tab"

    Text in the tab

    ```python
    y = 1
    ```

=== "Two"

        code in the tab
''', {"y = 1", "code in the tab"})


@pytest.fixture(scope="module")
def site():
    """This site's Markdown: (markdown_extensions, mdx_configs) as MkDocs validated them."""
    config = site_sources.read(ROOT).config
    return config["markdown_extensions"], config["mdx_configs"]


def rendered(page: str, extensions, configs) -> set[str]:
    lines = page.split("\n")
    return {lines[i].strip() for i, code in rendered_code.code_lines(lines, extensions, configs).items() if code}


def scanned(page: str, extensions, configs) -> set[str]:
    """The scanner's code lines among those the oracle could mark."""
    lines = page.split("\n")
    marked = rendered_code.code_lines(lines, extensions, configs)
    return {lines[i].strip() for i in scan.code_lines(lines) if i in marked}


@pytest.mark.parametrize("name", CASES)
def test_python_markdown_renders_each_case_as_read_by_eye(site, name):
    page, code = CASES[name]
    assert rendered(page, *site) == code


@pytest.mark.parametrize("name", CASES)
def test_the_scanner_reads_each_case_as_python_markdown_renders_it(site, name):
    page, _ = CASES[name]
    assert scanned(page, *site) == rendered(page, *site)
    assert rendered_code.disagreements(page.split("\n"), *site) == []


def test_tabs_read_as_python_markdown_renders_them_with_tabbed_on(site):
    extensions, configs = site
    page, code = TABBED
    assert rendered(page, [*extensions, "pymdownx.tabbed"], configs) == code
    assert scanned(page, [*extensions, "pymdownx.tabbed"], configs) == code


def strip_tokens(html: str) -> str:
    return re.sub(r"qzq\d+qzq", "", re.sub(r' qzq\d+qzq=""', "", html, flags=re.I), flags=re.I).lower()


def pages() -> dict[str, str]:
    files = site_sources.read(ROOT)
    return {rel: front_matter.split(file.read_text(encoding="utf-8"))[1] for rel, file in files.pages.items()}


@pytest.mark.parametrize("page", [page for page, _ in CASES.values()] + [TABBED[0]], ids=[*CASES, "tabs"])
def test_marking_a_line_changes_nothing_markdown_renders(site, page):
    """The oracle's premise: with the tokens taken out again, the marked page renders as the page does (token case
    aside: an admonition's title is its capitalised type)."""
    marked = rendered_code.marked(page.split("\n"))
    assert strip_tokens(rendered_code.render(marked, *site)) == rendered_code.render(page, *site).lower()


def test_every_page_reads_as_python_markdown_renders_it(site):
    """Zero disagreements over docs/, and the comparison is not empty: code lines and prose lines were compared,
    and marking changed nothing Markdown renders on any page."""
    extensions, configs = site
    compared = code = 0
    for rel, body in pages().items():
        lines = body.split("\n")
        assert rendered_code.disagreements(lines, extensions, configs) == [], rel
        answers = rendered_code.code_lines(lines, extensions, configs)
        compared, code = compared + len(answers), code + sum(answers.values())
        marked = rendered_code.render(rendered_code.marked(lines), extensions, configs)
        assert strip_tokens(marked) == rendered_code.render(body, extensions, configs).lower(), rel
    assert compared > 1000 and code > 20, (compared, code)


def test_check_reports_each_disagreement_at_its_line(site):
    """`paramscope check`'s rule: a tab's body on a site without pymdownx.tabbed is indented code to Markdown,
    reported. A fence in a list item is no fence to Python-Markdown's own fenced_code (superfences nests, it does
    not): its lines render as one code span, code to a marker as to the scanner, so nothing is reported (the
    built-in theme's sample site writes such a fence in a quote)."""
    extensions, configs = site
    tabbed = source_checks.Sources(markdown_extensions=extensions, mdx_configs=configs)
    tabbed.bodies["tabs.md"] = scan.read(TABBED[0], 5)
    tabbed.pages["tabs.md"] = source_checks.PageText("docs/tabs.md", TABBED[0], 5)
    assert source_checks.check_code_reading(tabbed) == [Problem(
        "docs/tabs.md", 7, "the scanner reads this line as prose, Markdown renders it as code: write the block as "
        "mkdocs.yml's markdown_extensions read it, or fix code_lines in paramscope_generator/markdown/scan.py")]

    page = "- item\n\n    ```\n    in a fence\n    ```\n"
    plain = source_checks.Sources(markdown_extensions=["fenced_code"], mdx_configs={})
    plain.bodies["list.md"] = scan.read(page, 1)
    plain.pages["list.md"] = source_checks.PageText("docs/list.md", page, 1)
    assert "<p><code>in a fence</code></p>" in rendered_code.render(page, ["fenced_code"], {}).replace("\n", "")
    assert source_checks.check_code_reading(plain) == []


def test_the_check_costs_little(site):
    """Every page rendered once more: well under the rest of `paramscope check`."""
    bodies = [body.split("\n") for body in pages().values()]
    rendered_code.disagreements(bodies[0], *site)
    start = time.process_time()
    for lines in bodies:
        rendered_code.disagreements(lines, *site)
    assert time.process_time() - start < 1.0
