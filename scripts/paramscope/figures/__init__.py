"""How the site draws: the palette, fonts and sizes every figure shares, and the width a figure's own phone drawing
takes (`style`), the architecture diagrams (`module_boxes`, a module built on the meta device drawn as boxes, labelled
with paramscope.tables.words), whether a figure's words collide (`overlap`) and, in `hooks` (this site's MkDocs hooks
file, mkdocs.yml `hooks:`, the only module here that speaks MkDocs), the figures' full-size lightbox (glightbox) kept
from holding up a page's first paint. It sits on `arch` and `tables`; nothing here opens a model file or runs a
producer.
"""
