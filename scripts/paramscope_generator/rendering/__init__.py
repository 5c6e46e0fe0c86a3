"""The generator's figures, whatever the site's look: `drawing` (a producer's figure drawn in the site's
`figure_style`, saved byte for byte, once per theme), `phone_relayout` (the same Figure re-laid out for a phone's
column) and `figure_html` (the `<figure>` HTML and CSS a marker becomes, with its theme and phone variants); and
`numbers`, how a fact or table cell that is a number prints (a true minus sign), for markers and producers alike. The
site's own look comes in by name (`figure_style`), never by import of paramscope.figures.
"""
