"""The Bias page's neuron figure (scripts/producers/biases.py neuron_figure): the curves with and without the bias
are told apart by more than hue (a reader with a colour-vision deficiency could not tell green from teal): a solid
line in the biases' teal and a dashed grey one, each named at its line, not in a legend."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402

from paramscope.figures import overlap, style  # noqa: E402

from support import producer  # noqa: E402


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_two_curves_differ_in_style_and_are_named_at_their_lines(theme):
    without = torch.linspace(-0.6, 0.9, 115)   # a rising curve, as the real one sorted by its weighted sum
    b = torch.zeros(1000)
    b[849] = 0.19
    pre = without + b[849]
    gelu = torch.nn.functional.gelu
    draws = {}

    class Recorder:
        def figure(self, name, draw, **_):
            draws[name] = draw
    producer("biases").neuron_figure(Recorder(), b, 849, pre, without, gelu(pre), gelu(without))
    with plt.rc_context(style.rc(theme)):
        fig = draws["neuron"]()
    ax = fig.axes[0]
    curves = {line.get_label(): line for line in ax.get_lines() if len(line.get_xdata()) == 115}
    with_, without_ = curves["with its bias b = 0.19"], curves["bias left out"]
    assert with_.get_linestyle() == "-" and without_.get_linestyle() == "--"
    def chroma(line):   # how coloured a line is: its channels' spread (0 for a grey)
        rgb = to_rgb(line.get_color())
        return max(rgb) - min(rgb)
    assert chroma(with_) > 0.3 and chroma(without_) < 0.05, (with_.get_color(), without_.get_color())
    assert ax.get_legend() is None
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    names = {t.get_text(): t for t in ax.texts}
    for label, line in (("with its bias b = 0.19", with_), ("bias left out", without_)):
        box = names[label].get_window_extent(renderer)
        xy = line.get_transform().transform(line.get_xydata())
        under = xy[(xy[:, 0] >= box.x0) & (xy[:, 0] <= box.x1)]
        gap = min(abs(under[:, 1] - box.y0).min(), abs(under[:, 1] - box.y1).min())   # its nearest edge to the line
        assert gap < 15 * fig.dpi / 72, (label, gap)                                   # within 15 pt of its line
        assert not ((under[:, 1] > box.y0) & (under[:, 1] < box.y1)).any(), label      # and not across it
    assert overlap.problems(fig) == []
    plt.close(fig)
