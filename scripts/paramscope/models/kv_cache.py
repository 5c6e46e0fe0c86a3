"""The KV cache a decoder writes its keys and values into while it generates (gpt-fast's KVCache)."""
import torch
from torch import nn


class KVCache(nn.Module):
    """Keys and values of every layer, preallocated for `max_len` positions (gpt-fast's KVCache).

    A causal model's keys and values at a position depend only on the tokens up to it, so they can be kept: a call
    runs just its new tokens, at the positions the caller gives (`input_pos`), writes their keys and values there
    and attends to every position before them. Generating n tokens then costs one pass over the prompt and n
    one-token passes, with no copying as the sequence grows. Keys are stored rotated (a key's position never
    changes once written) and before the grouped heads are repeated. As in gpt-fast, nothing here reads a position
    back to Python (which would wait for the device at every step): the positions stay a tensor, the writes are
    index_copy_ at them, and attention reads the whole buffer with a mask that hides the positions after each query.
    """

    def __init__(self, num_layers: int, batch: int, max_len: int, n_kv: int, head_dim: int, dtype=torch.float32):
        super().__init__()
        shape = (num_layers, batch, n_kv, max_len, head_dim)
        self.register_buffer("k", torch.zeros(shape, dtype=dtype), persistent=False)  # (L, B, n_kv, max_len, hd)
        self.register_buffer("v", torch.zeros(shape, dtype=dtype), persistent=False)  # (L, B, n_kv, max_len, hd)
        self.register_buffer("written", torch.zeros(max_len, dtype=torch.bool), persistent=False)  # (max_len,)
        self.max_len = max_len

    def update(self, layer: int, input_pos: torch.Tensor, k: torch.Tensor, v: torch.Tensor
               ) -> tuple[torch.Tensor, torch.Tensor]:
        """Write one layer's keys and values (B, n_kv, T, hd) at positions input_pos (T,); return that layer's whole
        buffers (B, n_kv, max_len, hd) each, position j in row j: the caller's mask hides those after each query."""
        self.k[layer].index_copy_(2, input_pos, k)
        self.v[layer].index_copy_(2, input_pos, v)
        if layer == 0:   # every layer writes the same positions: one record of them
            self.written.index_fill_(0, input_pos, True)
        return self.k[layer], self.v[layer]

    def filled(self) -> int:
        """How many positions some call has written (the input_pos of every call so far); a number read from the
        device, for a page to report, never on the generation path."""
        return int(self.written.sum())
