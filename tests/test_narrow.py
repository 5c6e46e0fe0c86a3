"""Phone variants of figures (paramscope_generator.rendering.phone_relayout), read back from the saved SVG as the site
shows them."""
import xml.etree.ElementTree as ET

import pytest

from paramscope.figures import style
from paramscope_generator.rendering import drawing as figures

from support import PROJECT  # this site: its figure_style is the house style
from test_figures_legible import MIN_PX, PHONE_PX, _font_sizes, _svg_width


def _phone_px(svg) -> float:
    root = ET.parse(svg).getroot()
    view, natural = _svg_width(root)
    size, _ = min(_font_sizes(root))
    return size * min(natural, PHONE_PX) / view


def wide_chart():
    import matplotlib.pyplot as plt
    import numpy as np

    fig, (a, b) = plt.subplots(1, 2, figsize=style.figsize(3.2))
    x = np.logspace(6, 12, 20)
    a.loglog(x, x ** 0.5, label="the weights, read once for every token")
    a.loglog(x, x ** 0.7, label="the cache: keys and values of the tokens so far")
    a.set_xlabel("parameters of the model, from a million to a trillion")
    a.legend(loc="upper left")
    b.bar([style.KIND_LABELS[k] for k in ("embeddings", "attention", "mlp", "norms")], [3, 4, 5, 1],
          color=[style.kind_color(k) for k in ("embeddings", "attention", "mlp", "norms")], label="share")
    b.legend(ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.15))
    fig.tight_layout()
    return fig


def small_chart():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(3.0, 2.0))
    ax.plot([0, 1], [0, 1])
    return fig


def test_a_wide_figure_gets_a_narrow_variant_legible_on_a_phone(tmp_path):
    written = figures.render(wide_chart, tmp_path / "chart", "svg", project=PROJECT, checks=False)
    assert [p.name for p in written] == ["chart-light.svg", "chart-narrow-light.svg", "chart-dark.svg",
                                         "chart-narrow-dark.svg"]
    assert _phone_px(tmp_path / "chart-light.svg") < MIN_PX      # why it needs one
    for name in ("chart-narrow-light.svg", "chart-narrow-dark.svg"):
        assert _phone_px(tmp_path / name) >= MIN_PX, name
    text = (tmp_path / "chart-narrow-light.svg").read_text()
    assert "10⁹" in text and "$" not in text                            # log ticks as plain text


def test_a_figure_already_legible_on_a_phone_gets_none(tmp_path):
    written = figures.render(small_chart, tmp_path / "small", "svg", project=PROJECT, checks=False)
    assert [p.name for p in written] == ["small-light.svg", "small-dark.svg"]


def test_a_diagram_placed_in_inches_gets_none(tmp_path):
    from paramscope.figures.module_boxes import Canvas

    def draw():
        c = Canvas(style.COLUMN_IN, 1.0)
        c.text(0.5, 0.5, "a label", ha="left")
        return c.fig
    written = figures.render(draw, tmp_path / "diagram", "svg", project=PROJECT, checks=False)
    assert [p.name for p in written] == ["diagram-light.svg", "diagram-dark.svg"]


def test_a_legend_placed_below_its_axes_stays_below_them():
    import matplotlib.pyplot as plt

    from paramscope_generator.rendering import phone_relayout as narrow

    fig = wide_chart()
    fig.draw_without_rendering()
    assert narrow.relayout(fig)
    renderer = fig.canvas.get_renderer()
    bars = fig.axes[1]
    legend = bars.get_legend().get_window_extent(renderer)
    assert legend.y1 <= bars.get_window_extent(renderer).y0, "the legend moved into its axes"
    plt.close(fig)


def test_a_producer_drawn_phone_variant_is_saved_and_checked(tmp_path):
    """out.figure(narrow=...): the producer's own phone drawing is saved as the narrow variant when legible, and
    fails the figure, naming it, when its text would still be under 11 px on a phone."""
    def phone():
        fig = small_chart()
        fig.set_size_inches(3.4, 3.0)
        return fig

    written = figures.render(wide_chart, tmp_path / "chart", "svg", phone, project=PROJECT, checks=False)
    assert [p.name for p in written] == ["chart-light.svg", "chart-narrow-light.svg", "chart-dark.svg",
                                         "chart-narrow-dark.svg"]
    assert _phone_px(tmp_path / "chart-narrow-dark.svg") >= MIN_PX
    with pytest.raises(ValueError, match="chart: its phone drawing's smallest text"):
        figures.render(wide_chart, tmp_path / "chart", "svg", wide_chart, project=PROJECT, checks=False)


def test_a_draw_that_takes_phone_draws_its_own_phone_variant(tmp_path):
    """out.figure(name, draw) with `def draw(phone=False)`: the build saves draw(phone=True) as the narrow variant,
    with no narrow= at the call; naming narrow= as well is refused, since the two would compete."""
    from paramscope_generator.producer.output import Output

    calls = []

    def draw(phone: bool = False):
        calls.append(phone)
        if not phone:
            return wide_chart()
        fig = small_chart()
        fig.set_size_inches(3.4, 3.0)
        return fig

    out = Output("p", tmp_path, PROJECT)
    out.figure("chart", draw, alt="a chart", checks=False)
    assert out.manifest()["figures"]["chart"]["narrow"]
    assert calls == [False, True, False, True]      # light, its phone drawing; dark, its phone drawing
    assert (tmp_path / "figures" / "chart-narrow-dark.svg").is_file()
    with pytest.raises(ValueError, match="takes `phone`"):
        out.figure("again", draw, alt="a chart", narrow=small_chart)
