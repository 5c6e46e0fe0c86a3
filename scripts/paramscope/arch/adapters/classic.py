"""Adapters of the classic families (the format: paramscope.arch.adapters): GPT-2 and the encoders (BERT, RoBERTa,
DistilBERT), the Llama-shaped decoders and their mixtures of experts, DeepSeek's latent attention, and the older
decoders and encoder-decoders with shapes of their own (GPT-NeoX, OPT, BLOOM, Falcon, MPT, T5).
"""
from paramscope.arch.adapters.rules import BIAS, REQUIRED, TOPK, Check, decoder, llama_like, r

QWEN_MOE = [r("experts", "int", "num_experts|num_local_experts"), r("top_k", "int", "num_experts_per_tok"),
            r("expert_ffn", "int", "moe_intermediate_size"), r("step", "int", "decoder_sparse_step", 1),
            r("dense", "ints", "mlp_only_layers", [])]
QWEN_MOE_ARCH = dict(experts="experts", top_k="top_k", expert_ffn="expert_ffn", moe_step="step",
                     dense_layers="dense")


def mla(defaults: dict) -> dict:
    """DeepSeek's latent attention and mixture: shared experts, dense first blocks."""
    def g(key):
        return defaults.get(key, REQUIRED)

    return dict(
        read=[r("vocab", "int", "vocab_size"), r("d", "int", "hidden_size"), r("layers", "int", "num_hidden_layers"),
              r("heads", "int", "num_attention_heads"), r("ffn", "int", "intermediate_size", g("ffn")),
              r("q_lora", "rank", "q_lora_rank", g("q_lora")), r("kv_lora", "int", "kv_lora_rank", g("kv_lora")),
              r("rope", "int", "qk_rope_head_dim", g("rope")), r("nope", "int", "qk_nope_head_dim", g("nope")),
              r("v", "int", "v_head_dim", g("v")),
              r("experts", "int", "n_routed_experts|num_local_experts|num_experts", g("experts")),
              r("top_k", "int", "num_experts_per_tok", g("top_k")),
              r("expert_ffn", "int", "moe_intermediate_size", g("expert_ffn")),
              r("shared", "int0", "n_shared_experts", g("shared")),
              r("first", "int0", "first_k_dense_replace", g("first")),
              r("n_group", "rank", "n_group", g("n_group")), r("bias", "bool", "attention_bias", False),
              r("mlp_bias", "bool", "mlp_bias", False), r("tie", "bool", "tie_word_embeddings", False)],
        check=TOPK + [Check(field="n_group", holds="n_group == 0 || experts % n_group == 0",
                            message="{n_group} does not divide n_routed_experts {experts}"),
                      Check(field="num_attention_heads", holds="d % heads == 0",
                            message="{heads} does not divide hidden_size {d}")],
        arch=dict(vocab="vocab", d_model="d", layers="layers", heads="heads", kv_heads="heads", head_dim="nope + rope",
                  v_head_dim="v", q_lora="q_lora", kv_lora="kv_lora", rope_dim="rope", ffn="ffn",
                  mlp_bias="mlp_bias", qkv_bias="bias", o_bias="bias", norm="d", experts="experts", top_k="top_k",
                  expert_ffn="expert_ffn", shared_ffn="shared * expert_ffn", dense_first="first", tie="tie"))


# Task heads of the encoders, from the class `architectures` names: `task_head` is what that class adds to the base
# model's total (its head, less the pooler it drops). Masked LM: a dense layer, a LayerNorm and the vocabulary bias
# (the decoder is the tied embedding table); sequence classification: one output per id2label entry (2 if absent).
TASK_READS = [r("archs", "strs", "architectures", []), r("id2label", "map", "id2label", {}),
              r("tie", "bool", "tie_word_embeddings", True)]
LABELS = "(size(id2label) > 0 ? size(id2label) : 2)"
MLM = "2 * d + vocab + (tie ? 0 : vocab * d)"  # with the pooler's dense layer and bias become the head's


def task(prefix: str, mlm: str, classifier: str) -> dict:
    m, c = f"{prefix}ForMaskedLM", f"{prefix}ForSequenceClassification"
    return dict(task=f"has(archs, '{m}') ? '{m}' : (has(archs, '{c}') ? '{c}' : '')",
                task_head=f"has(archs, '{m}') ? {mlm} : (has(archs, '{c}') ? {classifier} : 0)")


ENCODER_ARCH = dict(gated="false", mlp_bias="true", qkv_bias="true", o_bias="true", norm="2 * d", embed_norm="true",
                    final_norm="false", head="false")


def bert_like(vocab: int, pad: int, padded_positions: bool, prefix: str) -> dict:
    """BERT and RoBERTa (whose position table also reserves the padding index)."""
    last = "positions > pad" if padded_positions else "true"
    return dict(
        read=[r("vocab", "int", "vocab_size", vocab), r("d", "int", "hidden_size", 768),
              r("layers", "int", "num_hidden_layers", 12), r("heads", "int", "num_attention_heads", 12),
              r("ffn", "int", "intermediate_size", 3072), r("positions", "int", "max_position_embeddings", 512),
              r("types", "int0", "type_vocab_size", 2), r("pad", "int0", "pad_token_id", pad), *TASK_READS],
        must={"position_embedding_type": ["absolute", None], "add_cross_attention": [False]},
        check=[Check(field="num_attention_heads", holds="d % heads == 0",
                     message="{heads} does not divide hidden_size {d}"),
               Check(field="pad_token_id", holds="pad < vocab",
                     message="{pad} is not a row of the {vocab}-token table"),
               Check(field="max_position_embeddings", holds=last,
                     message="{positions} positions leave no room after the padding index {pad}")],
        arch=dict(vocab="vocab", d_model="d", layers="layers", heads="heads", kv_heads="heads", head_dim="d / heads",
                  ffn="ffn", positions="positions", token_types="types", pooler="true", **ENCODER_ARCH,
                  **task(prefix, MLM, f"d * {LABELS} + {LABELS}")))


ADAPTERS = {
    "gpt2": dict(
        read=[r("vocab", "int", "vocab_size"), r("d", "int", "n_embd|hidden_size"),
              r("layers", "int", "n_layer|num_hidden_layers"), r("heads", "int", "n_head|num_attention_heads"),
              r("positions", "int", "n_positions|max_position_embeddings", 1024), r("ffn", "int", "n_inner", "4 * d"),
              r("tie", "bool", "tie_word_embeddings", True)],
        must={"add_cross_attention": [False]},
        check=[Check(field="n_head", holds="d % heads == 0", message="{heads} does not divide n_embd {d}")],
        arch=dict(vocab="vocab", d_model="d", layers="layers", heads="heads", kv_heads="heads", head_dim="d / heads",
                  ffn="ffn", positions="positions", gated="false", mlp_bias="true", qkv_bias="true", o_bias="true",
                  norm="2 * d", tie="tie")),
    "bert": bert_like(30522, 0, False, "Bert"),
    "roberta": bert_like(50265, 1, True, "Roberta"),
    "distilbert": dict(
        read=[r("vocab", "int", "vocab_size", 30522), r("d", "int", "dim|hidden_size", 768),
              r("layers", "int", "n_layers|num_hidden_layers", 6), r("heads", "int", "n_heads|num_attention_heads", 12),
              r("ffn", "int", "hidden_dim", 3072), r("positions", "int", "max_position_embeddings", 512),
              *TASK_READS],
        check=[Check(field="n_heads", holds="d % heads == 0", message="{heads} does not divide dim {d}")],
        arch=dict(vocab="vocab", d_model="d", layers="layers", heads="heads", kv_heads="heads", head_dim="d / heads",
                  ffn="ffn", positions="positions", **ENCODER_ARCH,
                  **task("DistilBert", f"d * d + d + {MLM}", f"d * d + d + d * {LABELS} + {LABELS}"))),
    "llama": llama_like(11008, extra=BIAS + [r("mlp_bias", "bool", "mlp_bias", False)],
                        qkv_bias="bias", o_bias="bias", mlp_bias="mlp_bias"),
    "granite": llama_like(11008, extra=BIAS + [r("mlp_bias", "bool", "mlp_bias", False)],
                          qkv_bias="bias", o_bias="bias", mlp_bias="mlp_bias"),
    "mistral": llama_like(14336, kv=8, sizes=(32000, 4096, 32, 32)),
    "qwen2": llama_like(22016, kv=32, qkv_bias="true"),
    "phi3": llama_like(8192),
    "gemma": llama_like(24576, kv=16, head_dim=256, tie=True, extra=BIAS, qkv_bias="bias", o_bias="bias"),
    "gemma2": llama_like(9216, kv=4, head_dim=256, tie=True, extra=BIAS, qkv_bias="bias", o_bias="bias", norms="4"),
    "gemma3_text": llama_like(9216, kv=4, head_dim=256, tie=True, extra=BIAS, sizes=(262208, 2304, 26, 8),
                              qkv_bias="bias", o_bias="bias",
                              norms="4", qk_norm="2 * hd"),
    "qwen3": llama_like(22016, kv=32, head_dim=128, extra=BIAS, qkv_bias="bias", o_bias="bias", qk_norm="2 * hd"),
    "olmo2": llama_like(11008, extra=BIAS, qkv_bias="bias", o_bias="bias", qk_norm="(heads + kv) * hd"),
    "cohere": llama_like(22528, tie=True, extra=BIAS + [r("qk", "bool", "use_qk_norm", False)],
                         qkv_bias="bias", o_bias="bias", norms="1", qk_norm="qk ? (heads + kv) * hd : 0"),
    "stablelm": llama_like(6912, kv=32, extra=[r("qkv_bias", "bool", "use_qkv_bias", False),
                                               r("qk", "bool", "qk_layernorm", False),
                                               r("parallel", "bool", "use_parallel_residual", False)],
                           qkv_bias="qkv_bias", norm="2 * d", norms="parallel ? 1 : 2",
                           qk_norm="qk ? (heads + kv) * hd : 0"),
    "starcoder2": llama_like(12288, kv=2, tie=True, extra=[r("bias", "bool", "use_bias", True)],
                             gated="false", mlp_bias="bias", qkv_bias="bias", o_bias="bias", norm="2 * d"),
    "phi": llama_like(8192, extra=[r("qk", "bool", "qk_layernorm", False)], gated="false", mlp_bias="true",
                      qkv_bias="true", o_bias="true", norm="2 * d", norms="1", head_bias="true",
                      qk_norm="qk ? 4 * (d / heads) : 0"),
    "mixtral": llama_like(14336, kv=8, extra=[r("experts", "int", "num_local_experts|num_experts", 8),
                                              r("top_k", "int", "num_experts_per_tok", 2)],
                          check=TOPK, experts="experts", top_k="top_k", expert_ffn="ffn"),
    "olmoe": llama_like(2048, extra=BIAS + [r("experts", "int", "num_experts|num_local_experts", 64),
                                            r("top_k", "int", "num_experts_per_tok", 8)],
                        check=TOPK, qkv_bias="bias", o_bias="bias", experts="experts", top_k="top_k",
                        expert_ffn="ffn", qk_norm="d + (d / heads) * kv"),
    "phimoe": llama_like(6400, kv=8, extra=BIAS + [r("experts", "int", "num_local_experts|num_experts", 16),
                                                   r("top_k", "int", "num_experts_per_tok", 2),
                                                   r("head_bias", "bool", "lm_head_bias", False)],
                         check=TOPK, qkv_bias="bias", o_bias="bias", norm="2 * d", experts="experts",
                         top_k="top_k", expert_ffn="ffn", head_bias="head_bias"),
    "qwen3_moe": llama_like(6144, kv=4, extra=BIAS + QWEN_MOE, check=TOPK, qkv_bias="bias", o_bias="bias",
                            qk_norm="2 * hd", **QWEN_MOE_ARCH),
    "qwen2_moe": llama_like(5632, kv=16, extra=[r("qkv_bias", "bool", "qkv_bias", True), *QWEN_MOE,
                                                r("shared_ffn", "int0", "shared_expert_intermediate_size", 5632)],
                            check=TOPK, qkv_bias="qkv_bias", shared_ffn="shared_ffn",
                            shared_gate="shared_ffn > 0", **QWEN_MOE_ARCH),
    "deepseek_v2": mla(dict(ffn=11008, q_lora=1536, kv_lora=512, rope=64, nope=128, v=128, experts=64,
                            expert_ffn=1407, shared=2, first=0, n_group=1)),
    "deepseek_v3": mla(dict(ffn=18432, q_lora=1536, kv_lora=512, rope=64, nope=128, v=128, experts=256, top_k=8,
                            expert_ffn=2048, shared=1, first=3, n_group=8)),
    "gpt_neox": dict(
        read=decoder(24576, extra=[r("bias", "bool", "attention_bias", True)]),
        check=[Check(field="num_attention_heads", holds="d % heads == 0",
                     message="{heads} does not divide hidden_size {d}")],
        arch=dict(vocab="vocab", d_model="d", layers="layers", heads="heads", kv_heads="heads", head_dim="d / heads",
                  ffn="ffn", gated="false", mlp_bias="true", qkv_bias="bias", o_bias="bias", norm="2 * d",
                  tie="tie")),
    "opt": dict(
        read=[r("vocab", "int", "vocab_size", 50272), r("d", "int", "hidden_size", 768),
              r("layers", "int", "num_hidden_layers", 12), r("heads", "int", "num_attention_heads", 12),
              r("ffn", "int", "ffn_dim", 3072), r("positions", "int", "max_position_embeddings", 2048),
              r("emb", "int", "word_embed_proj_dim", "d"), r("bias", "bool", "enable_bias", True),
              r("affine", "bool", "layer_norm_elementwise_affine", True),
              r("pre", "bool", "do_layer_norm_before", True), r("no_final", "bool", "_remove_final_layer_norm", False),
              r("tie", "bool", "tie_word_embeddings", True)],
        check=[Check(field="num_attention_heads", holds="d % heads == 0",
                     message="{heads} does not divide hidden_size {d}")],
        arch=dict(vocab="vocab", d_model="d", layers="layers", heads="heads", kv_heads="heads", head_dim="d / heads",
                  ffn="ffn", emb_dim="emb", positions="positions + 2", gated="false", mlp_bias="bias",
                  qkv_bias="bias", o_bias="bias", norm="affine ? 2 * d : 0", final_norm="pre && !no_final",
                  tie="tie")),
    "bloom": dict(
        read=[r("vocab", "int", "vocab_size", 250880), r("d", "int", "hidden_size|n_embed", 64),
              r("layers", "int", "n_layer|num_hidden_layers", 2), r("heads", "int", "n_head|num_attention_heads", 8),
              r("tie", "bool", "tie_word_embeddings", True)],
        check=[Check(field="n_head", holds="d % heads == 0", message="{heads} does not divide hidden_size {d}")],
        arch=dict(vocab="vocab", d_model="d", layers="layers", heads="heads", kv_heads="heads", head_dim="d / heads",
                  ffn="4 * d", gated="false", mlp_bias="true", qkv_bias="true", o_bias="true", norm="2 * d",
                  embed_norm="true", tie="tie")),
    "falcon": dict(
        read=[r("vocab", "int", "vocab_size", 65024), r("d", "int", "hidden_size", 4544),
              r("layers", "int", "num_hidden_layers", 32), r("heads", "int", "num_attention_heads", 71),
              r("new", "bool", "new_decoder_architecture", False), r("mq", "bool", "multi_query", True),
              r("kv", "int", "num_kv_heads", "heads"), r("parallel", "bool", "parallel_attn", True),
              r("n_ln", "int", "num_ln_in_parallel_attn", "new ? 2 : 1"), r("bias", "bool", "bias", False),
              r("ffn", "int", "ffn_hidden_size", "4 * d"), r("tie", "bool", "tie_word_embeddings", True)],
        check=[Check(field="num_attention_heads", holds="d % heads == 0",
                     message="{heads} does not divide hidden_size {d}"),
               Check(field="num_kv_heads", holds="!new || heads % kv == 0",
                     message="{kv} does not divide num_attention_heads {heads}")],
        arch=dict(vocab="vocab", d_model="d", layers="layers", heads="heads", kv_heads="new ? kv : (mq ? 1 : heads)",
                  head_dim="d / heads", ffn="ffn", gated="false", mlp_bias="bias", qkv_bias="bias", o_bias="bias",
                  norm="2 * d", norms="parallel && n_ln != 2 ? 1 : 2", tie="tie")),
    "mpt": dict(
        read=[r("vocab", "int", "vocab_size", 50368), r("d", "int", "d_model|hidden_size", 2048),
              r("layers", "int", "n_layers|num_hidden_layers", 24),
              r("heads", "int", "n_heads|num_attention_heads", 16),
              r("tie", "bool", "tie_word_embeddings", True)],
        # transformers' MPT has no biases, a 4x MLP and no query/key norm whatever these say: refuse other values.
        must={"expansion_ratio": [4], "no_bias": [True], "attn_config.qk_ln": [False]},
        check=[Check(field="n_heads", holds="d % heads == 0", message="{heads} does not divide d_model {d}")],
        arch=dict(vocab="vocab", d_model="d", layers="layers", heads="heads", kv_heads="heads", head_dim="d / heads",
                  ffn="4 * d", gated="false", norm="d", tie="tie")),
    "t5": dict(
        read=[r("vocab", "int", "vocab_size", 32128), r("d", "int", "d_model|hidden_size", 512),
              r("hd", "int", "d_kv|head_dim", 64), r("ffn", "int", "d_ff", 2048),
              r("layers", "int", "num_layers|num_hidden_layers", 6), r("dec", "int", "num_decoder_layers", "layers"),
              r("heads", "int", "num_heads|num_attention_heads", 8),
              r("buckets", "int", "relative_attention_num_buckets", 32),
              r("proj", "str", "feed_forward_proj", "'relu'"), r("tie", "bool", "tie_word_embeddings", True)],
        check=[Check(field="feed_forward_proj",
                     holds="proj == 'relu' || proj == 'gelu' || proj == 'gelu_new' || proj == 'silu' || "
                           "proj == 'gated-gelu' || proj == 'gated-relu' || proj == 'gated-silu' || "
                           "proj == 'gated-gelu_new'",
                     message="unsupported {proj} (relu, gelu, gated-gelu, gated-relu, gated-silu)")],
        arch=dict(vocab="vocab", d_model="d", layers="layers", decoder_layers="dec", heads="heads", kv_heads="heads",
                  head_dim="hd", ffn="ffn", gated="startswith(proj, 'gated-')", norm="d", rel_buckets="buckets",
                  tie="tie")),
}

