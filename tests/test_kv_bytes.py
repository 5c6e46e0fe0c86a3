"""The KV cache's bytes (paramscope.arch.kv_bytes) against the tensors transformers' DynamicCache holds after a forward
pass on the meta device (each real config, shrunk in blocks only), and the page's counter (formula.js) against
Python on every zoo config."""
import json
from dataclasses import asdict

import pytest
import torch

from paramscope.arch import calculator, kv_bytes, zoo
from paramscope.checkpoints import storage
from paramscope.figures import style

from support import node
from support_counting import hf_config

# zoo entry -> blocks kept (enough to hold an attention block of a hybrid)
SHRUNK = {"smollm2-135m": 4, "llama-3-8b": 3, "mistral-7b-v0.1": 2, "gemma-2-9b": 4, "gpt-oss-20b": 4,
          "deepseek-v3": 2, "qwen3-next-80b-a3b": 4, "jamba-v0.1": 8, "falcon-h1-0.5b": 2, "phi-3-mini": 2,
          "qwen2-7b": 2}


def shrunk(cfg: dict, layers: int) -> dict:
    cfg = json.loads(json.dumps(cfg))
    text = cfg.get("text_config", cfg)
    text["num_hidden_layers"] = layers
    if isinstance(text.get("layer_types"), list):
        text["layer_types"] = text["layer_types"][:layers]
    return cfg


def transformers_cache_bytes(cfg: dict, tokens: int, batch: int) -> int:
    """Bytes of the keys and values in transformers' cache after one bf16 forward pass over `tokens` tokens."""
    import transformers
    with torch.device("meta"):
        model = transformers.AutoModelForCausalLM.from_config(hf_config(cfg), dtype=torch.bfloat16)
        out = model(torch.zeros(batch, tokens, dtype=torch.long), use_cache=True)
    return sum(t.numel() * t.element_size() for layer in out.past_key_values.layers
               for t in (getattr(layer, "keys", None), getattr(layer, "values", None)) if isinstance(t, torch.Tensor))


@pytest.mark.parametrize("name", sorted(SHRUNK))
def test_kv_bytes_match_transformers_cache(name):
    cfg = shrunk(zoo.get(name).config, SHRUNK[name])
    ours = kv_bytes.kv_cache(cfg, context=7, batch=2, value_bytes=2)
    assert ours.bytes == transformers_cache_bytes(cfg, 7, 2) > 0


def test_sliding_blocks_keep_the_window():
    """Past its window a sliding block holds the window: transformers keeps window - 1 between steps (the token a
    step adds makes the window), the calculator counts the window a step attends to."""
    cfg = shrunk(zoo.get("gpt-oss-20b").config, 4)
    ours = kv_bytes.kv_cache(cfg, context=200, batch=1, value_bytes=2)
    assert (ours.sliding, ours.window) == (2, 128)
    assert ours.bytes - transformers_cache_bytes(cfg, 200, 1) == ours.sliding * ours.values * 2


def test_latent_attention_caches_the_compressed_latent():
    """DeepSeek-V2's paper (Table 1): (d_c + d_h^R) values per token per block, against 2 n_h d_h for multi-head."""
    c = zoo.get("deepseek-v3").config
    ours = kv_bytes.kv_cache(c, context=1, batch=1, value_bytes=1)
    assert ours.values == c["kv_lora_rank"] + c["qk_rope_head_dim"]
    assert ours.bytes == ours.values * c["num_hidden_layers"]


def test_state_space_blocks_are_not_counted():
    ours = kv_bytes.kv_cache(zoo.get("mamba-codestral-7b").config, context=1000)
    assert (ours.blocks, ours.bytes) == (0, 0)
    assert kv_bytes.kv_cache(zoo.get("all-minilm-l6-v2").config, context=10).bytes == 0  # an encoder keeps no cache


def cases() -> dict:
    out = {}
    for name, e in zoo.every().items():
        for ctx, batch, b in ((1, 1, 2), (4096, 3, 1), (131072, 8, 4)):
            out[f"{name}:{ctx}x{batch}x{b}"] = {"config": e.config, "context": ctx, "batch": batch, "bytes": b}
    out["layer-types"] = {"config": {**zoo.get("gemma-2-9b").config,
                                     "layer_types": ["full_attention"] * 40 + ["sliding_attention"] * 2},
                          "context": 10000, "batch": 1, "bytes": 2}
    out["pattern"] = {"config": {**zoo.get("gemma-2-9b").config, "num_hidden_layers": 7,
                                 "sliding_window_pattern": 3, "sliding_window": 16},
                      "context": 100, "batch": 1, "bytes": 2}
    for name, extra in VARIANTS.items():
        out[name] = {"config": {**zoo.get("qwen2-7b").config, **extra}, "context": 200000, "batch": 1, "bytes": 2}
    return out


# Qwen2's sliding switches, as its config.json files write them
VARIANTS = {"qwen2-off": {"sliding_window": 131072, "use_sliding_window": False, "max_window_layers": 28},
            "qwen2-on": {"sliding_window": 4096, "use_sliding_window": True, "max_window_layers": 20},
            "qwen2-on-all": {"sliding_window": 4096, "use_sliding_window": True, "max_window_layers": 0}}


@pytest.mark.parametrize("name", sorted(VARIANTS) + ["mistral-7b-v0.1", "gemma-2-9b", "gpt-oss-20b", "llama-3-8b"])
def test_sliding_blocks_are_transformers_layer_types(name):
    """Which blocks slide: transformers' config class and DynamicCache's own reading of it."""
    from transformers.cache_utils import get_layer_types_and_kwargs
    cfg = {**zoo.get("qwen2-7b").config, **VARIANTS[name]} if name in VARIANTS else zoo.get(name).config
    types, kwargs = get_layer_types_and_kwargs(hf_config(cfg))
    ours = kv_bytes.kv_cache(cfg, context=1)
    assert ours.sliding == sum(t == "sliding_attention" for t in types)
    assert ours.window == (next((k["sliding_window"] for k in kwargs if "sliding_window" in k), 0))


def test_javascript_kv_bytes_like_python(tmp_path):
    data = calculator.calculator_data(style.KIND_COLORS, style.KIND_LABELS, storage.shown_blocks())
    (tmp_path / "data.json").write_text(json.dumps(data))
    (tmp_path / "cases.json").write_text(json.dumps(cases()))
    js = json.loads(node("kv.mjs", str(tmp_path / "data.json"), str(tmp_path / "cases.json")))
    for name, c in cases().items():
        py = kv_bytes.kv_cache(c["config"], c["context"], c["batch"], c["bytes"])
        assert {k: int(v) for k, v in js[name].items()} == asdict(py), name
