"""Count a model's parameters: total, active per token (mixture of experts), by kind, by layer, and bytes to hold them.

Counts come from the module built on the meta device (no weight memory), each tensor once, and are asserted equal to
a closed-form formula per family, so the formula shown on the pages is the one that ran.
"""
import re
from dataclasses import dataclass, field

from torch import nn

from paramscope.models import build_model
from paramscope.models.bert import BertConfig
from paramscope.models.deepseek_v3 import DeepseekV3Config, GroupRouter
from paramscope.models.gpt2 import GPT2Config
from paramscope.models.llama import LlamaConfig, RMSNorm
from paramscope.models.moe import Router

KINDS = ("embeddings", "output head", "attention", "mlp", "router", "biases", "norms", "pooler")

# Bytes per parameter to hold the weights in each number format (int4 packs two parameters per byte).
BYTES_PER_PARAM = {"fp32": 4, "bf16": 2, "fp8": 1, "int4": 0.5}

# Mixed-precision training with Adam: fp16/bf16 weights (2) and gradients (2), plus fp32 master weights, momentum
# and variance (4 + 4 + 4) = 16 bytes per parameter, activations not included.
# Source: Rajbhandari et al. (2020), ZeRO: Memory Optimizations Toward Training Trillion Parameter Models, sec. 3.1,
# https://arxiv.org/abs/1910.02054.
TRAINING_BYTES_PER_PARAM = 16


@dataclass
class Count:
    total: int                       # elements of parameters(), tied tensors once, buffers excluded
    active: int                      # used per token: total minus the routed experts a token skips
    breakdown: dict[str, int]        # kind -> parameters (sums to total)
    by_layer: list[int]              # parameters in each transformer layer
    memory: dict[str, int] = field(default_factory=dict)  # format -> bytes for the weights (+ "training")


def kind_of(path: str, module: nn.Module, name: str) -> str:
    """Which kind a parameter `name` of `module` (at `path`) is, for the breakdown."""
    if isinstance(module, nn.Embedding):
        return "embeddings"
    if isinstance(module, (nn.LayerNorm, RMSNorm)):
        return "norms"
    if isinstance(module, (Router, GroupRouter)):
        return "router"
    if path.startswith("pooler"):
        return "pooler"
    if path == "lm_head":
        return "output head"
    if name == "bias":
        return "biases"
    if re.search(r"attn|attention", path):
        return "attention"
    return "mlp"


LAYER = re.compile(r"(?:^|\.)(?:layers|layer|h)\.(\d+)\.")


def inactive_experts(model: nn.Module) -> int:
    """Parameters of the routed experts a token does not use, summed over MoE layers."""
    skipped = 0
    for m in model.modules():
        if hasattr(m, "experts") and hasattr(m, "top_k"):
            per_expert = sum(p.numel() for p in m.experts.parameters()) // m.n_experts
            skipped += (m.n_experts - m.top_k) * per_expert
    return skipped


def memory(total: int) -> dict[str, int]:
    mem = {fmt: int(total * b + 0.5) for fmt, b in BYTES_PER_PARAM.items()}  # int4: an odd count rounds up a byte
    mem["training"] = total * TRAINING_BYTES_PER_PARAM
    return mem


def count_module(model: nn.Module) -> Count:
    """Count a built model (any device, meta included)."""
    breakdown = dict.fromkeys(KINDS, 0)
    n_layers = len(getattr(getattr(model, "model", None), "layers", None)
                   or getattr(getattr(model, "transformer", None), "h", None)
                   or getattr(getattr(model, "encoder", None), "layer", None) or [])
    by_layer = [0] * n_layers
    seen = set()
    for path, module in model.named_modules():
        for name, p in module.named_parameters(recurse=False):
            if id(p) in seen:  # a tied output head is the embedding again
                continue
            seen.add(id(p))
            n = p.numel()
            breakdown[kind_of(path, module, name)] += n
            if (m := LAYER.search(path + ".")) is not None:
                by_layer[int(m.group(1))] += n
    total = sum(breakdown.values())
    assert total == sum(p.numel() for p in model.parameters())
    active = total - inactive_experts(model)
    return Count(total, active, {k: v for k, v in breakdown.items() if v}, by_layer, memory(total))


# --8<-- [start:formulas]
def gpt2_formula(c: GPT2Config) -> int:
    d, I = c.n_embd, c.n_inner
    per_layer = (2 * 2 * d              # two LayerNorms, weight and bias
                 + d * 3 * d + 3 * d    # q, k, v in one matrix, with biases
                 + d * d + d            # attention output projection
                 + d * I + I + I * d + d)  # MLP up and down, with biases
    return c.vocab_size * d + c.n_positions * d + c.n_layer * per_layer + 2 * d  # output head tied: not added


def bert_formula(c: BertConfig) -> int:
    d, I = c.hidden_size, c.intermediate_size
    embeddings = (c.vocab_size + c.max_position_embeddings + c.type_vocab_size) * d + 2 * d  # + LayerNorm
    per_layer = 4 * (d * d + d) + 2 * d + (d * I + I) + (I * d + d) + 2 * d  # q, k, v, out; norm; MLP; norm
    pooler = d * d + d if c.add_pooling_layer else 0
    return embeddings + c.num_hidden_layers * per_layer + pooler


def llama_formula(c: LlamaConfig) -> tuple[int, int]:
    """(total, active) for Llama and its relatives."""
    d, I, hd = c.hidden_size, c.intermediate_size, c.head_dim
    q, kv = c.num_attention_heads * hd, c.num_key_value_heads * hd
    attention = d * q + 2 * d * kv + q * d
    if c.attention_bias or c.qkv_bias:
        attention += q + 2 * kv
    if c.attention_bias:
        attention += d
    mlp = 3 * d * I + (2 * I + d if c.mlp_bias else 0)  # gate, up, down
    norms = (4 if c.sandwich_norm else 2) * d
    skipped = 0
    if c.num_local_experts:  # every expert is a gated MLP; the router is one d-vector per expert
        mlp = c.num_local_experts * 3 * d * I + c.num_local_experts * d
        skipped = c.num_hidden_layers * (c.num_local_experts - c.num_experts_per_tok) * 3 * d * I
    head = 0 if c.tie_word_embeddings else c.vocab_size * d
    total = c.vocab_size * d + c.num_hidden_layers * (attention + mlp + norms) + d + head
    return total, total - skipped


def deepseek_v3_formula(c: DeepseekV3Config) -> tuple[int, int]:
    """(total, active) for DeepSeek-V3: latent attention, dense first layers, shared + routed experts."""
    d, h = c.hidden_size, c.num_attention_heads
    qk = c.qk_nope_head_dim + c.qk_rope_head_dim
    if c.q_lora_rank is None:
        query = d * h * qk
    else:  # down to the latent, its norm, up to the heads
        query = d * c.q_lora_rank + c.q_lora_rank + c.q_lora_rank * h * qk
    kv = d * (c.kv_lora_rank + c.qk_rope_head_dim) + c.kv_lora_rank + c.kv_lora_rank * h * (c.qk_nope_head_dim
                                                                                             + c.v_head_dim)
    attention = query + kv + h * c.v_head_dim * d
    if c.attention_bias:
        attention += (c.q_lora_rank or 0) + c.kv_lora_rank + c.qk_rope_head_dim + d
    expert = 3 * d * c.moe_intermediate_size
    moe = c.n_routed_experts * expert + c.n_routed_experts * d + c.n_shared_experts * expert  # + router
    n_dense = min(c.first_k_dense_replace, c.num_hidden_layers)
    n_moe = c.num_hidden_layers - n_dense
    layers = c.num_hidden_layers * (attention + 2 * d) + n_dense * 3 * d * c.intermediate_size + n_moe * moe
    head = 0 if c.tie_word_embeddings else c.vocab_size * d
    total = c.vocab_size * d + layers + d + head
    return total, total - n_moe * (c.n_routed_experts - c.num_experts_per_tok) * expert
# --8<-- [end:formulas]


def formula(config) -> tuple[int, int]:
    """(total, active) from the closed-form formula of the config's family."""
    if isinstance(config, GPT2Config):
        return (n := gpt2_formula(config)), n
    if isinstance(config, BertConfig):
        return (n := bert_formula(config)), n
    if isinstance(config, LlamaConfig):
        return llama_formula(config)
    return deepseek_v3_formula(config)


def count(config) -> Count:
    """Count the architecture `config` (a zoo name, our dataclass or a Hugging Face config dict) on the meta device."""
    if isinstance(config, str):
        from paramscope import zoo
        config = zoo.get(config).config
    model = build_model(config, device="meta")
    result = count_module(model)
    expected = formula(model.config)
    assert (result.total, result.active) == expected, f"module {result.total, result.active} != formula {expected}"
    return result
