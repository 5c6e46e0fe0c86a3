"""The options of the `paramscope-glossary` plugin."""
from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class GlossaryConfig(Config):
    enabled = c.Type(bool, default=True)      # false: every event passes its input through, as without the plugin
    tooltips = c.Type(bool, default=True)     # every term and alias a tooltip (the abbr extension's glossary)
    links = c.Type(bool, default=True)        # a term's first tooltip on a page links to the term
    folder = c.Type(str, default="glossary/")  # under docs_dir: the term pages and the A-Z index (index.md)
