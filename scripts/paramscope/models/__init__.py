"""Model families as torch modules whose parameter names equal Hugging Face transformers' state_dict keys, built
from a config.json read by `paramscope.arch.config` into the architecture description; `count` counts a
built module tensor by tensor, the second way that checks the closed-form formula; `meta_embedding` is the embedding
table every family uses, which skips its random fill on the meta device.
The families share their building blocks (`attention`: the one `attend` every family weighs keys with, through a
hookable Softmax; `layers`: norms, rotary positions, grouped-query attention, gated MLP; `moe`: routers and experts;
`kv_cache`) and no family imports another; the decoder-only ones (llama, deepseek_v3, gpt2) share one
forward pass and signature (`decoder.Decoder`), BERT (an encoder) keeps its own.
"""
import torch
from torch import nn

from paramscope.arch import Arch
from paramscope.models.bert import Bert
from paramscope.models.decoder import Decoder
from paramscope.models.deepseek_v3 import DeepseekV3
from paramscope.models.gpt2 import GPT2
from paramscope.models.hf import FAMILIES, from_hf
from paramscope.models.llama import Llama


def build_model(config, device: str | torch.device = "meta") -> nn.Module:
    """The module for `config`: an architecture description read with run=True, or a Hugging Face config.json dict
    (with model_type).

    On the meta device no weight memory is allocated (for counting); on "cpu" load real weights with
    `load_state_dict` or call `init_weights` (some tensors start uninitialised).
    """
    arch = config if isinstance(config, Arch) else from_hf(dict(config))
    with torch.device(device):
        return FAMILIES[arch.model_type](arch)


def init_weights(model: nn.Module, std: float = 0.02, seed: int = 0) -> nn.Module:
    """Fill a freshly built model with N(0, std) weights, zero biases, unit norms (zero for Gemma-style norms)."""
    g = torch.Generator().manual_seed(seed)
    plus_one = isinstance(model, Llama) and model.family.norm_plus_one
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("bias"):
                p.zero_()
            elif p.ndim == 1:  # norm weights
                p.fill_(0.0 if plus_one else 1.0)
            else:
                p.copy_(torch.randn(p.shape, generator=g) * std)
    return model


__all__ = ["build_model", "from_hf", "init_weights", "GPT2", "Bert", "Llama", "DeepseekV3", "Decoder"]
