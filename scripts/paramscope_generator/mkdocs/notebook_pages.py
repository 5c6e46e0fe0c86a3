"""Notebook pages as mkdocs-jupyter renders them (and caches, with its own `cache` option), made light in the
plugin's on_page_content: its inlined 575 KB stylesheet and CDN MathJax swapped for one small local stylesheet,
figures linked from the site instead of inlined, and a way back to the page.

mkdocs-jupyter 0.26 has no option for these parts of its page (its template, notebook.html.j2, writes the copy
buttons and the MathJax scripts; the stylesheet is inlined by nbconvert), so strip() removes them from its HTML,
read with the standard library's HTML parser (html_tags): about 0.25 s for a page of 1 MB.
"""
import html as html_lib
import posixpath
import re

from mkdocs.utils import get_relative_url

from paramscope_generator import html_tags
from paramscope_generator.pages import markers
from paramscope_generator.rendering import figure_html

NOTEBOOK_CSS = "stylesheets/notebook.css"       # under docs/; a shared asset of every notebook page
IMPORTS_REMOTE = re.compile(r"""import\(\s*["']https?://""")   # a script that loads a module from a CDN
# A figure the notebook inlines: data-figure="producer/name.svg" names the site's published file.
FIGURE = re.compile(r"(?P<producer>[^/]+)/(?P<name>.+)\.(?:svg|png)")


def run_it_yourself(page, stem: str) -> str:
    """The box under a page that links its rendered notebook and the .ipynb download."""
    up = "../" * page.url.count("/")        # 'glossary/parameter/' -> 2: how far up the site root is
    link = "../" * page.file.src_uri.count("/") + f"notebooks/{stem}.ipynb"   # MkDocs checks and rewrites it
    return (f'\n\n!!! example "Run it yourself"\n'
            f"    The notebook [{stem}]({link}) reproduces this page's figures with the "
            f'`paramscope` package: <a href="{up}notebooks/{stem}/{stem}.ipynb" download>download {stem}.ipynb</a>.\n')


def _figures(html: str, page, store) -> str:
    """Each inlined figure becomes the site's published light and dark files: a few hundred bytes instead of tens
    of kilobytes of base64 in the page, and the page's colour scheme respected. The .ipynb keeps them inline."""
    out, at, count = [], 0, 0
    for part in html_tags.parts(html):
        named = FIGURE.fullmatch(part.attrs.get("data-figure") or "") if part.tag == "img" else None
        fig = store.figures.get(f"{named['producer']}.{named['name']}") if named else None
        if fig is None or part.kind == "end" or not (part.attrs.get("src") or "").startswith("data:"):
            continue
        count += 1
        # The first figure is in view on arrival in the default (light) scheme: no lazy loading for it.
        urls = {theme: markers.figure_url(fig, theme) for theme in ("light", "dark")}
        narrow = {theme: markers.figure_url(fig, theme, True) for theme in urls} if fig.narrow else {}
        out += [html[at:part.start],
                figure_html.figure(part.attrs.get("alt") or "", urls, page.url.rstrip("/"),
                                   markers.size(fig.file("light")), count == 1, "light-dark", narrow,
                                   markers.size(fig.file("light", True)) if narrow else None).replace("\n", "")]
        at = part.end
    return "".join(out) + html[at:]


def _dropped(part: html_tags.Part, script: str) -> bool:
    """Whether strip() removes the element that `part` opens (`script`: the element as written, for a script)."""
    classes = (part.attrs.get("class") or "").split()
    if part.tag == "script":
        src = part.attrs.get("src")
        remote = (src or "").startswith(("http://", "https://")) or IMPORTS_REMOTE.search(script)
        loads_nothing = src == ""   # MathJax's loader when mkdocs-jupyter's custom_mathjax_url is unset (its default)
        mathjax_config = part.attrs.get("type") == "text/x-mathjax-config"
        return bool(remote) or loads_nothing or mathjax_config or "clipboard" in script
    return part.tag == "style" or (part.tag == "div" and bool({"zeroclipboard-container", "clipboard-copy-txt"}
                                                                & set(classes)))


def strip(html: str) -> str:
    """mkdocs-jupyter's page without its MathJax, remote and clipboard scripts, copy buttons, inline stylesheet
    and code tokens: what is left is the notebook's own text, code and outputs."""
    parts = html_tags.parts(html)
    ends = html_tags.closings(parts)
    out, at, index = [], 0, 0
    code_ends = -1   # the index of the part that closes the highlighted code being read, while inside one
    while index < len(parts):
        part = parts[index]
        end = ends.get(index, index)
        script = html[part.start:parts[end].end] if part.tag == "script" else ""
        if part.kind == "start" and part.tag == "div" and "highlight-ipynb" in (part.attrs.get("class") or ""):
            code_ends = end
        # MathJax's scripts from a CDN and its comments; copy buttons, which repeat each cell's source in a
        # hidden div (the notebook is a download away, and bytes count); the 575 KB inline stylesheet.
        gone = (part.kind == "comment" and "mathjax" in part.data.lower()) or (
            part.kind == "start" and _dropped(part, script))
        # The producers' code as plain text: one element per token (thousands per page) made the notebook pages
        # slow to lay out on a phone; the page explains, the download is for running.
        token = part.tag == "span" and part.kind in ("start", "end") and index < code_ends
        if token:   # the tag goes, its text stays
            out.append(html[at:part.start])
            at = part.end
        elif gone:   # the element goes, and the blank after it
            out.append(html[at:part.start])
            at = parts[end].end
            while at < len(html) and html[at].isspace():
                at += 1
            index = end
            while index + 1 < len(parts) and parts[index + 1].end <= at:
                index += 1
        index += 1
    return "".join(out) + html[at:]


def tidy(html: str, page, back, title: str, store, stripper=None) -> str:
    """A notebook page's HTML as mkdocs-jupyter rendered it, stripped (strip(), or a `stripper` that remembers it:
    notebook_memo), its figures linked from the site, and a way back to the page it reproduces (`back`, a File, or
    None)."""
    stem = posixpath.splitext(posixpath.basename(page.file.src_uri))[0]
    # Not in search: a notebook repeats its producers' code, whose words would outrank the pages that explain them.
    page.meta["search"] = {**page.meta.get("search", {}), "exclude": True}
    html = _figures((stripper or strip)(html), page, store)
    css = "../" * page.url.count("/") + NOTEBOOK_CSS
    links = []
    if back is not None:
        links.append(f'<a href="{get_relative_url(back.url, page.url)}">Back to the page: '
                     f'{html_lib.escape(title or back.name)}</a>')
    links.append(f'<a href="{stem}.ipynb" download>Download {stem}.ipynb</a> and run it with the '
                 f"<code>paramscope</code> package installed.")
    download = f'<p class="ps-notebook-download">{" · ".join(links)}</p>\n'
    # The links go under the notebook's title, or first when it has none.
    html = html.replace("</h1>", "</h1>\n" + download, 1) if "</h1>" in html else download + html
    return f'<link rel="stylesheet" href="{css}">\n{html}'
