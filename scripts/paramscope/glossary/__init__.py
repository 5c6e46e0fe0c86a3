"""The glossary: its front matter schema, search keywords, tooltips' rules and the site checker (`paramscope check`:
the generator's checks on any site, the house rules where the `paramscope-glossary` plugin is on). It knows no
MkDocs: the plugin that applies it to pages is paramscope.mkdocs.glossary."""
