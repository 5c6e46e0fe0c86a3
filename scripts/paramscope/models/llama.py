"""Llama and its relatives (Mistral, Qwen2, Phi-3, Gemma 2, Mixtral) as options of one decoder-only transformer.

Each layer: norm -> attention (rotary positions, grouped-query heads) -> residual add -> norm -> MLP (gated, SwiGLU)
-> residual add. The modules read the one architecture description (paramscope.arch's `Arch`, read with run=True):
`Llama(arch)` reads `arch.d_model`, `arch.heads`, `arch.run.rope_theta`; what else a relative changes (fused
projections, Gemma 2's norms) is a `Family` of switches, in FAMILY_OPTIONS by model_type.
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
from paramscope.models.decoder import Decoder, TokenPositions
from paramscope.models.kv_cache import KVCache
from paramscope.models.layers import ACTIVATIONS, Attention, GatedMLP, KVWrite, RMSNorm, RotaryTable
from paramscope.models.meta_embedding import Embedding
from paramscope.models.moe import SparseMoE


def sliding_schedule(arch: Arch) -> list[bool]:
    """Whether each block attends to a sliding window, from the description's window schedule."""
    run = arch.run
    period = run.layer_types or ("sliding_attention",)
    return [bool(run.sliding_window) and i >= run.window_from and period[i % len(period)] == "sliding_attention"
            for i in range(arch.layers)]


@dataclass(frozen=True)
class Family:
    """How a relative's module differs from Llama's beyond what the description says (state_dict names, norms)."""
    fused_qkv: bool = False         # q, k, v stored as one `qkv_proj` and gate, up as one `gate_up_proj` (Phi-3)
    sandwich_norm: bool = False     # extra norms after attention and after the MLP, four per layer (Gemma 2)
    norm_plus_one: bool = False     # norm weight stored as w - 1, applied as (1 + w) (Gemma 2)
    scale_embeddings: bool = False  # embeddings multiplied by sqrt(d) (Gemma 2)


# --8<-- [start:families]
# What each relative changes relative to Llama, as in the reference implementations (transformers 5.23); biases,
# windows, soft-capping and experts are in the description (paramscope.arch), read from the config.json.
FAMILY_OPTIONS = {
    "llama": Family(),
    "mistral": Family(),                                  # Llama plus a sliding window (a forward-pass difference)
    "qwen2": Family(),                                    # Llama with biases on q, k, v (qkv_bias, always)
    "phi3": Family(fused_qkv=True),                       # fused qkv_proj and gate_up_proj
    "gemma2": Family(sandwich_norm=True, norm_plus_one=True, scale_embeddings=True),
    "mixtral": Family(),                                  # Llama with experts > 0
}
# --8<-- [end:families]


class DecoderLayer(nn.Module):
    def __init__(self, arch: Arch, family: Family, sliding: bool):
        super().__init__()
        run, plus_one = arch.run, family.norm_plus_one
        self.sandwich = family.sandwich_norm
        self.sliding = sliding
        self.input_layernorm = RMSNorm(arch.d_model, run.norm_eps, plus_one)
        self.self_attn = Attention(arch.d_model, arch.heads, arch.kv_heads, arch.head_dim, qkv_bias=arch.qkv_bias,
                                   o_bias=arch.o_bias, fused=family.fused_qkv,
                                   scale=(run.attn_scalar or arch.head_dim) ** -0.5, softcap=run.attn_softcap or None)
        self.post_attention_layernorm = RMSNorm(arch.d_model, run.norm_eps, plus_one)
        if family.sandwich_norm:
            self.pre_feedforward_layernorm = RMSNorm(arch.d_model, run.norm_eps, plus_one)
            self.post_feedforward_layernorm = RMSNorm(arch.d_model, run.norm_eps, plus_one)
        act = ACTIVATIONS[run.activation]
        if arch.experts > 0:
            self.mlp = SparseMoE(arch.d_model, arch.ffn, arch.experts, arch.top_k, act)
        else:
            self.mlp = GatedMLP(arch.d_model, arch.ffn, act, arch.mlp_bias, fused=family.fused_qkv)

    # --8<-- [start:layer]
    def forward(self, x: torch.Tensor, positions: TokenPositions, kv: KVWrite | None = None) -> torch.Tensor:
        sandwich = self.sandwich  # Gemma 2 also normalises each sublayer's output
        mask = positions.window if self.sliding else positions.causal  # (T, S)
        a = self.self_attn(self.input_layernorm(x), positions.cos, positions.sin, mask, kv)
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

    def __init__(self, arch: Arch, family: Family):
        super().__init__()
        self.embed_tokens = Embedding(arch.vocab, arch.d_model)
        self.layers = nn.ModuleList(DecoderLayer(arch, family, sliding) for sliding in sliding_schedule(arch))
        self.norm = RMSNorm(arch.d_model, arch.run.norm_eps, family.norm_plus_one)
        run = arch.run
        self.rotary_emb = RotaryTable(run.context, int(arch.head_dim * run.rope_fraction), run.rope_theta)


class Llama(Decoder):
    """Decoder-only language model: token ids (B, T) -> next-token logits (B, T, vocab); the forward pass is
    Decoder's, with a KV cache. Built from the description `arch` (read with run=True) of any FAMILY_OPTIONS type."""

    writes_cache = True

    def __init__(self, arch: Arch):
        super().__init__()
        self.arch, self.family = arch, FAMILY_OPTIONS[arch.model_type]
        self.sliding_window = arch.run.sliding_window or None
        self.model = LlamaModel(arch, self.family)
        self.lm_head = nn.Linear(arch.d_model, arch.vocab, bias=False)
        if arch.tie:
            self.lm_head.weight = self.model.embed_tokens.weight  # one tensor under two names, counted once

    blocks = property(lambda self: self.model.layers)
    final_norm = property(lambda self: self.model.norm)
    rotary = property(lambda self: self.model.rotary_emb)
    max_positions = property(lambda self: self.arch.run.context)

    def new_cache(self, max_len: int, batch: int = 1) -> KVCache:
        a = self.arch
        dtype = self.model.embed_tokens.weight.dtype
        return KVCache(a.layers, batch, max_len, a.kv_heads, a.head_dim, dtype)

    def embed(self, input_ids: torch.Tensor, positions: torch.Tensor) -> torch.Tensor:
        x = self.model.embed_tokens(input_ids)  # (B, T, H); positions enter in attention, by rotation
        if self.family.scale_embeddings:
            x = x * torch.tensor(math.sqrt(self.arch.d_model), dtype=x.dtype)
        return x

    def head(self, x: torch.Tensor) -> torch.Tensor:
        logits = self.lm_head(x)  # (B, T, V)
        cap = self.arch.run.logit_softcap
        return cap * torch.tanh(logits / cap) if cap else logits
