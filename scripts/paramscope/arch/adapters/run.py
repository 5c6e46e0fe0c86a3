"""How the families with a torch module here compute (see paramscope.models): the adapters' `run` section, in the
format of paramscope.arch.adapters (`read`, `check`, `arch` over the names read, the count's names included).

No parameter count depends on these fields (norm epsilon, rotary base, activation, attention windows, soft-capping,
DeepSeek's router), so the count's reader and the page's skip them; `describe(..., run=True)` reads them when a
module is built. Defaults are those of transformers 5.23's config classes.
"""
from paramscope.arch.adapters.rules import Check, r

# The MLP activations the Llama-family module implements, by transformers' names.
ACTIVATIONS = ("silu", "gelu_pytorch_tanh", "gelu")
ACT_CHECK = Check(field="hidden_act", holds=" || ".join(f"act == '{a}'" for a in ACTIVATIONS),
                  message=f"unsupported {{act}} (one of {', '.join(ACTIVATIONS)})")


def rotary(context: int, eps: float, theta: float = 10000.0, window=0, act=("hidden_act", "silu"), extra=(),
           check=(), **arch):
    """A rotary decoder's reads: context, RMSNorm epsilon, rotary base (top level or in rope_parameters), the
    activation, the sliding window (null: none)."""
    return dict(
        read=[r("ctx", "int", "max_position_embeddings", context), r("eps", "num", "rms_norm_eps", eps),
              r("theta", "num", "rope_theta|rope_parameters.rope_theta", theta),
              r("act", "str", act[0], f"'{act[1]}'"), r("window", "rank", "sliding_window", window), *extra],
        check=[ACT_CHECK._replace(field=act[0]), *check],
        arch={**dict(context="ctx", norm_eps="eps", rope_theta="theta", activation="act", sliding_window="window"),
              **arch})


RUN = {
    "gpt2": dict(
        read=[r("eps", "num", "layer_norm_epsilon", 1e-5), r("act", "str", "activation_function", "'gelu_new'")],
        check=[Check(field="tie_word_embeddings", holds="tie",
                     message="false is counted, but the site's GPT-2 module always ties its head"),
               Check(field="activation_function", holds="act == 'gelu_new' || act == 'gelu_pytorch_tanh'",
                     message="unsupported {act} (the module's GELU is the tanh approximation: gelu_new)")],
        arch=dict(context="positions", norm_eps="eps", activation="act")),
    "bert": dict(
        read=[r("eps", "num", "layer_norm_eps", 1e-12), r("act", "str", "hidden_act", "'gelu'")],
        check=[Check(field="hidden_act", holds="act == 'gelu'",
                     message="unsupported {act} (the module's activation is gelu)")],
        arch=dict(context="positions", norm_eps="eps", activation="act")),
    "llama": rotary(2048, 1e-6),
    "mistral": rotary(4096 * 32, 1e-6, window=4096),
    "mixtral": rotary(4096 * 32, 1e-5, theta=1e6),
    "qwen2": rotary(32768, 1e-6, extra=[r("use_window", "bool", "use_sliding_window", False),
                                        r("first", "int", "max_window_layers", 28)],
                    sliding_window="use_window ? window : 0", window_from="first"),
    "phi3": rotary(4096, 1e-5, extra=[r("fraction", "num",
                                        "partial_rotary_factor|rope_parameters.partial_rotary_factor", 1.0)],
                   rope_fraction="fraction"),
    "gemma2": rotary(8192, 1e-6, window=4096, act=("hidden_activation", "gelu_pytorch_tanh"),
                     extra=[r("types", "strs", "layer_types", "list('sliding_attention', 'full_attention')"),
                            r("scalar", "num", "query_pre_attn_scalar", 256),
                            r("attn_cap", "cap", "attn_logit_softcapping", 50.0),
                            r("logit_cap", "cap", "final_logit_softcapping", 30.0)],
                     check=[Check(field="layer_types", holds="!given('types') || size(types) == layers",
                                  message="must list one type per layer ({layers})")],
                     layer_types="types", attn_scalar="scalar", attn_softcap="attn_cap", logit_softcap="logit_cap"),
    "deepseek_v3": dict(
        read=[r("ctx", "int", "max_position_embeddings", 4096), r("eps", "num", "rms_norm_eps", 1e-6),
              r("theta", "num", "rope_theta|rope_parameters.rope_theta", 10000.0),
              r("interleave", "bool", "rope_interleave", True), r("group_k", "int", "topk_group", 4),
              r("scale", "num", "routed_scaling_factor", 2.5), r("norm_k", "bool", "norm_topk_prob", True)],
        check=[Check(field="topk_group", holds="n_group == 0 || group_k <= n_group",
                     message="{group_k} is more than the {n_group} groups")],
        arch=dict(context="ctx", norm_eps="eps", rope_theta="theta", rope_interleave="interleave",
                  expert_groups="n_group", group_top_k="group_k", routed_scale="scale", norm_top_k="norm_k")),
}
