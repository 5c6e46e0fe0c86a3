"""The MkDocs plugins, one per feature as Material's own (each a package with its plugin.py and config.py,
registered under `mkdocs.plugins`): `paramscope` (generator/) runs the pipeline's stale producers for the pages
MkDocs reads, fills their markers and gives notebooks their pages; `paramscope-glossary` (glossary/) derives the
glossary's index, tooltips, cross-links and search keywords from front matter; `sources` reads a site as MkDocs
does (load_config, get_files) for `paramscope check`; `html_tags` reads a page's HTML with the standard
library's parser for the plugins that edit it; `page_speed` is this site's own MkDocs hooks file
(mkdocs.yml `hooks:`), not the generator's. The only package that speaks MkDocs;
it sits on the pipeline and the glossary, the commands sit on it.
"""
