"""DeepSeek-V3: multi-head latent attention (MLA) and a mixture of experts with shared plus routed experts.

MLA stores keys and values through a small latent (kv_lora wide) and queries through another (q_lora); each MoE
layer has shared experts always on and top_k of the routed experts chosen by a sigmoid router that first keeps the
best group_top_k of expert_groups groups. The first `dense_first` layers use a dense MLP. Built from the description
(paramscope.arch, read with run=True); its names for the config.json's are in the deepseek_v3 adapter.
Parameter names equal Hugging Face transformers' `DeepseekV3ForCausalLM` state_dict keys.
Source: DeepSeek-AI (2024), DeepSeek-V3 Technical Report, https://arxiv.org/abs/2412.19437.
The released model's yarn rotary scaling (long contexts) is not implemented; it adds no parameters.
"""
import torch
import torch.nn.functional as F
from torch import nn

from paramscope.arch import Arch
from paramscope.models.attention import Softmax, attend
from paramscope.models.decoder import Decoder, TokenPositions
from paramscope.models.layers import GatedMLP, KVWrite, RMSNorm, RotaryTable, apply_rope, apply_rope_interleaved
from paramscope.models.meta_embedding import Embedding
from paramscope.models.moe import Experts, Mixture, Routing


def router_groups(arch: Arch) -> tuple[int, int]:
    """(expert groups, groups kept) of DeepSeek's router: one group of all experts when the config has none."""
    groups = arch.run.expert_groups or 1
    return groups, min(arch.run.group_top_k, groups)


class MLAttention(nn.Module):
    """Multi-head latent attention: K and V are rebuilt per head from one shared kv_lora_rank-wide latent."""

    def __init__(self, arch: Arch):
        super().__init__()
        H, nh, bias = arch.d_model, arch.heads, arch.qkv_bias
        # head_dim: the no-rope part and the rope part
        self.nh, self.nope, self.rope = nh, arch.head_dim - arch.rope_dim, arch.rope_dim
        self.qk_dim, self.v_dim, self.latent = arch.head_dim, arch.v_head_dim, arch.kv_lora
        self.interleave = arch.run.rope_interleave
        self.q_lora = arch.q_lora  # 0: a plain q_proj
        if not arch.q_lora:
            self.q_proj = nn.Linear(H, nh * self.qk_dim, bias=False)
        else:
            self.q_a_proj = nn.Linear(H, arch.q_lora, bias=bias)
            self.q_a_layernorm = RMSNorm(arch.q_lora, 1e-6)
            self.q_b_proj = nn.Linear(arch.q_lora, nh * self.qk_dim, bias=False)
        self.kv_a_proj_with_mqa = nn.Linear(H, arch.kv_lora + arch.rope_dim, bias=bias)
        self.kv_a_layernorm = RMSNorm(arch.kv_lora, 1e-6)
        self.kv_b_proj = nn.Linear(arch.kv_lora, nh * (self.nope + arch.v_head_dim), bias=False)
        self.o_proj = nn.Linear(nh * arch.v_head_dim, H, bias=bias)
        self.softmax = Softmax()

    def forward(self, x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        B, T, _ = x.shape
        nh, nope, rope, v_dim = self.nh, self.nope, self.rope, self.v_dim
        q = self.q_proj(x) if not self.q_lora else self.q_b_proj(self.q_a_layernorm(self.q_a_proj(x)))
        q = q.view(B, T, nh, self.qk_dim).transpose(1, 2)  # (B, nh, T, nope + rope)
        q_pass, q_rot = q.split([nope, rope], dim=-1)
        latent, k_rot = self.kv_a_proj_with_mqa(x).split([self.latent, rope], dim=-1)
        kv = self.kv_b_proj(self.kv_a_layernorm(latent))  # (B, T, nh * (nope + v))
        kv = kv.view(B, T, nh, nope + v_dim).transpose(1, 2)  # (B, nh, T, nope + v)
        k_pass, v = kv.split([nope, v_dim], dim=-1)
        k_rot = k_rot.view(B, 1, T, rope)  # (B, 1, T, rope): one positional key shared by all heads
        rotate = apply_rope_interleaved if self.interleave else apply_rope
        q_rot, k_rot = rotate(q_rot, cos, sin), rotate(k_rot, cos, sin)
        q = torch.cat((q_pass, q_rot), dim=-1)  # (B, nh, T, qk_dim)
        k = torch.cat((k_pass, k_rot.expand(B, nh, T, rope)), dim=-1)  # (B, nh, T, qk_dim)
        y = attend(q, k, v, mask, self.qk_dim ** -0.5, self.softmax)  # (B, nh, T, v); mask (T, T)
        return self.o_proj(y.transpose(1, 2).reshape(B, T, nh * v_dim))


class GroupRouter(nn.Module):
    """Sigmoid scores; keep the best topk_group groups (a group scores the sum of its two best experts); top-k."""

    def __init__(self, arch: Arch):
        super().__init__()
        self.n_experts, self.top_k, self.run = arch.experts, arch.top_k, arch.run
        self.groups, self.groups_kept = router_groups(arch)
        self.weight = nn.Parameter(torch.zeros(arch.experts, arch.d_model))
        # A bias learned outside gradient descent to balance the load; it only affects which experts are chosen.
        self.register_buffer("e_score_correction_bias", torch.zeros(arch.experts))

    def forward(self, x: torch.Tensor) -> Routing:
        E, G = self.n_experts, self.groups
        logits = F.linear(x.float(), self.weight.float())  # (N, E)
        scores = logits.sigmoid()
        choice = scores + self.e_score_correction_bias
        grouped = choice.view(-1, G, E // G)  # (N, groups, E/groups)
        group_scores = grouped.topk(2, dim=-1).values.sum(dim=-1)  # (N, groups)
        keep = torch.zeros_like(group_scores).scatter_(1, group_scores.topk(self.groups_kept, dim=-1).indices, 1)
        keep = keep[:, :, None].expand_as(grouped).reshape(-1, E).bool()  # (N, E)
        top_i = choice.masked_fill(~keep, float("-inf")).topk(self.top_k, dim=-1).indices  # (N, k)
        w = scores.gather(1, top_i)
        if self.run.norm_top_k:
            w = w / (w.sum(dim=-1, keepdim=True) + 1e-20)
        return Routing(logits, top_i, (w * self.run.routed_scale).to(x.dtype))


class MoE(Mixture):
    """Routed experts chosen by the GroupRouter plus shared experts every token goes through."""

    def __init__(self, arch: Arch):
        super().__init__()
        self.n_experts, self.top_k = arch.experts, arch.top_k
        self.experts = Experts(arch.d_model, arch.expert_ffn, arch.experts)
        self.gate = GroupRouter(arch)
        # the shared experts as one MLP, as transformers names it
        self.shared_experts = GatedMLP(arch.d_model, arch.shared_ffn)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        B, T, H = x.shape
        flat = x.reshape(B * T, H)  # (N, H)
        routing = self.gate(flat)  # a forward hook on the gate reads it (capture.routing)
        routed = self.experts(flat, routing.experts, routing.weights).reshape(B, T, H)
        return routed + self.shared_experts(x)


class DecoderLayer(nn.Module):
    def __init__(self, arch: Arch, index: int):
        super().__init__()
        self.self_attn = MLAttention(arch)
        self.mlp = MoE(arch) if index >= arch.dense_first else GatedMLP(arch.d_model, arch.ffn)
        self.input_layernorm = RMSNorm(arch.d_model, arch.run.norm_eps)
        self.post_attention_layernorm = RMSNorm(arch.d_model, arch.run.norm_eps)

    def forward(self, x: torch.Tensor, positions: TokenPositions, kv: KVWrite | None = None) -> torch.Tensor:
        # no cache: Decoder refuses one
        x = x + self.self_attn(self.input_layernorm(x), positions.cos, positions.sin, positions.causal)
        return x + self.mlp(self.post_attention_layernorm(x))


class DeepseekV3Model(nn.Module):
    def __init__(self, arch: Arch):
        super().__init__()
        self.embed_tokens = Embedding(arch.vocab, arch.d_model)
        self.layers = nn.ModuleList(DecoderLayer(arch, i) for i in range(arch.layers))
        self.norm = RMSNorm(arch.d_model, arch.run.norm_eps)
        self.rotary_emb = RotaryTable(arch.run.context, arch.rope_dim, arch.run.rope_theta)


class DeepseekV3(Decoder):
    """Token ids (B, T) -> next-token logits (B, T, vocab_size); the forward pass is Decoder's, without a KV cache
    (MLA's keys and values are not the shape KVCache stores)."""

    def __init__(self, arch: Arch):
        super().__init__()
        self.arch = arch
        self.model = DeepseekV3Model(arch)
        self.lm_head = nn.Linear(arch.d_model, arch.vocab, bias=False)
        if arch.tie:
            self.lm_head.weight = self.model.embed_tokens.weight

    blocks = property(lambda self: self.model.layers)
    final_norm = property(lambda self: self.model.norm)
    rotary = property(lambda self: self.model.rotary_emb)
    max_positions = property(lambda self: self.arch.run.context)

    def embed(self, input_ids: torch.Tensor, positions: torch.Tensor) -> torch.Tensor:
        return self.model.embed_tokens(input_ids)  # (B, T, H); positions enter in attention, by rotation

    def head(self, x: torch.Tensor) -> torch.Tensor:
        return self.lm_head(x)  # (B, T, V)
