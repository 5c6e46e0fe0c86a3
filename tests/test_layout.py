"""Where a figure's labels go (paramscope.figures.layout), worked by hand."""
import pytest

from paramscope.figures import layout


def test_spread_by_hand():
    """Two marks 0.1 apart and one far off, labels 1 apart: the close pair is pushed to 0 and 1 (0.9 added), then
    the block is centred on its marks (0.9 / 3 = 0.3 down); the far label stays 0.3 below its mark."""
    assert layout.spread([0.1, 0.0, 5.0], 1.0) == pytest.approx([0.7, -0.3, 4.7])


def test_spread_leaves_labels_already_apart_in_place():
    assert layout.spread([3.0, 0.0, 1.5], 1.0) == [3.0, 0.0, 1.5]


def test_spread_keeps_order_and_gap():
    ys = [0.0, 0.2, 0.25, 0.3, 2.0, 2.1]
    placed = layout.spread(ys, 0.5)
    ordered = [p for _, p in sorted(zip(ys, placed))]
    assert all(b - a >= 0.5 - 1e-12 for a, b in zip(ordered, ordered[1:]))


def test_stagger_moves_only_marks_that_would_hide_each_other():
    # 1.0, 1.05, 1.08 are each within 0.1 of the one before: one run, stacked 0, -0.25, -0.5; 2.0 and 3.0 stand alone
    # and 3.05 starts a run of its own
    offsets = layout.stagger({"a": 1.05, "b": 1.0, "c": 1.08, "d": 2.0, "e": 3.0, "f": 3.05}, apart=0.1, step=0.25)
    assert offsets == {"b": 0, "a": -0.25, "c": -0.5, "d": 0, "e": 0, "f": -0.25}


def test_straddle_keeps_marks_beside_their_line():
    # the same marks: the run 1.0, 1.05, 1.08 goes above, below, above the line (each beside its neighbour at another
    # height); 2.0 alone stays on it; 3.0 and 3.05 are a run of two: above, below
    offsets = layout.straddle({"a": 1.05, "b": 1.0, "c": 1.08, "d": 2.0, "e": 3.0, "f": 3.05}, apart=0.1, step=0.09)
    assert offsets == {"b": 0.09, "a": -0.09, "c": 0.09, "d": 0, "e": 0.09, "f": -0.09}
    assert layout.straddle({}, apart=0.1, step=0.09) == {}
    assert layout.straddle({"x": 5.0}, apart=0.1, step=0.09) == {"x": 0}
