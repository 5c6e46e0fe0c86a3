"""The page's words for a model's parameters, read from their names: one vocabulary for every figure, table and fact.

A parameter's name ends in its module's name, Llama's (`self_attn.q_proj`) or BERT's (`attention.self.query`). Each
module has a short word for a box in a diagram ("query"), a longer one that stands alone in a table or a legend
("attention query") and the kind of `paramscope.figures.style` that colours it. A name the vocabulary does not know is
an error, never silently dropped.
"""
from typing import NamedTuple


class Word(NamedTuple):
    word: str   # in a diagram, where the block around it says what it belongs to: "query", "RMSNorm"
    alone: str  # standing alone, in a table, a legend or a fact's name: "attention query", "norm"
    kind: str   # a kind of paramscope.figures.style: the colour


def _in_block(kind: str, word: str) -> Word:
    return Word(word, f"{'attention' if kind == 'attention' else 'MLP'} {word}", kind)


# A module's name (its last meaningful parts) -> the page's words for its parameters.
WORDS = {
    # Llama-style names (SmolLM2, the zoo's decoders, the tiny trained model, LoRA)
    "embed_tokens": Word("embeddings", "embedding", "embeddings"),
    "lm_head": Word("output head", "output head", "output head"),
    "q_proj": _in_block("attention", "query"),
    "k_proj": _in_block("attention", "key"),
    "v_proj": _in_block("attention", "value"),
    "o_proj": _in_block("attention", "output"),
    "gate_proj": _in_block("mlp", "gate"),
    "up_proj": _in_block("mlp", "up"),
    "down_proj": _in_block("mlp", "down"),
    "gate_up_proj": _in_block("mlp", "gate and up"),   # experts store both in one tensor
    "input_layernorm": Word("RMSNorm", "norm", "norms"),
    "post_attention_layernorm": Word("RMSNorm", "norm", "norms"),
    "norm": Word("RMSNorm", "norm", "norms"),
    "gate": Word("router", "router", "router"),         # a mixture of experts' router is its `gate`
    "lora_A": Word("A", "LoRA A", "lora"),
    "lora_B": Word("B", "LoRA B", "lora"),
    # BERT-style names (all-MiniLM-L6-v2)
    "word_embeddings": Word("word embedding", "word embedding", "embeddings"),
    "position_embeddings": Word("position embedding", "position embedding", "embeddings"),
    "token_type_embeddings": Word("segment embedding", "segment embedding", "embeddings"),
    "attention.self.query": _in_block("attention", "query"),
    "attention.self.key": _in_block("attention", "key"),
    "attention.self.value": _in_block("attention", "value"),
    "attention.output.dense": _in_block("attention", "output"),
    "intermediate.dense": _in_block("mlp", "up"),
    "output.dense": _in_block("mlp", "down"),
    "LayerNorm": Word("LayerNorm", "norm", "norms"),
    "pooler.dense": Word("pooler", "pooler", "pooler"),
}
SKIP = {"weight", "bias", "base_layer"}       # parts that say nothing about what the matrix is for
EXPERTS = {"experts": "expert", "shared_experts": "shared expert"}  # an MLP inside these is an expert


def of(name: str) -> Word:
    """The words for a parameter or module name such as `model.layers.0.self_attn.q_proj.base_layer.weight`: the
    longest known module name that ends at the last part the vocabulary knows."""
    parts = name.split(".")
    meaningful = [p for p in parts if p not in SKIP and not p.isdigit()]
    for end in range(len(meaningful), 0, -1):
        for start in range(end):
            if (key := ".".join(meaningful[start:end])) in WORDS:
                found = WORDS[key]
                if found.kind == "mlp" and any(p in EXPERTS for p in parts):
                    found = found._replace(kind="experts")
                return found
    raise KeyError(f"no page word for parameter '{name}': add its module's name to paramscope.text.words.WORDS")


def weights_by_word(names) -> dict[str, list[str]]:
    """The weight tensors among parameter `names` (those ending in ".weight"; biases have their own page) grouped by
    the word that stands alone for them ("attention query", "norm"), the groups in order of first appearance."""
    groups = {}
    for name in names:
        if name.endswith(".weight"):
            groups.setdefault(of(name).alone, []).append(name)
    return groups
