"""The forward pass every decoder-only family shares (Llama and its relatives, DeepSeek-V3, GPT-2), written once:
token ids -> embeddings -> blocks -> final norm -> output head, with one signature for all of them,

    model(input_ids, *, cache=None, input_pos=0, last_only=False) -> logits (B, T, V)

A family's module subclasses Decoder and says only what differs: how tokens become vectors (`embed`: GPT-2 adds a
learned position, Gemma 2 scales), where its blocks, final norm and rotary table are (under Hugging Face's names),
the output head (`head`: Gemma 2 caps the logits) and whether it can write a KV cache (`new_cache`; a family that
cannot refuses a `cache` with a ValueError that says so).
"""
from dataclasses import dataclass
from functools import partial

import torch
from torch import nn

from paramscope.models.kv_cache import KVCache
from paramscope.models.layers import RotaryTable
from paramscope.models.moe import Mixture


@dataclass
class TokenPositions:
    """Where a call's tokens stand, as every block of the pass reads it (T new tokens, S keys each is scored
    against: T, or the cache's length)."""

    cos: torch.Tensor | None  # (T, rot_dim): rotary rows of the new tokens' positions; None without rotary positions
    sin: torch.Tensor | None  # (T, rot_dim)
    causal: torch.Tensor      # (T, S) bool: query i sees keys j <= i
    window: torch.Tensor      # (T, S) bool: and only the last `sliding_window` of them (= causal without a window)


class Decoder(nn.Module):
    """Decoder-only language model: token ids (B, T) -> next-token logits (B, T, vocab_size)."""

    sliding_window: int | None = None  # a family whose blocks may attend to a window of recent keys sets it
    writes_cache: bool = False  # a family whose attention writes a KVCache (and has new_cache) sets it

    # What a family provides, under its own (Hugging Face) names.
    @property
    def blocks(self) -> nn.ModuleList:
        raise NotImplementedError

    @property
    def final_norm(self) -> nn.Module:
        raise NotImplementedError

    @property
    def rotary(self) -> RotaryTable | None:
        return None  # positions are learned and added by `embed` (GPT-2)

    @property
    def max_positions(self) -> int:
        raise NotImplementedError

    def embed(self, input_ids: torch.Tensor, positions: torch.Tensor) -> torch.Tensor:
        """(B, T) ids at positions (T,) -> (B, T, H)."""
        raise NotImplementedError

    def head(self, x: torch.Tensor) -> torch.Tensor:
        """(B, T, H) -> logits (B, T, V)."""
        raise NotImplementedError

    def new_cache(self, max_len: int, batch: int = 1) -> KVCache:
        """A cache for sequences of up to `max_len` positions (the prompt plus the tokens to generate)."""
        raise self.no_cache()

    def no_cache(self) -> ValueError:
        return ValueError(f"{type(self).__name__} has no KV cache: call it without cache= and input_pos=")

    # --8<-- [start:forward]
    def forward(self, input_ids: torch.Tensor, *, cache: KVCache | None = None, input_pos: int | torch.Tensor = 0,
                last_only: bool = False) -> torch.Tensor:
        """Logits (B, T, V); paramscope.models.capture reads the values inside (residual stream, attention weights).
        With a `cache` (from new_cache()), input_ids are the tokens at positions `input_pos` (T,) ascending and
        contiguous (an int p: p..p+T-1): their keys and values are written there, and they attend to the cache's
        positions before them (those must have been written by earlier calls). `last_only` computes the output
        head for the last position only: (B, 1, V)."""
        if cache is not None and not self.writes_cache:
            raise self.no_cache()
        B, T = input_ids.shape
        positions = self.positions(input_pos, T, cache, input_ids.device)  # (T,)
        x = self.embed(input_ids, positions)  # (B, T, H)
        token_pos = self.token_positions(positions, cache.max_len if cache is not None else T, x.dtype)
        for n, block in enumerate(self.blocks):
            kv = partial(cache.update, n, positions) if cache is not None else None
            x = block(x, token_pos, kv)
        x = self.final_norm(x)
        if last_only:
            x = x[:, -1:]  # (B, 1, H): generation needs only the next token, and the head is the largest matmul
        return self.head(x)  # (B, T, V)
    # --8<-- [end:forward]

    def token_positions(self, positions: torch.Tensor, S: int, dtype: torch.dtype) -> TokenPositions:
        """The rotary rows and masks of the new tokens at `positions` (T,) against S keys (a shape, not a read)."""
        cos, sin = self.rotary(positions, dtype) if self.rotary is not None else (None, None)  # (T, rot_dim) each
        i = positions[:, None]                               # (T, 1): query positions
        j = torch.arange(S, device=positions.device)[None, :]  # (1, S): key positions, row j of the cache holds j
        causal = j <= i  # (T, S): query i sees keys j <= i
        window = causal & (j > i - (self.sliding_window or j.shape[1]))
        return TokenPositions(cos, sin, causal, window)

    def positions(self, input_pos: int | torch.Tensor, T: int, cache: KVCache | None, device) -> torch.Tensor:
        """The positions (T,) of a call's tokens. Given as a number p (p..p+T-1), they are checked on the host against
        the context and the cache that must hold the ones before them; given as a tensor, only its shape is (its
        values are the caller's, as in gpt-fast: reading them would wait for the device)."""
        if isinstance(input_pos, torch.Tensor):
            if input_pos.shape != (T,):
                raise ValueError(f"input_pos has shape {tuple(input_pos.shape)}, the tokens need ({T},)")
            return input_pos
        last = input_pos + T - 1
        if cache is None and input_pos:
            raise ValueError(f"input_pos {input_pos} needs the cache that holds the positions before it")
        if cache is not None and last >= cache.max_len:
            raise ValueError(f"positions {input_pos}..{last} do not fit a cache of {cache.max_len}")
        if last >= self.max_positions:
            raise ValueError(f"position {last} is past the longest context, {self.max_positions}")
        return torch.arange(input_pos, input_pos + T, device=device)

    def init_buffers(self, device: str | torch.device = "cpu") -> "Decoder":
        """Compute the rotary tables on `device`: needed after building on the meta device and loading weights with
        load_state_dict(assign=True), which brings parameters, not buffers that are no part of the state_dict."""
        if self.rotary is not None:
            self.rotary.init_tables(device)
        return self

    def moe_layers(self) -> list[Mixture]:
        """The blocks' mixtures of experts, in order (none in a dense model)."""
        return [block.mlp for block in self.blocks if isinstance(block.mlp, Mixture)]
