"""The generation loop with a KV cache (paramscope.lessons.cached_generation), against transformers' Llama and its
DynamicCache."""
import torch

from paramscope.arch import kv_bytes
from paramscope.lessons import cached_generation
from paramscope.models import build_model, init_weights

FIELDS = dict(vocab_size=50, hidden_size=48, intermediate_size=96, num_hidden_layers=3, num_attention_heads=6,
              num_key_value_heads=2, max_position_embeddings=64)  # grouped-query: 3 query heads per key-value head
PROMPT = [3, 17, 8, 41, 5]
NEW = 6


def models():
    from transformers import LlamaConfig, LlamaForCausalLM

    ours = init_weights(build_model({"model_type": "llama", **FIELDS}, device="cpu"), std=0.2, seed=0).eval()
    ref = LlamaForCausalLM(LlamaConfig(**FIELDS, tie_word_embeddings=ours.arch.tie,
                                       rms_norm_eps=ours.arch.run.norm_eps, rope_theta=ours.arch.run.rope_theta))
    ref.load_state_dict(ours.state_dict(), strict=True)
    return ours, ref.eval()


def test_greedy_with_cache_matches_transformers_generate():
    ours, ref = models()
    steps = cached_generation.greedy_with_cache(ours, PROMPT, NEW)
    with torch.no_grad():
        out = ref.generate(torch.tensor([PROMPT]), attention_mask=torch.ones(1, len(PROMPT), dtype=torch.long),
                           do_sample=False, max_new_tokens=NEW, pad_token_id=0)
    assert [s.token for s in steps] == out[0, len(PROMPT):].tolist()
    assert [t for t, _ in cached_generation.greedy_without_cache(ours, PROMPT, NEW)] == [s.token for s in steps]
    assert [len(s.fed) for s in steps] == [len(PROMPT)] + [1] * (NEW - 1)


def test_cache_bytes_match_transformers_cache_tensors():
    """After each pass our cache holds as many bytes as transformers' DynamicCache after the same tokens."""
    ours, ref = models()
    steps = cached_generation.greedy_with_cache(ours, PROMPT, NEW)
    ids = list(PROMPT)
    for s in steps:
        with torch.no_grad():
            cache = ref(torch.tensor([ids]), use_cache=True).past_key_values
        theirs = sum(t.numel() * t.element_size() for layer in cache.layers for t in (layer.keys, layer.values))
        assert s.cached == len(ids) and s.cache_bytes == theirs
        ids.append(s.token)
    assert kv_bytes.per_token({"model_type": "llama", **FIELDS}, value_bytes=4) == \
        steps[0].cache_bytes // len(PROMPT)


def test_the_cache_is_a_module_whose_filled_positions_come_from_input_pos():
    """gpt-fast's KVCache: preallocated buffers (not parameters, not in the state_dict), written at the positions a
    call is given; the positions written are counted from those, not by looking for non-zero keys."""
    from torch import nn
    ours, _ = models()
    with torch.no_grad():
        for layer in ours.model.layers:  # every key and value computes to zero
            layer.self_attn.k_proj.weight.zero_()
            layer.self_attn.v_proj.weight.zero_()
    cache = ours.new_cache(len(PROMPT) + 2)
    assert isinstance(cache, nn.Module) and not list(cache.parameters()) and cache.state_dict() == {}
    assert {name for name, _ in cache.named_buffers()} == {"k", "v", "written"}
    with torch.no_grad():
        ours(torch.tensor([PROMPT]), cache=cache, input_pos=torch.arange(len(PROMPT)))
        assert cache.filled() == len(PROMPT) and not cache.k.any()
        ours(torch.tensor([[7]]), cache=cache, input_pos=torch.tensor([len(PROMPT)]))
    assert cache.filled() == len(PROMPT) + 1


def test_rotary_tables_are_computed_once_and_match_transformers():
    """cos and sin of every position are buffers of the model, indexed by position, equal to transformers'
    rotary embedding at those positions."""
    from transformers import LlamaConfig
    from transformers.models.llama.modeling_llama import LlamaRotaryEmbedding
    ours, _ = models()
    table = ours.model.rotary_emb
    assert "model.rotary_emb.cos" not in ours.state_dict() and table.cos.shape == (64, ours.arch.head_dim)
    ref = LlamaRotaryEmbedding(LlamaConfig(**FIELDS, rope_theta=ours.arch.run.rope_theta))
    positions = torch.tensor([[0, 5, 63]])
    cos, sin = ref(torch.zeros(1, 3, FIELDS["hidden_size"]), positions)
    got_cos, got_sin = table(positions[0], torch.float32)
    assert torch.allclose(got_cos, cos[0], atol=1e-6) and torch.allclose(got_sin, sin[0], atol=1e-6)
