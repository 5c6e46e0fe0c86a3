"""The Transformer page's logit lens against transformers' own SmolLM2 on the same GGUF weights: its
`output_hidden_states` put through its final norm and head, on a prompt the site does not show and on the page's."""
import pytest
import torch
import transformers

from paramscope.checkpoints import modelfiles, smollm2
from paramscope.lessons import lens
from paramscope_generator.producer.output import Output

from support import PROJECT, producer

pytestmark = pytest.mark.slow

ATOL = 1e-3  # probabilities; the two implementations sum in different orders in float32


@pytest.fixture(scope="module")
def hf():
    path = modelfiles.locate(modelfiles.SMOLLM2_GGUF)
    return transformers.AutoModelForCausalLM.from_pretrained(str(path.parent), gguf_file=path.name,
                                                             dtype=torch.float32).eval()


@pytest.fixture(scope="module")
def lm():
    return smollm2.load(cache=PROJECT.cache)


def reference(hf, ids: list[int]) -> torch.Tensor:
    """The last token's probabilities after each layer (L, V): transformers' hidden_states[n] (n = 1..L-1) through
    its final norm and head; its last entry already has the final norm applied, so the last row is its logits'."""
    with torch.no_grad():
        out = hf(torch.tensor([ids]), output_hidden_states=True)
        middle = [hf.lm_head(hf.model.norm(h[0, -1])) for h in out.hidden_states[1:-1]]
        return torch.softmax(torch.stack([*middle, out.logits[0, -1]]).double(), dim=-1)


@pytest.mark.parametrize("prompt", ["The largest planet in the solar system is", "Water boils at a temperature of"])
def test_lens_is_transformers_hidden_states_through_the_head(hf, lm, prompt):
    ids = lm.encode(prompt)
    probs, final = lens.after_each_layer(lm.model, ids)
    want = reference(hf, ids)
    assert probs.shape == want.shape == (hf.config.num_hidden_layers, hf.config.vocab_size)
    assert (probs - want).abs().max() < ATOL
    assert (probs[-1] - final).abs().max() < 1e-5  # the last layer's lens is the model's own forward


def test_page_facts_are_transformers_lens(hf, lm, tmp_path):
    out = Output("lens", tmp_path, PROJECT)
    producer("lens").produce(out)
    out.verify()
    facts = {k: v["value"] for k, v in out.manifest()["facts"].items()}
    want = reference(hf, lm.encode(facts["prompt"]))
    answer = int(want[-1].argmax())
    assert lm.token(answer).strip() == facts["answer"] == "Paris"
    tops = want.argmax(dim=-1).tolist()
    assert facts["first"] == tops.index(answer) + 1
    p, quiet = want[:, answer], producer("lens").QUIET
    assert (p[:facts["quiet.last"]] < quiet).all() and p[facts["quiet.last"]] >= quiet
    assert (p[facts["climb.from"] - 1:].diff() > 0).all()
    assert len(out.manifest()["tables"]["every-layer"]["rows"]) == facts["layers"] == hf.config.num_hidden_layers
