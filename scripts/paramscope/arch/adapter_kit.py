"""The vocabulary adapters are written in (the format is described in paramscope.arch.adapters): a read, the
shape every decoder reads, the padding id, the checks and `Arch` fields most families share. The families' modules
(adapters_dense, adapters_hybrid, adapters_moe, adapters_run) and paramscope.arch.adapters import it; it imports
none of them.
"""
REQUIRED = ...  # a read with no default: the field must be in the config


def r(name, type_, fields, default=REQUIRED):
    return (name, type_, fields.split("|"), default)


# The shape every decoder reads, with a family's defaults.
def decoder(ffn=REQUIRED, kv="heads", head_dim="d / heads", tie=False, extra=(), sizes=(REQUIRED,) * 4):
    """`sizes`: the defaults of vocab_size, hidden_size, num_hidden_layers and num_attention_heads (required when
    the family's class has none)."""
    vocab, d, layers, heads = sizes
    return [r("vocab", "int", "vocab_size", vocab), r("d", "int", "hidden_size", d),
            r("layers", "int", "num_hidden_layers", layers), r("heads", "int", "num_attention_heads", heads),
            r("kv", "int", "num_key_value_heads", kv),
            r("hd", "int", "head_dim", head_dim), r("ffn", "int", "intermediate_size", ffn),
            r("tie", "bool", "tie_word_embeddings", tie), *extra]


def pad(default) -> tuple:
    """The padding id (null: none), which transformers' embedding table requires to be one of its rows."""
    return r("pad", "id", "pad_token_id", -1 if default is None else default)


PAD_CHECK = ("pad_token_id", "pad < vocab", "{pad} is not a row of the {vocab}-token embedding table")
HEADS_DIVIDE = [("num_attention_heads", "given('hd') || d % heads == 0", "{heads} does not divide hidden_size {d}"),
                ("num_key_value_heads", "heads % kv == 0", "{kv} does not divide num_attention_heads {heads}")]
TOPK = [("num_experts_per_tok", "top_k <= experts", "{top_k} is more than the {experts} experts")]
LLAMA_ARCH = dict(vocab="vocab", d="d", layers="layers", heads="heads", kv_heads="kv", head_dim="hd", ffn="ffn",
                  norm="d", tie="tie")
BIAS = [r("bias", "bool", "attention_bias", False)]


def llama_like(ffn, kv="heads", head_dim="d / heads", tie=False, extra=(), check=(), sizes=(REQUIRED,) * 4, **arch):
    # A head width of its own (a number, not width / heads) need not divide the width.
    heads_divide = HEADS_DIVIDE[1:] if isinstance(head_dim, int) else HEADS_DIVIDE
    return dict(read=decoder(ffn, kv, head_dim, tie, extra, sizes), check=heads_divide + list(check),
                arch={**LLAMA_ARCH, **arch})
