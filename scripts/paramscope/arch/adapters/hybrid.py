"""Adapters of the hybrid families of 2025 (the format: paramscope.arch.adapters): blocks whose mixer is a
state-space layer (Mamba, Mamba-2), a gated delta net or a short convolution, alone, in a schedule with attention, or
side by side with it (Falcon-H1).

Each mixer's parameters are counted per block from its own shapes (transformers 5.23's modules):
- Mamba-2 (mamba2, falcon_h1, granitemoehybrid): inner width I, groups g, state s, heads h, kernel k:
  in_proj d x (2I + 2gs + h), depthwise conv (I + 2gs) x k, dt_bias, A_log and D (h each), out_proj I x d; a gated
  norm of I; biases: the convolution's (I + 2gs), in_proj's and out_proj's.
- Mamba-1 (jamba): in_proj d x 2I, conv I x k, x_proj I x (r + 2s), dt_proj r x I, A_log I x s, D I, out_proj I x d;
  norms of dt, B and C (r + 2s); biases: the convolution's, dt_proj's (always) and the projections'.
- Gated delta net (qwen3_next): key width K = key heads x key head width, value width V likewise: in_proj_qkvz
  d x (2K + 2V), in_proj_ba d x 2 value heads, conv (2K + V) x k, dt_bias and A_log per value head, out_proj V x d,
  a gated norm of one value head's width.
- Short convolution (lfm2): in_proj d x 3d, depthwise conv d x L, out_proj d x d.
`layer_types` (or the periods and offsets that stand for it) are honoured given or omitted; transformers remaps the
legacy names (mamba, attention) and refuses other names and lists not one entry per block, and so does this.
"""
from paramscope.arch.adapters.rules import HEADS_DIVIDE, PAD_CHECK, Check, Rows, pad, r

# The layer types transformers 5.23 accepts (configuration_utils.ALLOWED_ATTN_LAYER_TYPES), and the legacy names it
# remaps to them before checking.
LAYER_TYPES = ("full_attention", "sliding_attention", "chunked_attention", "window_attention", "indexed_attention",
               "compressed_sparse_attention", "heavily_compressed_attention", "minimax_m3_sparse", "conv", "moe",
               "hybrid", "hybrid_sliding", "reference_sliding_attention", "linear_attention")
LEGACY = {"mamba": "linear_attention", "attention": "full_attention",
          "deepseek_sparse_attention": "indexed_attention", "qwen_sparse_attention": "indexed_attention"}


def _list(names) -> str:
    return "list(" + ", ".join(f"'{n}'" for n in names) + ")"


def schedule(mixer: dict, other: str) -> tuple[str, list[Check]]:
    """How a family's modeling code reads `layer_types`: the expression of its mixers (each layer type, legacy names
    remapped, to the formula's mixer in `mixer`, any other to `other`), and the checks transformers makes."""
    names = [*LAYER_TYPES, *LEGACY]
    pairs = ", ".join(f"'{n}', '{mixer.get(LEGACY.get(n, n), other)}'" for n in names)
    checks = [Check(field="layer_types", holds="!given('lt') || size(lt) == layers",
                    message="{lt} has not one entry per block (num_hidden_layers {layers})"),
              Check(field="layer_types", holds=f"every(lt, {_list(names)})",
                    message="{lt}: entries must be layer types of transformers (" + ", ".join(names) + ")")]
    return f"rename(lt, {pairs})", checks


def computed(*fields) -> Rows:
    """Schedules a config class computes (read-only properties): transformers refuses them in a config.json."""
    reads = [r(f"given_{f}", "strs", f, []) for f in fields]
    checks = [Check(field=f, holds=f"!given('given_{f}')",
                    message="transformers computes it from the other fields and refuses it here")
              for f in fields]
    return Rows(read=reads, check=checks)


def mamba2(i: str, bias: str, out_bias: str, conv_bias: str = "cbias") -> dict:
    """Counts of a Mamba-2 mixer with inner width `i` (an expression) and the names read for the rest:
    h heads, g groups, s state, k kernel."""
    i = f"({i})"
    return dict(ssm=f"d * (2 * {i} + 2 * g * s + h) + ({i} + 2 * g * s) * k + 3 * h + {i} * d",
                ssm_bias=f"({conv_bias} ? {i} + 2 * g * s : 0) + ({bias} ? 2 * {i} + 2 * g * s + h : 0)"
                         f" + ({out_bias} ? d : 0)")


def mamba2_reads(heads, groups, state, prefix="mamba_", conv_bias=True, proj_bias=False) -> list:
    # mamba_d_head ("auto": width / heads) changes no count, but transformers refuses one that does not make the
    # width with mamba_n_heads (null included); read as a rank: null reads 0, given. "auto" itself is refused here
    # (a read is of one type; config files and to_dict() hold the number).
    return [r("h", "int", f"{prefix}n_heads", heads), r("dh", "rank", f"{prefix}d_head", 0),
            r("g", "int", f"{prefix}n_groups", groups),
            r("s", "int", f"{prefix}d_state", state), r("k", "int", f"{prefix}d_conv", 4),
            r("expand", "int", f"{prefix}expand", 2), r("cbias", "bool", f"{prefix}conv_bias", conv_bias),
            r("pbias", "bool", f"{prefix}proj_bias", proj_bias)]


def d_head_check(i: str) -> Check:
    return Check(field="mamba_d_head", holds=f"!given('dh') || dh * h == {i}",
                 message="{dh} times mamba_n_heads {h} is not the mixer's width")


def sizes(vocab, d, layers, heads) -> list:
    return [r("vocab", "int", "vocab_size", vocab), r("d", "int", "hidden_size", d),
            r("layers", "int", "num_hidden_layers", layers), r("heads", "int", "num_attention_heads", heads)]


# An empty list as a derived default, so that null reads as omitted (the class turns a null list into []).
EMPTY = "spot(0, 0, '', '')"
# A schedule is a list the formula repeats: one period of it, at most as long as the model (a longer period's
# blocks past the last never matter). Periods (or listed blocks) past 2^20 blocks in as deep a model are refused
# rather than spelt out.
LONGEST = 2 ** 20


def period_check(field: str, period: str) -> Check:
    return Check(field=field, holds=f"min({period}, layers) <= {LONGEST}",
                 message="{" + period + "}-block period over {layers} blocks: schedules longer than "
                         f"{LONGEST} blocks are not modelled")


TOPK_IF = [Check(field="num_experts_per_tok", holds="experts == 0 || top_k <= experts",
                 message="{top_k} is more than the {experts} experts")]
ATTN = dict(vocab="vocab", d_model="d", layers="layers", heads="heads", kv_heads="kv", head_dim="hd", norm="d",
            tie="tie")

# Jamba: Mamba-1 mixers with attention every attn_layer_period blocks (at attn_layer_offset), mixtures every
# expert_layer_period blocks (at expert_layer_offset); a mixture of one expert is a dense MLP.
JAMBA_I = "expand * d"
_jamba_computed = computed("layers_block_type", "layer_types")
JAMBA = dict(
    read=[*sizes(65536, 4096, 32, 32), r("kv", "int", "num_key_value_heads", 8),
          r("hd", "int", "head_dim", "d / heads"), r("ffn", "int", "intermediate_size", 14336),
          r("tie", "bool", "tie_word_embeddings", False),
          r("experts", "int0", "num_experts|num_local_experts", 16), r("top_k", "int", "num_experts_per_tok", 2),
          r("e_period", "int", "expert_layer_period", 2), r("e_offset", "int0", "expert_layer_offset", 1),
          r("a_period", "int", "attn_layer_period", 8), r("a_offset", "int0", "attn_layer_offset", 4),
          r("s", "int", "mamba_d_state", 16), r("k", "int", "mamba_d_conv", 4),
          r("expand", "int", "mamba_expand", 2), r("dt", "int", "mamba_dt_rank", "(d + 15) / 16"),
          r("cbias", "bool", "mamba_conv_bias", True), r("pbias", "bool", "mamba_proj_bias", False), pad(0),
          *_jamba_computed.read],
    check=HEADS_DIVIDE + [
        Check(field="attn_layer_offset", holds="a_offset < a_period",
              message="{a_offset} is not smaller than attn_layer_period {a_period}"),
        Check(field="expert_layer_offset", holds="e_offset < e_period",
              message="{e_offset} is not smaller than expert_layer_period {e_period}"),
        Check(field="num_experts_per_tok", holds="experts <= 1 || top_k <= experts",
              message="{top_k} is more than the {experts} experts"),
        period_check("attn_layer_period", "a_period"), PAD_CHECK, *_jamba_computed.check],
    arch=dict(**ATTN, ffn="ffn", mixers="spot(min(a_period, layers), a_offset, 'attention', 'ssm')",
              experts="experts > 1 ? experts : 0", top_k="top_k", expert_ffn="ffn", moe_step="e_period",
              moe_offset="e_offset",
              ssm=f"d * 2 * {JAMBA_I} + {JAMBA_I} * k + {JAMBA_I} * (dt + 2 * s) + dt * {JAMBA_I} + {JAMBA_I} * s"
                  f" + {JAMBA_I} + {JAMBA_I} * d",
              ssm_norm="dt + 2 * s",
              ssm_bias=f"(cbias ? {JAMBA_I} : 0) + {JAMBA_I} + (pbias ? 2 * {JAMBA_I} + d : 0)"))

# Mamba-2: every block one Mamba-2 mixer and one norm, no MLP; the embedding table has no padding row.
MAMBA2 = dict(
    read=[r("vocab", "int", "vocab_size", 32768), r("d", "int", "hidden_size", 4096),
          r("layers", "int", "num_hidden_layers", 64), r("h", "int", "num_heads", 128),
          r("hd", "int", "head_dim", 64), r("s", "int", "state_size", 128), r("expand", "int", "expand", 2),
          r("k", "int", "conv_kernel", 4), r("g", "int", "n_groups", 8), r("pbias", "bool", "use_bias", False),
          r("cbias", "bool", "use_conv_bias", True), r("tie", "bool", "tie_word_embeddings", False),
          *computed("layer_types").read],
    check=[Check(field="head_dim", holds="expand * d == h * hd",
                 message="hidden_size * expand ({d} * {expand}) must equal num_heads * head_dim ({h} * {hd})"),
           *computed("layer_types").check],
    arch=dict(vocab="vocab", d_model="d", layers="layers", heads="0", kv_heads="0", head_dim="0", ffn="0", norm="d",
              norms="1", tie="tie", mixers="list('ssm')", ssm_norm="expand * d",
              **mamba2("expand * d", "pbias", "pbias")))

# Falcon-H1: attention and a Mamba-2 mixer side by side in every block, then a dense MLP. The mixer's width is
# mamba_d_ssm (null: mamba_expand * hidden_size), its gated norm optional (mamba_rms_norm), its out_proj bias is
# projectors_bias.
FALCON_H1_I = "dssm > 0 ? dssm : expand * d"
_falcon_computed = computed("layers_block_type", "layer_types")
FALCON_H1 = dict(
    read=[*sizes(128000, 4096, 32, 32), r("kv", "rank", "num_key_value_heads", 8),
          r("hd", "int", "head_dim", "d / heads"), r("ffn", "int", "intermediate_size", 14336),
          r("tie", "bool", "tie_word_embeddings", False), r("dssm", "rank", "mamba_d_ssm", 1024),
          *mamba2_reads(128, 1, 256), r("rms", "bool", "mamba_rms_norm", False),
          r("projb", "bool", "projectors_bias", False), r("bias", "bool", "attention_bias", False),
          r("mlp_bias", "bool", "mlp_bias", False), pad(0), *_falcon_computed.read],
    check=[Check(field="num_attention_heads", holds="given('hd') || d % heads == 0",
                 message="{heads} does not divide hidden_size {d}"),
           Check(field="num_key_value_heads", holds="kv == 0 || heads % kv == 0",
                 message="{kv} does not divide num_attention_heads {heads}"),
           Check(field="mamba_n_heads", holds=f"({FALCON_H1_I}) % h == 0",
                 message="{h} does not divide the mixer's width (mamba_d_ssm)"),
           d_head_check(f"({FALCON_H1_I})"),
           PAD_CHECK, *_falcon_computed.check],
    arch=dict(**{**ATTN, "kv_heads": "kv > 0 ? kv : heads"}, ffn="ffn", qkv_bias="bias", o_bias="bias",
              mlp_bias="mlp_bias", mixers="list('attention+ssm')", ssm_norm=f"rms ? ({FALCON_H1_I}) : 0",
              **mamba2(FALCON_H1_I, "pbias", "projb")))

# Granite 4.0 hybrid: Mamba-2 blocks ('mamba'/'linear_attention') and attention blocks (any other type); every
# block has the shared MLP (shared_intermediate_size, gated) and, when num_local_experts > 0, a mixture beside it.
GRANITE_MIXERS, GRANITE_LT = schedule({"linear_attention": "ssm"}, "attention")
GRANITE = dict(
    read=[*sizes(32000, 4096, 32, 32), r("kv", "int", "num_key_value_heads", "heads"),
          r("hd", "int", "head_dim", "d / heads"), r("ffn", "int", "intermediate_size", 11008),
          r("tie", "bool", "tie_word_embeddings", False), r("bias", "bool", "attention_bias", False),
          r("experts", "int0", "num_local_experts", 8), r("top_k", "int", "num_experts_per_tok", 2),
          r("shared", "int0", "shared_intermediate_size", 1024), *mamba2_reads(128, 1, 256), pad(None),
          r("lt", "strs", "layer_types|layers_block_type", [])],
    check=HEADS_DIVIDE + TOPK_IF + [
        Check(field="mamba_n_heads", holds="(expand * d) % h == 0",
              message="{h} does not divide mamba_expand * hidden_size"),
        d_head_check("expand * d"),
        PAD_CHECK, *GRANITE_LT],
    arch=dict(**ATTN, ffn="shared", qkv_bias="bias", o_bias="bias",
              mixers=f"given('lt') ? {GRANITE_MIXERS} : list('ssm')", experts="experts", top_k="top_k",
              expert_ffn="ffn", shared_ffn="experts > 0 ? shared : 0", ssm_norm="expand * d",
              **mamba2("expand * d", "pbias", "pbias")))

# Qwen3-Next: gated delta nets ('linear_attention') and gated attention ('full_attention': q_proj doubled, its second
# half a sigmoid gate on the output; query and key norms); a block of any other type has no mixer. Without
# layer_types, attention every full_attention_interval-th block. Mixtures (routed experts, a shared expert and its
# one-output gate) where (i + 1) % decoder_sparse_step == 0 and i is not in mlp_only_layers.
QWEN3_NEXT_MIXERS, QWEN3_NEXT_LT = schedule({"linear_attention": "linear", "full_attention": "attention"}, "none")
QWEN3_NEXT = dict(
    read=[*sizes(151936, 2048, 48, 16), r("kv", "int", "num_key_value_heads", 2), r("hd", "int", "head_dim", 256),
          r("ffn", "int", "intermediate_size", 5632), r("tie", "bool", "tie_word_embeddings", False),
          r("bias", "bool", "attention_bias", False), r("ck", "int", "linear_conv_kernel_dim", 4),
          r("hk", "int", "linear_key_head_dim", 128), r("hv", "int", "linear_value_head_dim", 128),
          r("nk", "int", "linear_num_key_heads", 16), r("nv", "int", "linear_num_value_heads", 32),
          r("step", "int", "decoder_sparse_step", 1), r("expert_ffn", "int", "moe_intermediate_size", 512),
          r("shared", "int0", "shared_expert_intermediate_size", 512), r("top_k", "int", "num_experts_per_tok", 10),
          r("experts", "int0", "num_experts", 512), r("dense", "ints", "mlp_only_layers", EMPTY),
          r("lt", "strs", "layer_types", []), r("interval", "int", "full_attention_interval", 4), pad(None)],
    check=HEADS_DIVIDE[1:] + TOPK_IF + [PAD_CHECK, *QWEN3_NEXT_LT,
                                        period_check("full_attention_interval", "interval")],
    arch=dict(**ATTN, ffn="ffn", qkv_bias="bias", o_bias="bias", qk_norm="2 * hd", out_gate="true",
              mixers=f"given('lt') ? {QWEN3_NEXT_MIXERS}"
                     " : spot(min(interval, layers), interval - 1, 'attention', 'linear')",
              linear="d * (2 * nk * hk + 2 * nv * hv) + d * 2 * nv + (2 * nk * hk + nv * hv) * ck + 2 * nv"
                     " + nv * hv * d",
              linear_norm="hv", experts="experts", top_k="top_k", expert_ffn="expert_ffn", shared_ffn="shared",
              shared_gate="true", moe_step="step", dense_layers="dense"))

# LFM2: short-convolution blocks ('conv') and attention blocks (any other type; query and key norms), each with a
# gated MLP whose width transformers adjusts: int(2/3 of intermediate_size) rounded up to block_multiple_of (when
# block_auto_adjust_ff_dim). Without layer_types, attention at full_attn_idxs (null: every block). The old names
# block_ff_dim and tie_embedding win over intermediate_size and tie_word_embeddings, as in its config class.
LFM2_MIXERS, LFM2_LT = schedule({"conv": "conv"}, "attention")
LFM2 = dict(
    read=[*sizes(65536, 2560, 32, 32), r("kv", "int", "num_key_value_heads", 8),
          r("hd", "int", "head_dim", "d / heads"), r("ffn", "int", "block_ff_dim|intermediate_size", 12288),
          r("tie", "bool", "tie_embedding|tie_word_embeddings", True), r("cbias", "bool", "conv_bias", False),
          r("L", "int", "conv_L_cache", 3), r("mult", "int", "block_multiple_of", 256),
          r("auto", "bool", "block_auto_adjust_ff_dim", True), r("idxs", "ints", "full_attn_idxs", "list(0)"),
          r("lt", "strs", "layer_types", []), pad(0)],
    # int(multiplier * width): only 1 is modelled (the expression language has no fractions).
    must={"block_ffn_dim_multiplier": [1.0]},
    check=HEADS_DIVIDE + [PAD_CHECK, *LFM2_LT,
                          Check(field="full_attn_idxs",
                                holds=f"given('lt') || !given('idxs') || layers <= {LONGEST}",
                                message="{layers} blocks: schedules listed over more than "
                                        f"{LONGEST} blocks are not modelled")],
    arch=dict(**ATTN, ffn="auto ? mult * ((2 * ffn / 3 + mult - 1) / mult) : ffn", qk_norm="2 * hd",
              mixers=f"given('lt') ? {LFM2_MIXERS} : (given('idxs') ? marks(layers, idxs, 'attention', 'conv')"
                     " : list('attention'))",
              conv="4 * d * d + d * L", conv_bias="cbias ? 5 * d : 0"))

ADAPTERS = {"mamba2": MAMBA2, "jamba": JAMBA, "falcon_h1": FALCON_H1, "granitemoehybrid": GRANITE,
            "qwen3_next": QWEN3_NEXT, "lfm2": LFM2}
