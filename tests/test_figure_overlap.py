"""paramscope.figures.overlap against geometry worked out by hand: texts placed at known points with known sizes."""
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from paramscope.figures import overlap  # noqa: E402


def test_texts_placed_on_each_other_collide(fig):
    fig.text(0.5, 0.5, "MMMM", fontsize=10)
    fig.text(0.52, 0.51, "WWWW", fontsize=10)        # 8 px right, 4 px up: inside the first one's box
    assert overlap.text_collisions(fig) == ["'MMMM' / 'WWWW'"]


def test_texts_apart_do_not_collide(fig):
    fig.text(0.1, 0.5, "MMMM", fontsize=10)
    fig.text(0.1, 0.56, "WWWW", fontsize=10)         # 24 px higher: above the 14 px line
    fig.text(0.3, 0.5, "MMMM", fontsize=10)          # 80 px right: past the 48 px word
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


def test_separating_axes_worked_by_hand():
    square = np.array([[0, 0], [2, 0], [2, 2], [0, 2]], dtype=float)

    def diamond(cx, cy, r):   # a square turned 45°, its corners r from its centre
        return np.array([[cx - r, cy], [cx, cy - r], [cx + r, cy], [cx, cy + r]], dtype=float)

    # Left tip at x = 1.9, 0.1 inside the square's right side x = 2: on the diagonals the two overlap by 0.78
    # (square 0 to 4/√2 = 2.83 on (1, 1)/√2, diamond from 2.9/√2 = 2.05), so no axis separates them.
    assert overlap.convex_overlap(square, diamond(2.9, 1, 1))
    assert overlap.convex_overlap(diamond(2.9, 1, 1), square)
    assert not overlap.convex_overlap(square, diamond(2.9, 1, 1), tol=0.15)  # 0.1 on x: under the tolerance
    assert not overlap.convex_overlap(square, diamond(3.2, 1, 1))            # 0.2 of air on x
    # Centred at (3.2, 3.2), r = 1.5: its upright box [1.7, 4.7]² overlaps the square's [0, 2]² by 0.3 both ways,
    # but on (1, 1)/√2 the square ends at 4/√2 = 2.83 and the diamond begins at (1.7 + 3.2)/√2 = 3.46.
    assert not overlap.convex_overlap(square, diamond(3.2, 3.2, 1.5))


def test_a_turned_text_is_outlined_by_its_upright_box_turned(fig):
    turned = fig.text(0.5, 0.5, "MMMM", fontsize=10, rotation=35, ha="center", va="center")
    upright = fig.text(0.1, 0.1, "MMMM", fontsize=10)
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    corners = overlap.outline(turned, renderer)    # (4, 2): bottom left, bottom right, top right, top left
    box = upright.get_window_extent(renderer)
    edges = np.roll(corners, -1, axis=0) - corners
    assert np.hypot(*edges[0]) == pytest.approx(box.width)      # the baseline: the word's length, turned 35°
    assert np.hypot(*edges[1]) == pytest.approx(box.height)
    assert math.degrees(math.atan2(edges[0][1], edges[0][0])) == pytest.approx(35)
    assert corners.mean(axis=0) == pytest.approx([200, 200])     # centred on its anchor, (0.5, 0.5) of 400 px
    extent = turned.get_window_extent(renderer)                  # matplotlib's own upright box around the turned word
    assert [*corners.min(axis=0), *corners.max(axis=0)] == pytest.approx([extent.x0, extent.y0, extent.x1, extent.y1])


def test_turned_labels_collide_only_where_their_letters_do(fig):
    # "MMMM" turned 35°, about 48 x 14 px: a neighbour d px to the right is d·sin 35° off its baseline's line.
    fig.text(0.3, 0.5, "MMMM", fontsize=10, rotation=35, ha="center", va="center")
    apart = fig.text(0.4, 0.5, "WWWW", fontsize=10, rotation=35, ha="center", va="center")   # 40 px: 23 > 14 px
    fig.draw_without_rendering()
    first, second = (t.get_window_extent() for t in fig.texts)
    assert first.overlaps(second)                                # their upright boxes do meet (about 47 px wide)
    assert overlap.text_collisions(fig) == []
    apart.set_x(0.34)                                            # 16 px: 9 px off the line, inside the 14 px
    assert overlap.text_collisions(fig) == ["'MMMM' / 'WWWW'"]


def test_a_leader_is_not_part_of_the_words(fig):
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.annotate("first", xy=(0.1, 0.1), xytext=(0.5, 0.5), arrowprops=dict(arrowstyle="-"))
    ax.annotate("second", xy=(0.9, 0.1), xytext=(0.5, 0.6), arrowprops=dict(arrowstyle="-"))   # 40 px higher
    fig.draw_without_rendering()
    first, second = (t.get_window_extent() for t in ax.texts)
    assert first.overlaps(second)                                # with their leaders, the two annotations' boxes meet
    assert overlap.text_collisions(fig) == []
    ax.annotate("third", xy=(0.1, 0.9), xytext=(0.51, 0.5), arrowprops=dict(arrowstyle="-"))  # on 'first'
    assert overlap.text_collisions(fig) == ["'first' / 'third'"]


def test_a_legend_above_the_axes_is_not_over_the_clipped_part_of_a_line(fig):
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.6))
    ax.plot([0, 1], [0, 2], label="rising")                     # leaves the axes at the top at x = 0.5 and goes on
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.02))    # above the axes, where the line is clipped away
    assert overlap.legend_over_data(fig) == []
    ax.get_lines()[0].set_clip_on(False)                         # drawn beyond the axes: now it runs under the legend
    assert overlap.legend_over_data(fig) == ["legend over line 'rising'"]
