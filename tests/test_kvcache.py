"""The generation loop with a KV cache (paramscope.lessons.kvcache), against transformers' Llama and its DynamicCache."""
import torch

from paramscope.lessons import kvcache
from paramscope.models import build_model, config_for, init_weights

FIELDS = dict(vocab_size=50, hidden_size=48, intermediate_size=96, num_hidden_layers=3, num_attention_heads=6,
              num_key_value_heads=2, max_position_embeddings=64)  # grouped-query: 3 query heads per key-value head
PROMPT = [3, 17, 8, 41, 5]
NEW = 6


def models():
    from transformers import LlamaConfig, LlamaForCausalLM

    ours = init_weights(build_model(config_for("llama", **FIELDS), device="cpu"), std=0.2, seed=0).eval()
    ref = LlamaForCausalLM(LlamaConfig(**FIELDS, tie_word_embeddings=ours.config.tie_word_embeddings,
                                       rms_norm_eps=ours.config.rms_norm_eps, rope_theta=ours.config.rope_theta))
    ref.load_state_dict(ours.state_dict(), strict=True)
    return ours, ref.eval()


def test_greedy_with_cache_matches_transformers_generate():
    ours, ref = models()
    steps = kvcache.greedy_with_cache(ours, PROMPT, NEW)
    with torch.no_grad():
        out = ref.generate(torch.tensor([PROMPT]), attention_mask=torch.ones(1, len(PROMPT), dtype=torch.long),
                           do_sample=False, max_new_tokens=NEW, pad_token_id=0)
    assert [s.token for s in steps] == out[0, len(PROMPT):].tolist()
    assert [t for t, _ in kvcache.greedy_without_cache(ours, PROMPT, NEW)] == [s.token for s in steps]
    assert [len(s.fed) for s in steps] == [len(PROMPT)] + [1] * (NEW - 1)


def test_cache_bytes_match_transformers_cache_tensors():
    """After each pass our cache holds as many bytes as transformers' DynamicCache after the same tokens."""
    ours, ref = models()
    steps = kvcache.greedy_with_cache(ours, PROMPT, NEW)
    ids = list(PROMPT)
    for s in steps:
        with torch.no_grad():
            cache = ref(torch.tensor([ids]), use_cache=True).past_key_values
        theirs = sum(t.numel() * t.element_size() for layer in cache.layers for t in (layer.keys, layer.values))
        assert s.cached == len(ids) and s.cache_bytes == theirs
        ids.append(s.token)
    c = ours.config
    assert kvcache.bytes_per_token(c.num_hidden_layers, c.num_key_value_heads, c.head_dim, 4) == \
        steps[0].cache_bytes // len(PROMPT)
