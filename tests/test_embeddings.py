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
