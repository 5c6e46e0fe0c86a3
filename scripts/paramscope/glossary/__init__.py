"""The glossary: its front matter schema, search keywords, tooltips' rules and its house rules (glossary.rules, one
module per family, over the sources glossary.site loads), which `paramscope check` (glossary.house_rules) runs where the
`paramscope-glossary` plugin is on, after the generator's own checks of markers, checks and producers
(paramscope.pipeline.source_checks). It knows no MkDocs: the plugin that
applies it to pages is paramscope.mkdocs.glossary."""
