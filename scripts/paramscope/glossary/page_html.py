"""What the glossary plugin does to a page's HTML once Markdown has rendered it, read with the HTML parser
(paramscope_generator.api.html_tags), not regular expressions:

- tooltips once: the abbr extension marks every use of every term; a term keeps its tooltip (<abbr>) only at its
  first use in each section (a section starts at each h1 or h2), and none stays inside a heading (h1-h6);
- the first tooltip of each term on a page becomes a link to the term (none on the term's own page).
"""
import posixpath
from typing import Callable

from paramscope.glossary import model
from paramscope_generator.api import html_tags

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
SECTION_HEADINGS = ("h1", "h2")
RELATED = '<h2 id="related-terms">'   # the "Related terms" section the plugin appends to a glossary page


def _tooltip(part: html_tags.Part) -> str | None:
    """The title of an <abbr title="..."> start tag (a term's summary, unique per term), else None."""
    return part.attrs.get("title") if part.opens("abbr") else None


def once_per_section(html: str) -> str:
    """The page's HTML with each term's tooltip kept at its first use per section and none in headings."""
    parts = html_tags.parts(html)
    ends = html_tags.closings(parts)
    seen: set[str] = set()
    heading = 0          # how many headings the current part is inside
    dropped: set[int] = set()
    for index, part in enumerate(parts):
        if part.opens(*SECTION_HEADINGS):
            seen.clear()
        heading += part.opens(*HEADINGS) - part.closes(*HEADINGS)
        if (title := _tooltip(part)) is None:
            continue
        if heading or title in seen:   # the element's tags go, its text stays
            dropped |= {index, ends.get(index, index)}
        else:
            seen.add(title)
    return "".join(html[p.start:p.end] for i, p in enumerate(parts) if i not in dropped)


def link_terms(content: str, rel: str, url_to: Callable[[str], str | None], pages: dict[str, model.Page],
               terms: list[model.Term], folder: str = model.FOLDER) -> str:
    """The first tooltip of each term in a page's HTML becomes a link to the term (none on the term's own page).
    `rel` is the page's docs-relative path; `url_to(path)` the URL from the page to the page at the docs-relative
    `path`, or None where the site has no such page (the plugin asks MkDocs)."""
    # A tooltip's title is its term's summary; the checker keeps summaries unique, so it names the term.
    by_summary = {t.summary: t for t in terms}
    own = posixpath.basename(rel)[:-3] if model.is_glossary_page(rel, folder) else None
    # The related list shows each summary beside its term already: no tooltips or links inside it.
    head, related, tail = content.partition(RELATED)
    parts = html_tags.parts(head)
    ends = html_tags.closings(parts)
    out, linked, inside = [], set(), {"a": 0, "h": 0}
    index = 0
    while index < len(parts):
        part = parts[index]
        if part.kind in ("start", "end") and (part.tag == "a" or part.tag in HEADINGS):
            inside[part.tag[0]] += 1 if part.kind == "start" else -1
        term = by_summary.get(_tooltip(part))
        if term is None:
            out.append(head[part.start:part.end])
            index += 1
            continue
        end = ends.get(index, index)
        element, text = head[part.start:parts[end].end], head[part.end:parts[end].start]
        index = end + 1
        if rel == model.index_of(folder) or term.slug == own:
            out.append(text)  # a tooltip repeating the summary beside it, or the page's own term
            continue
        key = (term.slug, term.anchor)
        if inside["a"]:
            linked.add(key)  # the author linked this mention already: no second link further down
        target = url_to(f"{folder}{term.slug}.md")
        if inside["a"] or inside["h"] or key in linked or target is None:
            out.append(element)
            continue
        linked.add(key)
        url = target + (f"#{term.anchor}" if term.anchor else "")
        out.append(f'<a class="ps-term" href="{url}">{element}</a>')
    return "".join(out) + related + _without_tooltips(tail)


def _without_tooltips(html: str) -> str:
    """The HTML with every <abbr> element's tags removed and its text kept."""
    parts = html_tags.parts(html)
    return "".join(html[p.start:p.end] for p in parts if p.tag != "abbr" or p.kind not in ("start", "end"))
