"""The glossary: its front matter schema, search keywords, tooltips' rules and its house rules (glossary.rules, one
module per family, over the Site glossary.site assembles from what MkDocs read), which `paramscope check` runs
through glossary.house_rules only where the `paramscope-glossary` plugin is on; the generator's own checks of
markers, checks and producers (paramscope.generator.source_checks) run on every site without it. It knows no
MkDocs: the plugin that applies it to pages is paramscope.mkdocs.glossary, and the site's files reach it already read
(paramscope.generator.mkdocs.sources)."""
