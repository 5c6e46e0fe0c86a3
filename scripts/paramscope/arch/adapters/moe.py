"""Adapters of the moe families of 2025 (the format: paramscope.arch.adapters)."""
from paramscope.arch.adapters.rules import TOPK, Check, Rows, r


def core(vocab, d, layers, heads, ffn, tie=False):
    """The fields every decoder here reads, with the family's class defaults (head width and key/value heads apart:
    their defaults differ from family to family)."""
    return [r("vocab", "int", "vocab_size", vocab), r("d", "int", "hidden_size", d),
            r("layers", "int", "num_hidden_layers", layers), r("heads", "int", "num_attention_heads", heads),
            r("ffn", "int", "intermediate_size", ffn), r("tie", "bool", "tie_word_embeddings", tie)]


def layer_types(allowed) -> Rows:
    """transformers checks `layer_types` (they change no count here): one entry per block, of the family's kinds."""
    names = ", ".join(f"'{a}'" for a in allowed)
    return Rows(read=[r("lt", "strs", "layer_types", [])],
                check=[Check(field="layer_types", holds="!given('lt') || size(lt) == layers",
                             message="{lt} has not one entry per block ({layers})"),
                       Check(field="layer_types", holds=f"every(lt, list({names}))",
                             message="{lt}: entries must be one of " + ", ".join(allowed))])


# transformers refuses an odd head_dim above 4 that RoPE rotates whole (its config's head_dim attribute: a class
# field, or a head_dim the config.json gives); a partial rotation (GLM's factor 0.5) is not refused.
def even_rope(always) -> list[Check]:
    cond = "hd <= 4 || hd % 2 == 0"
    return [Check(field="head_dim", holds=cond if always else f"!given('hd') || {cond}",
                  message="{hd} is odd: transformers' rotary embedding needs an even head_dim")]


GPT_OSS_LT = layer_types(["sliding_attention", "full_attention"])
LLAMA4_LT = layer_types(["chunked_attention", "full_attention"])

ADAPTERS = {
    # Every block a mixture: experts with biases, a router with a bias, attention with sinks.
    "gpt_oss": dict(
        read=[*core(201088, 2880, 36, 64, 2880), r("kv", "int", "num_key_value_heads", 8),
              r("hd", "int", "head_dim", 64), r("experts", "int", "num_local_experts|num_experts", 128),
              r("top_k", "int", "num_experts_per_tok", 4), r("bias", "bool", "attention_bias", True), *GPT_OSS_LT.read],
        check=TOPK + GPT_OSS_LT.check + even_rope(True),
        arch=dict(vocab="vocab", d_model="d", layers="layers", heads="heads", kv_heads="kv", head_dim="hd", ffn="ffn",
                  norm="d", tie="tie", qkv_bias="bias", o_bias="bias", sinks="true", experts="experts",
                  top_k="top_k", expert_ffn="ffn", expert_bias="true", router_bias="experts")),
    # Mixtures at the blocks `moe_layers` lists (or every interleave_moe_layer_step-th): routed experts and one
    # shared expert of width intermediate_size; dense blocks of width intermediate_size_mlp. The query/key norm is
    # an L2 norm without parameters.
    "llama4_text": dict(
        read=[*core(202048, 5120, 48, 40, 8192), r("kv", "int", "num_key_value_heads", 8),
              r("hd", "int", "head_dim", 128), r("ffn_mlp", "int", "intermediate_size_mlp", 16384),
              r("experts", "int", "num_local_experts", 16), r("top_k", "int", "num_experts_per_tok", 1),
              r("moe", "ints", "moe_layers", "list(0)"), r("step", "int", "interleave_moe_layer_step", 1),
              r("nope", "ints", "no_rope_layers", "list(0)"), r("bias", "bool", "attention_bias", False),
              *LLAMA4_LT.read],
        check=TOPK + LLAMA4_LT.check + even_rope(True) + [
            # an empty no_rope_layers is replaced by the default; a shorter one fails in the attention, and a
            # longer one gives layer_types (when not given) of the wrong length
            Check(field="no_rope_layers", holds="!given('nope') || size(nope) == 0 || size(nope) == layers"
                                        " || (given('lt') && size(nope) > layers)",
                  message="{nope} has not one entry per block ({layers})")],
        arch=dict(vocab="vocab", d_model="d", layers="layers", heads="heads", kv_heads="kv", head_dim="hd",
                  ffn="ffn_mlp", norm="d", tie="tie", qkv_bias="bias", o_bias="bias", experts="experts", top_k="top_k",
                  expert_ffn="ffn", shared_ffn="ffn", moe_listed="given('moe')", moe_list="moe", moe_step="step")),
    # DeepSeek-V3's mixture (first_k_dense_replace dense blocks, shared experts) on grouped-query attention; its
    # e_score_correction_bias is a buffer. No bias on the output projection.
    "glm4_moe": dict(
        read=[*core(151552, 4096, 46, 96, 10944), r("kv", "int", "num_key_value_heads", 8),
              r("hd", "int", "head_dim", "d / heads"), r("bias", "bool", "attention_bias", False),
              r("qk", "bool", "use_qk_norm", False),
              r("experts", "int", "n_routed_experts|num_local_experts", 128),
              r("top_k", "int", "num_experts_per_tok", 8), r("expert_ffn", "int", "moe_intermediate_size", 1408),
              r("shared", "int0", "n_shared_experts", 1), r("first", "int0", "first_k_dense_replace", 1)],
        check=TOPK,
        arch=dict(vocab="vocab", d_model="d", layers="layers", heads="heads", kv_heads="kv", head_dim="hd", ffn="ffn",
                  norm="d", tie="tie", qkv_bias="bias", qk_norm="qk ? 2 * hd : 0", experts="experts",
                  top_k="top_k", expert_ffn="expert_ffn", shared_ffn="shared * expert_ffn", dense_first="first")),
    # Every block a mixture of experts of width intermediate_size, no shared expert.
    "granitemoe": dict(
        read=[*core(32000, 4096, 32, 32, 11008), r("kv", "int", "num_key_value_heads", "heads"),
              r("hd", "int", "head_dim", "d / heads"), r("bias", "bool", "attention_bias", False),
              r("experts", "int", "num_local_experts", 8), r("top_k", "int", "num_experts_per_tok", 2)],
        check=TOPK + even_rope(False),
        arch=dict(vocab="vocab", d_model="d", layers="layers", heads="heads", kv_heads="kv", head_dim="hd", ffn="ffn",
                  norm="d", tie="tie", qkv_bias="bias", o_bias="bias", experts="experts", top_k="top_k",
                  expert_ffn="ffn")),
    # Mixtures at blocks i in [moe_layer_start_index, moe_layer_end_index] with (i + 1) % moe_layer_interval == 0;
    # each has a score-correction PARAMETER (1 x experts). use_bias puts biases on attention, the dense MLPs, the
    # shared experts and the output head: the shared experts' biases (2 * width + d per mixture) have no field of
    # their own in the description and are counted with the router's extra parameters.
    "ernie4_5_moe": dict(
        read=[*core(103424, 2560, 28, 20, 12288, tie=True), r("kv", "int", "num_key_value_heads", 4),
              r("hd", "int", "head_dim", "d / heads"), r("bias", "bool", "use_bias", False),
              r("experts", "int", "moe_num_experts|num_experts", 64),
              r("top_k", "int", "moe_k|num_experts_per_tok", 6),
              r("expert_ffn", "int", "moe_intermediate_size", 1536),
              r("shared", "int0", "moe_num_shared_experts", 2), r("start", "int0", "moe_layer_start_index", 1),
              r("end", "int0", "moe_layer_end_index", "layers - 1"), r("step", "int", "moe_layer_interval", 1)],
        check=[Check(field="moe_k", holds="top_k <= experts",
                     message="{top_k} is more than the {experts} experts"), *even_rope(False)],
        arch=dict(vocab="vocab", d_model="d", layers="layers", heads="heads", kv_heads="kv", head_dim="hd", ffn="ffn",
                  norm="d", tie="tie", qkv_bias="bias", o_bias="bias", mlp_bias="bias", head_bias="bias",
                  experts="experts", top_k="top_k", expert_ffn="expert_ffn", shared_ffn="shared * expert_ffn",
                  dense_first="start", moe_step="step", moe_last="end",
                  router_bias="experts + (bias && shared > 0 ? 2 * shared * expert_ffn + d : 0)")),
    # Every block a mixture: experts and one shared MLP, all of width intermediate_size; query and key norms over
    # head_dim. transformers needs head_dim (its default null fails to build) and one expert count for all blocks (a
    # per-block list of num_experts fails to build); a per-block list of moe_topk counts when its entries are equal.
    "hunyuan_v1_moe": dict(
        read=[*core(290943, 4096, 32, 32, 11008), r("kv", "int", "num_key_value_heads", "heads"),
              r("hd", "int", "head_dim"), r("bias", "bool", "attention_bias", False),
              r("experts", "int", "num_experts|num_local_experts", 1),
              r("top_k", "int_each", "moe_topk|num_experts_per_tok", 1)],
        check=[Check(field="moe_topk", holds="top_k <= experts",
                     message="{top_k} is more than the {experts} experts"), *even_rope(True)],
        arch=dict(vocab="vocab", d_model="d", layers="layers", heads="heads", kv_heads="kv", head_dim="hd", ffn="ffn",
                  norm="d", tie="tie", qkv_bias="bias", o_bias="bias", qk_norm="2 * hd", experts="experts",
                  top_k="top_k", expert_ffn="ffn", shared_ffn="ffn")),
    # Every block a mixture of experts of width intermediate_size; query and key norms over all heads at once;
    # e_score_correction_bias is a buffer.
    "minimax_m2": dict(
        read=[*core(200064, 3072, 62, 48, 1536), r("kv", "int", "num_key_value_heads", 8),
              r("hd", "int", "head_dim", 128), r("experts", "int", "num_local_experts|num_experts", 256),
              r("top_k", "int", "num_experts_per_tok", 8)],
        check=TOPK + even_rope(True),
        arch=dict(vocab="vocab", d_model="d", layers="layers", heads="heads", kv_heads="kv", head_dim="hd", ffn="ffn",
                  norm="d", tie="tie", qk_norm="(heads + kv) * hd", experts="experts", top_k="top_k",
                  expert_ffn="ffn")),
}
