"""Tooltips once: paramscope.glossary.page_html keeps a term's first tooltip per section."""
from paramscope.glossary.page_html import once_per_section

T = '<abbr title="A number training sets.">{}</abbr>'
W = '<abbr title="A parameter that multiplies.">{}</abbr>'


def test_first_use_per_section_keeps_its_tooltip_and_headings_keep_none():
    html = (f'<h1 id="p">{T.format("Parameter")}</h1><p>{T.format("parameter")} and {T.format("parameters")}, '
            f'{W.format("weight")}, {W.format("weights")}</p>'
            f'<h3 id="s">{W.format("Weights")}</h3><p>{T.format("parameter")}</p>'
            f'<h2 id="n">Next</h2><p>{W.format("weight")} {T.format("parameters")}</p>')
    assert once_per_section(html) == (
        f'<h1 id="p">Parameter</h1><p>{T.format("parameter")} and parameters, {W.format("weight")}, weights</p>'
        f'<h3 id="s">Weights</h3><p>parameter</p>'
        f'<h2 id="n">Next</h2><p>{W.format("weight")} {T.format("parameters")}</p>')


def test_a_page_without_tooltips_is_unchanged():
    html = '<h2 id="a">A</h2><p>text <abbr>x</abbr></p>'
    assert once_per_section(html) == html
