"""The producer pipeline: every number and figure on the site comes from a producer run here.

A producer is `<producers>/<name>.py` with a docstring and `produce(out)`; see `output.Output` for what `out`
offers, `runner` for how producers run and are cached, `markers` for how pages name what they wrote, `scan` for
how a page's Markdown is read. Nothing here knows MkDocs (that is `paramscope.mkdocs`) or any model: it imports
only `paths`, `hashing` and the figures' style, and the producers it runs import the library.
"""
