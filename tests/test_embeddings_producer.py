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
