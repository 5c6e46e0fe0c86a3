"""The producer pipeline: every number and figure on the site comes from a producer run here.

A producer is `<producers>/<name>.py` with a docstring and `produce(out)`; see `output.Output` for what `out`
offers, `runner` for how producers run and are cached, `markers` for how pages name what they wrote. Nothing here
knows MkDocs (that is `paramscope.mkdocs`) or any model (the library never imports the pipeline).
"""
