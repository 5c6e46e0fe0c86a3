"""The Attention page's overview (scripts/producers/attention.py): its maps are transformers' eager attention on the
same GGUF weights (to the byte it stores each weight in), and the heads it calls notable are so in transformers'
weights, measured here without the producer's code."""
import base64

import numpy as np
import pytest

from paramscope_generator.cache import store

from support import PROJECT
from test_attention import hf, lm, reference  # noqa: F401  (the fixtures and transformers' weights)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def overview():
    import json
    return json.loads((store.current("attention", PROJECT) / "data" / "overview.json").read_text())


def test_the_sentence_is_the_live_maps(overview):
    import importlib.util
    spec = importlib.util.spec_from_file_location("live", store.producers(PROJECT)["live"])
    live = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(live)
    assert overview["sentence"] == live.SENTENCE


def test_overview_is_transformers_attention(hf, lm, overview):  # noqa: F811
    ids = lm.encode(overview["sentence"])
    theirs = reference(hf, ids)  # (L, H, T, T)
    ours = np.frombuffer(base64.b64decode(overview["weights"]), dtype=np.uint8).reshape(overview["shape"]) / 255
    assert list(theirs.shape) == overview["shape"]
    assert np.abs(ours - theirs).max() <= 0.5 / 255 + 1e-3
    L, H, T, _ = theirs.shape
    first = theirs[:, :, 1:, 0].mean(-1)
    previous = np.stack([[np.diagonal(theirs[layer, h], offset=-1).mean() for h in range(H)] for layer in range(L)])
    assert sorted(map(tuple, overview["sinks"])) == sorted(zip(*np.nonzero(first > 0.5)))
    assert divmod(int(previous.argmax()), H) == (overview["previous"]["layer"], overview["previous"]["head"])
    assert previous.max() > 0.5 and len(overview["sinks"]) > L * H / 2
