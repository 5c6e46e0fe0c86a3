"""The producer pipeline: every number and figure on the site comes from a producer run here.

A producer is `<producers>/<name>.py` with a docstring and `produce(out)`. The modules fall in three groups:

- running producers: `output` (what `out` offers: facts, tables, figures, data, checks), `sanity`, `runner` (which
  producers are stale, run in `worker` processes), `environment` and `stderr` (a worker's process), `inputs` and
  `versions` (what a cache key records), `store` (the outputs in the cache), `progress`, `shards` and `merge` (CI);
- figures, in `rendering/`: `drawing` (drawn in the site's `figure_style`, saved byte for byte), `phone_relayout`
  (a figure's phone variant) and `figure_html` (the HTML a figure marker becomes);
- pages: `markers` (pages naming what producers wrote, resolved to Markdown and HTML), `bound_checks` (sentences
  bound to checks), `declared` (what a producer writes, read from its source), `source_checks` (the generator's
  part of `paramscope check`: markers, bound checks, producers), `names`, `notebooks` and `show` (the
  run-it-yourself notebooks).

Pages are read through paramscope.markdown (scan, Problem, hint). Nothing here knows MkDocs (that is
`paramscope.mkdocs`), any model or this site's look: it imports only `paths`, `hashing` and `markdown`; the site's
figure style comes in through `figure_style`, and the producers it runs import the library.
"""
