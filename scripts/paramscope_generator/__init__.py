"""The generator: a MkDocs plugin and command line any site can adopt, by which every number and figure on a page
comes from a producer run at build time. It is a distribution of its own, paramscope-generator
(scripts/generator-dist/pyproject.toml), and it imports nothing of this site's library: the site builds on it,
passing its look in by name (`figure_style`).

A producer is `<producers>/<name>.py` with a docstring and `produce(out)`; what it, other sites' plugins and this
site's library import is in one module, `api` (`Out`, `expect`, `SourceChecker`, `Problem`, `scan`, ...). LAYERS is
the generator's parts (its folders and top-level modules) lowest first: a part imports only the parts before it
(tests/test_layers.py holds every import to it)."""

LAYERS = [
    "paths",             # where a project is: its mkdocs.yml and the plugin's options
    "hashing",           # file hashes, memoised
    "html_tags",         # a page's HTML cut into its parts by the standard library's parser, for plugins that edit it
    "markdown",          # the one reading of a page's Markdown (scan, Problem, hint), for the generator and any site
    "rendering",         # figures drawn in the site's figure_style, their phone variant, a figure marker's HTML, and
                         #   numbers printed with a true minus sign
    "cache",             # the producers' current outputs (store), CI shards and their merge
    "pages",             # markers resolved from the cache, sentences bound to checks, reserved names, notebooks
    "producer",          # what a producer's code runs against: out (output, and show in a notebook), sanity, inputs
    "run",               # which producers are stale, run in worker processes, and what their cache key records
    "checks",            # the generator's part of `paramscope check`: what producers declare, against the pages
    "mkdocs",            # the `paramscope` plugin, a site's sources as MkDocs reads them, SourceChecker: from here up,
                         #   and only here, the generator speaks MkDocs
    "commands",          # one module per command any site runs (compute, merge-cache, build, serve, check, facts)
    "dispatch", "__main__",  # the command line, to which a site adds its own commands; `python -m paramscope_generator`
    "api",               # the public names, re-exported from the parts above
]
