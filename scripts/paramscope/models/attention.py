"""Scaled dot-product attention, written once for every family (Llama and its relatives, DeepSeek-V3, GPT-2, BERT):
what differs between them is how queries, keys and values are made (rotary or learned positions, grouped heads,
latent projections) and which keys a query may see (the mask); the weighing itself is this one function.

The weights go through a `Softmax` module that each attention layer owns, so that a forward hook can read them
(paramscope.models.capture.attention_weights) in any family.
"""
import torch
from torch import nn


class Softmax(nn.Module):
    """The attention weights: softmax over the keys (last dimension) in fp32, cast back. A module of its own so that
    a forward hook can read the weights (paramscope.models.capture); it has no parameters."""

    def forward(self, scores: torch.Tensor) -> torch.Tensor:
        return torch.softmax(scores.float(), dim=-1).to(scores.dtype)


# --8<-- [start:attend]
def attend(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, mask: torch.Tensor, scale: float, softmax: Softmax,
           softcap: float | None = None) -> torch.Tensor:
    """softmax(q k^T * scale) v, each query seeing only the keys `mask` allows.

    q (B, heads, T, qk), k (B, heads, S, qk), v (B, heads, S, v_dim); mask (T, S) or (B, 1, 1, S) bool, True where
    the query may see the key; `softcap` applies cap * tanh(scores / cap) before the mask (Gemma 2).
    Returns (B, heads, T, v_dim)."""
    scores = (q @ k.transpose(-2, -1)) * scale  # (B, heads, T, S): how well each query matches each key
    if softcap is not None:
        scores = softcap * torch.tanh(scores / softcap)
    scores = scores.masked_fill(~mask, torch.finfo(scores.dtype).min)  # hidden keys get a weight of 0
    weights = softmax(scores)  # (B, heads, T, S): each row sums to 1
    return weights @ v  # (B, heads, T, v_dim): each query's weighted mix of the values
# --8<-- [end:attend]
