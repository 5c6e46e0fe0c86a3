"""Count a built torch model tensor by tensor: the second way of counting, which checks the closed-form formula
(paramscope.arch.counting) on our modules, on any device (meta included)."""
import dataclasses
import re

from paramscope.arch.counting import KINDS, Count, memory

LAYER = re.compile(r"(?:^|\.)(?:layers|layer|h)\.(\d+)\.")


def parameters_in(module) -> int:
    """How many numbers a torch module learns: every parameter tensor's size, a shared (tied) tensor once."""
    return sum(p.numel() for p in module.parameters())


def kind_of(path: str, module, name: str) -> str:
    """Which kind (of the one taxonomy, KINDS) a parameter `name` of our torch `module` (at `path`) is: a norm's
    every parameter is "norms", a linear layer's bias "biases" (an expert's "expert biases"), otherwise its part."""
    from torch import nn

    from paramscope.models.deepseek_v3 import GroupRouter
    from paramscope.models.layers import RMSNorm
    from paramscope.models.moe import Router
    if isinstance(module, nn.Embedding):
        return "embeddings"
    if isinstance(module, (nn.LayerNorm, RMSNorm)):
        return "norms"
    if isinstance(module, (Router, GroupRouter)):
        return "router"
    if path.startswith("pooler"):
        return "pooler"
    if path == "lm_head":
        return "output head"
    if re.search(r"(?:^|\.)(?:shared_)?experts(?:\.|$)", path) or re.search(r"(?:^|\.)experts$", path):
        return "expert biases" if name.endswith("bias") else "experts"
    if name == "bias":
        return "biases"
    if re.search(r"attn|attention", path):
        return "attention"
    return "mlp"


def inactive_experts(model) -> int:
    """Parameters of the routed experts a token does not use, summed over MoE layers."""
    from paramscope.models.moe import Mixture

    skipped = 0
    for m in model.modules():
        if isinstance(m, Mixture):
            per_expert = parameters_in(m.experts) // m.n_experts
            skipped += (m.n_experts - m.top_k) * per_expert
    return skipped


class CountMismatch(ValueError):
    """The parameters counted part by part do not add up to the model's own total (a part counted twice)."""


def count_module(model) -> Count:
    """Count a built torch model (any device, meta included) tensor by tensor: the check on the formula."""
    breakdown = dict.fromkeys(KINDS, 0)  # the formula's kinds, in its order
    by_layer = [0] * len(model.blocks)
    seen = set()
    for path, module in model.named_modules():
        for name, p in module.named_parameters(recurse=False):
            if id(p) in seen:  # a tied output head is the embedding again
                continue
            seen.add(id(p))
            n = p.numel()
            breakdown[kind_of(path, module, name)] += n
            if (m := LAYER.search(path + ".")) is not None:
                by_layer[int(m.group(1))] += n
    total = sum(breakdown.values())
    if total != (every := parameters_in(model)):
        raise CountMismatch(f"the parts add up to {total:,} parameters, the model has {every:,}")
    active = total - inactive_experts(model)
    return Count(total, active, {k: v for k, v in breakdown.items() if v}, by_layer, memory(total))


def bias_values(model) -> tuple[int, int]:
    """(linear-layer biases, LayerNorm shifts): the values of every parameter named "bias" in a torch model, split by
    the module that holds it (a LayerNorm's shift, or any other layer's bias)."""
    from torch import nn

    norms = {name for name, m in model.named_modules() if isinstance(m, nn.LayerNorm)}
    linear = norm = 0
    for name, p in model.named_parameters():
        if name.endswith(".bias"):
            if name.rpartition(".")[0] in norms:
                norm += p.numel()
            else:
                linear += p.numel()
    return linear, norm


def mlp_neurons(arch) -> int:
    """MLP neurons in one layer of the model an architecture description (paramscope.arch) describes, read from the
    module of its first layer, built alone on the meta device (a GPT-2 c_fc or a Llama-style down_proj)."""
    from paramscope.models import build_model

    shapes = [p.shape for n, p in build_model(dataclasses.replace(arch, layers=1)).named_parameters()
              if n.endswith(("mlp.c_fc.weight", "mlp.down_proj.weight"))]
    if len(shapes) != 1:
        raise ValueError(f"expected one MLP in one layer of {arch.model_type}, found {len(shapes)}")
    # GPT-2's Conv1D stores (in, out): the neurons are columns; a Linear down projection (width, neurons): columns too
    return shapes[0][1]


def blocks_in_run_order(model) -> list[tuple[str, list[tuple[str, int]]]]:
    """A Llama-style model's parameters in the order it runs them, as (block, [(kind, count), ...]): the embedding
    table, then each layer (its first norm, attention, second norm, MLP), then the final norm; counted from the
    module."""
    n = parameters_in
    blocks = [("embedding", [("embeddings", n(model.model.embed_tokens))])]
    for i, layer in enumerate(model.model.layers, 1):
        blocks.append((str(i), [("norms", n(layer.input_layernorm)), ("attention", n(layer.self_attn)),
                                ("norms", n(layer.post_attention_layernorm)), ("mlp", n(layer.mlp))]))
    blocks.append(("final norm", [("norms", n(model.model.norm))]))
    return blocks
