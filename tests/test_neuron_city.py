"""The Neuron page's one neuron followed over a sentence, against transformers: chosen on the sentence's first half
(the largest activation at " Paris" among the neurons within 1 of zero at that half's other tokens), it fires at
" Rome" in the second half, as the page says. Activations (SiLU(gate) × up, the down projection's input) are
recorded by hooks on transformers' own modules, from the same GGUF."""
import json

import pytest
import torch
import transformers

from paramscope.checkpoints import modelfiles, smollm2

from support import PROJECT

pytestmark = pytest.mark.slow

PROMPT = "The Eiffel Tower is in Paris, and the Colosseum is in Rome."   # neurons.PROMPT, the page's sentence


@pytest.fixture(scope="module")
def run() -> tuple[torch.Tensor, list[str]]:
    """Every MLP neuron's activation, (layers, tokens, neurons), with signs; and the tokens."""
    path = modelfiles.locate(modelfiles.SMOLLM2_GGUF)
    hf = transformers.AutoModelForCausalLM.from_pretrained(str(path.parent), gguf_file=path.name,
                                                           dtype=torch.float32).eval()
    lm = smollm2.load(cache=PROJECT.cache)
    ids = lm.encode(PROMPT)
    seen: list[torch.Tensor] = []
    hooks = [layer.mlp.down_proj.register_forward_pre_hook(lambda m, args: seen.append(args[0][0]))
             for layer in hf.model.layers]
    with torch.no_grad():
        hf(torch.tensor([ids]))
    for h in hooks:
        h.remove()
    return torch.stack(seen), [lm.token(i) for i in ids]


def test_the_neuron_chosen_at_paris_is_the_pages_and_fires_at_rome(run, site):
    acts, tokens = run
    facts = json.loads((site / "facts.json").read_text())["facts"]
    paris, rome, half = tokens.index(" Paris"), tokens.index(" Rome"), tokens.index(",") + 1
    others = [t for t in range(half) if t != paris]
    quiet = acts[:, others].abs().amax(dim=1) < facts["neurons.city.quiet"]["value"]
    score = torch.where(quiet, acts[:, paris], torch.tensor(-torch.inf))
    layer, unit = divmod(int(score.argmax()), acts.shape[2])
    assert (layer + 1, unit) == (facts["neurons.city.layer"]["value"], facts["neurons.city.neuron"]["value"])
    values = acts[layer, :, unit]
    assert float(values[paris]) == pytest.approx(facts["neurons.city.paris"]["value"], rel=1e-3)
    assert float(values[rome]) == pytest.approx(facts["neurons.city.rome"]["value"], rel=1e-3)
    assert int(values[half:].argmax()) + half == rome
