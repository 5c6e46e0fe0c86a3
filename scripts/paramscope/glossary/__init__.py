"""The glossary, one feature in one package: its terms and pages (model), search keywords, tooltips' rules, what it
does to a page's Markdown (render: the A-Z index, the home page's reading path, aliases, related terms, footnotes)
and HTML (page_html) and its house rules (glossary.rules, one module per family, over the Site glossary.site
assembles from what MkDocs read), which `paramscope check` runs through glossary.house_rules only where the
`paramscope-glossary` plugin is on; the generator's own checks of markers, checks and producers run on every site
without it. Only its MkDocs side knows MkDocs: `plugin` (the `paramscope-glossary` plugin, a `SourceChecker`),
`config` (its options) and `meta` (the front matter's schema, as MkDocs Configs), which nothing else here imports;
the site's files reach the rest already read (a `SiteFiles`, a `model.Page`). Of the generator it imports only
paramscope_generator.api.
"""
