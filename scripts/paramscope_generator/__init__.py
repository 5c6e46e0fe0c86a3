"""The generator: a MkDocs plugin and command line any site can adopt, by which every number and figure on a page
comes from a producer run at build time. It is a distribution of its own, paramscope-generator
(scripts/generator-dist/pyproject.toml), and it imports nothing of this site's library: the site builds on it,
passing its look in by name (`figure_style`).

A producer is `<producers>/<name>.py` with a docstring and `produce(out)`; what it, other sites' plugins and this
site's library import is in one module, `api` (`Out`, `expect`, `SourceChecker`, `Problem`, `scan`, ...). The
generator's parts, lowest first (tests/test_layers.py holds the order: a part imports only parts before it):

- `paths` (where a project is: its `mkdocs.yml` and the plugin's options), `hashing` (file hashes, memoised) and
  `html_tags` (a page's HTML cut into its parts by the standard library's parser, for the plugins that edit it);
- `markdown/`: the one reading of a page's Markdown (scan, Problem, hint), for the generator and any site's checks;
- `rendering/`: figures drawn in the site's `figure_style`, their phone variant and the HTML a figure marker becomes;
- `cache/`: the producers' current outputs (`store`), CI shards and their merge;
- `pages/`: markers resolved from the cache, sentences bound to checks, reserved names, run-it-yourself notebooks;
- `producer/`: what a producer's code runs against: `out` (`output`, and `show` in a notebook), `sanity`, `inputs`;
- `run/`: which producers are stale and running them in worker processes, with what their cache key records;
- `checks/`: the generator's part of `paramscope check` (what producers declare, checked against the pages);
- `mkdocs/`: the `paramscope` MkDocs plugin, a site's sources as MkDocs reads them, and `SourceChecker`; the only
  part (with the commands above it) that speaks MkDocs;
- `commands/`, `dispatch` and `__main__`: the `paramscope` command line (compute, merge-cache, build, serve, check,
  facts), to which a site adds its own commands (this site's: paramscope.cli);
- `api`: the public names, re-exported from the parts below it.
"""
