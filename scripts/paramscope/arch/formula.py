"""The closed-form parameter count of an `Arch`, written once for every family: total, active, by kind, by block.

Pure integer arithmetic on the description: the same time for one block or 10^12, no tensor built.
docs/javascripts/count.js is the same function for the page (tests/test_count_js.py keeps the two equal).
"""
from collections.abc import Sequence
from dataclasses import dataclass

from paramscope.arch.description import Arch
from paramscope.arch.expr import moe_layers

# The kinds of paramscope.style.KIND_COLORS, in the order the pages list them.
KINDS = ("embeddings", "attention", "mlp", "experts", "router", "norms", "output head", "biases", "pooler")


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


# --8<-- [start:formulas]
def attention(a: Arch) -> tuple[int, int, int]:
    """(weights, norm parameters, biases) of one attention."""
    d, h = a.d, a.heads
    v = a.v_head_dim or a.head_dim
    if a.kv_lora:  # latent attention: queries and keys/values pass through low-rank bottlenecks with norms
        nope = a.head_dim - a.rope_dim
        query = a.d * a.q_lora + a.q_lora * h * a.head_dim if a.q_lora else d * h * a.head_dim
        weights = query + d * (a.kv_lora + a.rope_dim) + a.kv_lora * h * (nope + v) + h * v * d
        norms = a.q_lora + a.kv_lora
        biases = (a.q_lora + a.kv_lora + a.rope_dim if a.qkv_bias else 0) + (d if a.o_bias else 0)
        return weights, norms, biases
    q, k, vv = h * a.head_dim, a.kv_heads * a.head_dim, a.kv_heads * v
    weights = d * (q + k + vv) + h * v * d
    biases = (q + k + vv if a.qkv_bias else 0) + (d if a.o_bias else 0)
    return weights, 0, biases


def count(a: Arch) -> Result:
    """Total, active, by kind and by block for the architecture `a`."""
    d = a.d
    emb = a.emb_dim or d
    attn_w, attn_norms, attn_b = attention(a)
    mlp_w = (3 if a.gated else 2) * d * a.ffn
    mlp_b = ((2 if a.gated else 1) * a.ffn + d) if a.mlp_bias else 0
    expert = 3 * d * a.expert_ffn
    experts_w = a.experts * expert + 3 * d * a.shared_ffn
    router_w = a.experts * d + (d if a.shared_gate else 0)
    n_moe = moe_layers(a.layers, a.dense_first, a.moe_step, list(a.dense_layers)) if a.experts else 0
    n_dense = a.layers - n_moe
    stacks = 2 if a.decoder_layers else 1
    rel = a.rel_buckets * a.heads  # T5's relative-position bias, in the first block of each stack

    b = dict.fromkeys(KINDS, 0)
    b["embeddings"] = a.vocab * emb + (a.positions + a.token_types) * d + (2 * d * emb if emb != d else 0)
    b["norms"] = (a.norm if a.embed_norm else 0) + (stacks * a.norm if a.final_norm else 0)
    # Encoder (or decoder-only) blocks.
    b["attention"] = a.layers * attn_w + rel * stacks
    b["norms"] += a.layers * (attn_norms + a.qk_norm + a.norms * a.norm)
    b["biases"] = a.layers * attn_b + n_dense * mlp_b
    b["mlp"] = n_dense * mlp_w
    b["experts"] = n_moe * experts_w
    b["router"] = n_moe * router_w
    # Decoder blocks of an encoder-decoder: self-attention, cross-attention, MLP, one norm more.
    dl = a.decoder_layers
    b["attention"] += dl * 2 * attn_w
    b["norms"] += dl * (2 * (attn_norms + a.qk_norm) + (a.norms + 1) * a.norm)
    b["biases"] += dl * (2 * attn_b + mlp_b)
    b["mlp"] += dl * mlp_w
    if a.head and not a.tie:
        b["output head"] = a.vocab * emb
    if a.head and a.head_bias:
        b["biases"] += a.vocab
    if a.pooler:
        b["pooler"] = d * d + d
    total = sum(b.values())
    active = total - n_moe * (a.experts - a.top_k) * expert

    dense_block = attn_w + attn_norms + a.qk_norm + a.norms * a.norm + attn_b + mlp_w + mlp_b
    moe_block = attn_w + attn_norms + a.qk_norm + a.norms * a.norm + attn_b + experts_w + router_w
    decoder_block = 2 * (attn_w + attn_norms + a.qk_norm + attn_b) + (a.norms + 1) * a.norm + mlp_w + mlp_b
    # --8<-- [end:formulas]
    dense = set(a.dense_layers)

    def block(i: int) -> int:
        if i >= a.layers:
            return decoder_block + (rel if i == a.layers else 0)
        is_moe = a.experts and i >= a.dense_first and (i + 1) % a.moe_step == 0 and i not in dense
        return (moe_block if is_moe else dense_block) + (rel if i == 0 else 0)

    return Result(total, active, {k: v for k, v in b.items() if v}, Layers(a.layers + dl, block), a.task,
                  a.task_head)
