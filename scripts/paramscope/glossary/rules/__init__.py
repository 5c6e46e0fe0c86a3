"""The glossary's house rules, one module per family: `terms` (no term told twice, links between terms), `links`
(what pages point at: pages, anchors, images, snippets), `prose` (numbers cited, no template text)
and `structure` (nav, the home page's reading path, definition order, the index page). Each rule is a function of the
loaded `glossary.site.Site` returning `Problem`s; glossary.house_rules runs them.
"""
