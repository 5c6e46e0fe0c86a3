"""Saved SVG figures: coordinates rounded to 1/100 pt, the text a reader sees exactly as matplotlib wrote it."""
import re
import xml.etree.ElementTree as ET

from paramscope_generator.rendering import drawing as figures

from support import PROJECT  # this site: its figure_style is the house style

SVG = "{http://www.w3.org/2000/svg}"
TICKS = [0.0, 0.125, 0.25, 0.375, 0.5]


def ticks_chart():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(3.0, 2.0))
    ax.plot(TICKS, [1.0625, 1.3125, 1.0, 1.5, 1.125])
    ax.set_xticks(TICKS)
    ax.set_yticks([1.0625, 1.3125])
    ax.annotate("peak 1.5000 at 0.375", (0.375, 1.5))
    return fig


def test_text_keeps_its_digits_while_geometry_is_rounded(tmp_path):
    import matplotlib.pyplot as plt
    from matplotlib.ticker import ScalarFormatter

    written = figures.render(ticks_chart, tmp_path / "ticks", "svg", project=PROJECT, checks=False)
    svg = tmp_path / "ticks-light.svg"
    assert svg in written
    texts = {"".join(t.itertext()).strip() for t in ET.parse(svg).getroot().iter(SVG + "text")}
    # the oracle: matplotlib's own formatter, asked directly for the labels of these ticks
    fig, ax = plt.subplots()
    formatter = ScalarFormatter()
    formatter.set_axis(ax.xaxis)
    formatter.set_locs(TICKS)
    expected = {formatter(t) for t in TICKS}
    plt.close(fig)
    assert "0.125" in expected and "0.375" in expected
    assert expected <= texts, f"tick labels changed on saving: {sorted(expected - texts)} missing from {sorted(texts)}"
    assert "peak 1.5000 at 0.375" in texts
    raw = svg.read_text()
    attributes = re.findall(r'\s(?:d|x|y|transform|points)="([^"]*)"', raw)
    assert attributes and not any(re.search(r"\d\.\d{3,}", a) for a in attributes), "geometry not rounded"
