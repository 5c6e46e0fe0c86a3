"""The `paramscope` MkDocs plugin (registered under `mkdocs.plugins`): it runs the pipeline's stale producers for the
pages MkDocs reads, fills their markers, gives notebooks their pages, and hands the glossary its hooks when the
site has one. It sits on the pipeline and the glossary (whose hooks also speak MkDocs); the commands sit on it.
"""
