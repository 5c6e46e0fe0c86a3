"""A token or position embedding table that skips its random initialisation on the meta device."""
import torch
from torch import nn


def Embedding(num: int, dim: int) -> nn.Embedding:
    """nn.Embedding(num, dim), initialised N(0, 1) as PyTorch does, except on the meta device: there is nothing to
    fill there, and torch's first meta `normal_` imports its symbolic-shape machinery (seconds on a cold process)."""
    weight = torch.empty(num, dim)  # on the ambient device (torch.device context)
    if not weight.is_meta:
        nn.init.normal_(weight)
    return nn.Embedding(num, dim, _weight=weight)
