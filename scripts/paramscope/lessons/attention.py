"""Attention for one query over a few tokens, step by step, so a page can show each intermediate number; and what
a real model's heads look at, read from their attention maps."""
from dataclasses import dataclass

import torch


@dataclass
class Attended:
    scores: torch.Tensor  # (T,) query · key for each token
    exps: torch.Tensor    # (T,) e^score, the softmax's numerators
    shares: torch.Tensor  # (T,) exps / their sum: positive, summing to one
    output: torch.Tensor  # (dv,) the values mixed in those shares


def attend(query: torch.Tensor, keys: torch.Tensor, values: torch.Tensor, scale: float = 1.0) -> Attended:
    """query (d,), keys (T, d), values (T, dv). `scale` multiplies the scores (real models use 1/√d)."""
    scores = keys @ query * scale              # (T,)
    exps = torch.exp(scores)                   # (T,) what the reader computes by hand
    shares = torch.softmax(scores, dim=-1)     # (T,) = exps / exps.sum(), without overflow for large scores
    return Attended(scores, exps, shares, shares @ values)  # output (dv,)


def head_patterns(w: torch.Tensor, query: int, key: int) -> dict[str, torch.Tensor]:
    """Per head (L, H), from a model's attention maps w (L, H, T, T) on one text: "first", the mean weight on the
    first token over the queries after it; "previous", the mean weight on the token just before; "pair", the weight
    of the token at `query` on the token at `key`."""
    return {"first": w[:, :, 1:, 0].mean(-1),
            "previous": torch.diagonal(w, offset=-1, dim1=-2, dim2=-1).mean(-1),
            "pair": w[:, :, query, key]}
