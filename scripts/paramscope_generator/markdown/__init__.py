"""The generator's reading of Markdown pages, below everything that checks or renders them: `scan` (the one reader of a
page's Markdown: code blocks, headings and their slugs, links, markers, footnotes, numbers), `front_matter` (the
`---` block split from the body), `problem` (`Problem`, one thing wrong in a site's sources, printed as
`path:line: message`) and `hint` (the "did you mean" of every message). The generator and a site's checks (here the
glossary's house rules) read pages through it; it imports no other part of paramscope and knows no MkDocs
(only Python-Markdown's own slugify).
"""
