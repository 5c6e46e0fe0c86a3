"""The Parameter page's zoo figure (scripts/producers/parameters.py kinds_figure) as drawn for a phone: each model's
name and total sit just above its line, so a dot must stay on its row (the line crosses it) and never reach the name
of the row above, as a reader found "SmolLM2-135M: 135M" overprinted by GPT-2 small's third dot."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from paramscope.arch import counting, zoo  # noqa: E402
from paramscope.figures import marks_clear, overlap, style  # noqa: E402

from support import producer  # noqa: E402


class Recorder:
    """An `out` that keeps the figures' draw functions and ignores the rest."""

    def __init__(self):
        self.draws = {}

    def figure(self, name, draw, **_):
        self.draws[name] = draw

    def __getattr__(self, _):
        return lambda *a, **k: None


@pytest.fixture(scope="module")
def drawn():
    parameters = producer("parameters")
    counts = {name: counting.count(entry.config) for name, entry in zoo.ZOO.items()}
    order = sorted(zoo.ZOO, key=lambda n: counts[n].total)
    out = Recorder()
    parameters.kinds_figure(out, counts, order, [zoo.get(order[0]).label], 0.9)
    figures = {}
    for phone in (False, True):
        with plt.rc_context(style.rc("light")):
            figures[phone] = out.draws["zoo-by-kind"](phone=phone)
    yield figures, parameters
    for fig in figures.values():
        plt.close(fig)


def test_no_dot_overprints_a_name_on_the_phone_drawing(drawn):
    figures, _ = drawn
    assert marks_clear.texts_over_points(figures[True]) == []
    assert overlap.problems(figures[True]) == []


def test_every_dot_stays_on_its_row_on_the_phone_drawing(drawn):
    """Rows are whole numbers; a dot's centre is at most its own radius from its row's line, so the line crosses
    it (the dot's radius in rows measured from the drawing: its size in points over the row's height in points)."""
    figures, parameters = drawn
    fig = figures[True]
    ax = fig.axes[0]
    fig.draw_without_rendering()
    row_pt = (ax.transData.transform((1, 1))[1] - ax.transData.transform((1, 0))[1]) * 72 / fig.dpi
    dots = [c for c in ax.collections if c.get_label() in {style.KIND_LABELS[k] for k in counting.KINDS}
            and c.get_label() != style.KIND_LABELS["output head"]]
    assert dots
    for c in dots:
        radius_rows = (c.get_sizes().max() ** 0.5 / 2) / row_pt
        for _, y in c.get_offsets():
            assert abs(y - round(y)) <= radius_rows, (c.get_label(), y, radius_rows)
