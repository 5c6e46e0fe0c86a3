"""The generator: a MkDocs plugin and command line any site can adopt, by which every number and figure on a page
comes from a producer run at build time. It is what the wheel ships (pyproject.toml), and it imports nothing of
this site's library: the site builds on it, passing its look in by name (`figure_style`).

A producer is `<producers>/<name>.py` with a docstring and `produce(out)`. The generator's modules, lowest first:

- `paths` (where a project is: its `mkdocs.yml` and the plugin's options) and `hashing` (file hashes, memoised);
- `markdown/`: the one reading of a page's Markdown (scan, Problem, hint), for the generator and any site's checks;
- running producers: `output` (what `out` offers: facts, tables, figures, data, checks), `sanity`, `runner` (which
  producers are stale, run in `worker` processes), `environment` and `stderr` (a worker's process), `inputs` and
  `versions` (what a cache key records), `store` (the outputs in the cache), `progress`, `shards` and `merge` (CI);
- figures, in `rendering/`: `drawing` (drawn in the site's `figure_style`, saved byte for byte), `phone_relayout`
  (a figure's phone variant) and `figure_html` (the HTML a figure marker becomes);
- pages: `markers` (pages naming what producers wrote, resolved to Markdown and HTML), `bound_checks` (sentences
  bound to checks), `declared` (what a producer writes, read from its source), `source_checks` (the generator's
  part of `paramscope check`: markers, bound checks, producers), `reserved`, `notebooks` and `show` (the
  run-it-yourself notebooks). None of these knows MkDocs, any model or a site's look;
- `mkdocs/`: the `paramscope` MkDocs plugin, and a site's sources as MkDocs reads them;
- `commands/` and `cli`: the `paramscope` command line (compute, merge-cache, build, serve, check, facts), to which a
  site adds its own commands (this site's: paramscope.cli).
"""
