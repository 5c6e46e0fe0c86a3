"""This site's MkDocs code, on top of the generator's plugin (paramscope.generator.mkdocs): the `paramscope-glossary`
plugin (glossary/, a package with its plugin.py and config.py, registered under `mkdocs.plugins`), which derives the
glossary's index, tooltips, cross-links and search keywords from front matter and adds the glossary's house rules to
`paramscope check`; and `page_speed`, this site's own MkDocs hooks file (mkdocs.yml `hooks:`). The only part of the
site's library that speaks MkDocs; it sits on the glossary, the commands sit on it.
"""
