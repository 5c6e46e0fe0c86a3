"""The embedding helpers against numpy computing the same quantities a different way (eigenvectors, brute force)."""
import numpy as np
import torch

from paramscope.lessons import word_vectors


def vocab(n: int = 200, d: int = 16) -> word_vectors.Vocabulary:
    g = torch.Generator().manual_seed(0)
    return word_vectors.Vocabulary(torch.randn(n, d, generator=g), [f"w{i}" for i in range(n)], list(range(n)))


def test_pca_matches_covariance_eigenvectors():
    x = vocab().table[:40]
    coords, share = word_vectors.pca_2d(x)
    a = x.double().numpy()
    a = a - a.mean(axis=0)
    values, vectors = np.linalg.eigh(a.T @ a)  # ascending
    expected_share = values[::-1][:2] / values.sum()
    np.testing.assert_allclose(share, expected_share, rtol=1e-9)
    for k in range(2):  # the same axes up to sign
        projected = a @ vectors[:, -1 - k]
        np.testing.assert_allclose(np.abs(coords[:, k].numpy()), np.abs(projected), atol=1e-4)


def test_nearest_matches_brute_force_cosine():
    v = vocab()
    a = v.table.double().numpy()
    q = a[3] - a[5] + a[7]
    cos = a @ q / (np.linalg.norm(a, axis=1) * np.linalg.norm(q))
    cos[[3, 5, 7]] = -np.inf
    expected = [f"w{i}" for i in np.argsort(-cos)[:3]]
    assert [w for w, _ in word_vectors.analogy(v, "w3", "w5", "w7", k=3)] == expected


def test_centred_rows_have_zero_mean():
    t = word_vectors.centred(vocab().table + 5.0)
    assert t.mean(dim=0).abs().max().item() < 1e-5


def test_is_word():
    assert word_vectors.is_word("table") and not word_vectors.is_word("a") and not word_vectors.is_word("##ing")
    assert not word_vectors.is_word("café") and not word_vectors.is_word("t4ble")


def test_vocabulary_keeps_the_word_rows_in_row_order_without_the_marker():
    table = torch.arange(12.0).reshape(6, 2)
    tokens = {"Ġcat": 4, "dog": 0, "Ġa": 1, "Ġ12": 2, "Ġbird": 3, "##s": 5}  # "a" is too short, "12" not letters
    vocab = word_vectors.vocabulary(table, tokens, marker="Ġ")
    assert vocab.words == ["bird", "cat"] and vocab.ids == [3, 4]
    assert torch.equal(vocab.table, table[[3, 4]])
    plain = word_vectors.vocabulary(table, tokens)
    assert plain.words == ["dog"] and plain.ids == [0]


def test_pca_on_n_minus_one_axes_keeps_every_distance():
    """The Embedding page's tiny table: four rows on their three axes keep the distances of the full rows."""
    x = vocab(n=4, d=16).table
    coords, share = word_vectors.pca(x, 3)
    assert coords.shape == (4, 3) and abs(sum(share) - 1) < 1e-9
    assert torch.allclose(torch.cdist(coords, coords), torch.cdist(x.double(), x.double()), atol=1e-9)


def test_principal_axes_place_new_vectors_as_pca_does():
    """The kept axes reproduce pca's coordinates (signs included), are orthonormal, and keep the eigenvalues' shares."""
    x = vocab().table[:30]
    proj = word_vectors.principal_axes(x)
    coords, share = word_vectors.pca(x, 2)
    mean, axes = np.array(proj["mean"]), np.array(proj["axes"])
    np.testing.assert_allclose((x.double().numpy() - mean) @ axes.T, coords.numpy(), atol=1e-9)
    np.testing.assert_allclose(proj["coords"], coords.numpy(), atol=1e-9)
    np.testing.assert_allclose(axes @ axes.T, np.eye(2), atol=1e-9)
    a = x.double().numpy() - x.double().numpy().mean(axis=0)
    values = np.linalg.eigvalsh(a.T @ a)[::-1]
    np.testing.assert_allclose(proj["share"], values[:2] / values.sum(), rtol=1e-9)


def brute_nearest(rows: np.ndarray, cosine: bool) -> list[int]:
    """Each row's nearest other row, by a double loop (cosine similarity or Euclidean distance)."""
    found = []
    for i, a in enumerate(rows):
        def score(b):
            return -(a @ b) / (np.linalg.norm(a) * np.linalg.norm(b)) if cosine else np.linalg.norm(a - b)
        found.append(min((j for j in range(len(rows)) if j != i), key=lambda j: score(rows[j])))
    return found


def test_same_group_neighbours_and_nearest_moved_match_brute_force():
    x = vocab(24, 16).table
    groups = [f"g{i % 4}" for i in range(24)]
    coords, _ = word_vectors.pca_2d(x)
    full, flat = brute_nearest(x.double().numpy(), cosine=True), brute_nearest(coords.double().numpy(), cosine=False)
    assert word_vectors.same_group_neighbours(x, groups) == sum(groups[i] == groups[j] for i, j in enumerate(full))
    assert word_vectors.same_group_neighbours(coords, groups) == sum(groups[i] == groups[j] for i, j in enumerate(flat))
    assert word_vectors.nearest_moved(x, coords) == sum(a != b for a, b in zip(full, flat))


def test_same_group_neighbours_by_hand():
    """Two tight pairs far apart in 2-D: each point's neighbour is its pair; pairs of one group, then of two."""
    pts = torch.tensor([[0.0, 0.0], [0.1, 0.0], [10.0, 10.0], [10.0, 10.1]])
    assert word_vectors.same_group_neighbours(pts, ["a", "a", "b", "b"]) == 4
    assert word_vectors.same_group_neighbours(pts, ["a", "b", "a", "b"]) == 0
