"""MiniLM's own vocabulary for the embedding widget's neighbours: its first whole words (WordPiece lists common words
first), each embedded here by the real model with the widget's pooling (export.SentenceGraph: mean over [CLS] word
[SEP], L2-normalised) and shipped as int8 rows with one scale each (base64 in data/vocabulary/words.json, 1.6 MB).
The widget fetches them when the reader first embeds a text, not with the page."""
import base64

import numpy as np
import torch

from paramscope.checkpoints import export, minilm
from paramscope.lessons import tokens
from paramscope_generator.api import expect

COUNT = 3000     # words shipped: 3,000 x 384 bytes = 1.15 MB (1.6 MB in base64), fetched on demand
SHORTEST = 3     # letters: shorter tokens are mostly abbreviations and pieces
FIRST_WORD = 1996  # WordPiece's ids below this are [PAD], [unused..], [CLS], [SEP], [MASK] and single characters
PROBES = ["table", "king", "music", "river", "water", "city"]  # all among the first whole words


def whole_words(mini) -> list[tuple[str, int]]:
    """(word, id) of the vocabulary's first COUNT lower-case ASCII words of SHORTEST letters or more, in id order,
    each one that the tokenizer reads back as that one token."""
    return tokens.whole_words(mini.tokenizer.get_vocab(), mini.encode, COUNT, SHORTEST, FIRST_WORD)


def embed_all(mini, words) -> torch.Tensor:
    """(COUNT, 384): every word as [CLS] word [SEP], in one batch (all three tokens long, so no padding)."""
    cls, sep = mini.encode("table")[0], mini.encode("table")[-1]
    ids = torch.tensor([[cls, i, sep] for _, i in words])
    with torch.no_grad():
        return export.SentenceGraph(mini.model)(ids).float()


def quantize(vectors: torch.Tensor) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows and their scales (6 digits): row ~ q * scale, scale = max|row| / 127."""
    v = vectors.numpy().astype(np.float64)
    scales = np.array([float(f"{s:.6g}") for s in np.abs(v).max(axis=1) / 127])  # as words.json writes them
    return np.round(v / scales[:, None]).astype(np.int8), scales


def produce(out):
    mini = minilm.load(out.project.cache)
    words = whole_words(mini)
    expect(len(words) == COUNT, f"only {len(words)} whole words in MiniLM's vocabulary")
    vectors = embed_all(mini, words)
    # the batch is the widget's embedding: the one-text path (the CLI's, the browser's graph's) on a few words
    index = {w: k for k, (w, _) in enumerate(words)}
    expect(all(w in index for w in PROBES), f"a probe is not among the words: {[w for w in PROBES if w not in index]}")
    for w in PROBES:
        one = export.sentence_embedding(mini.model, mini.encode(w))
        err = float((one - vectors[index[w]]).abs().max())
        expect(err < 1e-5, f"{w!r}: the batched embedding differs from the one-text one by {err:.1e}")
    q, scales = quantize(vectors)
    back = torch.from_numpy(q.astype(np.float64) * scales[:, None]).float()
    cos = (torch.nn.functional.normalize(back, dim=1) * vectors).sum(1)
    expect(float(cos.min()) > 0.999, f"int8 rows lose too much: cosine {float(cos.min()):.5f}")
    for w in PROBES:  # the neighbours the widget ranks from int8 are torch's float ones
        v = vectors[index[w]]
        exact, approx = (vectors @ v).topk(6), (back @ v).topk(6)  # itself and the five the widget lists
        gap = float((exact.values - approx.values).abs().max())  # near ties may swap: within the shown 2 decimals
        expect(set(exact.indices.tolist()) == set(approx.indices.tolist()) and gap < 0.005,
               f"{w!r}: int8 neighbours {approx.indices.tolist()} differ from float ones {exact.indices.tolist()} "
               f"(scores by up to {gap:.4f})")
    out.data("words", {"words": [w for w, _ in words], "scales": scales.tolist(), "dim": int(q.shape[1]),
                       "rows": base64.b64encode(q.tobytes()).decode("ascii")})  # int8, row after row
    out.fact("count", COUNT, fmt="{:,}")
    out.fact("mb", q.size / 1e6, fmt="{:.1f}")
