"""What a page loads before its first paint: mkdocs-glightbox puts its script in the `<head>`, where it holds up
the first paint of every page (Lighthouse: render-blocking). Its only user is the plugin's own start-up script at
the end of `<body>`, so the script moves just before it, and the page paints without waiting for it.

This site's MkDocs hooks file (mkdocs.yml `hooks:`), its glue between plugins, beside its plugins (pyproject.toml's
entry points) and not part of the generator: it edits another plugin's HTML, which is this site's choice to
make, not something the `paramscope` plugin does to every site that adopts it."""
import dataclasses

from mkdocs.plugins import event_priority

from paramscope_generator.api import html_tags

GLIGHTBOX_SRC = "assets/javascripts/glightbox.min.js"   # the end of the script's URL, relative to the page
GLIGHTBOX_INIT = "init-glightbox"                       # the id of the plugin's start-up script


def glightbox_after_content(html: str) -> str:
    """The page with the glightbox script moved from the head to just before the script that starts it.

    Only the two places read are parsed, not the whole page: the head, which the theme writes, and the start-up
    script, the last element of the body carrying its id (what the page's own text says is before it)."""
    head = parts_of(html, 0, html.find("</head>") + len("</head>")) if "</head>" in html else []
    script = next((p for p in head if p.opens("script") and (p.attrs.get("src") or "").endswith(GLIGHTBOX_SRC)),
                  None)
    named = html.rfind(f'id="{GLIGHTBOX_INIT}"')
    tail = parts_of(html, html.rfind("<script", 0, named), len(html)) if named > 0 else []
    if script is None or not tail or not (tail[0].opens("script") and tail[0].attrs.get("id") == GLIGHTBOX_INIT):
        return html
    ends = html_tags.closings(head)
    index = head.index(script)
    if index not in ends:
        return html
    start, end, init = script.start, head[ends[index]].end, tail[0].start
    return html[:start] + html[end:init] + html[start:end] + html[init:]


def parts_of(html: str, start: int, end: int) -> list[html_tags.Part]:
    """html_tags.parts of html[start:end], placed in the whole page."""
    return [dataclasses.replace(p, start=p.start + start, end=p.end + start) for p in html_tags.parts(html[start:end])]


@event_priority(-50)  # after mkdocs-glightbox's on_post_page has added its script
def on_post_page(output: str, page, config) -> str:
    return glightbox_after_content(output)
