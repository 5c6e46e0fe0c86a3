"""Our torch modules' configs from a Hugging Face config.json: read, defaulted and validated once by paramscope.arch
(`describe(..., run=True)`: the count's fields and how the model computes), then only renamed to a module's fields.
Bad input fails there with the same one-line ConfigError as `paramscope count`; only the families with a `run`
section (paramscope.arch.adapters_run) have a module.
"""
from paramscope.arch import Arch, describe


def from_hf(data: dict, source: str = "config"):
    """Our torch module's config for a config.json dict; ConfigError on bad input or a family we do not run."""
    return module_config(describe(data, source, run=True))


def layer_types(a: Arch) -> list[str] | None:
    """Each block's attention, 'sliding_attention' or 'full_attention', from the description's window schedule."""
    if not a.sliding_window:
        return None
    period = a.layer_types or ("sliding_attention",)
    return ["sliding_attention" if i >= a.window_from and period[i % len(period)] == "sliding_attention"
            else "full_attention" for i in range(a.layers)]


def module_config(a: Arch):
    """The config of our torch module for the description `a` (read with run=True): the same facts, renamed."""
    from paramscope.models.bert import BertConfig
    from paramscope.models.deepseek_v3 import DeepseekV3Config
    from paramscope.models.gpt2 import GPT2Config
    from paramscope.models.llama import config_for
    if a.model_type == "gpt2":
        return GPT2Config(vocab_size=a.vocab, n_positions=a.positions, n_embd=a.d, n_layer=a.layers, n_head=a.heads,
                          n_inner=a.ffn, layer_norm_epsilon=a.norm_eps)
    if a.model_type == "bert":
        return BertConfig(vocab_size=a.vocab, hidden_size=a.d, num_hidden_layers=a.layers, num_attention_heads=a.heads,
                          intermediate_size=a.ffn, max_position_embeddings=a.positions,
                          type_vocab_size=a.token_types, layer_norm_eps=a.norm_eps, hidden_act=a.activation)
    if a.model_type == "deepseek_v3":
        return DeepseekV3Config(
            vocab_size=a.vocab, hidden_size=a.d, intermediate_size=a.ffn, moe_intermediate_size=a.expert_ffn,
            num_hidden_layers=a.layers, num_attention_heads=a.heads, n_shared_experts=a.shared_ffn // a.expert_ffn,
            n_routed_experts=a.experts, num_experts_per_tok=a.top_k, n_group=a.expert_groups or 1,
            topk_group=min(a.group_top_k, a.expert_groups or 1), routed_scaling_factor=a.routed_scale,
            norm_topk_prob=a.norm_top_k, first_k_dense_replace=a.dense_first, q_lora_rank=a.q_lora or None,
            kv_lora_rank=a.kv_lora, qk_rope_head_dim=a.rope_dim, qk_nope_head_dim=a.head_dim - a.rope_dim,
            v_head_dim=a.v_head_dim, attention_bias=a.qkv_bias, tie_word_embeddings=a.tie,
            max_position_embeddings=a.context, rms_norm_eps=a.norm_eps, rope_theta=a.rope_theta,
            rope_interleave=a.rope_interleave)
    return config_for(
        a.model_type, vocab_size=a.vocab, hidden_size=a.d, intermediate_size=a.ffn, num_hidden_layers=a.layers,
        num_attention_heads=a.heads, num_key_value_heads=a.kv_heads, head_dim=a.head_dim,
        max_position_embeddings=a.context, rms_norm_eps=a.norm_eps, rope_theta=a.rope_theta,
        partial_rotary_factor=a.rope_fraction, attention_bias=a.o_bias, qkv_bias=a.qkv_bias, mlp_bias=a.mlp_bias,
        tie_word_embeddings=a.tie, hidden_act=a.activation, sliding_window=a.sliding_window or None,
        layer_types=layer_types(a), query_pre_attn_scalar=a.attn_scalar or None,
        attn_logit_softcapping=a.attn_softcap or None, final_logit_softcapping=a.logit_softcap or None,
        num_local_experts=a.experts, num_experts_per_tok=a.top_k or 2)
