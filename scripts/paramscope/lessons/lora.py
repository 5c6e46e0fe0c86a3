"""LoRA: fine-tune a frozen model by adding a small low-rank update B @ A beside chosen weight matrices.

A weight W (out, in) stays frozen; the layer computes W x + (alpha / r) * B (A x) with A (r, in) and B (out, r), so
it trains r * (in + out) numbers instead of in * out. B starts at zero, so the adapted model starts as the original
(Hu et al. 2021, LoRA: Low-Rank Adaptation of Large Language Models, https://arxiv.org/abs/2106.09685).
"""
import math

import torch
from torch import nn

ATTENTION_QV = ("q_proj", "v_proj")  # the paper's main setting: query and value projections
ALL_LINEAR = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")  # every matrix in a layer


# --8<-- [start:lora]
class LoRALinear(nn.Module):
    """A frozen nn.Linear plus a trainable rank-r update; names follow peft (`base_layer`, `lora_A`, `lora_B`)."""

    def __init__(self, base: nn.Linear, rank: int, alpha: float, generator: torch.Generator | None = None):
        super().__init__()
        self.base_layer = base.requires_grad_(False)
        self.scale = alpha / rank
        device = base.weight.device
        self.lora_A = nn.Linear(base.in_features, rank, bias=False, device=device)
        self.lora_B = nn.Linear(rank, base.out_features, bias=False, device=device)
        if device.type != "meta":
            with torch.no_grad():  # A random as in nn.Linear's default, B zero: the update starts at exactly 0
                bound = 1 / math.sqrt(base.in_features)
                self.lora_A.weight.uniform_(-bound, bound, generator=generator)
                self.lora_B.weight.zero_()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.base_layer(x) + self.lora_B(self.lora_A(x)) * self.scale
# --8<-- [end:lora]


def add_lora(model: nn.Module, rank: int, targets: tuple[str, ...] = ATTENTION_QV, alpha: float | None = None,
             seed: int = 0) -> nn.Module:
    """Freeze every parameter of `model`, then wrap each nn.Linear whose name ends in one of `targets` (in place)."""
    model.requires_grad_(False)
    generator = torch.Generator().manual_seed(seed)
    chosen = [(name, m) for name, m in model.named_modules()
              if isinstance(m, nn.Linear) and name.rsplit(".", 1)[-1] in targets]
    if not chosen:
        raise ValueError(f"no linear layer named {targets} in the model")
    for name, linear in chosen:
        parent_name, _, child = name.rpartition(".")
        setattr(model.get_submodule(parent_name), child, LoRALinear(linear, rank, alpha or 2 * rank, generator))
    return model


def remove_lora(model: nn.Module) -> nn.Module:
    """Undo add_lora in place: put back every original nn.Linear a LoRALinear wrapped (its `base_layer`)."""
    for name, m in list(model.named_modules()):
        if isinstance(m, LoRALinear):
            parent, _, child = name.rpartition(".")
            setattr(model.get_submodule(parent), child, m.base_layer)
    return model


def trainable(model: nn.Module) -> int:
    """Parameters that fine-tuning would update (requires_grad), each tensor once."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def formula(model: nn.Module, rank: int, targets: tuple[str, ...]) -> int:
    """The same count in closed form, from the unadapted model: r * (in + out) for each targeted matrix."""
    return sum(rank * (m.in_features + m.out_features) for name, m in model.named_modules()
               if isinstance(m, nn.Linear) and name.rsplit(".", 1)[-1] in targets)
