"""Our torch modules' configs from a Hugging Face config.json, with the defaults transformers 5.23 uses.

The config is first read into its description (paramscope.arch.describe), so bad input fails there with the same
one-line ConfigError as `paramscope count`; only the families in MODULES have a module.
"""
import json

from paramscope.arch import ConfigError, describe
from paramscope.models.bert import BertConfig
from paramscope.models.deepseek_v3 import DeepseekV3Config
from paramscope.models.gpt2 import GPT2Config
from paramscope.models.llama import ACTIVATIONS, FAMILY_OPTIONS, LlamaConfig, config_for

LLAMA_FAMILY = tuple(FAMILY_OPTIONS)  # llama, mistral, qwen2, phi3, gemma2, mixtral
MODEL_TYPES = ("gpt2", "bert", *LLAMA_FAMILY, "deepseek_v3")

# Defaults of the transformers 5.23 config classes for fields that change the architecture.
LLAMA_DEFAULTS = {
    "llama": dict(vocab_size=32000, intermediate_size=11008, num_key_value_heads=None, max_position_embeddings=2048,
                  rms_norm_eps=1e-6, rope_theta=10000.0, tie_word_embeddings=False),
    "mistral": dict(vocab_size=32000, intermediate_size=14336, num_key_value_heads=8,
                    max_position_embeddings=4096 * 32, rms_norm_eps=1e-6, rope_theta=10000.0,
                    tie_word_embeddings=False, sliding_window=4096),
    "mixtral": dict(vocab_size=32000, intermediate_size=14336, num_key_value_heads=8,
                    max_position_embeddings=4096 * 32, rms_norm_eps=1e-5, rope_theta=1e6,
                    tie_word_embeddings=False, sliding_window=None, num_local_experts=8, num_experts_per_tok=2),
    "qwen2": dict(vocab_size=151936, intermediate_size=22016, num_key_value_heads=32,
                  max_position_embeddings=32768, rms_norm_eps=1e-6, rope_theta=10000.0, tie_word_embeddings=False),
    "phi3": dict(vocab_size=32064, intermediate_size=8192, num_key_value_heads=None, max_position_embeddings=4096,
                 rms_norm_eps=1e-5, rope_theta=10000.0, tie_word_embeddings=False),
    "gemma2": dict(vocab_size=256000, intermediate_size=9216, num_key_value_heads=4, head_dim=256,
                   max_position_embeddings=8192, rms_norm_eps=1e-6, rope_theta=10000.0, tie_word_embeddings=True,
                   sliding_window=4096, query_pre_attn_scalar=256, attn_logit_softcapping=50.0,
                   final_logit_softcapping=30.0),
}


class _Reader:
    """Typed access to one config dict; every failure names the file and the field."""

    def __init__(self, data: dict, source: str):
        self.data, self.source = data, source

    def fail(self, field: str, message: str):
        raise ConfigError(f"{self.source}: {field}: {message}")

    def int(self, *names: str, default=...) -> int | None:
        """The first of `names` present (aliases, e.g. n_embd / hidden_size) as a positive int."""
        name = next((n for n in names if n in self.data and self.data[n] is not None), None)
        if name is None:
            if default is ...:
                self.fail(names[0], "missing (required)")
            return default
        v = self.data[name]
        if isinstance(v, bool) or not isinstance(v, int):
            self.fail(name, f"must be a positive integer, got {json.dumps(v)}")
        if v <= 0:
            self.fail(name, f"must be positive, got {v}")
        return v

    def num(self, name: str, default: float | None) -> float | None:
        v = self.data.get(name, default)
        if v is None:
            return None
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v <= 0:
            self.fail(name, f"must be a positive number, got {json.dumps(v)}")
        return float(v)

    def bool(self, name: str, default: bool) -> bool:
        v = self.data.get(name, default)
        if not isinstance(v, bool):
            self.fail(name, f"must be true or false, got {json.dumps(v)}")
        return v

    def choice(self, name: str, default: str, allowed) -> str:
        v = self.data.get(name, default)
        if v not in allowed:
            self.fail(name, f"unsupported {json.dumps(v)} (one of {', '.join(allowed)})")
        return v

    def divides(self, field: str, part: int, whole: int, whole_name: str):
        if whole % part:
            self.fail(field, f"{part} does not divide {whole_name} {whole}")


def model_type(data: dict, source: str = "config") -> str:
    mt = data.get("model_type")
    if mt is None:
        raise ConfigError(f"{source}: model_type: missing (one of {', '.join(MODEL_TYPES)})")
    if mt not in MODEL_TYPES:
        raise ConfigError(f"{source}: model_type: {json.dumps(mt)} is counted but has no torch module here "
                          f"(modules: {', '.join(MODEL_TYPES)})")
    return mt


def from_hf(data: dict, source: str = "config") -> LlamaConfig | BertConfig | GPT2Config | DeepseekV3Config:
    """Our module config for a Hugging Face config.json dict; ConfigError on bad input or a family we do not run."""
    describe(data, source)  # refuses bad input with the counter's message
    mt = model_type(data, source)
    r = _Reader(data, source)
    if mt == "gpt2":
        if not r.bool("tie_word_embeddings", True):
            r.fail("tie_word_embeddings", "false is counted, but the site's GPT-2 module always ties its head")
        d = r.int("n_embd", "hidden_size")
        heads = r.int("n_head", "num_attention_heads")
        r.divides("n_head", heads, d, "n_embd")
        return GPT2Config(vocab_size=r.int("vocab_size"), n_embd=d, n_layer=r.int("n_layer", "num_hidden_layers"),
                          n_head=heads, n_positions=r.int("n_positions", default=1024),
                          n_inner=r.int("n_inner", default=None),
                          layer_norm_epsilon=r.num("layer_norm_epsilon", 1e-5))
    if mt == "bert":
        d, heads = r.int("hidden_size"), r.int("num_attention_heads")
        r.divides("num_attention_heads", heads, d, "hidden_size")
        return BertConfig(vocab_size=r.int("vocab_size"), hidden_size=d, num_hidden_layers=r.int("num_hidden_layers"),
                          num_attention_heads=heads, intermediate_size=r.int("intermediate_size", default=3072),
                          max_position_embeddings=r.int("max_position_embeddings", default=512),
                          type_vocab_size=r.int("type_vocab_size", default=2),
                          layer_norm_eps=r.num("layer_norm_eps", 1e-12))
    if mt == "deepseek_v3":
        return _deepseek(r)
    return _llama(r, mt)


def _rope_theta(r: _Reader, default: float) -> float:
    rope = r.data.get("rope_parameters") or {}
    if "rope_theta" in r.data or not isinstance(rope, dict) or "rope_theta" not in rope:
        return r.num("rope_theta", default)
    return _Reader(rope, r.source).num("rope_theta", default)


def _llama(r: _Reader, mt: str) -> LlamaConfig:
    dflt = LLAMA_DEFAULTS[mt]
    d, heads = r.int("hidden_size"), r.int("num_attention_heads")
    layers = r.int("num_hidden_layers")
    head_dim = r.int("head_dim", default=dflt.get("head_dim"))
    if head_dim is None:
        r.divides("num_attention_heads", heads, d, "hidden_size")
    kv = r.int("num_key_value_heads", default=dflt["num_key_value_heads"]) or heads
    r.divides("num_key_value_heads", kv, heads, "num_attention_heads")
    fields = dict(
        vocab_size=r.int("vocab_size"), hidden_size=d, num_hidden_layers=layers, num_attention_heads=heads,
        num_key_value_heads=kv, head_dim=head_dim,
        intermediate_size=r.int("intermediate_size", default=dflt["intermediate_size"]),
        max_position_embeddings=r.int("max_position_embeddings", default=dflt["max_position_embeddings"]),
        rms_norm_eps=r.num("rms_norm_eps", dflt["rms_norm_eps"]), rope_theta=_rope_theta(r, dflt["rope_theta"]),
        tie_word_embeddings=r.bool("tie_word_embeddings", dflt["tie_word_embeddings"]),
    )
    if mt in ("llama", "gemma2"):
        fields["attention_bias"] = r.bool("attention_bias", False)
    if mt == "llama":
        fields["mlp_bias"] = r.bool("mlp_bias", False)
    if mt in ("llama", "mistral", "mixtral", "qwen2", "phi3"):
        fields["hidden_act"] = r.choice("hidden_act", "silu", ACTIVATIONS)
    rope = r.data.get("rope_parameters") or {}
    if mt == "phi3":
        fields["partial_rotary_factor"] = r.num("partial_rotary_factor", rope.get("partial_rotary_factor", 1.0))
    window = r.int("sliding_window", default=dflt.get("sliding_window"))
    if mt in ("mistral", "mixtral", "phi3"):  # one window on every layer when set
        fields.update(sliding_window=window, layer_types=["sliding_attention"] * layers if window else None)
    elif mt == "qwen2" and r.bool("use_sliding_window", False) and window:
        first = r.int("max_window_layers", default=28)
        types = ["sliding_attention" if i >= first else "full_attention" for i in range(layers)]
        fields.update(sliding_window=window, layer_types=types)
    elif mt == "gemma2":
        types = r.data.get("layer_types") or [
            "sliding_attention" if (i + 1) % 2 else "full_attention" for i in range(layers)]
        if not isinstance(types, list) or len(types) != layers:
            r.fail("layer_types", f"must list one type per layer ({layers})")
        fields.update(sliding_window=window, layer_types=types,
                      hidden_act=r.choice("hidden_activation", "gelu_pytorch_tanh", ACTIVATIONS),
                      query_pre_attn_scalar=r.num("query_pre_attn_scalar", dflt["query_pre_attn_scalar"]),
                      attn_logit_softcapping=r.num("attn_logit_softcapping", dflt["attn_logit_softcapping"]),
                      final_logit_softcapping=r.num("final_logit_softcapping", dflt["final_logit_softcapping"]))
    if mt == "mixtral":
        experts = r.int("num_local_experts", default=8)
        k = r.int("num_experts_per_tok", default=2)
        if k > experts:
            r.fail("num_experts_per_tok", f"{k} is more than num_local_experts {experts}")
        fields.update(num_local_experts=experts, num_experts_per_tok=k)
    return config_for(mt, **fields)


def _deepseek(r: _Reader) -> DeepseekV3Config:
    c = DeepseekV3Config()  # its defaults are DeepSeek-V3's own, as in transformers
    heads = r.int("num_attention_heads")
    experts = r.int("n_routed_experts", "num_local_experts", default=c.n_routed_experts)
    k = r.int("num_experts_per_tok", default=c.num_experts_per_tok)
    if k > experts:
        r.fail("num_experts_per_tok", f"{k} is more than n_routed_experts {experts}")
    q_lora = None if r.data.get("q_lora_rank", 0) is None else r.int("q_lora_rank", default=c.q_lora_rank)
    layers = r.int("num_hidden_layers")
    dense = r.data.get("first_k_dense_replace", c.first_k_dense_replace)
    if isinstance(dense, bool) or not isinstance(dense, int) or dense < 0:
        r.fail("first_k_dense_replace", f"must be a non-negative integer, got {json.dumps(dense)}")
    n_group = r.int("n_group", default=c.n_group)
    r.divides("n_group", n_group, experts, "n_routed_experts")
    return DeepseekV3Config(
        vocab_size=r.int("vocab_size"), hidden_size=r.int("hidden_size"), num_hidden_layers=layers,
        num_attention_heads=heads, intermediate_size=r.int("intermediate_size", default=c.intermediate_size),
        moe_intermediate_size=r.int("moe_intermediate_size", default=c.moe_intermediate_size),
        n_routed_experts=experts, n_shared_experts=r.int("n_shared_experts", default=c.n_shared_experts),
        num_experts_per_tok=k, first_k_dense_replace=dense,
        q_lora_rank=q_lora, kv_lora_rank=r.int("kv_lora_rank", default=c.kv_lora_rank),
        qk_rope_head_dim=r.int("qk_rope_head_dim", default=c.qk_rope_head_dim),
        qk_nope_head_dim=r.int("qk_nope_head_dim", default=c.qk_nope_head_dim),
        v_head_dim=r.int("v_head_dim", default=c.v_head_dim), n_group=n_group,
        topk_group=r.int("topk_group", default=c.topk_group),
        routed_scaling_factor=r.num("routed_scaling_factor", c.routed_scaling_factor),
        norm_topk_prob=r.bool("norm_topk_prob", c.norm_topk_prob),
        attention_bias=r.bool("attention_bias", c.attention_bias),
        tie_word_embeddings=r.bool("tie_word_embeddings", c.tie_word_embeddings),
        max_position_embeddings=r.int("max_position_embeddings", default=c.max_position_embeddings),
        rms_norm_eps=r.num("rms_norm_eps", c.rms_norm_eps), rope_theta=_rope_theta(r, c.rope_theta),
        rope_interleave=r.bool("rope_interleave", c.rope_interleave),
    )
