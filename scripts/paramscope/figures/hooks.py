"""What a page loads before its first paint: mkdocs-glightbox puts its script in the `<head>`, where it holds up
the first paint of every page (Lighthouse: render-blocking). Its only user is the plugin's own start-up script at
the end of `<body>`, so the script moves just before it, and the page paints without waiting for it.

A MkDocs hooks file of this site (mkdocs.yml `hooks:`), beside the figures whose lightbox it serves, not part of the
generator: it edits another plugin's HTML, which is this site's choice to make, not something the `paramscope`
plugin does to every site that adopts it."""
from mkdocs.plugins import event_priority

from paramscope.generator.api import html_tags

GLIGHTBOX_SRC = "assets/javascripts/glightbox.min.js"   # the end of the script's URL, relative to the page
GLIGHTBOX_INIT = "init-glightbox"                       # the id of the plugin's start-up script


def glightbox_after_content(html: str) -> str:
    """The page with the glightbox script moved from the head to just before the script that starts it."""
    parts = html_tags.parts(html)
    ends = html_tags.closings(parts)
    head_end = next((p.start for p in parts if p.closes("head")), 0)
    script = next((i for i, p in enumerate(parts) if p.opens("script") and p.start < head_end
                   and (p.attrs.get("src") or "").endswith(GLIGHTBOX_SRC)), None)
    init = next((p.start for p in parts if p.opens("script") and p.attrs.get("id") == GLIGHTBOX_INIT), None)
    if script is None or init is None or script not in ends:
        return html
    start, end = parts[script].start, parts[ends[script]].end
    return html[:start] + html[end:init] + html[start:end] + html[init:]


@event_priority(-50)  # after mkdocs-glightbox's on_post_page has added its script
def on_post_page(output: str, page, config) -> str:
    return glightbox_after_content(output)
