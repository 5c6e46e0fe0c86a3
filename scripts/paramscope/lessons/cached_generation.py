"""The generation loop with a KV cache: what each step computes and what the cache keeps.

Generating text is a loop: run the model, take the most likely next token (greedy decoding), append it, repeat. A
causal model's keys and values at a position depend only on the tokens up to it, so the loop keeps them, the *KV
cache*, and each step after the first runs only the newest token. The cache holds computed values (activations),
not parameters: they are made from this text and thrown away with it. Here every step is recorded as it happens, and
the cache's size is read off its own tensors, not from a formula.
"""
from dataclasses import dataclass

import torch

from paramscope.models.decoder import Decoder
from paramscope.models.kv_cache import KVCache


@dataclass
class Step:
    """One pass of the loop."""

    fed: list[int]    # token ids run through the model at this step (the whole prompt first, then one token)
    start: int        # position of the first of them
    cached: int       # positions whose keys and values the cache holds after the pass
    cache_bytes: int  # bytes of the cache's key and value tensors that hold those positions
    token: int        # the token chosen next: the highest logit (greedy)
    logits: torch.Tensor  # (V,) next-token logits of the pass


def bytes_per_position(cache: KVCache) -> int:
    """Bytes one position takes in the cache, read from its tensors: every layer's key and value heads."""
    one = cache.k[:, :, :, :1]  # (L, B, n_kv, 1, head_dim)
    return 2 * one.numel() * one.element_size()  # keys and values


# --8<-- [start:loop]
@torch.no_grad()
def greedy_with_cache(model: Decoder, prompt: list[int], n_new: int) -> list[Step]:
    """Generate n_new tokens greedily, the prompt in one pass and each new token in its own; record every pass."""
    cache = model.new_cache(len(prompt) + n_new)
    steps, fed, pos = [], list(prompt), 0
    for _ in range(n_new):
        logits = model(torch.tensor([fed]), cache=cache, input_pos=pos, last_only=True)[0, -1]  # (V,)
        filled = cache.filled()  # the positions the calls so far wrote, from their input_pos
        steps.append(Step(fed, pos, filled, filled * bytes_per_position(cache), int(logits.argmax()), logits))
        pos += len(fed)
        fed = [steps[-1].token]
    return steps
# --8<-- [end:loop]


@torch.no_grad()
def greedy_without_cache(model: Decoder, prompt: list[int], n_new: int) -> list[tuple[int, torch.Tensor]]:
    """The same loop re-running the whole text at every step: (token, logits) per step, for comparison."""
    ids, out = list(prompt), []
    for _ in range(n_new):
        logits = model(torch.tensor([ids]), last_only=True)[0, -1]
        out.append((int(logits.argmax()), logits))
        ids.append(out[-1][0])
    return out
