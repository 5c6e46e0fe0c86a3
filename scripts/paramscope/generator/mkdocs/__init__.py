"""The generator as MkDocs sees it: `plugin` (the `paramscope` plugin, registered under `mkdocs.plugins`: stale
producers computed for the pages MkDocs reads, their markers filled, notebooks given their pages) with its `config`,
`files` and `compat` (MkDocs 1.4 to 1.6); `notebook_pages` (a run-it-yourself notebook's page); `html_tags` (a
page's HTML read with the standard library's parser, for the plugins that edit it, this site's glossary too); and
`sources` (a site read as MkDocs reads it, for `paramscope check`). The only part of the generator that speaks
MkDocs."""
