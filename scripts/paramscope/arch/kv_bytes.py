"""Bytes of the KV cache: the keys and values a decoder keeps for every token of its context, per attention block.

    KV bytes = attention blocks x values per token x tokens kept x batch x bytes per value
    values per token = 2 x kv_heads x head_dim             (grouped-query, multi-query: kv_heads < heads)
                     = kv_lora_rank + qk_rope_head_dim     (DeepSeek's latent attention: one compressed latent and
                                                            one rotary key shared by all heads)
    tokens kept      = the context on a full-attention block, min(context, sliding_window) on a sliding one.

What is modelled: attention blocks only. A hybrid's state-space, linear-attention and convolution blocks keep a
state of fixed size, whatever the context, which is not counted here; a block with attention and a state-space layer
side by side (Falcon-H1) counts its attention. Chunked attention (Llama 4) is counted as full attention (an upper
bound). Which blocks slide follows transformers 5.23's DynamicCache: the config's `layer_types`, else its config
class's default pattern, else every block when `sliding_window` is set. The formula is expression trees like
paramscope.arch.formula's, evaluated by Python here and by the page (docs/javascripts/formula.js).
"""
from dataclasses import dataclass
from functools import cache

from paramscope.arch.adapters import text_model
from paramscope.arch.counting import BYTES_PER_PARAM, describe
from paramscope.arch.expr import evaluate, parse
from paramscope.arch.formula import environment

# Config classes whose default `layer_types` slide on every block but each period-th (transformers 5.23:
# "sliding_attention" if (i + 1) % period else "full_attention"), and the field that may change the period.
PERIODIC = {"gemma2": 2, "gpt_oss": 2, "gemma3_text": 6}
PERIOD_FIELD = "sliding_window_pattern"

# Bytes per cached value in the formats a cache is kept in: the weights' formats (one table), less int4.
VALUE_BYTES = {fmt: BYTES_PER_PARAM[fmt] for fmt in ("fp32", "bf16", "fp8")}

# --8<-- [start:formula]
KV = [
    ("kv_values", "kv_lora > 0 ? kv_lora + rope_dim : kv_heads * (head_dim + v)"),  # per token, per attention block
    ("kv_slide", "window > 0 ? min(sliding, n_attn) : 0"),
    ("kv_tokens", "(n_attn - kv_slide) * context + kv_slide * min(context, window)"),  # summed over the blocks
    ("kv_bytes", "head && decoder_layers == 0 ? kv_values * kv_tokens * batch * value_bytes : 0"),  # decoders only
]
# --8<-- [end:formula]


@cache
def published() -> dict:
    """The KV formula as JSON-ready trees, and the sliding rules, as the page reads them."""
    return {"formula": [[name, parse(text)] for name, text in KV], "periodic": PERIODIC,
            "period_field": PERIOD_FIELD, "value_bytes": VALUE_BYTES}


def sliding(config: dict, layers: int) -> tuple[int, int]:
    """(blocks that slide, window) as transformers' DynamicCache reads a config.json (the text model's)."""
    config, _ = text_model(config, "config")
    window = config.get("sliding_window")
    if not isinstance(window, int) or isinstance(window, bool) or window <= 0:
        return 0, 0
    types = config.get("layer_types")
    if config.get("use_sliding_window") is False:  # Qwen2's switch: its config class then drops the window
        return 0, 0
    if isinstance(types, list):
        return sum(t == "sliding_attention" for t in types[:layers]), window
    period = PERIODIC.get(config.get("model_type"))
    if period is not None:
        given = config.get(PERIOD_FIELD)
        period = given if isinstance(given, int) and given > 0 else period
        return layers - layers // period, window
    first = config.get("max_window_layers")  # Qwen2: blocks before this one never slide
    if isinstance(first, int) and not isinstance(first, bool) and first >= 0:
        return layers - min(layers, first), window
    return layers, window


@dataclass
class KVCacheSize:
    bytes: int          # the whole cache
    values: int         # values kept per token in one attention block
    blocks: int         # blocks with attention
    sliding: int        # of which slide
    window: int         # their window (0: none)
    latent: int         # 1: latent attention (a compressed latent and a rotary key per token), 0: keys and values


def kv_cache(config, context: int, batch: int = 1, value_bytes: int = 2) -> KVCacheSize:
    """The KV cache of `config` (a config.json dict) for `batch` sequences of `context` tokens."""
    a = describe(config)
    env = environment(a)
    n, window = sliding(config, a.layers)
    env.update(context=context, batch=batch, value_bytes=value_bytes, sliding=n, window=window)
    for name, tree in published()["formula"]:
        env[name] = evaluate(tree, env)
    return KVCacheSize(env["kv_bytes"], env["kv_values"], env["n_attn"], env["kv_slide"], window, int(a.kv_lora > 0))


def per_token(config, value_bytes: int = VALUE_BYTES["bf16"]) -> int:
    """Bytes the cache of `config` (a config.json dict) grows by with each token of one sequence, while the context
    is shorter than every sliding window: keys and values of every attention block."""
    return kv_cache(config, context=1, batch=1, value_bytes=value_bytes).bytes
