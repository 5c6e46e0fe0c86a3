"""Incremental decoding with a KV cache against transformers: same logits position by position, same greedy tokens."""
import pytest
import torch
import transformers

from paramscope.checkpoints import modelfiles, smollm2
from paramscope.data.prompts import CAPITAL
from paramscope.lessons import sampling
from paramscope.models import build_model, init_weights

from support import PROJECT

# Small configs covering what the cache must handle: GQA, a sliding window shorter than the sequence, Gemma 2's
# softcapping and alternating layers, Phi-3's fused projections and partial rotary dimensions.
SMALL = {
    "llama-tied-gqa": dict(model_type="llama", vocab_size=97, hidden_size=48, num_hidden_layers=2,
                           num_attention_heads=6, num_key_value_heads=2, intermediate_size=50,
                           tie_word_embeddings=True, rope_theta=1e5),
    "mistral-window": dict(model_type="mistral", vocab_size=97, hidden_size=32, num_hidden_layers=2,
                           num_attention_heads=4, num_key_value_heads=2, intermediate_size=50, sliding_window=3),
    "gemma2": dict(model_type="gemma2", vocab_size=97, hidden_size=32, num_hidden_layers=3, num_attention_heads=4,
                   num_key_value_heads=2, head_dim=10, intermediate_size=50, sliding_window=3,
                   query_pre_attn_scalar=12, pad_token_id=0, attn_logit_softcapping=20.0,
                   final_logit_softcapping=15.0),
    "phi3": dict(model_type="phi3", vocab_size=97, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                 num_key_value_heads=2, intermediate_size=50, pad_token_id=0, partial_rotary_factor=0.5),
}
PROMPTS = [CAPITAL, "def fibonacci(n):\n    if n < 2:\n        return"]
GREEDY_TOKENS = 16


@pytest.fixture(scope="module", autouse=True)
def one_thread():
    """Decoding a token is hundreds of small ops: on a busy machine a second thread mostly waits (5x slower here)."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def reference(cfg: dict) -> torch.nn.Module:
    kw = {k: v for k, v in cfg.items() if k != "model_type"}
    hf_config = transformers.AutoConfig.for_model(cfg["model_type"], attn_implementation="eager", **kw)
    return transformers.AutoModelForCausalLM.from_config(hf_config)


@pytest.mark.parametrize("name", SMALL)
def test_cached_steps_match_transformers_full_pass(name):
    """Prompt, then single tokens, then a chunk of two: each call's logits equal transformers' on the whole sequence."""
    cfg = SMALL[name]
    torch.manual_seed(0)
    ours = init_weights(build_model(cfg, "cpu"), std=0.2).eval()
    hf = reference(cfg).eval()
    hf.load_state_dict(ours.state_dict(), strict=True)
    ids = torch.randint(0, cfg["vocab_size"], (2, 10), generator=torch.Generator().manual_seed(1))  # (B, T)
    cache = ours.new_cache(10, batch=2)
    with torch.no_grad():
        ref = hf(ids).logits  # (B, T, V)
        got = [ours(ids[:, :4], cache=cache)]
        for t in range(4, 8):
            got.append(ours(ids[:, t:t + 1], cache=cache, input_pos=t))
        got.append(ours(ids[:, 8:], cache=cache, input_pos=8))
    assert (torch.cat(got, dim=1) - ref).abs().max() < 1e-4
    with pytest.raises(ValueError, match="do not fit a cache of 10"):
        ours(ids[:, :1], cache=cache, input_pos=10)
    with pytest.raises(ValueError, match="needs the cache"):
        ours(ids[:, :1], input_pos=3)


def test_last_only_is_the_last_row():
    cfg = SMALL["llama-tied-gqa"]
    torch.manual_seed(0)
    ours = init_weights(build_model(cfg, "cpu"), std=0.2).eval()
    hf = reference(cfg).eval()
    hf.load_state_dict(ours.state_dict(), strict=True)
    ids = torch.randint(0, cfg["vocab_size"], (2, 6), generator=torch.Generator().manual_seed(3))
    with torch.no_grad():
        got = ours(ids, last_only=True)
        ref = hf(ids).logits[:, -1:]
    assert got.shape == (2, 1, cfg["vocab_size"])
    assert (got - ref).abs().max() < 1e-4


# ---- SmolLM2

@pytest.fixture(scope="module")
def lm() -> smollm2.SmolLM2:
    return smollm2.load(cache=PROJECT.cache)


@pytest.fixture(scope="module")
def hf_smollm2():
    """transformers' own GGUF loader on the same file (tens of seconds, so once per module)."""
    path = modelfiles.locate(modelfiles.SMOLLM2_GGUF)
    return transformers.AutoModelForCausalLM.from_pretrained(str(path.parent), gguf_file=path.name,
                                                             dtype=torch.float32).eval()


def greedy(next_logits, ids: list[int], eos: int) -> list[int]:
    return sampling.generate(next_logits, ids, generator=torch.Generator().manual_seed(0),
                             max_new_tokens=GREEDY_TOKENS, stop_ids=[eos], temperature=0.0)


@pytest.mark.slow
@pytest.mark.parametrize("prompt", PROMPTS, ids=lambda p: p[:20])
def test_smollm2_cached_logits_match_transformers(lm, hf_smollm2, prompt):
    """The prompt in one call, then its continuation one token per call: logits within 1e-4 of a full pass."""
    ids = lm.encode(prompt)
    cache = lm.model.new_cache(len(ids))
    with torch.no_grad():
        got = [lm.model(torch.tensor([ids[:3]]), cache=cache)[0]]
        got += [lm.model(torch.tensor([[i]]), cache=cache, input_pos=p)[0] for p, i in enumerate(ids[3:], 3)]
        ref = hf_smollm2(torch.tensor([ids])).logits[0]  # (T, V)
    assert (torch.cat(got) - ref).abs().max().item() < 1e-4


@pytest.mark.slow
@pytest.mark.parametrize("prompt", PROMPTS, ids=lambda p: p[:20])
def test_smollm2_greedy_with_cache_equals_transformers_generate(lm, hf_smollm2, prompt):
    """Greedy tokens with the cache = greedy tokens re-running the whole sequence = transformers' generate."""
    ids = lm.encode(prompt)
    eos = lm.config["eos_token_id"]
    cached = greedy(lm.cached_next_logits(), ids, eos)
    uncached = greedy(sampling.whole_sequence(lambda seq: lm.logits(seq)[-1]), ids, eos)
    with torch.no_grad():
        out = hf_smollm2.generate(torch.tensor([ids]), attention_mask=torch.ones(1, len(ids), dtype=torch.long),
                                  do_sample=False, max_new_tokens=GREEDY_TOKENS, eos_token_id=eos, pad_token_id=eos)
    theirs = out[0, len(ids):].tolist()
    assert len(cached) == GREEDY_TOKENS or cached[-1] == eos
    assert cached == uncached == theirs


@pytest.mark.slow
def test_cached_steps_follow_the_positions_they_are_given(lm, hf_smollm2):
    """Positions are the caller's: position 0 starts a new sequence (not the old prefix's keys), and tokens given at
    a position overwrite what was cached from there on."""
    step = lm.cached_next_logits()
    a, b = lm.encode(CAPITAL), lm.encode("Once upon a time")
    step(a, 0, 32)
    step([lm.encode(" Paris")[0]], len(a), 32)
    fresh = step(b, 0, 32)
    step(b[:2] + a[:3], 0, 32)
    rewritten = step(b[2:], 2, 32)  # b's tail written over a's tokens at positions 2..
    with torch.no_grad():
        ref = hf_smollm2(torch.tensor([b])).logits[0, -1]  # (V,)
    assert (fresh - ref).abs().max().item() < 1e-4
    assert (rewritten - ref).abs().max().item() < 1e-4

