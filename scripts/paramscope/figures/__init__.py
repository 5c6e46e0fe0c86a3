"""How the site draws: the palette, fonts and sizes every figure shares (`style`), the architecture diagrams
(`module_boxes`, a module built on the meta device drawn as boxes), the width a figure's own phone drawing takes
(`phone_width`), the page's word for each parameter (`words`), whether a figure's words collide (`overlap`) and what
the Model size page's calculator reads (`calculator`). It sits on `arch`; nothing here opens a model file or runs a
producer.
"""
