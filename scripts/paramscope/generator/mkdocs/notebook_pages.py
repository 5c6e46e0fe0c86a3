"""Notebook pages as mkdocs-jupyter renders them (and caches, with its own `cache` option), made light in the
plugin's on_page_content: its inlined 575 KB stylesheet and CDN MathJax swapped for one small local stylesheet,
figures linked from the site instead of inlined, and a way back to the page.

mkdocs-jupyter 0.26 has no option for these parts of its template (the stylesheet is appended after the template,
the copy buttons are written by its code highlighter), so strip() removes them from its HTML; a full HTML parser
(BeautifulSoup) does the same in 2 s a page instead of 0.08 s."""
import html as html_lib
import posixpath
import re

from mkdocs.utils import get_relative_url

from paramscope.generator.rendering import figure_html
from paramscope.generator import markers

NOTEBOOK_CSS = "stylesheets/notebook.css"       # under docs/; a shared asset of every notebook page
_STYLE = re.compile(r"<style[^>]*>")               # to its "</style>": found with str.find, 10x a lazy .*?
_MATHJAX = re.compile(r"<!-- Load mathjax -->.*?</script>"
                      r"\s*(<!-- MathJax configuration -->\s*<script[^>]*>.*?</script>)?", re.S)
# Two patterns, not one with "|": each starts with its own literal, which the regex engine looks for quickly.
_CLIPBOARD_BUTTON = re.compile(r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>\s*', re.S)
_CLIPBOARD_TEXT = re.compile(r'<div class="clipboard-copy-txt"[^>]*>.*?</div>\s*', re.S)
_SCRIPT = re.compile(r"<script\b[^>]*>")           # to its "</script>"
_FETCHES_REMOTE = re.compile(r"""src=["']https?://|import\(\s*["']https?://""")  # mermaid.js from a CDN, and the like
_CODE = re.compile(r'(<div class="highlight-ipynb[^"]*"><pre>)(.*?)(</pre>)', re.S)
_SPAN = re.compile(r"</?span\b[^>]*>")
# The alt text as the notebook renderer writes it back: in single quotes when it holds double ones.
_INLINE_FIGURE = re.compile(r'<img alt=(?P<q>["\'])(?P<alt>.*?)(?P=q) '
                            r'data-figure="(?P<producer>[^/"]+)/(?P<name>[^"]+)\.(?:svg|png)" '
                            r'src="data:[^"]*"\s*/?>')


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
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        fig = store.figures.get(f"{match['producer']}.{match['name']}")
        if fig is None:
            return match.group(0)
        count += 1
        # The first figure is in view on arrival in the default (light) scheme: no lazy loading for it.
        urls = {theme: markers.figure_url(fig, theme) for theme in ("light", "dark")}
        narrow = {theme: markers.figure_url(fig, theme, True) for theme in urls} if fig.narrow else {}
        return figure_html.figure(html_lib.unescape(match["alt"]), urls, page.url.rstrip("/"),
                                   markers.size(fig.file("light")), count == 1, "light-dark", narrow,
                                   markers.size(fig.file("light", True)) if narrow else None).replace("\n", "")

    return _INLINE_FIGURE.sub(replace, html)


def _elements(html: str, start: re.Pattern, end: str, keep=lambda element: False) -> str:
    """The HTML without each element that `start` opens and `end` closes (and the blank after it), unless kept."""
    parts, at = [], 0
    while (found := start.search(html, at)) is not None:
        close = html.find(end, found.end())
        if close < 0:
            break
        stop = close + len(end)
        while stop < len(html) and html[stop].isspace():
            stop += 1
        parts.append(html[at:stop] if keep(html[found.start():stop]) else html[at:found.start()])
        at = stop
    return "".join(parts) + html[at:]


def strip(html: str) -> str:
    """mkdocs-jupyter's page without its MathJax, remote and clipboard scripts, copy buttons, inline stylesheet
    and code tokens: what is left is the notebook's own text, code and outputs."""
    html = _MATHJAX.sub("", html)
    html = _elements(html, _SCRIPT, "</script>",
                     keep=lambda element: not _FETCHES_REMOTE.search(element) and "clipboard" not in element)
    # Copy buttons repeat each cell's source in a hidden div; the notebook is a download away, and bytes count.
    html = _CLIPBOARD_TEXT.sub("", _CLIPBOARD_BUTTON.sub("", html))
    html = _elements(html, _STYLE, "</style>")
    # The producers' code as plain text: one element per token (thousands per page) made the notebook pages slow
    # to lay out on a phone; the page explains, the download is for running.
    return _CODE.sub(lambda m: m.group(1) + _SPAN.sub("", m.group(2)) + m.group(3), html)


def tidy(html: str, page, back, title: str, store) -> str:
    """A notebook page's HTML as mkdocs-jupyter rendered it, stripped (strip()), its figures linked from the site,
    and a way back to the page it reproduces (`back`, a File, or None)."""
    stem = posixpath.splitext(posixpath.basename(page.file.src_uri))[0]
    # Not in search: a notebook repeats its producers' code, whose words would outrank the pages that explain them.
    page.meta["search"] = {**page.meta.get("search", {}), "exclude": True}
    html = _figures(strip(html), page, store)
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
