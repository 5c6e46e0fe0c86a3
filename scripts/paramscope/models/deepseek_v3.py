"""DeepSeek-V3: multi-head latent attention (MLA) and a mixture of experts with shared plus routed experts.

MLA stores keys and values through a small latent (kv_lora_rank wide) and queries through another (q_lora_rank);
each MoE layer has n_shared_experts always on and top-k of n_routed_experts chosen by a sigmoid router that first
keeps the best topk_group of n_group expert groups. The first `first_k_dense_replace` layers use a dense MLP.
Parameter names equal Hugging Face transformers' `DeepseekV3ForCausalLM` state_dict keys.
Source: DeepSeek-AI (2024), DeepSeek-V3 Technical Report, https://arxiv.org/abs/2412.19437.
The released model's yarn rotary scaling (long contexts) is not implemented; it adds no parameters.
"""
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from paramscope.arch import Arch
from paramscope.models.decoder import At, Decoder
from paramscope.models.layers import GatedMLP, KVWrite, RMSNorm, RotaryTable, apply_rope, apply_rope_interleaved
from paramscope.models.meta_embedding import Embedding
from paramscope.models.moe import Experts, Mixture, Routing


@dataclass
class DeepseekV3Config:
    vocab_size: int = 129280
    hidden_size: int = 7168
    intermediate_size: int = 18432          # dense MLP width (first_k_dense_replace layers)
    moe_intermediate_size: int = 2048       # width of each expert
    num_hidden_layers: int = 61
    num_attention_heads: int = 128
    n_shared_experts: int = 1               # experts every token goes through
    n_routed_experts: int = 256             # experts the router chooses among
    num_experts_per_tok: int = 8            # routed experts per token (top-k)
    n_group: int = 8                        # experts are split in groups ...
    topk_group: int = 4                     # ... and only the best topk_group groups are eligible
    routed_scaling_factor: float = 2.5      # routed experts' weights are multiplied by this
    norm_topk_prob: bool = True             # renormalise the k chosen sigmoid scores to sum to 1 (before scaling)
    first_k_dense_replace: int = 3          # the first layers keep a dense MLP
    q_lora_rank: int | None = 1536          # query latent width; None: a plain q_proj
    kv_lora_rank: int = 512                 # key/value latent width: what the KV cache stores
    qk_rope_head_dim: int = 64              # per-head dimensions that carry rotary position
    qk_nope_head_dim: int = 128             # per-head dimensions without position
    v_head_dim: int = 128
    attention_bias: bool = False
    tie_word_embeddings: bool = False
    max_position_embeddings: int = 4096
    rms_norm_eps: float = 1e-6
    rope_theta: float = 10000.0
    rope_interleave: bool = True            # rotary pairs are (2i, 2i+1) instead of (i, i + d/2)

    @classmethod
    def from_arch(cls, a: Arch) -> "DeepseekV3Config":
        groups = a.expert_groups or 1
        return cls(
            vocab_size=a.vocab, hidden_size=a.d, intermediate_size=a.ffn, moe_intermediate_size=a.expert_ffn,
            num_hidden_layers=a.layers, num_attention_heads=a.heads, n_shared_experts=a.shared_ffn // a.expert_ffn,
            n_routed_experts=a.experts, num_experts_per_tok=a.top_k, n_group=groups,
            topk_group=min(a.group_top_k, groups), routed_scaling_factor=a.routed_scale, norm_topk_prob=a.norm_top_k,
            first_k_dense_replace=a.dense_first, q_lora_rank=a.q_lora or None, kv_lora_rank=a.kv_lora,
            qk_rope_head_dim=a.rope_dim, qk_nope_head_dim=a.head_dim - a.rope_dim, v_head_dim=a.v_head_dim,
            attention_bias=a.qkv_bias, tie_word_embeddings=a.tie, max_position_embeddings=a.context,
            rms_norm_eps=a.norm_eps, rope_theta=a.rope_theta, rope_interleave=a.rope_interleave)


class MLAttention(nn.Module):
    """Multi-head latent attention: K and V are rebuilt per head from one shared kv_lora_rank-wide latent."""

    def __init__(self, c: DeepseekV3Config):
        super().__init__()
        self.c = c
        H, nh = c.hidden_size, c.num_attention_heads
        self.qk_dim = c.qk_nope_head_dim + c.qk_rope_head_dim
        if c.q_lora_rank is None:
            self.q_proj = nn.Linear(H, nh * self.qk_dim, bias=False)
        else:
            self.q_a_proj = nn.Linear(H, c.q_lora_rank, bias=c.attention_bias)
            self.q_a_layernorm = RMSNorm(c.q_lora_rank, 1e-6)
            self.q_b_proj = nn.Linear(c.q_lora_rank, nh * self.qk_dim, bias=False)
        self.kv_a_proj_with_mqa = nn.Linear(H, c.kv_lora_rank + c.qk_rope_head_dim, bias=c.attention_bias)
        self.kv_a_layernorm = RMSNorm(c.kv_lora_rank, 1e-6)
        self.kv_b_proj = nn.Linear(c.kv_lora_rank, nh * (c.qk_nope_head_dim + c.v_head_dim), bias=False)
        self.o_proj = nn.Linear(nh * c.v_head_dim, H, bias=c.attention_bias)

    def forward(self, x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        c, (B, T, _) = self.c, x.shape
        nh, nope, rope = c.num_attention_heads, c.qk_nope_head_dim, c.qk_rope_head_dim
        q = self.q_proj(x) if c.q_lora_rank is None else self.q_b_proj(self.q_a_layernorm(self.q_a_proj(x)))
        q = q.view(B, T, nh, self.qk_dim).transpose(1, 2)  # (B, nh, T, nope + rope)
        q_pass, q_rot = q.split([nope, rope], dim=-1)
        latent, k_rot = self.kv_a_proj_with_mqa(x).split([c.kv_lora_rank, rope], dim=-1)
        kv = self.kv_b_proj(self.kv_a_layernorm(latent))  # (B, T, nh * (nope + v))
        kv = kv.view(B, T, nh, nope + c.v_head_dim).transpose(1, 2)  # (B, nh, T, nope + v)
        k_pass, v = kv.split([nope, c.v_head_dim], dim=-1)
        k_rot = k_rot.view(B, 1, T, rope)  # (B, 1, T, rope): one positional key shared by all heads
        rotate = apply_rope_interleaved if c.rope_interleave else apply_rope
        q_rot, k_rot = rotate(q_rot, cos, sin), rotate(k_rot, cos, sin)
        q = torch.cat((q_pass, q_rot), dim=-1)  # (B, nh, T, qk_dim)
        k = torch.cat((k_pass, k_rot.expand(B, nh, T, rope)), dim=-1)  # (B, nh, T, qk_dim)
        scores = (q @ k.transpose(-2, -1)) * self.qk_dim ** -0.5  # (B, nh, T, T)
        scores = scores.masked_fill(~mask, torch.finfo(scores.dtype).min)
        y = torch.softmax(scores.float(), dim=-1).to(q.dtype) @ v  # (B, nh, T, v)
        return self.o_proj(y.transpose(1, 2).reshape(B, T, nh * c.v_head_dim))


class GroupRouter(nn.Module):
    """Sigmoid scores; keep the best topk_group groups (a group scores the sum of its two best experts); top-k."""

    def __init__(self, c: DeepseekV3Config):
        super().__init__()
        self.c = c
        self.weight = nn.Parameter(torch.zeros(c.n_routed_experts, c.hidden_size))
        # A bias learned outside gradient descent to balance the load; it only affects which experts are chosen.
        self.register_buffer("e_score_correction_bias", torch.zeros(c.n_routed_experts))

    def forward(self, x: torch.Tensor) -> Routing:
        c = self.c
        logits = F.linear(x.float(), self.weight.float())  # (N, E)
        scores = logits.sigmoid()
        choice = scores + self.e_score_correction_bias
        grouped = choice.view(-1, c.n_group, c.n_routed_experts // c.n_group)  # (N, groups, E/groups)
        group_scores = grouped.topk(2, dim=-1).values.sum(dim=-1)  # (N, groups)
        keep = torch.zeros_like(group_scores).scatter_(1, group_scores.topk(c.topk_group, dim=-1).indices, 1)
        keep = keep[:, :, None].expand_as(grouped).reshape(-1, c.n_routed_experts).bool()  # (N, E)
        top_i = choice.masked_fill(~keep, float("-inf")).topk(c.num_experts_per_tok, dim=-1).indices  # (N, k)
        w = scores.gather(1, top_i)
        if c.norm_topk_prob:
            w = w / (w.sum(dim=-1, keepdim=True) + 1e-20)
        return Routing(logits, top_i, (w * c.routed_scaling_factor).to(x.dtype))


class MoE(Mixture):
    """Routed experts chosen by the GroupRouter plus shared experts every token goes through."""

    def __init__(self, c: DeepseekV3Config):
        super().__init__()
        self.n_experts, self.top_k = c.n_routed_experts, c.num_experts_per_tok
        self.experts = Experts(c.hidden_size, c.moe_intermediate_size, c.n_routed_experts)
        self.gate = GroupRouter(c)
        self.shared_experts = GatedMLP(c.hidden_size, c.moe_intermediate_size * c.n_shared_experts)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        B, T, H = x.shape
        flat = x.reshape(B * T, H)  # (N, H)
        routing = self.gate(flat)  # a forward hook on the gate reads it (capture.routing)
        routed = self.experts(flat, routing.experts, routing.weights).reshape(B, T, H)
        return routed + self.shared_experts(x)


class DecoderLayer(nn.Module):
    def __init__(self, c: DeepseekV3Config, index: int):
        super().__init__()
        self.self_attn = MLAttention(c)
        self.mlp = MoE(c) if index >= c.first_k_dense_replace else GatedMLP(c.hidden_size, c.intermediate_size)
        self.input_layernorm = RMSNorm(c.hidden_size, c.rms_norm_eps)
        self.post_attention_layernorm = RMSNorm(c.hidden_size, c.rms_norm_eps)

    def forward(self, x: torch.Tensor, at: At, kv: KVWrite | None = None) -> torch.Tensor:
        x = x + self.self_attn(self.input_layernorm(x), at.cos, at.sin, at.causal)  # no cache: Decoder refuses one
        return x + self.mlp(self.post_attention_layernorm(x))


class DeepseekV3Model(nn.Module):
    def __init__(self, c: DeepseekV3Config):
        super().__init__()
        self.embed_tokens = Embedding(c.vocab_size, c.hidden_size)
        self.layers = nn.ModuleList(DecoderLayer(c, i) for i in range(c.num_hidden_layers))
        self.norm = RMSNorm(c.hidden_size, c.rms_norm_eps)
        self.rotary_emb = RotaryTable(c.max_position_embeddings, c.qk_rope_head_dim, c.rope_theta)


class DeepseekV3(Decoder):
    """Token ids (B, T) -> next-token logits (B, T, vocab_size); the forward pass is Decoder's, without a KV cache
    (MLA's keys and values are not the shape KVCache stores)."""

    def __init__(self, config: DeepseekV3Config):
        super().__init__()
        self.config = config
        self.model = DeepseekV3Model(config)
        self.lm_head = nn.Linear(config.hidden_size, config.vocab_size, bias=False)
        if config.tie_word_embeddings:
            self.lm_head.weight = self.model.embed_tokens.weight

    blocks = property(lambda self: self.model.layers)
    final_norm = property(lambda self: self.model.norm)
    rotary = property(lambda self: self.model.rotary_emb)
    max_positions = property(lambda self: self.config.max_position_embeddings)

    def embed(self, input_ids: torch.Tensor, positions: torch.Tensor) -> torch.Tensor:
        return self.model.embed_tokens(input_ids)  # (B, T, H); positions enter in attention, by rotation

    def head(self, x: torch.Tensor) -> torch.Tensor:
        return self.lm_head(x)  # (B, T, V)
