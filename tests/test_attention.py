"""`paramscope attention` and the exported attention graph against transformers' eager attention
(`output_attentions=True`) on the same GGUF weights, on prompts the site does not show."""
import json

import numpy as np
import onnxruntime as ort  # pinned test dependencies: a missing oracle fails, never skips
import pytest
import torch
import transformers

from paramscope.checkpoints import modelfiles, smollm2
from paramscope_generator.cache import store
from paramscope_generator.run import runner

from support import PROJECT, paramscope

pytestmark = pytest.mark.slow

# none of these is on a page or in the producers
PROMPTS = ["Rain fell on the quiet harbour while the boats slept.", "x = [i * i for i in range(7)]",
           "Die Katze schläft, weil sie müde ist."]
ATOL = 1e-3


@pytest.fixture(scope="module")
def hf():
    path = modelfiles.locate(modelfiles.SMOLLM2_GGUF)
    return transformers.AutoModelForCausalLM.from_pretrained(str(path.parent), gguf_file=path.name,
                                                             dtype=torch.float32, attn_implementation="eager").eval()


@pytest.fixture(scope="module")
def lm():
    return smollm2.load(cache=PROJECT.cache)


def reference(hf, ids: list[int]) -> np.ndarray:
    """transformers' attention weights (L, n_head, T, T)."""
    with torch.no_grad():
        out = hf(torch.tensor([ids]), output_attentions=True)
    return torch.stack([a[0] for a in out.attentions]).numpy()


@pytest.mark.parametrize("prompt", PROMPTS, ids=lambda p: p[:16])
def test_cli_attention_is_transformers_eager_attention(hf, lm, prompt):
    done = paramscope("attention", prompt, "--json")
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert got["ids"] == lm.encode(prompt) and got["tokens"] == [lm.token(i) for i in got["ids"]]
    att = np.array(got["attention"])  # (L, H, T, T)
    T = len(got["ids"])
    assert att.shape == (30, 9, T, T)
    assert np.abs(att.sum(-1) - 1).max() < 1e-5
    assert np.triu(att, 1).max() == 0.0, "weight above the diagonal: a token saw a later one"
    assert np.abs(att - reference(hf, got["ids"])).max() < ATOL


def test_exported_attention_graph_is_transformers(hf, lm):
    result = runner.compute(PROJECT, only=["live"], echo=lambda line: None)
    assert not result.failed, result.failed
    files = store.current("live", PROJECT) / "data"
    s = ort.InferenceSession(str(files / "smollm2-attention.onnx"), providers=["CPUExecutionProvider"])
    for prompt in PROMPTS:
        ids = lm.encode(prompt)
        got = s.run(None, {"input_ids": np.array([ids], dtype=np.int64)})[0]
        assert np.abs(got - reference(hf, ids)).max() < ATOL, prompt


def test_refusals_are_one_line():
    for text, why in (("", "empty"), ("word " * 200, "128")):
        done = paramscope("attention", text, "--json")
        assert done.returncode == 2 and done.stderr.count("\n") == 1 and why in done.stderr, done.stderr
