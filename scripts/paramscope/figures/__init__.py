"""How the site draws: the palette, fonts and sizes every figure shares (`style`), the architecture diagrams
(`diagram`, drawn from a module built on the meta device) and what the Model size page's calculator reads
(`calculator`). It sits on `arch`; nothing here opens a model file or runs a producer.
"""
