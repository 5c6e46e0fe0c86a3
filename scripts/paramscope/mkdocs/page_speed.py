"""What a page loads before its first paint: mkdocs-glightbox puts its script in the `<head>`, where it holds up
the first paint of every page (Lighthouse: render-blocking). Its only user is the plugin's own start-up script at
the end of `<body>`, so the script moves just before it, and the page paints without waiting for it.

A MkDocs hooks file of this site (mkdocs.yml `hooks:`), not part of the generator: it edits another plugin's HTML,
which is this site's choice to make, not something the `paramscope` plugin does to every site that adopts it."""
import re

from mkdocs.plugins import event_priority

GLIGHTBOX_SCRIPT = re.compile(r'<script src="[^"]*assets/javascripts/glightbox\.min\.js"></script>')
GLIGHTBOX_INIT = '<script id="init-glightbox">'


def glightbox_after_content(html: str) -> str:
    """The page with the glightbox script moved from the head to just before the script that starts it."""
    head_end = html.find("</head>")
    script = GLIGHTBOX_SCRIPT.search(html, 0, head_end if head_end >= 0 else 0)
    init = html.find(GLIGHTBOX_INIT)
    if script is None or init < 0:
        return html
    tag = script.group(0)
    html = html[:script.start()] + html[script.end():]
    init -= len(tag)
    return html[:init] + tag + html[init:]


@event_priority(-50)  # after mkdocs-glightbox's on_post_page has added its script
def on_post_page(output: str, page, config) -> str:
    return glightbox_after_content(output)
