"""Llama and its relatives (Mistral, Qwen2, Phi-3, Gemma 2, Mixtral) as options of one decoder-only transformer.

Each layer: norm -> attention (rotary positions, grouped-query heads) -> residual add -> norm -> MLP (gated, SwiGLU)
-> residual add. The relatives differ in a handful of switches, listed in FAMILY_OPTIONS with what each changes.
Parameter names equal Hugging Face transformers' `LlamaForCausalLM` (and `Phi3ForCausalLM`, `Gemma2ForCausalLM`,
`MixtralForCausalLM`) state_dict keys, so real weights load with `load_state_dict`.
Rotary scaling variants for long contexts (llama3, yarn, longrope) are not implemented: they add no parameters,
and without them the forward pass still matches the reference for configs that do not set `rope_scaling`.
"""
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import torch
import torch.nn.functional as F
from torch import nn

from paramscope.arch import Arch
from paramscope.models.meta_embedding import Embedding
from paramscope.models.moe import SparseMoE


def gelu_tanh(x: torch.Tensor) -> torch.Tensor:
    return F.gelu(x, approximate="tanh")


ACTIVATIONS = {"silu": F.silu, "gelu_pytorch_tanh": gelu_tanh, "gelu": F.gelu}


@dataclass
class LlamaConfig:
    family: str = "llama"              # llama | mistral | qwen2 | phi3 | gemma2 | mixtral: sets the switches below
    vocab_size: int = 32000            # rows of the embedding table and of the output head
    hidden_size: int = 4096            # width of the residual stream
    intermediate_size: int = 11008     # width of the MLP's hidden layer (per expert for mixtral)
    num_hidden_layers: int = 32        # depth
    num_attention_heads: int = 32      # query heads
    num_key_value_heads: int | None = None  # grouped-query attention: K/V heads shared by groups of query heads
    head_dim: int | None = None        # None: hidden_size // num_attention_heads (Gemma 2 sets it explicitly)
    max_position_embeddings: int = 2048  # longest context trained; rotary positions have no table, so no parameters
    rms_norm_eps: float = 1e-6         # added inside the RMS norm's square root
    rope_theta: float = 10000.0        # base of the rotary frequencies
    partial_rotary_factor: float = 1.0  # share of each head's dimensions that are rotated (Phi-3 style)
    attention_bias: bool = False       # bias on q, k, v and o projections
    qkv_bias: bool = False             # bias on q, k, v only (Qwen2 always has it)
    mlp_bias: bool = False             # bias on the MLP's projections
    tie_word_embeddings: bool = False  # output head reuses the embedding matrix (counted once)
    hidden_act: str = "silu"           # gate activation of the MLP
    fused_qkv: bool = False            # Phi-3 stores q, k, v as one `qkv_proj` and gate, up as one `gate_up_proj`
    sandwich_norm: bool = False        # Gemma 2: extra norms after attention and after the MLP (four per layer)
    norm_plus_one: bool = False        # Gemma 2: norm weight stored as w - 1, applied as (1 + w)
    scale_embeddings: bool = False     # Gemma 2: embeddings multiplied by sqrt(hidden_size)
    query_pre_attn_scalar: float | None = None  # Gemma 2: attention scale 1/sqrt(this) instead of 1/sqrt(head_dim)
    attn_logit_softcapping: float | None = None   # Gemma 2: cap * tanh(scores / cap) before the softmax
    final_logit_softcapping: float | None = None  # Gemma 2: the same on the output logits
    sliding_window: int | None = None  # attend only to the last `sliding_window` tokens (on the layers below)
    layer_types: list[str] | None = None  # per layer "full_attention" or "sliding_attention"; None: all full
    num_local_experts: int = 0         # > 0: the MLP is a sparse mixture of this many experts (Mixtral)
    num_experts_per_tok: int = 2       # experts each token goes through (top-k)

    def __post_init__(self):
        if self.num_key_value_heads is None:
            self.num_key_value_heads = self.num_attention_heads
        if self.head_dim is None:
            self.head_dim = self.hidden_size // self.num_attention_heads
        if self.layer_types is None:
            self.layer_types = ["full_attention"] * self.num_hidden_layers

    @classmethod
    def from_arch(cls, a: Arch) -> "LlamaConfig":
        """The config for the description `a` of any family in FAMILY_OPTIONS (its switches set by config_for)."""
        return config_for(
            a.model_type, vocab_size=a.vocab, hidden_size=a.d, intermediate_size=a.ffn, num_hidden_layers=a.layers,
            num_attention_heads=a.heads, num_key_value_heads=a.kv_heads, head_dim=a.head_dim,
            max_position_embeddings=a.context, rms_norm_eps=a.norm_eps, rope_theta=a.rope_theta,
            partial_rotary_factor=a.rope_fraction, attention_bias=a.o_bias, qkv_bias=a.qkv_bias,
            mlp_bias=a.mlp_bias, tie_word_embeddings=a.tie, hidden_act=a.activation,
            sliding_window=a.sliding_window or None, layer_types=sliding_schedule(a),
            query_pre_attn_scalar=a.attn_scalar or None, attn_logit_softcapping=a.attn_softcap or None,
            final_logit_softcapping=a.logit_softcap or None, num_local_experts=a.experts,
            num_experts_per_tok=a.top_k or 2)


def sliding_schedule(a: Arch) -> list[str] | None:
    """Each block's attention, 'sliding_attention' or 'full_attention', from the description's window schedule."""
    if not a.sliding_window:
        return None
    period = a.layer_types or ("sliding_attention",)
    return ["sliding_attention" if i >= a.window_from and period[i % len(period)] == "sliding_attention"
            else "full_attention" for i in range(a.layers)]


# --8<-- [start:families]
# What each relative changes relative to Llama, as in the reference implementations (transformers 5.23).
FAMILY_OPTIONS = {
    "llama": {},
    "mistral": {},                                        # Llama plus a sliding window (a forward-pass difference)
    "qwen2": {"qkv_bias": True},                          # biases on q, k, v, always
    "phi3": {"fused_qkv": True},                          # fused qkv_proj and gate_up_proj
    "gemma2": {"sandwich_norm": True, "norm_plus_one": True, "scale_embeddings": True,
               "hidden_act": "gelu_pytorch_tanh"},
    "mixtral": {},                                        # Llama with num_local_experts > 0
}
# --8<-- [end:families]


def config_for(family: str, **fields) -> LlamaConfig:
    """A LlamaConfig with the family's switches set; `fields` override them."""
    return LlamaConfig(family=family, **{**FAMILY_OPTIONS[family], **fields})


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
        """The rows of `positions` (T,), each below max_positions (Llama.positions checks the ones it is given as a
        number): cos, sin, each (T, rot_dim), in `dtype`."""
        return self.cos[positions].to(dtype), self.sin[positions].to(dtype)


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
        self.written.index_fill_(0, input_pos, True)
        return self.k[layer], self.v[layer]

    def filled(self) -> int:
        """How many positions some call has written (the input_pos of every call so far); a number read from the
        device, for a page to report, never on the generation path."""
        return int(self.written.sum())


# Stores a layer's new keys and values (B, n_kv, T, hd) and returns those of every position it may attend to, position
# j in row j (B, n_kv, S, hd), the mask saying which: KVCache.update at the call's positions (S = max_len), or the
# exported graph's growing cache (S = past + T).
KVWrite = Callable[[torch.Tensor, torch.Tensor], tuple[torch.Tensor, torch.Tensor]]


class Softmax(nn.Module):
    """The attention weights: softmax over the keys (last dimension) in fp32, cast back. A module of its own so that
    a forward hook can read the weights (paramscope.models.capture); it has no parameters."""

    def forward(self, scores: torch.Tensor) -> torch.Tensor:
        return torch.softmax(scores.float(), dim=-1).to(scores.dtype)


class Attention(nn.Module):
    """Grouped-query self-attention with rotary positions; each K/V head serves n_head / n_kv_head query heads."""

    def __init__(self, c: LlamaConfig):
        super().__init__()
        self.c = c
        self.n_head, self.n_kv, self.hd = c.num_attention_heads, c.num_key_value_heads, c.head_dim
        q_out, kv_out = self.n_head * self.hd, self.n_kv * self.hd
        qkv_bias = c.attention_bias or c.qkv_bias
        if c.fused_qkv:
            self.qkv_proj = nn.Linear(c.hidden_size, q_out + 2 * kv_out, bias=qkv_bias)
        else:
            self.q_proj = nn.Linear(c.hidden_size, q_out, bias=qkv_bias)
            self.k_proj = nn.Linear(c.hidden_size, kv_out, bias=qkv_bias)
            self.v_proj = nn.Linear(c.hidden_size, kv_out, bias=qkv_bias)
        self.o_proj = nn.Linear(q_out, c.hidden_size, bias=c.attention_bias)
        self.scale = (c.query_pre_attn_scalar or self.hd) ** -0.5
        self.softmax = Softmax()

    # --8<-- [start:attention]
    def forward(self, x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor, mask: torch.Tensor,
                kv: KVWrite | None = None) -> torch.Tensor:
        B, T, _ = x.shape  # T: the new tokens only when kv holds earlier ones
        if self.c.fused_qkv:
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
        scores = (q @ k.transpose(-2, -1)) * self.scale  # (B, n_head, T, S)
        if self.c.attn_logit_softcapping is not None:
            cap = self.c.attn_logit_softcapping
            scores = cap * torch.tanh(scores / cap)
        scores = scores.masked_fill(~mask, torch.finfo(scores.dtype).min)
        weights = self.softmax(scores)  # (B, n_head, T, S)
        y = (weights @ v).transpose(1, 2).reshape(B, T, self.n_head * self.hd)  # (B, T, n_head*hd)
        return self.o_proj(y)
    # --8<-- [end:attention]


class MLP(nn.Module):
    """Gated MLP: down(act(gate(x)) * up(x)). The hidden activations are the layer's "neurons"."""

    def __init__(self, c: LlamaConfig):
        super().__init__()
        self.fused = c.fused_qkv
        self.act = ACTIVATIONS[c.hidden_act]
        if self.fused:
            self.gate_up_proj = nn.Linear(c.hidden_size, 2 * c.intermediate_size, bias=c.mlp_bias)
        else:
            self.gate_proj = nn.Linear(c.hidden_size, c.intermediate_size, bias=c.mlp_bias)
            self.up_proj = nn.Linear(c.hidden_size, c.intermediate_size, bias=c.mlp_bias)
        self.down_proj = nn.Linear(c.intermediate_size, c.hidden_size, bias=c.mlp_bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        gate, up = self.gate_up_proj(x).chunk(2, dim=-1) if self.fused else (self.gate_proj(x), self.up_proj(x))
        h = self.act(gate) * up  # (B, T, intermediate_size)
        return self.down_proj(h)


class DecoderLayer(nn.Module):
    def __init__(self, c: LlamaConfig, index: int):
        super().__init__()
        self.c = c
        self.sliding = c.layer_types[index] == "sliding_attention" and c.sliding_window is not None
        self.input_layernorm = RMSNorm(c.hidden_size, c.rms_norm_eps, c.norm_plus_one)
        self.self_attn = Attention(c)
        self.post_attention_layernorm = RMSNorm(c.hidden_size, c.rms_norm_eps, c.norm_plus_one)
        if c.sandwich_norm:
            self.pre_feedforward_layernorm = RMSNorm(c.hidden_size, c.rms_norm_eps, c.norm_plus_one)
            self.post_feedforward_layernorm = RMSNorm(c.hidden_size, c.rms_norm_eps, c.norm_plus_one)
        if c.num_local_experts > 0:
            act = ACTIVATIONS[c.hidden_act]
            self.mlp = SparseMoE(c.hidden_size, c.intermediate_size, c.num_local_experts, c.num_experts_per_tok, act)
        else:
            self.mlp = MLP(c)

    # --8<-- [start:layer]
    def forward(self, x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor, mask: torch.Tensor,
                kv: KVWrite | None = None) -> torch.Tensor:
        sandwich = self.c.sandwich_norm  # Gemma 2 also normalises each sublayer's output
        a = self.self_attn(self.input_layernorm(x), cos, sin, mask, kv)
        if sandwich:
            a = self.post_attention_layernorm(a)
        x = x + a
        h = self.pre_feedforward_layernorm(x) if sandwich else self.post_attention_layernorm(x)
        h = self.mlp(h)
        if sandwich:
            h = self.post_feedforward_layernorm(h)
        return x + h
    # --8<-- [end:layer]


class LlamaModel(nn.Module):
    """The stack without the output head (transformers' `LlamaModel`, the `model.` prefix of every name)."""

    def __init__(self, c: LlamaConfig):
        super().__init__()
        self.embed_tokens = Embedding(c.vocab_size, c.hidden_size)
        self.layers = nn.ModuleList(DecoderLayer(c, i) for i in range(c.num_hidden_layers))
        self.norm = RMSNorm(c.hidden_size, c.rms_norm_eps, c.norm_plus_one)
        self.rotary_emb = RotaryTable(c.max_position_embeddings, int(c.head_dim * c.partial_rotary_factor),
                                      c.rope_theta)


class Llama(nn.Module):
    """Decoder-only language model: token ids (B, T) -> next-token logits (B, T, vocab_size)."""

    def __init__(self, config: LlamaConfig):
        super().__init__()
        self.config = config
        self.model = LlamaModel(config)
        self.lm_head = nn.Linear(config.hidden_size, config.vocab_size, bias=False)
        if config.tie_word_embeddings:
            self.lm_head.weight = self.model.embed_tokens.weight  # one tensor under two names, counted once

    def new_cache(self, max_len: int, batch: int = 1) -> KVCache:
        """A cache for sequences of up to `max_len` positions (the prompt plus the tokens to generate)."""
        c = self.config
        dtype = self.model.embed_tokens.weight.dtype
        return KVCache(c.num_hidden_layers, batch, max_len, c.num_key_value_heads, c.head_dim, dtype)

    def forward(self, input_ids: torch.Tensor, *, cache: KVCache | None = None, input_pos: int | torch.Tensor = 0,
                last_only: bool = False) -> torch.Tensor:
        """Logits (B, T, V); paramscope.models.capture reads the values inside (residual stream, attention weights).
        With a `cache` (from new_cache()), input_ids are the tokens at positions `input_pos` (T,) ascending and
        contiguous (an int p: p..p+T-1): their keys and values are written there, and they attend to the cache's
        positions before them (those must have been written by earlier calls). `last_only` computes the output
        head for the last position only: (B, 1, V)."""
        c = self.config
        B, T = input_ids.shape
        positions = self.positions(input_pos, T, cache, input_ids.device)  # (T,)
        S = cache.max_len if cache is not None else T  # the keys each query is scored against (a shape, not a read)
        x = self.model.embed_tokens(input_ids)  # (B, T, H)
        if c.scale_embeddings:
            x = x * torch.tensor(math.sqrt(c.hidden_size), dtype=x.dtype)
        cos, sin = self.model.rotary_emb(positions, x.dtype)  # (T, rot_dim) each: the new tokens' rows
        i = positions[:, None]                          # (T, 1): query positions
        j = torch.arange(S, device=x.device)[None, :]  # (1, S): key positions, row j of the cache holds position j
        causal = j <= i  # (T, S): query i sees keys j <= i
        window = causal & (j > i - (c.sliding_window or j.shape[1]))
        for n, layer in enumerate(self.model.layers):
            kv = partial(cache.update, n, positions) if cache is not None else None
            x = layer(x, cos, sin, window if layer.sliding else causal, kv)
        x = self.model.norm(x)
        if last_only:
            x = x[:, -1:]  # (B, 1, H): generation needs only the next token, and the head is the largest matmul
        logits = self.lm_head(x)  # (B, T, V)
        if c.final_logit_softcapping is not None:
            logits = c.final_logit_softcapping * torch.tanh(logits / c.final_logit_softcapping)
        return logits

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
        if last >= self.config.max_position_embeddings:
            raise ValueError(f"position {last} is past the longest context, {self.config.max_position_embeddings}")
        return torch.arange(input_pos, input_pos + T, device=device)

    def init_buffers(self, device: str | torch.device = "cpu") -> "Llama":
        """Compute the rotary tables on `device`: needed after building on the meta device and loading weights with
        load_state_dict(assign=True), which brings parameters, not buffers that are no part of the state_dict."""
        self.model.rotary_emb.init_tables(device)
        return self

    def moe_layers(self) -> list[SparseMoE]:
        return [layer.mlp for layer in self.model.layers if isinstance(layer.mlp, SparseMoE)]
