"""The producer pipeline: every number and figure on the site comes from a producer run here.

A producer is `<producers>/<name>.py` with a docstring and `produce(out)`. The modules fall in two groups:

- running producers: `output` (what `out` offers: facts, tables, figures, data, checks), `drawing` (figures
  drawn in the site's `figure_style`, saved byte for byte), `phone` (a figure's phone variant), `sanity`,
  `runner` (which producers are stale, run in `worker` processes), `inputs` and `versions` (what a cache key
  records), `store` (the outputs in the cache), `progress`, `shards` and `merge` (CI);
- pages and markup: `scan` (the one reader of a page's Markdown), `markers` (pages naming what producers wrote,
  resolved to Markdown and HTML with `figures_html`), `checks` (sentences bound to checks), `declared` (what a
  producer writes, read from its source), `page_checks` and `problem` (the generator's part of `paramscope
  check`), `notebooks` and `show` (the run-it-yourself notebooks).

Nothing here knows MkDocs (that is `paramscope.mkdocs`), any model or this site's look: it imports only `paths`
and `hashing`; the site's figure style comes in through `figure_style`, and the producers it runs import the library.
"""
