"""Llama and its relatives (Mistral, Qwen2, Phi-3, Gemma 2, Mixtral) as options of one decoder-only transformer.

Each layer: norm -> attention (rotary positions, grouped-query heads) -> residual add -> norm -> MLP (gated, SwiGLU)
-> residual add. The relatives differ in a handful of switches, listed in FAMILY_OPTIONS with what each changes.
Parameter names equal Hugging Face transformers' `LlamaForCausalLM` (and `Phi3ForCausalLM`, `Gemma2ForCausalLM`,
`MixtralForCausalLM`) state_dict keys, so real weights load with `load_state_dict`.
Rotary scaling variants for long contexts (llama3, yarn, longrope) are not implemented: they add no parameters,
and without them the forward pass still matches the reference for configs that do not set `rope_scaling`.
"""
import math
from dataclasses import dataclass

import torch
from torch import nn

from paramscope.arch import Arch
from paramscope.models.decoder import At, Decoder
from paramscope.models.kv_cache import KVCache
from paramscope.models.layers import ACTIVATIONS, Attention, GatedMLP, KVWrite, RMSNorm, RotaryTable
from paramscope.models.meta_embedding import Embedding
from paramscope.models.moe import SparseMoE


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


class DecoderLayer(nn.Module):
    def __init__(self, c: LlamaConfig, index: int):
        super().__init__()
        self.c = c
        self.sliding = c.layer_types[index] == "sliding_attention" and c.sliding_window is not None
        self.input_layernorm = RMSNorm(c.hidden_size, c.rms_norm_eps, c.norm_plus_one)
        self.self_attn = Attention(c.hidden_size, c.num_attention_heads, c.num_key_value_heads, c.head_dim,
                                   qkv_bias=c.attention_bias or c.qkv_bias, o_bias=c.attention_bias,
                                   fused=c.fused_qkv, scale=(c.query_pre_attn_scalar or c.head_dim) ** -0.5,
                                   softcap=c.attn_logit_softcapping)
        self.post_attention_layernorm = RMSNorm(c.hidden_size, c.rms_norm_eps, c.norm_plus_one)
        if c.sandwich_norm:
            self.pre_feedforward_layernorm = RMSNorm(c.hidden_size, c.rms_norm_eps, c.norm_plus_one)
            self.post_feedforward_layernorm = RMSNorm(c.hidden_size, c.rms_norm_eps, c.norm_plus_one)
        act = ACTIVATIONS[c.hidden_act]
        if c.num_local_experts > 0:
            self.mlp = SparseMoE(c.hidden_size, c.intermediate_size, c.num_local_experts, c.num_experts_per_tok, act)
        else:
            self.mlp = GatedMLP(c.hidden_size, c.intermediate_size, act, c.mlp_bias, fused=c.fused_qkv)

    # --8<-- [start:layer]
    def forward(self, x: torch.Tensor, at: At, kv: KVWrite | None = None) -> torch.Tensor:
        sandwich = self.c.sandwich_norm  # Gemma 2 also normalises each sublayer's output
        mask = at.window if self.sliding else at.causal  # (T, S)
        a = self.self_attn(self.input_layernorm(x), at.cos, at.sin, mask, kv)
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


class Llama(Decoder):
    """Decoder-only language model: token ids (B, T) -> next-token logits (B, T, vocab_size); the forward pass is
    Decoder's, with a KV cache."""

    writes_cache = True

    def __init__(self, config: LlamaConfig):
        super().__init__()
        self.config = config
        self.sliding_window = config.sliding_window
        self.model = LlamaModel(config)
        self.lm_head = nn.Linear(config.hidden_size, config.vocab_size, bias=False)
        if config.tie_word_embeddings:
            self.lm_head.weight = self.model.embed_tokens.weight  # one tensor under two names, counted once

    blocks = property(lambda self: self.model.layers)
    final_norm = property(lambda self: self.model.norm)
    rotary = property(lambda self: self.model.rotary_emb)
    max_positions = property(lambda self: self.config.max_position_embeddings)

    def new_cache(self, max_len: int, batch: int = 1) -> KVCache:
        c = self.config
        dtype = self.model.embed_tokens.weight.dtype
        return KVCache(c.num_hidden_layers, batch, max_len, c.num_key_value_heads, c.head_dim, dtype)

    def embed(self, input_ids: torch.Tensor, positions: torch.Tensor) -> torch.Tensor:
        x = self.model.embed_tokens(input_ids)  # (B, T, H); positions enter in attention, by rotation
        if self.config.scale_embeddings:
            x = x * torch.tensor(math.sqrt(self.config.hidden_size), dtype=x.dtype)
        return x

    def head(self, x: torch.Tensor) -> torch.Tensor:
        logits = self.lm_head(x)  # (B, T, V)
        cap = self.config.final_logit_softcapping
        return logits if cap is None else cap * torch.tanh(logits / cap)
