"""The models the browser runs: the exported ONNX graphs, run by onnxruntime (Python), against our torch modules;
the shipped tokenizer.json files against the Python tokenizers; `paramscope embed`; the shipped files' sizes."""
import json
import math

import numpy as np
import onnxruntime as ort  # the reference runtime: a pinned test dependency, so a missing one fails
import pytest
import torch

from paramscope.checkpoints import export, minilm, smollm2
from paramscope.data.prompts import CAPITAL
from paramscope_generator.cache import store
from paramscope_generator.run import runner

from support import PROJECT, paramscope

pytestmark = pytest.mark.slow

PROMPTS = [CAPITAL, "Once upon a time, there was a", "def fibonacci(n):",
           "My favourite food is", "1, 2, 3, 4,", "Le chat est"]
TEXTS = ["table", "astronaut", "A man is playing a guitar.", "antidisestablishmentarianism", "Paris in spring"]
# The exported SmolLM2 multiplies with the file's own Q4_1/Q8_0 blocks, so only float rounding separates it from
# torch (which runs the same numbers decoded to float32); 1e-3 is about ten times the largest difference measured.
DLOGIT = 1e-3
LIMIT = 100 * 10 ** 6


@pytest.fixture(scope="module")
def files():
    """The live producer's published files (computed first when they are missing or out of date)."""
    result = runner.compute(PROJECT, only=["live"], echo=lambda line: None)
    assert not result.failed, result.failed
    return store.current("live", PROJECT) / "data"


@pytest.fixture(scope="module")
def lm():
    return smollm2.load(cache=PROJECT.cache)


@pytest.fixture(scope="module")
def mini():
    return minilm.load(PROJECT.cache)


def session(path):
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])


def run_cached(s, ids: list[int], past=None) -> tuple:
    """CachedGraph on the tokens after `past` (keys, values): (logits (V,), keys, values)."""
    if past is None:
        past = (export.empty_past(smollm2.load(cache=PROJECT.cache).model.arch).numpy(),) * 2
    logits, keys, values = s.run(None, {"input_ids": np.array([ids], dtype=np.int64), "past_keys": past[0],
                                        "past_values": past[1]})
    return logits[0], keys, values


def test_exported_smollm2_matches_torch(files, lm):
    s = session(files / "smollm2.onnx")
    worst = 0.0
    for prompt in PROMPTS:
        ids = lm.encode(prompt)
        got = run_cached(s, ids)[0]
        want = lm.next_token_logits(prompt).numpy()
        assert got.shape == want.shape == (49152,)
        assert got.argmax() == want.argmax(), prompt
        worst = max(worst, float(np.abs(got - want).max()))
        def top5(x):
            return set(np.argsort(-x)[:5].tolist())
        assert top5(got) == top5(want), prompt
    assert worst < DLOGIT, f"max |Δlogit| {worst} over {len(PROMPTS)} prompts"


def test_kv_cache_path_is_the_full_recompute(files, lm):
    """The prompt in chunks (3, then 1, then the rest), each run given the keys and values of the ones before: the
    same logits and the same keys and values as one run over the whole prompt."""
    s = session(files / "smollm2.onnx")
    for prompt in ["Twelve swans glided past the old mill at dawn,", "SELECT name FROM users WHERE"]:
        ids = lm.encode(prompt)
        full, keys, values = run_cached(s, ids)
        past = None
        for chunk in (ids[:3], ids[3:4], ids[4:]):
            logits, *past = run_cached(s, chunk, past)
        assert past[0].shape == keys.shape == (30, 1, 3, len(ids), 64)
        assert np.abs(logits - full).max() < 1e-4 and np.abs(past[0] - keys).max() < 1e-4, prompt
        assert np.abs(past[1] - values).max() < 1e-4


def test_cached_greedy_is_transformers_greedy(files, lm):
    """Greedy decoding with the exported graph and its cache, one token per run, as the browser's generate() does at
    temperature 0: the first 8 tokens equal transformers' greedy decoding on the same GGUF weights."""
    import transformers

    from paramscope.checkpoints import modelfiles
    path = modelfiles.locate(modelfiles.SMOLLM2_GGUF)
    hf = transformers.AutoModelForCausalLM.from_pretrained(str(path.parent), gguf_file=path.name,
                                                           dtype=torch.float32).eval()
    s = session(files / "smollm2.onnx")
    eos = lm.config["eos_token_id"]
    for prompt in ["The old lighthouse keeper said", "Three reasons to learn Rust:"]:
        ids = lm.encode(prompt)
        with torch.no_grad():
            want = hf.generate(torch.tensor([ids]), attention_mask=torch.ones(1, len(ids), dtype=torch.long),
                               do_sample=False, max_new_tokens=8, eos_token_id=eos, pad_token_id=eos)[0, len(ids):]
        got, past, new = [], None, ids
        while len(got) < 8:
            logits, *past = run_cached(s, new, past)
            new = [int(logits.argmax())]
            got += new
            if new[0] == eos:
                break
        assert got == want.tolist(), prompt


def test_quantised_blocks_are_the_files_numbers(lm):
    """The 4-bit blocks and int8 rows the export ships decode to exactly the weights torch runs."""
    q = export.BlockInt8Embedding(lm.model.model.embed_tokens.weight)
    assert q.max_error(lm.model.model.embed_tokens.weight) == 0.0
    for name in ["q_proj", "k_proj", "v_proj", "o_proj"]:
        w = getattr(lm.model.model.layers[3].self_attn, name).weight.detach().numpy()
        packed, scale, lo = export.q4_blocks(w)
        codes = export._unpack(packed)
        decoded = (scale[..., None] * codes.astype(np.float64) + lo[..., None]).reshape(w.shape)
        assert np.abs(decoded - w).max() < 1e-6, name
        assert codes.max() <= 15
    # a matrix that is not Q4_1 is not represented exactly: the check above is not vacuous
    rough = np.random.default_rng(0).standard_normal((4, 64)).astype(np.float32)
    packed, scale, lo = export.q4_blocks(rough)
    decoded = (scale[..., None] * export._unpack(packed) + lo[..., None]).reshape(rough.shape)
    assert np.abs(decoded - rough).max() > 1e-3


def test_exported_minilm_matches_torch(files, mini):
    s = session(files / "minilm.onnx")
    for text in TEXTS:
        ids = mini.encode(text)
        got = s.run(None, {"input_ids": np.array([ids], dtype=np.int64)})[0][0]
        want = export.sentence_embedding(mini.model, ids).numpy()
        assert got.shape == (384,)
        assert abs(np.linalg.norm(got) - 1) < 1e-5
        assert float(got @ want) > 0.9999, text


def test_sentence_embedding_is_sentence_transformers(mini):
    """Mean pooling and L2 normalisation as sentence-transformers does, written here with transformers' BertModel."""
    import transformers

    from paramscope.checkpoints import modelfiles
    folder = str(modelfiles.locate(modelfiles.MINILM_WEIGHTS).parent)
    ref = transformers.AutoModel.from_pretrained(folder, dtype=torch.float32).eval()
    for text in TEXTS[:3]:
        ids = torch.tensor([mini.encode(text)])
        with torch.no_grad():
            h = ref(input_ids=ids).last_hidden_state[0]
        want = torch.nn.functional.normalize(h.mean(0), dim=0)
        got = export.sentence_embedding(mini.model, ids[0].tolist())
        assert torch.allclose(got, want, atol=1e-5), text


def test_shipped_tokenizers_are_the_python_ones(files, lm, mini):
    from tokenizers import Tokenizer
    small = Tokenizer.from_file(str(files / "smollm2-tokenizer.json"))
    enc = Tokenizer.from_file(str(files / "minilm-tokenizer.json"))
    for text in PROMPTS + TEXTS + ["  spaces\nand 12345 café 😀 <|im_start|>"]:
        assert small.encode(text, add_special_tokens=False).ids == lm.encode(text)
        assert enc.encode(text).ids == mini.encode(text)


def test_shipped_files_are_under_100_mb(files):
    models = json.loads((files / "models.json").read_text())
    for key in ("smollm2", "attention", "minilm"):
        assert models[key]["files"], f"{key}: models.json lists no files"
        for name, size in models[key]["files"].items():
            assert (files / name).stat().st_size == size
            assert size < LIMIT, name


def test_embed_command(mini):
    done = paramscope("embed", "a table and a chair", "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["model"] == "all-MiniLM-L6-v2"
    v = torch.tensor(out["vector"])
    assert v.shape == (384,) and math.isclose(float(v.norm()), 1, abs_tol=1e-5)
    want = export.sentence_embedding(mini.model, mini.encode("a table and a chair"))
    assert torch.allclose(v, want, atol=1e-6)
    bad = paramscope("embed", "")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
