"""The embedding page's heat map of word similarities against oracles: brute-force numpy on random rows, and on the
real models, rows read straight from the files (safetensors for MiniLM, gguf's own reader and dequantiser for
SmolLM2) and ids from the tokenizers' own vocabularies, never through paramscope's loaders."""
import json

import numpy as np
import pytest
import torch

from paramscope.checkpoints import minilm, modelfiles, smollm2
from paramscope.lessons import word_vectors

from support import PROJECT, producer

THEMES = producer("embeddings").THEMES


def cosines(rows: np.ndarray) -> np.ndarray:
    """(n, n) cosine similarities of the rows, by loops over pairs."""
    n = len(rows)
    return np.array([[rows[i] @ rows[j] / (np.linalg.norm(rows[i]) * np.linalg.norm(rows[j])) for j in range(n)]
                     for i in range(n)])


def expected(rows: np.ndarray, themes: dict) -> dict:
    """The averages within and across themes and the nearest-in-theme count, pair by pair."""
    labels = [t for t, members in themes.items() for _ in members]
    c, n = cosines(rows), len(labels)
    within = [c[i, j] for i in range(n) for j in range(n) if i != j and labels[i] == labels[j]]
    across = [c[i, j] for i in range(n) for j in range(n) if labels[i] != labels[j]]
    nearest = [max((j for j in range(n) if j != i), key=lambda j: c[i, j]) for i in range(n)]
    return {"matrix": c, "within": np.mean(within), "across": np.mean(across),
            "nearest": sum(labels[i] == labels[j] for i, j in enumerate(nearest)),
            "lowest": min(c[i, j] for i in range(n) for j in range(n) if i != j),
            "highest": max(c[i, j] for i in range(n) for j in range(n) if i != j)}


def assert_matches(got: word_vectors.ThemeSimilarities, want: dict, tol: float) -> None:
    np.testing.assert_allclose(got.matrix.numpy(), want["matrix"], atol=tol)
    assert got.within == pytest.approx(want["within"], abs=tol)
    assert got.across == pytest.approx(want["across"], abs=tol)
    assert got.lowest == pytest.approx(want["lowest"], abs=tol)
    assert got.highest == pytest.approx(want["highest"], abs=tol)
    assert got.nearest_in_theme == want["nearest"]


def test_theme_similarities_match_brute_force():
    g = torch.Generator().manual_seed(1)
    words = [f"w{i}" for i in range(9)]
    vocab = word_vectors.Vocabulary(torch.randn(9, 5, generator=g), words, list(range(9)))
    themes = {"a": words[:3], "b": words[3:7], "c": words[7:]}
    got = word_vectors.theme_similarities(vocab, themes)
    assert got.words == words and got.themes == ["a"] * 3 + ["b"] * 4 + ["c"] * 2
    assert_matches(got, expected(vocab.table.double().numpy(), themes), 1e-12)


def test_theme_similarities_by_hand():
    """Two themes of two orthogonal pairs: cosine 1 within a theme's pair (same direction), 0 across."""
    table = torch.tensor([[1.0, 0.0], [2.0, 0.0], [0.0, 3.0], [0.0, 1.0]])
    vocab = word_vectors.Vocabulary(table, ["a", "b", "c", "d"], [0, 1, 2, 3])
    got = word_vectors.theme_similarities(vocab, {"x": ["a", "b"], "y": ["c", "d"]})
    assert (got.within, got.across, got.nearest_in_theme, got.lowest, got.highest) == (1.0, 0.0, 4, 0.0, 1.0)


@pytest.mark.slow
def test_minilm_heat_map_equals_the_file():
    from safetensors.numpy import load_file
    table = load_file(modelfiles.locate(modelfiles.MINILM_WEIGHTS))["embeddings.word_embeddings.weight"]
    ids = json.loads(modelfiles.locate(modelfiles.MINILM_TOKENIZER).read_text())["model"]["vocab"]
    words = [w for members in THEMES.values() for w in members]
    mini = minilm.load(PROJECT.cache)
    vocab = word_vectors.vocabulary(mini.model.embeddings.word_embeddings.weight.detach(), mini.tokenizer.get_vocab())
    got = word_vectors.theme_similarities(vocab, THEMES)
    assert_matches(got, expected(table[[ids[w] for w in words]].astype(np.float64), THEMES), 1e-5)
    assert 2 * got.nearest_in_theme > len(words) and got.within > got.across  # what the page says


@pytest.mark.slow
def test_smollm2_heat_map_equals_the_file():
    """SmolLM2's rows centred on the mean of the whole table, as the page compares them (word_vectors.centred)."""
    import gguf
    reader = gguf.GGUFReader(modelfiles.locate(modelfiles.SMOLLM2_GGUF))
    tensor = next(t for t in reader.tensors if t.name == "token_embd.weight")
    table = gguf.quants.dequantize(tensor.data, tensor.tensor_type).astype(np.float64)  # (V, D)
    field = reader.fields["tokenizer.ggml.tokens"]
    tokens = [bytes(field.parts[i]).decode() for i in field.data]
    words = [w for members in THEMES.values() for w in members]
    rows = (table - table.mean(axis=0))[[tokens.index("Ġ" + w) for w in words]]
    lm = smollm2.load(cache=PROJECT.cache)
    vocab = word_vectors.vocabulary(word_vectors.centred(lm.model.model.embed_tokens.weight.detach()),
                                    lm.tokenizer.get_vocab(), marker="Ġ")
    got = word_vectors.theme_similarities(vocab, THEMES)
    assert_matches(got, expected(rows, THEMES), 1e-4)
    assert 2 * got.nearest_in_theme > len(words) and got.within > got.across
