"""Attention on numbers small enough to check by hand: three tokens with two-number keys and values, one query,
its scores, the softmax that turns them into shares, and the values mixed in those shares (computed by torch)."""
import torch

from paramscope.lessons.attention import attend
from paramscope.text.printed import vector
from paramscope_generator.api import expect

# "the cat sat": the last token's query and every token's key and value (two numbers each, chosen so that the
# query matches "cat" best and every score is a whole number).
TOKENS = ["the", "cat", "sat"]
QUERY = [1.0, 2.0]                            # what "sat" looks for
KEYS = [[1.0, -1.0], [1.0, 1.0], [1.0, 0.0]]  # what each token offers as a match
VALUES = [[2.0, 0.0], [0.0, 4.0], [2.0, 2.0]]  # what each token passes on


def dot(q, k) -> str:
    """1 − 2 = −1: the products of a dot product, signed, and their sum, as a reader adds them up."""
    products = [a * b for a, b in zip(q, k)]
    text = f"{products[0]:g}" + "".join(f" + {p:g}" if p >= 0 else f" − {-p:g}" for p in products[1:])
    return (text + f" = {sum(products):g}").replace("-", "−")


def produce(out):
    a = attend(torch.tensor(QUERY, dtype=torch.float64), torch.tensor(KEYS, dtype=torch.float64),
               torch.tensor(VALUES, dtype=torch.float64))
    top = int(a.shares.argmax())
    expect(torch.allclose(a.shares, a.exps / a.exps.sum()), "the softmax differs from e^score over the sum")
    rows = [[f"“{t}”", vector(k), dot(QUERY, k), float(e), float(p), vector(v)]
            for t, k, v, e, p in zip(TOKENS, KEYS, VALUES, a.exps, a.shares)]
    expect([float(s) for s in a.scores] == [sum(x * y for x, y in zip(QUERY, k)) for k in KEYS], "scores != q · k")
    rows.append(["sum", "", "", float(a.exps.sum()), float(a.shares.sum()), ""])
    out.table("steps", ["Token", "Key", "Score", "exp(score)", "Share", "Value"], rows,
              fmt={"exp(score)": "{:.3f}", "Share": "{:.3f}"})
    out.fact("query", vector(QUERY))
    out.fact("top.token", TOKENS[top])
    out.fact("top.share", float(a.shares[top]), fmt="{:.1%}")
    out.fact("top.value", vector(VALUES[top]))
    score = " + ".join(f"{q:g}×{k:g}" for q, k in zip(QUERY, KEYS[top])) + f" = {float(a.scores[top]):g}"
    out.fact("top.score", score.replace("-", "−"))
    out.fact("exp.sum", float(a.exps.sum()), fmt="{:.3f}")
    out.fact("output", vector([round(float(x), 2) for x in a.output]))
    out.fact("output.formula", " + ".join(f"{float(p):.3f}×{vector(v)}" for p, v in zip(a.shares, VALUES)))
    out.check("shares-sum-to-one", abs(float(a.shares.sum()) - 1) < 1e-12 and bool((a.shares > 0).all()),
              "the softmax's shares are positive and sum to one")
    out.check("best-match-dominates", TOKENS[top] == "cat" and float(a.shares[top]) > 0.5
              and float((a.output - torch.tensor(VALUES[top], dtype=torch.float64)).norm())
              < float(torch.tensor(VALUES[top], dtype=torch.float64).norm()) / 2,
              "the token whose key matches best takes most of the attention, so the output is close to its value")
