"""How the site draws: the palette, fonts and sizes every figure shares, and the width a figure's own phone drawing
takes (`style`), the architecture diagrams (`module_boxes`, a module built on the meta device drawn as boxes, labelled
with the page's words for each parameter: `words`, one vocabulary for every figure, table and fact; `layout`, where
boxes and their lines go at a given width), small numbers as the pages print them, with a true minus sign (`printed`)
and whether a figure's words collide (`overlap`). Nothing here opens a model file, runs a producer or speaks MkDocs.
"""
