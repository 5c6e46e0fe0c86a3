"""The generator as MkDocs sees it: `plugin` (the `paramscope` plugin, registered under `mkdocs.plugins`: stale
producers computed for the pages MkDocs reads, their markers filled, notebooks given their pages) with its `config`,
`files` and `compat` (MkDocs 1.4 to 1.6); `notebook_files` (the notebooks handed to mkdocs-jupyter as pages) and
`notebook_pages` (a run-it-yourself notebook's page); `sources` (a site read as MkDocs reads it, for `paramscope
check`) and `source_checker` (`SourceChecker`: how another plugin adds its checks to that command). The only part of
the generator that speaks MkDocs."""
