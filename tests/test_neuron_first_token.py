"""The Neuron page's first-token sentence and heat map against transformers: every MLP neuron's
activation (the input of each layer's down projection, SiLU(gate) × up) on the page's prompt, from the same GGUF."""
import json

import pytest
import torch
import transformers

from paramscope.checkpoints import modelfiles, smollm2

from support import PROJECT

pytestmark = pytest.mark.slow

PROMPT = "The Eiffel Tower is in Paris, and the Colosseum is in Rome."   # neurons.PROMPT, the page's prompt


@pytest.fixture(scope="module")
def activations() -> torch.Tensor:
    """|activation| of every MLP neuron, (layers, tokens, neurons), recorded by hooks on transformers' modules."""
    path = modelfiles.locate(modelfiles.SMOLLM2_GGUF)
    hf = transformers.AutoModelForCausalLM.from_pretrained(str(path.parent), gguf_file=path.name,
                                                           dtype=torch.float32).eval()
    seen: list[torch.Tensor] = []
    hooks = [layer.mlp.down_proj.register_forward_pre_hook(lambda m, args: seen.append(args[0][0].abs()))
             for layer in hf.model.layers]
    with torch.no_grad():
        hf(torch.tensor([smollm2.load(cache=PROJECT.cache).encode(PROMPT)]))
    for h in hooks:
        h.remove()
    return torch.stack(seen)


def test_the_first_token_dwarfs_the_rest_as_the_page_says(activations, site):
    facts = json.loads((site / "facts.json").read_text())["facts"]
    first, rest = float(activations[:, 0].max()), float(activations[:, 1:].max())
    assert first == pytest.approx(facts["neurons.first.max"]["value"], rel=1e-3)
    assert rest == pytest.approx(facts["neurons.first.rest_max"]["value"], rel=1e-3)
    assert first / rest > 10


def test_without_the_first_token_the_last_two_layers_are_strongest(activations):
    strongest = activations[:, 1:].amax(dim=2)          # (layers, tokens after the first)
    assert (strongest.argmax(dim=0) >= activations.shape[0] - 2).all()
