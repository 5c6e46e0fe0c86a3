"""Sparse mixture of experts: a router picks top-k experts per token; their outputs are mixed by the router's weights.

Names and shapes follow Hugging Face transformers 5 (`mlp.gate.weight`, `mlp.experts.gate_up_proj`,
`mlp.experts.down_proj`): the experts are stored as 3-D tensors, one slice per expert.
Routing is softmax over all experts, then top-k, then renormalise the k weights to sum to 1 (Mixtral); top-k of the
logits followed by a softmax over those k gives the same mixture weights.
A mixture's forward returns only its output; its router's decisions are the router's output, which
paramscope.models.capture.routing reads with forward hooks.
"""
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn


def normal(*shape: int, std: float = 0.02) -> torch.Tensor:
    """N(0, std) weights as transformers initialises experts and routers; left empty on the meta device."""
    w = torch.empty(*shape)
    return w if w.is_meta else w.normal_(0.0, std)


@dataclass
class Routing:
    """What the router decided for a batch of tokens, kept for routing figures and the auxiliary loss."""

    logits: torch.Tensor   # (N, n_experts) raw router scores, N = B*T tokens
    experts: torch.Tensor  # (N, top_k) chosen expert ids
    weights: torch.Tensor  # (N, top_k) mixture weights of the chosen experts, rows sum to 1


class Router(nn.Module):
    """A linear layer without bias: one score per expert for each token."""

    def __init__(self, hidden_size: int, n_experts: int, top_k: int):
        super().__init__()
        self.top_k = top_k
        self.weight = nn.Parameter(normal(n_experts, hidden_size))

    def forward(self, x: torch.Tensor) -> Routing:
        logits = F.linear(x, self.weight)  # (N, n_experts)
        probs = torch.softmax(logits.float(), dim=-1)
        top_p, top_i = torch.topk(probs, self.top_k, dim=-1)  # (N, top_k)
        return Routing(logits, top_i, (top_p / top_p.sum(dim=-1, keepdim=True)).to(x.dtype))


class Experts(nn.Module):
    """n gated MLPs (SwiGLU) stored as stacked weights: gate and up fused in one tensor, as in transformers."""

    def __init__(self, hidden_size: int, intermediate_size: int, n_experts: int, act=F.silu):
        super().__init__()
        self.act = act
        self.gate_up_proj = nn.Parameter(normal(n_experts, 2 * intermediate_size, hidden_size))
        self.down_proj = nn.Parameter(normal(n_experts, hidden_size, intermediate_size))

    def forward(self, x: torch.Tensor, experts: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
        """x (N, H); experts, weights (N, top_k) -> (N, H): the weighted sum of each token's chosen experts."""
        out = torch.zeros_like(x)
        for e in experts.unique().tolist():  # only the experts some token chose do any work
            token, slot = torch.where(experts == e)  # which tokens chose e, and in which of their k slots
            gate, up = F.linear(x[token], self.gate_up_proj[e]).chunk(2, dim=-1)  # (n_e, I) each
            y = F.linear(self.act(gate) * up, self.down_proj[e])  # (n_e, H)
            out.index_add_(0, token, y * weights[token, slot, None])
        return out


class Mixture(nn.Module):
    """A layer's MLP made of routed experts: `gate` (its router, returning a Routing), `experts`, and how many
    experts there are and how many each token goes through. SparseMoE here, DeepSeek-V3's MoE with shared experts."""

    n_experts: int
    top_k: int
    gate: nn.Module
    experts: Experts


class SparseMoE(Mixture):
    """Replaces a transformer layer's MLP: each token goes through top_k of n_experts experts."""

    def __init__(self, hidden_size: int, intermediate_size: int, n_experts: int, top_k: int, act=F.silu):
        super().__init__()
        self.n_experts, self.top_k = n_experts, top_k
        self.gate = Router(hidden_size, n_experts, top_k)
        self.experts = Experts(hidden_size, intermediate_size, n_experts, act)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        B, T, H = x.shape
        flat = x.reshape(B * T, H)  # (N, H)
        routing = self.gate(flat)  # a forward hook on the gate reads it (capture.routing)
        return self.experts(flat, routing.experts, routing.weights).reshape(B, T, H)


def load_balancing_loss(routings: list[Routing], n_experts: int, top_k: int) -> torch.Tensor:
    """Switch Transformer / Mixtral auxiliary loss: n_experts * sum_e (share of tokens sent to e) * (mean prob of e).

    It equals top_k when routing is perfectly even and grows as tokens pile onto few experts (Fedus et al. 2021,
    eq. 4, with k choices per token; transformers' `load_balancing_loss_func` computes the same over all layers).
    """
    logits = torch.cat([r.logits for r in routings])  # (layers*N, n_experts)
    chosen = torch.cat([r.experts for r in routings])  # (layers*N, top_k)
    probs = torch.softmax(logits.float(), dim=-1)
    picked = F.one_hot(chosen, n_experts).float()  # (layers*N, top_k, n_experts)
    tokens_per_expert = picked.mean(dim=0)  # (top_k, n_experts): share of tokens whose slot j went to e
    prob_per_expert = probs.mean(dim=0)  # (n_experts,)
    return n_experts * (tokens_per_expert * prob_per_expert[None, :]).sum()
