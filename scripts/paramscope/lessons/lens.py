"""The logit lens (nostalgebraist 2020): what a decoder would predict if it stopped after each layer.

The residual stream after layer n is put through the final norm and the output head, as the last layer's output
is. Those two were trained only on the last layer's output, so for the middle layers this is an approximation of
what the stream "means"; after the last layer it is exactly the model's own prediction.
"""
import torch

from paramscope.models import capture
from paramscope.models.decoder import Decoder


@torch.no_grad()
def after_each_layer(model: Decoder, ids: list[int]) -> tuple[torch.Tensor, torch.Tensor]:
    """The last token's next-token probabilities read after each layer (L, V), and the model's own (V,) from its
    normal forward, both float64."""
    with capture.outputs(model.blocks) as after:  # L tensors (1, T, H): each block's output, the residual stream
        logits = model(torch.tensor([ids]))[0, -1]  # (V,)
    last = torch.stack([h[0, -1] for h in after])  # (L, H): the last token's vector after each layer
    lens = model.head(model.final_norm(last[None]))[0]  # (L, V)
    return torch.softmax(lens.double(), dim=-1), torch.softmax(logits.double(), dim=-1)
