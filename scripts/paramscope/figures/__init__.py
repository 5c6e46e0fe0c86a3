"""How the site draws: the palette, fonts and sizes every figure shares, and the width a figure's own phone drawing
takes (`style`), the architecture diagrams (`module_boxes`, a module built on the meta device drawn as boxes, labelled
with paramscope.tables.words) and whether a figure's words collide (`overlap`). It sits on `arch` and `tables`;
nothing here opens a model file or runs a producer.
"""
