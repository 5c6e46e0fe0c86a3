"""The project's model zoo: architectures as data (Hugging Face config.json fields), each with its source.

Only the fields that decide the parameter count are kept; everything else takes the reference defaults.
`published` is the count the authors quote (for comparison with ours), with where they quote it.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    label: str                       # display name
    config: dict                     # config.json fields, model_type included
    source: str                      # where the configuration comes from
    published: float | None = None   # the authors' headline parameter count
    published_active: float | None = None  # ... and per-token active count, for mixtures of experts
    published_source: str | None = None
    active_convention: str = "all"   # how the authors count active parameters (counting.ACTIVE_CONVENTIONS)
    total_convention: str = "all"    # ... and total parameters
    release: str = "bf16"            # the number format the weights are published in


HF = "https://huggingface.co/{}/blob/main/config.json"

ZOO: dict[str, Entry] = {
    "gpt2": Entry(
        "GPT-2 small",
        dict(model_type="gpt2", vocab_size=50257, n_embd=768, n_layer=12, n_head=12, n_positions=1024),
        HF.format("openai-community/gpt2"), 117e6,
        published_source="Radford et al. (2019), Language Models are Unsupervised Multitask Learners, Table 2"),
    "gpt2-medium": Entry(
        "GPT-2 medium",
        dict(model_type="gpt2", vocab_size=50257, n_embd=1024, n_layer=24, n_head=16, n_positions=1024),
        HF.format("openai-community/gpt2-medium"), 345e6,
        published_source="Radford et al. (2019), Language Models are Unsupervised Multitask Learners, Table 2"),
    "gpt2-large": Entry(
        "GPT-2 large",
        dict(model_type="gpt2", vocab_size=50257, n_embd=1280, n_layer=36, n_head=20, n_positions=1024),
        HF.format("openai-community/gpt2-large"), 762e6,
        published_source="Radford et al. (2019), Language Models are Unsupervised Multitask Learners, Table 2"),
    "gpt2-xl": Entry(
        "GPT-2 XL",
        dict(model_type="gpt2", vocab_size=50257, n_embd=1600, n_layer=48, n_head=25, n_positions=1024),
        HF.format("openai-community/gpt2-xl"), 1542e6,
        published_source="Radford et al. (2019), Language Models are Unsupervised Multitask Learners, Table 2"),
    # GPT-3 reuses GPT-2's architecture and byte-level BPE vocabulary; n_layers, d_model, n_heads, context from
    # the paper's table. Its alternating sparse attention patterns add no parameters.
    "gpt3-175b": Entry(
        "GPT-3 175B",
        dict(model_type="gpt2", vocab_size=50257, n_embd=12288, n_layer=96, n_head=96, n_positions=2048),
        "Brown et al. (2020), Language Models are Few-Shot Learners, Table 2.1 and section 2.1, "
        "https://arxiv.org/abs/2005.14165", 175.0e9,
        published_source="Brown et al. (2020), Language Models are Few-Shot Learners, Table 2.1"),
    "all-minilm-l6-v2": Entry(
        "all-MiniLM-L6-v2",
        dict(model_type="bert", vocab_size=30522, hidden_size=384, num_hidden_layers=6, num_attention_heads=12,
             intermediate_size=1536, max_position_embeddings=512, type_vocab_size=2),
        HF.format("sentence-transformers/all-MiniLM-L6-v2")),
    "smollm2-135m": Entry(
        "SmolLM2-135M",
        dict(model_type="llama", vocab_size=49152, hidden_size=576, num_hidden_layers=30, num_attention_heads=9,
             num_key_value_heads=3, intermediate_size=1536, tie_word_embeddings=True,
             max_position_embeddings=8192, rope_theta=100000.0),
        HF.format("HuggingFaceTB/SmolLM2-135M"), 135e6,
        published_source="the model's name, HuggingFaceTB/SmolLM2-135M"),
    "llama-2-7b": Entry(
        "Llama 2 7B",
        dict(model_type="llama", vocab_size=32000, hidden_size=4096, num_hidden_layers=32, num_attention_heads=32,
             num_key_value_heads=32, intermediate_size=11008, tie_word_embeddings=False,
             max_position_embeddings=4096),
        HF.format("meta-llama/Llama-2-7b-hf"), 7e9,
        published_source="Touvron et al. (2023), Llama 2: Open Foundation and Fine-Tuned Chat Models, Table 1"),
    "llama-2-70b": Entry(
        "Llama 2 70B",
        dict(model_type="llama", vocab_size=32000, hidden_size=8192, num_hidden_layers=80, num_attention_heads=64,
             num_key_value_heads=8, intermediate_size=28672, tie_word_embeddings=False,
             max_position_embeddings=4096),
        HF.format("meta-llama/Llama-2-70b-hf"), 70e9,
        published_source="Touvron et al. (2023), Llama 2: Open Foundation and Fine-Tuned Chat Models, Table 1"),
    "llama-3-8b": Entry(
        "Llama 3 8B",
        dict(model_type="llama", vocab_size=128256, hidden_size=4096, num_hidden_layers=32, num_attention_heads=32,
             num_key_value_heads=8, intermediate_size=14336, tie_word_embeddings=False,
             max_position_embeddings=8192, rope_theta=500000.0),
        HF.format("meta-llama/Meta-Llama-3-8B"), 8e9, published_source="the model's name"),
    "llama-3-70b": Entry(
        "Llama 3 70B",
        dict(model_type="llama", vocab_size=128256, hidden_size=8192, num_hidden_layers=80, num_attention_heads=64,
             num_key_value_heads=8, intermediate_size=28672, tie_word_embeddings=False,
             max_position_embeddings=8192, rope_theta=500000.0),
        HF.format("meta-llama/Meta-Llama-3-70B"), 70e9, published_source="the model's name"),
    "llama-3.1-405b": Entry(
        "Llama 3.1 405B",
        dict(model_type="llama", vocab_size=128256, hidden_size=16384, num_hidden_layers=126,
             num_attention_heads=128, num_key_value_heads=8, intermediate_size=53248, tie_word_embeddings=False,
             max_position_embeddings=131072, rope_theta=500000.0),
        HF.format("meta-llama/Llama-3.1-405B") + "; Llama Team (2024), The Llama 3 Herd of Models, Table 3, "
        "https://arxiv.org/abs/2407.21783", 405e9,
        published_source="Llama Team (2024), The Llama 3 Herd of Models, Table 3"),
    "mistral-7b-v0.1": Entry(
        "Mistral 7B",
        dict(model_type="mistral", vocab_size=32000, hidden_size=4096, num_hidden_layers=32, num_attention_heads=32,
             num_key_value_heads=8, intermediate_size=14336, tie_word_embeddings=False,
             max_position_embeddings=32768, sliding_window=4096),
        HF.format("mistralai/Mistral-7B-v0.1"), 7.3e9,
        published_source="Mistral AI (2023), Mistral 7B announcement, https://mistral.ai/news/announcing-mistral-7b"),
    "mixtral-8x7b": Entry(
        "Mixtral 8x7B",
        dict(model_type="mixtral", vocab_size=32000, hidden_size=4096, num_hidden_layers=32, num_attention_heads=32,
             num_key_value_heads=8, intermediate_size=14336, num_local_experts=8, num_experts_per_tok=2,
             tie_word_embeddings=False, max_position_embeddings=32768),
        HF.format("mistralai/Mixtral-8x7B-v0.1"), 46.7e9, 12.9e9,
        published_source="Mistral AI (2023), Mixtral of experts, https://mistral.ai/news/mixtral-of-experts"),
    "qwen2-7b": Entry(
        "Qwen2 7B",
        dict(model_type="qwen2", vocab_size=152064, hidden_size=3584, num_hidden_layers=28, num_attention_heads=28,
             num_key_value_heads=4, intermediate_size=18944, tie_word_embeddings=False,
             max_position_embeddings=131072, rope_theta=1e6),
        HF.format("Qwen/Qwen2-7B"), 7e9, published_source="the model's name"),
    "gemma-2-9b": Entry(
        "Gemma 2 9B",
        dict(model_type="gemma2", vocab_size=256000, hidden_size=3584, num_hidden_layers=42, num_attention_heads=16,
             num_key_value_heads=8, head_dim=256, intermediate_size=14336, query_pre_attn_scalar=256,
             sliding_window=4096, tie_word_embeddings=True, max_position_embeddings=8192),
        HF.format("google/gemma-2-9b"), 9e9, published_source="the model's name",
        release="fp32"),  # the base checkpoint's safetensors are float32 (34.4 GB); only gemma-2-9b-it is bf16
    "phi-3-mini": Entry(
        "Phi-3-mini",
        dict(model_type="phi3", vocab_size=32064, hidden_size=3072, num_hidden_layers=32, num_attention_heads=32,
             num_key_value_heads=32, intermediate_size=8192, tie_word_embeddings=False,
             max_position_embeddings=4096),
        HF.format("microsoft/Phi-3-mini-4k-instruct"), 3.8e9,
        published_source="Abdin et al. (2024), Phi-3 Technical Report, abstract, https://arxiv.org/abs/2404.14219"),
    # The 61 layers of the main model; the released checkpoint adds a 62nd, the multi-token-prediction module,
    # which the published 671B leaves out.
    "deepseek-v3": Entry(
        "DeepSeek-V3",
        dict(model_type="deepseek_v3", vocab_size=129280, hidden_size=7168, num_hidden_layers=61,
             num_attention_heads=128, intermediate_size=18432, moe_intermediate_size=2048, n_shared_experts=1,
             n_routed_experts=256, num_experts_per_tok=8, first_k_dense_replace=3, n_group=8, topk_group=4,
             q_lora_rank=1536, kv_lora_rank=512, qk_rope_head_dim=64, qk_nope_head_dim=128, v_head_dim=128,
             tie_word_embeddings=False),
        HF.format("deepseek-ai/DeepSeek-V3"), 671e9, 37e9,
        published_source="DeepSeek-AI (2024), DeepSeek-V3 Technical Report, abstract, "
                         "https://arxiv.org/abs/2412.19437",
        release="fp8 blocks"),
}

# The families of 2025, on the Model size page and in the calculator (the Parameter page's chart keeps the classic
# zoo above). Each config is the vendor's config.json as published (count-deciding fields kept), or, where no copy
# could be had offline, transformers' config-class defaults for the checkpoint the class names.
GPT_OSS = dict(model_type="gpt_oss", vocab_size=201088, hidden_size=2880, intermediate_size=2880, head_dim=64,
               num_attention_heads=64, num_key_value_heads=8, num_experts_per_tok=4, attention_bias=True,
               tie_word_embeddings=False, pad_token_id=199999, sliding_window=128)
GPT_OSS_CARD = ("OpenAI (2025), gpt-oss-120b & gpt-oss-20b Model Card, section 2.1: 116.8B total parameters (5.1B "
                "active) and 20.9B (3.6B active), https://arxiv.org/abs/2508.10925")
# Granite 4.0-H: 40 blocks, Mamba-2 everywhere but four attention blocks (the config.json's layer_types), a
# Mamba-2 state of 128 in heads of 64, tied embeddings over a 100,352-token vocabulary.
GRANITE_4_H = dict(model_type="granitemoehybrid", vocab_size=100352, num_hidden_layers=40, tie_word_embeddings=True,
                   mamba_d_state=128, mamba_n_groups=1, mamba_d_head=64, mamba_expand=2, mamba_d_conv=4,
                   layer_types=["mamba"] * 5 + ["attention"] + ["mamba"] * 9 + ["attention"] + ["mamba"] * 9
                   + ["attention"] + ["mamba"] * 9 + ["attention"] + ["mamba"] * 4)
GRANITE_4_CARD = ("IBM (2025), Granite 4.0 model cards, Model Architecture table: \"# Parameters 3B 3B 7B 32B | "
                  "# Active parameters 3B 3B 1B 9B\", https://huggingface.co/ibm-granite/granite-4.0-h-tiny")
NEWEST: dict[str, Entry] = {
    "gpt-oss-20b": Entry(
        "gpt-oss-20b", {**GPT_OSS, "num_hidden_layers": 24, "num_local_experts": 32},
        HF.format("openai/gpt-oss-20b"), 20.9e9, 3.6e9, published_source=GPT_OSS_CARD,
        active_convention="no input embeddings", release="mxfp4 experts"),
    "gpt-oss-120b": Entry(
        "gpt-oss-120b", {**GPT_OSS, "num_hidden_layers": 36, "num_local_experts": 128},
        HF.format("openai/gpt-oss-120b"), 116.8e9, 5.1e9, published_source=GPT_OSS_CARD,
        active_convention="no input embeddings", release="mxfp4 experts"),
    "smollm3-3b": Entry(
        "SmolLM3-3B",
        dict(model_type="smollm3", vocab_size=128256, hidden_size=2048, intermediate_size=11008,
             num_hidden_layers=36, num_attention_heads=16, num_key_value_heads=4, attention_bias=False,
             mlp_bias=False, pad_token_id=128004, no_rope_layer_interval=4),
        HF.format("HuggingFaceTB/SmolLM3-3B"), 3e9,
        published_source="Hugging Face (2025), SmolLM3 blog post: \"3B model trained on 11T tokens\", "
                         "https://huggingface.co/blog/smollm3"),
    "qwen3-next-80b-a3b": Entry(
        "Qwen3-Next-80B-A3B",
        dict(model_type="qwen3_next", vocab_size=151936, hidden_size=2048, intermediate_size=5120,
             num_hidden_layers=48, num_attention_heads=16, num_key_value_heads=2, head_dim=256,
             full_attention_interval=4, linear_conv_kernel_dim=4, linear_key_head_dim=128,
             linear_value_head_dim=128, linear_num_key_heads=16, linear_num_value_heads=32, decoder_sparse_step=1,
             mlp_only_layers=[], moe_intermediate_size=512, shared_expert_intermediate_size=512, num_experts=512,
             num_experts_per_tok=10, tie_word_embeddings=False),
        HF.format("Qwen/Qwen3-Next-80B-A3B-Instruct"), 80e9, 3e9, active_convention="no embeddings or head",
        published_source="Qwen team (2025), in transformers' Qwen3-Next documentation: \"80B total parameters, only "
                         "3B active\", https://huggingface.co/docs/transformers/model_doc/qwen3_next"),
    "jamba-v0.1": Entry(
        "Jamba v0.1",
        dict(model_type="jamba", vocab_size=65536, hidden_size=4096, intermediate_size=14336, num_hidden_layers=32,
             num_attention_heads=32, num_key_value_heads=8, attn_layer_period=8, attn_layer_offset=4,
             expert_layer_period=2, expert_layer_offset=1, num_experts=16, num_experts_per_tok=2, mamba_d_state=16,
             mamba_d_conv=4, mamba_expand=2, mamba_dt_rank=256, mamba_conv_bias=True, mamba_proj_bias=False,
             tie_word_embeddings=False, pad_token_id=0),
        HF.format("ai21labs/Jamba-v0.1"), 52e9, 12e9,
        published_source="AI21 Labs (2024), Jamba-v0.1 model card: \"12B active parameters and a total of 52B "
                         "parameters across all experts\", https://huggingface.co/ai21labs/Jamba-v0.1"),
    # Mistral's Mamba-Codestral in transformers' mamba2 format (a conversion of the released weights; the official
    # config.json holds a bare Infinity, which is not JSON).
    "mamba-codestral-7b": Entry(
        "Mamba-Codestral-7B",
        dict(model_type="mamba2", vocab_size=32768, hidden_size=4096, num_hidden_layers=64, num_heads=128,
             head_dim=64, expand=2, n_groups=8, state_size=128, conv_kernel=4, use_bias=False, use_conv_bias=True,
             tie_word_embeddings=False, pad_token_id=0),
        "https://huggingface.co/Molbap/code2/blob/main/config.json (the transformers conversion of "
        "mistralai/Mamba-Codestral-7B-v0.1)", 7_285_403_648,
        published_source="Mistral AI (2024), Codestral Mamba: \"7,285,403,648 parameters\", "
                         "https://mistral.ai/news/codestral-mamba"),
    # GLM-4.5's report counts without the embedding table and output layer (its caption adds the multi-token-prediction
    # layer, which transformers does not build; without it the count meets the report's figures).
    "glm-4.5-air": Entry(
        "GLM-4.5-Air",
        dict(model_type="glm4_moe", vocab_size=151552, hidden_size=4096, intermediate_size=10944,
             moe_intermediate_size=1408, num_hidden_layers=46, first_k_dense_replace=1, num_attention_heads=96,
             num_key_value_heads=8, head_dim=128, n_routed_experts=128, n_shared_experts=1, num_experts_per_tok=8,
             attention_bias=True, use_qk_norm=False, partial_rotary_factor=0.5, tie_word_embeddings=False,
             pad_token_id=151329),
        "Zeng et al. (2025), GLM-4.5: Agentic, Reasoning, and Coding (ARC) Foundation Models, Table 1 "
        "(layers, widths, heads, experts), https://arxiv.org/abs/2508.06471; vocabulary, biases and tying from the "
        "config.json, " + HF.format("zai-org/GLM-4.5-Air"), 106e9, 12e9,
        published_source="Zeng et al. (2025), GLM-4.5 report, Table 1: 106B total, 12B activated (\"not word "
                         "embeddings and the output layer\"), https://arxiv.org/abs/2508.06471",
        active_convention="no embeddings or head", total_convention="no embeddings or head"),
    # Granite 4.0-H: IBM's model-card architecture table (widths, layers: 4 attention / 36 Mamba-2, heads, state,
    # experts, shared-expert width; "shared input/output embeddings"); the vocabulary and the Mamba-2 head width from
    # the config.json (the card does not give them). Where the 4 attention blocks sit does not change the count.
    "granite-4.0-h-tiny": Entry(
        "Granite 4.0 H Tiny",
        dict(GRANITE_4_H, hidden_size=1536, num_attention_heads=12, num_key_value_heads=4, intermediate_size=512,
             shared_intermediate_size=1024, num_local_experts=64, num_experts_per_tok=6, mamba_n_heads=48),
        "IBM (2025), granite-4.0-h-tiny model card, Model Architecture table, "
        "https://huggingface.co/ibm-granite/granite-4.0-h-tiny; " + HF.format("ibm-granite/granite-4.0-h-tiny"),
        7e9, 1e9, published_source=GRANITE_4_CARD),
    "granite-4.0-h-small": Entry(
        "Granite 4.0 H Small",
        dict(GRANITE_4_H, hidden_size=4096, num_attention_heads=32, num_key_value_heads=8, intermediate_size=768,
             shared_intermediate_size=1536, num_local_experts=72, num_experts_per_tok=10, mamba_n_heads=128),
        "IBM (2025), granite-4.0-h-small model card, Model Architecture table, "
        "https://huggingface.co/ibm-granite/granite-4.0-h-small; " + HF.format("ibm-granite/granite-4.0-h-small"),
        32e9, 9e9, published_source=GRANITE_4_CARD),
    # Falcon-H1-0.5B: attention (8 heads, 2 key/value) and a Mamba-2 mixer (24 heads of 64, state 128) side by side in
    # each of 36 blocks, then a gated MLP; untied embeddings. The Instruct checkpoint's config.json (16K positions;
    # the Base model's 4K change no count), as NVIDIA's Megatron-Bridge tests transcribe it. That copy leaves out
    # mamba_d_ssm, and transformers then refuses the config (its default 1024 is not 24 heads x 64); 1536 is the only
    # width it accepts, the one Megatron-Bridge's own export writes. The makers publish the size only as "0.5B".
    "falcon-h1-0.5b": Entry(
        "Falcon-H1-0.5B",
        dict(model_type="falcon_h1", vocab_size=32784, hidden_size=1024, intermediate_size=2048,
             num_hidden_layers=36, num_attention_heads=8, num_key_value_heads=2, head_dim=64, mamba_d_ssm=1536,
             mamba_n_heads=24, mamba_d_head=64, mamba_n_groups=1, mamba_d_state=128, mamba_d_conv=4,
             mamba_conv_bias=True, mamba_proj_bias=False, mamba_rms_norm=False, projectors_bias=False,
             attention_bias=False, mlp_bias=False, tie_word_embeddings=False),
        HF.format("tiiuae/Falcon-H1-0.5B-Instruct") + ", as transcribed in NVIDIA-NeMo/Megatron-Bridge, "
        "tests/unit_tests/models/falcon_h1/test_falcon_h1_bridge.py (FALCON_H1_500M_CONFIG), with mamba_d_ssm "
        "= mamba_n_heads x mamba_d_head = 1536, which that copy leaves out; shapes as in transformers' FalconH1 "
        "documentation table (H1 0.5B), https://huggingface.co/docs/transformers/model_doc/falcon_h1", 0.5e9,
        published_source="Falcon-LLM Team (2025), Falcon-H1 release post: \"six open-weight models: 0.5B, 1.5B, "
                         "1.5B-Deep, 3B, 7B, and 34B\" (the size only to a tenth of a billion), "
                         "https://falcon-lm.github.io/blog/falcon-h1"),
    # Llama4TextConfig's defaults are Scout's text model (its class docstring names the checkpoint); the model card's
    # "~109B" total is larger than transformers' whole model with its vision tower (see the Model size page).
    "llama-4-scout": Entry(
        "Llama 4 Scout (text)", dict(model_type="llama4", text_config={}),
        "defaults of transformers 5.23.0 Llama4TextConfig, whose docstring names meta-llama/Llama-4-Scout-17B-16E; "
        + HF.format("meta-llama/Llama-4-Scout-17B-16E"), None, 17e9,
        published_source="Meta (2025), Llama 4 Scout: \"17B active parameters out of ~109B total, using just 16 "
                         "experts\", https://huggingface.co/docs/transformers/model_doc/llama4"),
}


def slug(name: str) -> str:
    """'llama-3.1-405b' -> 'llama-3-1-405b': a zoo name as one part of a fact's name, where a dot separates parts."""
    return name.replace(".", "-")


def get(name: str) -> Entry:
    """The zoo entry `name` (classic or newest); KeyError lists the names."""
    try:
        return ZOO[name] if name in ZOO else NEWEST[name]
    except KeyError:
        raise KeyError(f"unknown model {name!r} (zoo: {', '.join([*ZOO, *NEWEST])})") from None


def every() -> dict[str, Entry]:
    """The classic zoo and the newest families, in that order."""
    return {**ZOO, **NEWEST}
