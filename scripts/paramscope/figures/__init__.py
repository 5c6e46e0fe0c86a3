"""How the site draws: the palette, fonts and sizes every figure shares, and the width a figure's own phone drawing
takes (`style`), the architecture diagrams (`module_boxes`, a module built on the meta device drawn as boxes, labelled
with the page's words for each parameter; `layout`, where boxes and their lines go at a given width) and whether a
figure's words collide (`overlap`) or cover its points (`marks_clear`). The page words and printed numbers a figure
shows are `paramscope.text`'s, the ones tables and facts use. Nothing here opens a model file, runs a producer or
speaks MkDocs.
"""
