"""paramscope.figures.overlap against geometry worked out by hand: texts placed at known points with known sizes."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from paramscope.figures import overlap  # noqa: E402


@pytest.fixture
def fig():
    # 4 x 4 inches at 100 dpi: one figure unit is 400 px; a 10 pt "MMMM" is about 35 px wide and 14 px high
    f = plt.figure(figsize=(4, 4), dpi=100)
    yield f
    plt.close(f)


def test_texts_placed_on_each_other_collide(fig):
    fig.text(0.5, 0.5, "MMMM", fontsize=10)
    fig.text(0.52, 0.51, "WWWW", fontsize=10)        # 8 px right, 4 px up: inside the first one's box
    assert overlap.text_collisions(fig) == ["'MMMM' / 'WWWW'"]


def test_texts_apart_do_not_collide(fig):
    fig.text(0.1, 0.5, "MMMM", fontsize=10)
    fig.text(0.1, 0.56, "WWWW", fontsize=10)         # 24 px higher: above the 14 px line
    fig.text(0.3, 0.5, "MMMM", fontsize=10)          # 80 px right: past the 35 px word
    assert overlap.text_collisions(fig) == []


def test_hidden_and_empty_texts_are_ignored(fig):
    fig.text(0.5, 0.5, "MMMM", fontsize=10)
    fig.text(0.5, 0.5, "WWWW", fontsize=10).set_visible(False)
    fig.text(0.5, 0.5, "  ", fontsize=10)
    assert overlap.text_collisions(fig) == []


def test_tick_labels_that_crowd_collide(fig):
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.8))
    ax.set_xticks([0, 0.01], ["a long label", "another long one"])
    assert overlap.text_collisions(fig) == ["'a long label' / 'another long one'"]


def test_legend_over_a_line_and_beside_it(fig):
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.8))
    ax.plot([0, 1], [0.9, 0.9], label="flat")       # crosses the whole top of the axes, no vertex near its middle
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.legend(loc="upper center")
    assert overlap.legend_over_data(fig) == ["legend over line 'flat'"]
    ax.legend(loc="lower center")
    assert overlap.legend_over_data(fig) == []
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1))  # below the axes
    assert overlap.legend_over_data(fig) == []


def test_legend_over_bars_points_and_images(fig):
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.8))
    ax.bar([0.5], [1.0], width=1.0, label="bar")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.legend(loc="center")
    assert overlap.legend_over_data(fig) == ["legend over bars"]
    ax.patches[0].remove()
    ax.scatter([0.5], [0.5], label="point")
    ax.legend(loc="center")
    assert overlap.legend_over_data(fig) == ["legend over points"]
    ax.collections[0].remove()
    ax.imshow([[0, 1], [1, 0]], extent=(0, 1, 0, 1))
    ax.legend(handles=[plt.Line2D([], [], label="x")], loc="center")
    assert overlap.legend_over_data(fig) == ["legend over image"]
