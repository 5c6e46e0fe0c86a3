"""The generator: a MkDocs plugin and command line any site can adopt, by which every number and figure on a page
comes from a producer run at build time. It is what the wheel ships (pyproject.toml), and it imports nothing of
this site's library: the site builds on it, passing its look in by name (`figure_style`).

A producer is `<producers>/<name>.py` with a docstring and `produce(out)`; what it and other sites' plugins import
is in one module, `api` (`Out`, `Show`, `expect`, `track_input`, `SourceChecker`). The generator's parts, lowest
first (tests/test_layers.py holds the order: a part imports only parts before it):

- `paths` (where a project is: its `mkdocs.yml` and the plugin's options) and `hashing` (file hashes, memoised);
- `markdown/`: the one reading of a page's Markdown (scan, Problem, hint), for the generator and any site's checks;
- `rendering/`: figures drawn in the site's `figure_style`, their phone variant and the HTML a figure marker becomes;
- `cache/`: the producers' current outputs (`store`), CI shards and their merge;
- `pages/`: markers resolved from the cache, sentences bound to checks, reserved names, run-it-yourself notebooks;
- `producer/`: what a producer's code runs against: `out` (`output`, and `show` in a notebook), `sanity`, `inputs`;
- `run/`: which producers are stale and running them in worker processes, with what their cache key records;
- `checks/`: the generator's part of `paramscope check` (what producers declare, checked against the pages);
- `mkdocs/`: the `paramscope` MkDocs plugin, and a site's sources as MkDocs reads them; the only part (with the
  commands above it) that speaks MkDocs;
- `api`: the public names above, re-exported;
- `commands/` and `cli`: the `paramscope` command line (compute, merge-cache, build, serve, check, facts), to which a
  site adds its own commands (this site's: paramscope.cli).
"""
