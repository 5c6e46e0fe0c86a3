"""The Embedding page's producer: its projection's labels never overlap, and a width's largest power-of-two factor."""
import pytest
import torch

from paramscope.lessons import word_vectors

from support import producer


def test_labels_placed_without_overlap():
    """The embedding projection's labels: crowded points, no two labels overlapping (issue: "chair"/"table")."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    g = torch.Generator().manual_seed(0)
    xy = torch.cat([torch.randn(12, 2, generator=g) * 0.4, torch.randn(12, 2, generator=g) + 3]).numpy()
    words = ["table", "chair", "bed", "desk", "shelf", "lamp", "banana", "galaxy", "apple", "moon", "king", "queen"] * 2
    fig, ax = plt.subplots(figsize=(6.9, 4))
    ax.scatter(xy[:, 0], xy[:, 1])
    ax.set_xlim(-1, 5.5)
    ax.set_ylim(-1, 5.5)
    labels = word_vectors.place_labels(ax, xy, words, 9)
    assert len(labels) == len(words)
    assert word_vectors.overlaps(labels, fig.canvas.get_renderer()) == 0
    plt.close(fig)


@pytest.mark.parametrize("n,factor", [(576, 64), (4096, 4096), (12288, 4096), (7168, 1024), (768, 256)])
def test_power_of_two_factor(n, factor):
    assert producer("embeddings").power_of_two_factor(n) == factor


def _axes_in_points(n_points: float = 200):
    """A figure at 72 dpi, its axes 200 × 200 pt with data units of one point: a point's label lands where a hand
    computation says."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(4, 4), dpi=72)
    ax = fig.add_axes((0.25, 0.25, n_points / 288, n_points / 288))
    ax.set_xlim(0, n_points)
    ax.set_ylim(0, n_points)
    return fig, ax


def test_a_lone_label_stands_beside_its_point():
    """Nothing near: the first place of the first ring, STEP_PT to the right of the point, centred on it."""
    import matplotlib.pyplot as plt

    fig, ax = _axes_in_points()
    (label,) = word_vectors.place_labels(ax, [[100.0, 100.0]], ["planet"], 9)
    box = label.get_window_extent(fig.canvas.get_renderer())
    origin = ax.transData.transform((100, 100))
    assert box.x0 == pytest.approx(origin[0] + word_vectors.STEP_PT, abs=0.5)
    assert (box.y0 + box.y1) / 2 == pytest.approx(origin[1], abs=1.0)
    plt.close(fig)


def test_a_crowded_cluster_gets_labels_clear_of_each_other_and_of_the_points():
    """Nine points 20 pt apart on a 3 × 3 grid, each word wider than that (the reader's "planet" beside "lemon" and
    "grape"): every
    label clear of every other by its margin, none on a point, all inside the axes, each within the rings of its own
    point; the figures' own overlap check, measuring the drawn outlines, agrees."""
    import matplotlib.pyplot as plt
    import numpy as np

    from paramscope.figures import overlap

    fig, ax = _axes_in_points()
    xy = np.array([[80.0 + 20 * i, 80.0 + 20 * j] for j in range(3) for i in range(3)])
    ax.scatter(xy[:, 0], xy[:, 1], s=22)
    words = ["planet", "lemon", "grape", "galaxy", "banana", "star", "apple", "moon", "orange"]
    labels = word_vectors.place_labels(ax, xy, words, 9)
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in labels]
    assert [t.get_text() for t in labels] == words
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.padded(1.0).overlaps(b), (a, b)
        # no other point within MARKER_PT of the box (data units are points here)
        for k, (x, y) in enumerate(xy):
            if k != i:
                px, py = ax.transData.transform((x, y))
                assert not (a.x0 - 2.5 < px < a.x1 + 2.5 and a.y0 - 2.5 < py < a.y1 + 2.5), (words[i], words[k])
        frame = ax.get_window_extent(renderer)
        assert frame.contains(a.x0, a.y0) and frame.contains(a.x1, a.y1)
        # the label's anchor is at most RINGS steps from its point, on both axes
        anchor = np.array(labels[i].xyann)
        assert np.abs(anchor).max() <= word_vectors.RINGS * word_vectors.STEP_PT
    assert overlap.text_collisions(fig) == []
    plt.close(fig)


def test_labels_with_no_room_are_refused_by_name():
    """Five long words on one spot in a small axes: no place clear of the others within the rings, and the failure
    names the label."""
    import matplotlib.pyplot as plt

    fig, ax = _axes_in_points(40)
    with pytest.raises(ValueError, match=r"no place for the label '.*' within 24 pt"):
        word_vectors.place_labels(ax, [[20.0, 20.0]] * 12, ["astronaut"] * 12, 9)
    plt.close(fig)
