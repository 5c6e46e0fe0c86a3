"""The generator's reading of pages for what producers wrote: `markers` (a page's `{{ producer.name }}`, figure and
check markers resolved to Markdown and HTML from the cache), `bound_checks` (the sentence a `{{ check … }}` binds,
found on the page), `reserved` (names a producer may not take: Jinja's and mkdocs-macros' globals) and `notebooks`
(a page's run-it-yourself notebook, assembled from its producers' own runs). It reads the cache, never runs a
producer, and knows no MkDocs: the plugin (generator.mkdocs) applies it to the pages MkDocs reads.
"""
