"""The closed-form parameter count of an `Arch`, written once for every family: total, active, by kind, by block.

The formula is data: named expressions of paramscope.arch.expr over the description's fields, evaluated in order.
Python evaluates them here; the page (docs/javascripts/formula.js) evaluates the same published trees, so there is
one formula, not a port. Pure integer arithmetic: the same time for one block or 10^12, no tensor built.
"""
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from paramscope.arch.description import COUNT_FIELDS, Arch
from paramscope.arch.expr import evaluate, parse

# The kinds of parameter, in the order the pages list them (paramscope.figures.style gives each a colour and a
# word), and the formula's name for each one's count.
KIND_TERMS = {
    "embeddings": "k_embeddings", "attention": "k_attention", "attention sinks": "k_sinks",
    "output gates": "k_gates", "state-space": "k_ssm", "linear attention": "k_linear",
    "short convolutions": "k_conv", "mlp": "k_mlp", "experts": "k_experts", "expert biases": "k_expert_biases",
    "router": "k_router", "norms": "k_norms", "output head": "k_head", "biases": "k_biases", "pooler": "k_pooler",
}
KINDS = tuple(KIND_TERMS)

# --8<-- [start:formulas]
FORMULA = [
    # One attention: weights, the norms inside it (latent attention, query/key norms) and biases.
    ("v", "v_head_dim > 0 ? v_head_dim : head_dim"),
    ("emb", "emb_dim > 0 ? emb_dim : d_model"),
    ("q_out", "heads * head_dim"),
    ("kv_out", "kv_heads * head_dim + kv_heads * v"),
    ("latent_q", "q_lora > 0 ? d_model * q_lora + q_lora * heads * head_dim : d_model * heads * head_dim"),
    ("attn_w", "kv_lora > 0 ? latent_q + d_model * (kv_lora + rope_dim) + kv_lora * heads * (head_dim - rope_dim + v)"
               " + heads * v * d_model : d_model * (q_out + kv_out) + heads * v * d_model"),
    ("attn_norms", "(kv_lora > 0 ? q_lora + kv_lora : 0) + qk_norm"),
    ("attn_b", "(qkv_bias ? (kv_lora > 0 ? q_lora + kv_lora + rope_dim : q_out + kv_out) : 0) + (o_bias ? d_model : 0)"
               " + (qkv_bias && out_gate ? q_out : 0)"),
    ("gate_w", "out_gate ? d_model * q_out : 0"),
    ("sink", "sinks ? heads : 0"),
    # One MLP, one expert, one mixture (routed and shared experts, router).
    ("mlp_w", "(gated ? 3 : 2) * d_model * ffn + act_params"),
    ("mlp_b", "mlp_bias ? (gated ? 2 : 1) * ffn + d_model : 0"),
    ("expert", "3 * d_model * expert_ffn"),
    ("expert_b", "expert_bias ? 2 * expert_ffn + d_model : 0"),
    ("experts_w", "experts * expert + 3 * d_model * shared_ffn"),
    ("router_w", "experts * d_model + (shared_gate ? d_model : 0) + router_bias"),
    # Which blocks have which mixer, which are mixtures.
    ("n_attn", "pattern_count(mixers, 'attention', layers)"),
    ("n_ssm", "pattern_count(mixers, 'ssm', layers)"),
    ("n_linear", "pattern_count(mixers, 'linear', layers)"),
    ("n_conv", "pattern_count(mixers, 'conv', layers)"),
    ("n_moe", "experts == 0 ? 0 : (moe_listed ? listed_count(moe_list, layers)"
              " : moe_layers(layers, dense_first, moe_step, dense_layers, moe_offset, moe_last))"),
    ("n_dense", "layers - n_moe"),
    ("stacks", "decoder_layers > 0 ? 2 : 1"),
    ("rel", "rel_buckets * heads"),  # T5's relative-position bias, in the first block of each stack
    ("dl", "decoder_layers"),
    # Each kind, summed over the blocks (a decoder block of an encoder-decoder: two attentions and one more norm).
    ("k_embeddings", "vocab * emb + (positions + token_types) * d_model + (emb != d_model ? 2 * d_model * emb : 0)"),
    ("k_attention", "n_attn * attn_w + rel * stacks + dl * 2 * attn_w"),
    ("k_sinks", "n_attn * sink"),
    ("k_gates", "n_attn * gate_w"),
    ("k_ssm", "n_ssm * ssm"),
    ("k_linear", "n_linear * linear"),
    ("k_conv", "n_conv * conv"),
    ("k_mlp", "n_dense * mlp_w + dl * mlp_w"),
    ("k_experts", "n_moe * experts_w"),
    ("k_expert_biases", "n_moe * experts * expert_b"),
    ("k_router", "n_moe * router_w"),
    ("k_norms", "(embed_norm ? norm : 0) + (final_norm ? stacks * norm : 0) + n_attn * attn_norms"
                " + layers * norms * norm + n_ssm * ssm_norm + n_linear * linear_norm"
                " + dl * (2 * attn_norms + (norms + 1) * norm)"),
    ("k_head", "head && !tie ? vocab * emb : 0"),
    ("k_biases", "n_attn * attn_b + n_dense * mlp_b + dl * (2 * attn_b + mlp_b) + (head && head_bias ? vocab : 0)"
                 " + n_ssm * ssm_bias + n_linear * linear_bias + n_conv * conv_bias"),
    ("k_pooler", "pooler ? d_model * d_model + d_model : 0"),
    ("total", " + ".join(KIND_TERMS.values())),
    ("active", "total - n_moe * (experts - top_k) * (expert + expert_b)"),
]
# Parameters of block i (encoder or decoder-only blocks, then decoder blocks), with `i` bound.
BLOCK = [
    ("mix", "pattern_at(mixers, i)"),
    ("moe_i", "experts > 0 && (moe_listed ? has(moe_list, i)"
              " : is_moe(i, dense_first, moe_step, dense_layers, moe_offset, moe_last))"),
    ("block", "i >= layers ? 2 * (attn_w + attn_norms + attn_b) + (norms + 1) * norm + mlp_w + mlp_b"
              " + (i == layers ? rel : 0)"
              " : (has(mix, 'attention') ? attn_w + attn_norms + attn_b + gate_w + sink : 0)"
              " + (has(mix, 'ssm') ? ssm + ssm_norm + ssm_bias : 0)"
              " + (has(mix, 'linear') ? linear + linear_norm + linear_bias : 0)"
              " + (has(mix, 'conv') ? conv + conv_bias : 0) + norms * norm"
              " + (moe_i ? experts_w + experts * expert_b + router_w : mlp_w + mlp_b) + (i == 0 ? rel : 0)"),
]
# --8<-- [end:formulas]


@cache
def published() -> dict:
    """The formula as JSON-ready trees, as the page reads it."""
    return {"formula": [[name, parse(text)] for name, text in FORMULA],
            "block": [[name, parse(text)] for name, text in BLOCK], "kinds": KIND_TERMS}


class Layers(Sequence):
    """Parameters of each block, computed on demand (a model may have more blocks than memory holds)."""

    def __init__(self, n: int, size):
        self.n, self.size = n, size

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self.n))]
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError(i)
        return self.size(i)

    def __eq__(self, other):
        return len(self) == len(other) and all(a == b for a, b in zip(self, other))

    def __repr__(self):
        return f"Layers({self.n} blocks)"


@dataclass
class Result:
    total: int
    active: int                 # total minus the routed experts a token does not use
    breakdown: dict             # kind -> parameters, kinds of KINDS with a non-zero count; sums to total
    by_layer: Layers            # parameters of each block (encoder blocks, then decoder blocks)
    task: str = ""              # the task head the config names, counted apart: total + task_head is that class
    task_head: int = 0
    note: str = ""


def environment(a: Arch) -> dict:
    """The description's count fields as the formula's names (tuples as lists), with every formula term evaluated
    (how the model computes, `a.run`, is no name of it)."""
    values = {k: getattr(a, k) for k in COUNT_FIELDS}
    env = {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}
    for name, tree in published()["formula"]:
        env[name] = evaluate(tree, env)
    return env


def count(a: Arch) -> Result:
    """Total, active, by kind and by block for the architecture `a`."""
    env = environment(a)
    breakdown = {kind: env[term] for kind, term in KIND_TERMS.items() if env[term]}

    def block(i: int) -> int:
        local = {**env, "i": i}
        for name, tree in published()["block"]:
            local[name] = evaluate(tree, local)
        return local["block"]

    return Result(env["total"], env["active"], breakdown, Layers(a.layers + a.decoder_layers, block), a.task,
                  a.task_head, a.note)
