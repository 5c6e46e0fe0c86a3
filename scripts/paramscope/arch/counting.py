"""Count a model's parameters: total, active per token (mixture of experts), by kind, by layer, and bytes to hold them.

Counts come from the closed-form formula over the architecture's description (paramscope.arch), without torch;
the tests check it against our modules (`count_module`, on the meta device) and against transformers.
"""
from dataclasses import dataclass, field
from fractions import Fraction
from math import ceil

from paramscope import arch

# The one taxonomy of parameter kinds (paramscope.arch.formula.KINDS), used by the counter, the torch count, the
# calculator, the diagrams and every page. A parameter has one kind: the part it belongs to (embeddings, attention,
# MLP, experts, router, pooler, output head ...), except that the linear layers' biases are "biases" and every
# parameter of a norm (a LayerNorm's scale and its shift alike) is "norms". So "biases" here is the linear
# layers' biases; a page that counts every tensor named `bias` (LayerNorm shifts, the pooler's bias) says so and
# names the difference (the Bias page).
KINDS = arch.KINDS
# The MLPs, experts included (a mixture of experts replaces a block's MLP).
MLP_KINDS = ("mlp", "experts", "expert biases")

# Bytes per parameter to hold the weights in each number format (int4 packs two parameters per byte), defined
# once: the calculator, the release formats (paramscope.arch.release) and the pages read them here.
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
    breakdown: dict[str, int]        # kind of KINDS -> parameters, the kinds with any (sums to total)
    by_layer: list[int]              # parameters in each transformer layer (a lazy sequence for counted models)
    memory: dict[str, int] = field(default_factory=dict)  # format -> bytes for the weights (+ "training")
    task: str = ""                   # the task head `architectures` names (encoders), counted apart
    task_head: int = 0
    note: str = ""                   # a line to print with the total (a multimodal model's vision tower left out)


# What "active" means, once for the whole site: every parameter a token's computation uses, that is all of them
# except the routed experts the router did not choose for it, the whole embedding table and output head included (a
# token reads one row of the table, but the table is there for every token). Makers count their own way; each
# convention is the site's active count less what the maker leaves out.
ACTIVE_CONVENTIONS = {
    "all": (),
    "no input embeddings": ("embeddings",),                    # gpt-oss's card
    "no embeddings or head": ("embeddings", "output head"),    # non-embedding active (Qwen's "A3B")
}


def active_as(c: "Count", convention: str = "all") -> int:
    """`c`'s active parameters under a maker's convention (ACTIVE_CONVENTIONS)."""
    return c.active - sum(c.breakdown.get(k, 0) for k in ACTIVE_CONVENTIONS[convention])


def total_as(c: "Count", convention: str = "all") -> int:
    """`c`'s total under a maker's convention (the same conventions: what the maker leaves out)."""
    return c.total - sum(c.breakdown.get(k, 0) for k in ACTIVE_CONVENTIONS[convention])


def memory(total: int) -> dict[str, int]:
    """Bytes to hold `total` parameters in each format (BYTES_PER_PARAM), exact integers at any size (int4: an odd
    count rounds up a byte)."""
    return {**{fmt: ceil(total * Fraction(b)) for fmt, b in BYTES_PER_PARAM.items()},
            "training": total * TRAINING_BYTES_PER_PARAM}


def describe(config, source: str | None = None) -> arch.Arch:
    """The description of `config`: a Hugging Face config.json dict, or an `Arch` already (a zoo entry's is
    `zoo.get(name).config`: the zoo reads this module, never the reverse)."""
    if isinstance(config, arch.Arch):
        return config
    return arch.describe(dict(config), source or "config")


def count(config, source: str | None = None) -> Count:
    """Count the architecture `config` (a config.json dict or an `Arch`) with the closed-form formula."""
    r = arch.count(describe(config, source))
    return Count(r.total, r.active, r.breakdown, r.by_layer, memory(r.total), r.task, r.task_head, r.note)
