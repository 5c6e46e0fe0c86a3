"""A tiny mixture-of-experts language model trained in the build, and what its routers learned.

Each layer's MLP is replaced by paramscope.models.moe.SparseMoE: a router scores every expert for every token, the
top-k experts process the token and their outputs are mixed by the router's renormalised weights. Training adds the
load-balancing term (Switch Transformer / Mixtral) to the next-token loss, so the router spreads tokens out.
"""
import random
from dataclasses import dataclass

import torch
from torch import nn

from paramscope.lessons import training
from paramscope.models import capture
from paramscope.models.count import parameters_in
from paramscope.models.moe import Routing, load_balancing_loss

# Character classes, in the order tables and figures list them: what "kinds of tokens" means for a character model.
KINDS = ("space", "line break", "vowel", "consonant", "capital", "punctuation")


def kind_of(char: str) -> str:
    if char == " ":
        return "space"
    if char == "\n":
        return "line break"
    if char.isupper():
        return "capital"
    if char.lower() in "aeiou":
        return "vowel"
    if char.isalpha():
        return "consonant"
    return "punctuation"  # also digits and brackets: rare in the plays


def mlp_widths(model: nn.Module) -> tuple[set[int], set[int]]:
    """(hidden widths of the dense MLPs, of the routed experts) of a built model, read from its weights' shapes."""
    dense, experts = set(), set()
    for name, p in model.named_parameters():
        if name.endswith("experts.down_proj") and p.ndim == 3:  # (n_experts, hidden, expert width)
            experts.add(p.shape[-1])
        elif name.endswith("mlp.down_proj.weight"):             # (hidden, MLP width): a dense layer's MLP
            dense.add(p.shape[-1])
    return dense, experts


@dataclass
class MoERun:
    """One trained mixture: its settings, its training history and how it routes held-out text."""

    top_k: int
    balance: float                 # weight of the load-balancing term in the loss (0: switched off)
    history: training.History
    load: torch.Tensor             # (layers, n_experts): share of held-out tokens whose top-k included each expert
    kinds: torch.Tensor            # (len(KINDS), n_experts): share of each kind whose first choice is the expert,
                                   # in the last MoE layer
    kind_counts: list[int]         # held-out tokens of each kind
    held_out_loss: float           # next-token loss on held-out text, without the balancing term
    total_params: int
    active_params: int             # what one token passes through: shared parts plus top_k experts per layer


def group_limited_example(n: int, k: int, groups: tuple[int, int] | None, seed: int = 0) -> tuple[list[int], set[int]]:
    """(groups kept, experts chosen): a made-up choice of k of n experts that obeys group-limited routing (DeepSeek-V3:
    `groups` = (groups of experts, groups kept), the experts taken only from the kept groups), to draw; from a fixed
    seed, not a real token's routing. Without groups, any k experts."""
    rng = random.Random(seed)
    if groups is None:
        return [], set(rng.sample(range(n), k))
    n_group, top_groups = groups
    per_group = n // n_group
    kept = sorted(rng.sample(range(n_group), top_groups))
    # at least one expert from each kept group (a group is kept for its best experts), the rest anywhere in them
    chosen = {g * per_group + rng.randrange(per_group) for g in kept}
    while len(chosen) < k:
        chosen.add(rng.choice(kept) * per_group + rng.randrange(per_group))
    return kept, chosen


# --8<-- [start:moe_loss]
def moe_loss(balance: float):
    """Next-token loss plus `balance` x each MoE layer's balancing loss."""

    def loss(model: nn.Module, x: torch.Tensor, y: torch.Tensor):
        if balance == 0:
            return training.next_token_loss(model, x, y)
        with capture.routing(model) as routings:  # one Routing per MoE layer, read as the pass runs
            ce = training.next_token_loss(model, x, y)
        moe = model.moe_layers()[0]
        n, k = moe.n_experts, moe.top_k
        return ce + balance * load_balancing_loss(routings, n, k)

    return loss
# --8<-- [end:moe_loss]


@torch.no_grad()
def route(model: nn.Module, ids: torch.Tensor, context: int, n_windows: int) -> tuple[list[Routing], torch.Tensor]:
    """Router decisions (one Routing per MoE layer) and the input ids (N,) for n_windows fixed windows of text."""
    starts = torch.linspace(0, len(ids) - context - 2, n_windows).long()
    x, _ = training.batch(ids, starts, context)  # (n_windows, context)
    model.eval()
    with capture.routing(model) as routings:
        model(x)
    return routings, x.reshape(-1)


def expert_load(routings: list[Routing], n_experts: int) -> torch.Tensor:
    """(layers, n_experts): share of tokens that sent one of their k slots to each expert; rows sum to k."""
    return torch.stack([torch.bincount(r.experts.reshape(-1), minlength=n_experts).float() / len(r.experts)
                        for r in routings])


def kind_table(routing: Routing, inputs: torch.Tensor, chars: str, n_experts: int) -> tuple[torch.Tensor, list[int]]:
    """(kinds, n_experts): for each kind of input character, the share whose first-choice expert is each expert."""
    table = torch.zeros(len(KINDS), n_experts)
    first = routing.experts[:, 0]  # (N,) highest-weighted expert of each token
    kinds = torch.tensor([KINDS.index(kind_of(chars[int(i)])) for i in inputs])  # (N,)
    table.index_put_((kinds, first), torch.ones(len(first)), accumulate=True)
    counts = table.sum(dim=1)
    return table / counts.clamp(min=1)[:, None], counts.long().tolist()


def train_moe(size: training.TinyLM, cfg: training.TrainConfig, train_ids: torch.Tensor, held_ids: torch.Tensor,
              chars: str, balance: float, n_windows: int = 32) -> MoERun:
    """Train one mixture from the same seed and batches as every other, then read its routing on held-out text."""
    model = size.build(len(chars), cfg.context, seed=0)

    history = training.train(model, cfg, training.random_batches(train_ids, cfg), moe_loss(balance))
    routings, inputs = route(model, held_ids, cfg.context, n_windows)
    n = size.num_local_experts
    kinds, counts = kind_table(routings[-1], inputs, chars, n)
    held = training.held_out_loss(model, held_ids, cfg.context, cfg.eval_batches, cfg.batch_size)
    total = parameters_in(model)
    per_expert = parameters_in(model.moe_layers()[0].experts) // n
    active = total - len(model.moe_layers()) * (n - size.num_experts_per_tok) * per_expert
    return MoERun(size.num_experts_per_tok, balance, history, expert_load(routings, n), kinds, counts, held,
                  total, active)
