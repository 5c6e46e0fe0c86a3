"""The MkDocs side of paramscope: the `paramscope` plugin (registered under `mkdocs.plugins`).

The only package that knows MkDocs; it sits on the pipeline and the glossary, and the commands sit on it.
"""
