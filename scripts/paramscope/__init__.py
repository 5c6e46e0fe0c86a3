"""Paramscope: what a parameter is, computed from real models.

LAYERS is the package's parts (its subpackages and top-level modules) lowest first: a part imports only the parts
before it, so every arrow points down (tests/test_layers.py holds every import to it, those inside functions too).
The generator this site builds on is a package of its own beside it, paramscope_generator, which imports nothing of
this one; its parts stand in the same kind of order, paramscope_generator.LAYERS."""
__version__ = "0.1.0"

LAYERS = [
    "text",              # the site's words: a page word per parameter, numbers as printed (−1, 10²³) (no torch)
    "arch",              # architectures as data, the closed-form count, the zoo (no torch)
    "data",              # given, with their sources: published numbers; the running example's prompt; the training text
    "figures",           # this site's look: the style (phone width too), diagrams
    "models",            # torch modules built from the description
    "checkpoints",       # the two model files: read, loaded, their chat template and export (no lessons: they load)
    "lessons",           # what a page computes: sampling, embeddings, training, distillation, routing, LoRA
    "glossary",          # the glossary: schema, house rules, tooltips, and its MkDocs plugin (plugin.py, config.py)
    "hooks",             # this site's MkDocs hooks file, its glue between plugins (glightbox's script, first paint)
    "bench",             # the benchmark, and the built site served to a browser (localsite) for it and the tests
    "site_commands",     # one module per command of this site's (the generator's: paramscope_generator/commands)
    "cli",               # the site's command line: the generator's and the site's commands
    "__main__",          # `python -m paramscope`: the site's command line
]
