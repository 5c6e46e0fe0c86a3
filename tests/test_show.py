"""`Show`, the notebooks' stand-in for `out`: figures inline with their alt text, within the page budget."""
import base64
import re

import IPython.display
import pytest

from paramscope_generator.producer.show import SVG_LIMIT, Show


@pytest.fixture
def shown(monkeypatch):
    """What Show passed to IPython's display(), as HTML strings."""
    seen = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: seen.append(obj.data))
    return seen


def _image(html: str) -> tuple[str, str, bytes]:
    alt, mime, data = re.fullmatch(r'<img alt="(.*)" src="data:(.*?);base64,(.*)">', html).groups()
    return alt, mime, base64.b64decode(data)


def _draw(points: int):
    def draw():
        import matplotlib.pyplot as plt
        import numpy as np
        fig, ax = plt.subplots(figsize=(6, 3))
        ax.scatter(*np.random.default_rng(0).normal(size=(2, points)), s=2)
        return fig
    return draw


def test_a_light_figure_stays_svg_with_its_alt_text(shown):
    Show("p").figure("small", _draw(10), alt='Ten dots, "scattered" <randomly>')
    alt, mime, data = _image(shown[0])
    assert mime == "image/svg+xml" and data.lstrip().startswith(b"<?xml") and len(data) <= SVG_LIMIT
    assert alt == "Ten dots, &quot;scattered&quot; &lt;randomly&gt;"


def test_a_heavy_svg_becomes_a_lighter_png(shown):
    Show("p").figure("big", _draw(20_000), alt="Twenty thousand dots")
    _, mime, data = _image(shown[0])
    assert mime == "image/png" and data.startswith(b"\x89PNG") and len(data) < SVG_LIMIT


def test_only_the_pages_figures_and_facts_are_shown(shown):
    show = Show("p", facts=["a"], figures=["wanted"])
    show.figure("other", _draw(10), alt="not on the page")
    show.fact("a", 1234567)
    show.fact("b", 2)
    assert shown == [] and show.facts == {"a": "1,234,567"}
