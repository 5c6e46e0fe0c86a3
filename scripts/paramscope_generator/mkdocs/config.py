"""The options of the `paramscope` plugin (the generator), as MkDocs validates them when it loads mkdocs.yml.

Everything that changes what a site publishes beyond the markers' own text is off by default: a site without
markers builds byte for byte the same with and without the plugin.
"""
from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class GeneratorConfig(Config):
    enabled = c.Type(bool, default=True)                     # false: every event passes its input through
    producers = c.Type(str, default="scripts/producers")    # folder of producer scripts, relative to mkdocs.yml
    cache_dir = c.Type(str, default=".cache/paramscope")    # outputs, logs and model caches, relative to mkdocs.yml
    jobs = c.Type(int, default=2)                           # producers run at once, one torch thread each
    notebooks = c.Type(bool, default=False)                 # a notebook per page with figures (needs mkdocs-jupyter)
    # How a figure's light and dark variants show: `auto` uses Material's #only-light/#only-dark (its toggle and
    # the reader's preference) on Material, both variants and CSS following the built-in `mkdocs` theme's toggle
    # (data-bs-theme) there, and a <picture> following prefers-color-scheme on any other theme;
    # `light` or `dark` publishes that one variant only.
    figures = c.Choice(("auto", "light", "dark"), default="auto")
    # The look of figures: `none` (matplotlib's defaults), a matplotlib style name (`ggplot`) or a .mplstyle file
    # relative to mkdocs.yml, the dark variant adding light ink on it; or a hook `module:function` giving the rc
    # settings of each scheme (`function("light")`, `function("dark")`): how a site passes its house style in.
    figure_style = c.Type(str, default="none")
    # Hooks `module:function` run on every figure a producer draws (and its phone drawing): each returns a list of
    # problems (labels that collide, a legend over the data …), and any problem fails the producer at its figure.
    figure_checks = c.ListOfItems(c.Type(str), default=[])
    # Top-level modules a warm worker imports once and forks from, for the producers that last imported one of them
    # (by distribution name): they skip the seconds of importing it. `[]` imports nothing ahead.
    warm_imports = c.ListOfItems(c.Type(str), default=["torch", "numpy", "matplotlib"])
    # Each producer runs in a process forked from a worker (fast); `false`, or where os.fork does not exist
    # (Windows), in a new Python process of its own, which imports everything itself.
    fork = c.Type(bool, default=True)
    facts_json = c.Type(bool, default=False)                # publish every fact and table as /facts.json
    hard_links = c.Type(bool, default=False)                # outputs hard-linked from the cache, not copied
    template_cache = c.Type(bool, default=False)            # Jinja's bytecode cache for the theme, in cache_dir
