"""The building blocks the model families share (litgpt's and gpt-fast's layout): the RMS norm, rotary positions and
their table, grouped-query attention with its KV-cache write (weighing keys with paramscope.models.attention's
`attend`, as every family does), and the gated MLP. Each family's module (llama, deepseek_v3, gpt2, bert) imports
what it uses from here and nothing from another family; the attribute names below are Hugging Face transformers'
parameter names, so every family keeps its state_dict keys.
"""
from collections.abc import Callable

import torch
import torch.nn.functional as F
from torch import nn

from paramscope.models.attention import Softmax, attend


def gelu_tanh(x: torch.Tensor) -> torch.Tensor:
    return F.gelu(x, approximate="tanh")


ACTIVATIONS = {"silu": F.silu, "gelu_pytorch_tanh": gelu_tanh, "gelu": F.gelu}


class RMSNorm(nn.Module):
    """x / rms(x) * weight: LayerNorm without centring or bias."""

    def __init__(self, dim: int, eps: float, plus_one: bool = False):
        super().__init__()
        self.eps, self.plus_one = eps, plus_one
        self.weight = nn.Parameter(torch.zeros(dim) if plus_one else torch.ones(dim))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        xf = x.float()  # the mean of squares in fp32, whatever the weights' dtype
        xf = xf * torch.rsqrt(xf.pow(2).mean(-1, keepdim=True) + self.eps)
        if self.plus_one:  # Gemma scales in fp32, then casts; Llama casts, then scales
            return (xf * (1.0 + self.weight.float())).to(x.dtype)
        return self.weight * xf.to(x.dtype)


def rope_cos_sin(T: int, rot_dim: int, theta: float, device=None) -> tuple[torch.Tensor, torch.Tensor]:
    """cos and sin of position * frequency, each (T, rot_dim), halves duplicated as in the Hugging Face layout."""
    inv_freq = 1.0 / theta ** (torch.arange(0, rot_dim, 2, dtype=torch.float, device=device) / rot_dim)
    freqs = torch.arange(T, dtype=torch.float, device=device)[:, None] * inv_freq[None, :]  # (T, rot_dim/2)
    emb = torch.cat((freqs, freqs), dim=-1)  # (T, rot_dim)
    return emb.cos(), emb.sin()


def apply_rope(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    """Rotate pairs (i, i + d/2) of the first rot_dim dimensions of x (B, heads, T, head_dim) by position angles."""
    d = cos.shape[-1]
    rot, rest = x[..., :d], x[..., d:]
    x1, x2 = rot[..., : d // 2], rot[..., d // 2:]
    rotated = torch.cat((-x2, x1), dim=-1)
    return torch.cat((rot * cos + rotated * sin, rest), dim=-1)


def apply_rope_interleaved(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    """Rotary positions on adjacent pairs (x0, x1), (x2, x3), ...; the output lists rotated evens then odds."""
    cos, sin = cos[..., : cos.shape[-1] // 2], sin[..., : sin.shape[-1] // 2]
    x1, x2 = x[..., 0::2], x[..., 1::2]
    return torch.cat([x1 * cos - x2 * sin, x2 * cos + x1 * sin], dim=-1)


class RotaryTable(nn.Module):
    """cos and sin of every position up to the longest context, computed once per model and indexed by position
    (gpt-fast's precomputed freqs_cis; transformers' `rotary_emb`). Buffers, not parameters: nothing is learned,
    and they are not in the state_dict."""

    def __init__(self, max_positions: int, rot_dim: int, theta: float):
        super().__init__()
        self.max_positions, self.rot_dim, self.theta = max_positions, rot_dim, theta
        self.init_tables()

    def init_tables(self, device: str | torch.device | None = None) -> None:
        """(Re)compute the tables on `device`: a model built on the meta device and given real weights by
        load_state_dict(assign=True) still has meta tables until this runs."""
        cos, sin = rope_cos_sin(self.max_positions, self.rot_dim, self.theta, device)
        self.register_buffer("cos", cos, persistent=False)  # (max_positions, rot_dim)
        self.register_buffer("sin", sin, persistent=False)  # (max_positions, rot_dim)

    def forward(self, positions: torch.Tensor, dtype: torch.dtype) -> tuple[torch.Tensor, torch.Tensor]:
        """The rows of `positions` (T,), each below max_positions (Decoder.positions checks the ones it is given as
        a number): cos, sin, each (T, rot_dim), in `dtype`."""
        return self.cos[positions].to(dtype), self.sin[positions].to(dtype)


# Stores a layer's new keys and values (B, n_kv, T, hd) and returns those of every position it may attend to, position
# j in row j (B, n_kv, S, hd), the mask saying which: KVCache.update at the call's positions (S = max_len), or the
# exported graph's growing cache (S = past + T).
KVWrite = Callable[[torch.Tensor, torch.Tensor], tuple[torch.Tensor, torch.Tensor]]


class Attention(nn.Module):
    """Grouped-query self-attention with rotary positions; each K/V head serves n_head / n_kv query heads.

    `fused` stores q, k, v as one `qkv_proj` (Phi-3); `scale` defaults to 1/sqrt(head_dim); `softcap` applies
    cap * tanh(scores / cap) before the softmax (Gemma 2)."""

    def __init__(self, hidden: int, n_head: int, n_kv: int, head_dim: int, *, qkv_bias: bool = False,
                 o_bias: bool = False, fused: bool = False, scale: float | None = None, softcap: float | None = None):
        super().__init__()
        self.n_head, self.n_kv, self.hd, self.fused, self.softcap = n_head, n_kv, head_dim, fused, softcap
        q_out, kv_out = n_head * head_dim, n_kv * head_dim
        if fused:
            self.qkv_proj = nn.Linear(hidden, q_out + 2 * kv_out, bias=qkv_bias)
        else:
            self.q_proj = nn.Linear(hidden, q_out, bias=qkv_bias)
            self.k_proj = nn.Linear(hidden, kv_out, bias=qkv_bias)
            self.v_proj = nn.Linear(hidden, kv_out, bias=qkv_bias)
        self.o_proj = nn.Linear(q_out, hidden, bias=o_bias)
        self.scale = scale if scale is not None else head_dim ** -0.5
        self.softmax = Softmax()

    # --8<-- [start:attention]
    def forward(self, x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor, mask: torch.Tensor,
                kv: KVWrite | None = None) -> torch.Tensor:
        B, T, _ = x.shape  # T: the new tokens only when kv holds earlier ones
        if self.fused:
            q, k, v = self.qkv_proj(x).split([self.n_head * self.hd, self.n_kv * self.hd, self.n_kv * self.hd], -1)
        else:
            q, k, v = self.q_proj(x), self.k_proj(x), self.v_proj(x)
        q = q.view(B, T, self.n_head, self.hd).transpose(1, 2)  # (B, n_head, T, hd)
        k = k.view(B, T, self.n_kv, self.hd).transpose(1, 2)    # (B, n_kv, T, hd)
        v = v.view(B, T, self.n_kv, self.hd).transpose(1, 2)    # (B, n_kv, T, hd)
        q, k = apply_rope(q, cos, sin), apply_rope(k, cos, sin)  # cos, sin: (T, rot_dim) at the new positions
        if kv is not None:
            k, v = kv(k, v)  # (B, n_kv, S, hd): earlier keys and values are reused, later rows masked
        group = self.n_head // self.n_kv
        k = k.repeat_interleave(group, dim=1)  # (B, n_head, S, hd): query head h reads K/V head h // group
        v = v.repeat_interleave(group, dim=1)
        y = attend(q, k, v, mask, self.scale, self.softmax, self.softcap)  # (B, n_head, T, hd); mask (T, S)
        y = y.transpose(1, 2).reshape(B, T, self.n_head * self.hd)  # (B, T, n_head*hd)
        return self.o_proj(y)
    # --8<-- [end:attention]


class GatedMLP(nn.Module):
    """Gated MLP: down(act(gate(x)) * up(x)) (SwiGLU with silu). The hidden activations are the layer's "neurons".
    `fused` stores gate and up as one `gate_up_proj` (Phi-3)."""

    def __init__(self, hidden: int, inner: int, act: Callable = F.silu, bias: bool = False, fused: bool = False):
        super().__init__()
        self.act, self.fused = act, fused
        if fused:
            self.gate_up_proj = nn.Linear(hidden, 2 * inner, bias=bias)
        else:
            self.gate_proj = nn.Linear(hidden, inner, bias=bias)
            self.up_proj = nn.Linear(hidden, inner, bias=bias)
        self.down_proj = nn.Linear(inner, hidden, bias=bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        gate, up = self.gate_up_proj(x).chunk(2, dim=-1) if self.fused else (self.gate_proj(x), self.up_proj(x))
        h = self.act(gate) * up  # (B, T, inner)
        return self.down_proj(h)
