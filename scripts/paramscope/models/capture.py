"""Values inside a forward pass, read with forward hooks: the models' forwards take only what they compute with,
and a page that looks inside (the residual stream, attention weights, MLP neurons) registers hooks for the passes
it runs in a `with` block; the hooks are removed when the block ends, even on an error.

    with capture.residual_stream(model) as hidden, capture.attention_weights(model) as weights:
        model(ids)
    with capture.routing(model) as routings:  # one Routing per mixture-of-experts layer
        model(ids)
"""
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import torch
from torch import nn

from paramscope.models.attention import Softmax
from paramscope.models.decoder import Decoder
from paramscope.models.layers import GatedMLP
from paramscope.models.moe import Routing


@contextmanager
def _hooks(handles: list[torch.utils.hooks.RemovableHandle], seen: list) -> Iterator[list]:
    try:
        yield seen
    finally:
        for handle in handles:
            handle.remove()


def outputs(modules: Iterable[nn.Module]) -> Iterator[list[torch.Tensor]]:
    """A context manager yielding a list that receives each module's output, in call order."""
    seen: list[torch.Tensor] = []
    hook = lambda module, args, output: seen.append(output)  # noqa: E731
    return _hooks([m.register_forward_hook(hook) for m in modules], seen)


def inputs(modules: Iterable[nn.Module]) -> Iterator[list[torch.Tensor]]:
    """A context manager yielding a list that receives each module's first positional input, in call order."""
    seen: list[torch.Tensor] = []
    hook = lambda module, args: seen.append(args[0])  # noqa: E731
    return _hooks([m.register_forward_pre_hook(hook) for m in modules], seen)


@contextmanager
def residual_stream(model: nn.Module) -> Iterator[list[torch.Tensor]]:
    """The residual stream (B, T, H) before each block and at the end (after a decoder's final norm; Bert, which
    has none: the last layer's output): layers + 1 tensors per pass, as transformers' `output_hidden_states`."""
    blocks = model.blocks
    last = model.final_norm if isinstance(model, Decoder) else blocks[-1]
    seen: list[torch.Tensor] = []
    handles = [b.register_forward_pre_hook(lambda module, args: seen.append(args[0])) for b in blocks]
    handles.append(last.register_forward_hook(lambda module, args, output: seen.append(output)))
    with _hooks(handles, seen):
        yield seen


def attention_weights(model: nn.Module) -> Iterator[list[torch.Tensor]]:
    """Each layer's attention weights (B, n_head, T, S), the softmax over the keys: the output of the Softmax module
    every family's attention owns (paramscope.models.attention), in layer order."""
    return outputs(m for layer in model.blocks for m in layer.modules() if isinstance(m, Softmax))


def neurons(model: nn.Module) -> Iterator[list[torch.Tensor]]:
    """Each dense layer's MLP hidden activations (B, T, intermediate_size): act(gate) * up, the down projection's
    input."""
    return inputs(layer.mlp.down_proj for layer in model.blocks if isinstance(layer.mlp, GatedMLP))


def attention_outputs(model: nn.Module) -> Iterator[list[torch.Tensor]]:
    """What attention adds to the residual stream, per layer (B, T, H): after the sandwich norm where the family has
    one (Gemma 2)."""
    sandwich = model.family.sandwich_norm
    return outputs(layer.post_attention_layernorm if sandwich else layer.self_attn for layer in model.blocks)


def routing(model: Decoder) -> Iterator[list[Routing]]:
    """Each mixture-of-experts layer's router decisions (paramscope.models.moe.Routing), in call order: what the
    routers return. Gradients flow through them (the load-balancing loss is computed from them)."""
    return outputs(moe.gate for moe in model.moe_layers())

