"""The vocabulary adapters are written in (the format: paramscope.arch.adapters): a read (`Read`, written with r(),
its type one of reading.TYPES), a check (`Check`), reads with their checks (`Rows`); and the rules most families
share: the shape every decoder reads, the padding id, the checks on heads and experts, the Llama-shaped decoder. The
families' modules import it; it imports none of them.
"""
from typing import NamedTuple

REQUIRED = ...  # a read with no default: the field must be in the config


class Read(NamedTuple):
    """One value an adapter reads from config.json, under a name its expressions use."""
    name: str             # "vocab": the name the checks and `arch` expressions use
    type: str             # how the value is checked: one of reading.TYPES ("int", "bool", ...)
    fields: list[str]     # the config fields tried in order: the first present and not null is read
    default: object = REQUIRED   # a literal or an expression over names read before; REQUIRED: none


class Check(NamedTuple):
    """A condition transformers' config class also holds to: false, the config is refused naming `field`."""
    field: str            # the config field the refusal names
    holds: str            # an expression over the names read, true for a config that is accepted
    message: str          # the refusal, with {name} replaced by each value read


class Rows(NamedTuple):
    """Reads and the checks over them that go together (a schedule's `layer_types` and its checks)."""
    read: list[Read]
    check: list[Check]


def r(name: str, type_: str, fields: str, default=REQUIRED) -> Read:
    """A read, in one short line: r("vocab", "int", "vocab_size", 32000) reads the config's vocab_size, a positive
    integer, as `vocab` (32000 when absent); alternative fields are separated by "|"."""
    return Read(name=name, type=type_, fields=fields.split("|"), default=default)


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


def pad(default) -> Read:
    """The padding id (null: none), which transformers' embedding table requires to be one of its rows."""
    return r("pad", "id", "pad_token_id", -1 if default is None else default)


PAD_CHECK = Check(field="pad_token_id", holds="pad < vocab",
                  message="{pad} is not a row of the {vocab}-token embedding table")
HEADS_DIVIDE = [Check(field="num_attention_heads", holds="given('hd') || d % heads == 0",
                      message="{heads} does not divide hidden_size {d}"),
                Check(field="num_key_value_heads", holds="heads % kv == 0",
                      message="{kv} does not divide num_attention_heads {heads}")]
TOPK = [Check(field="num_experts_per_tok", holds="top_k <= experts",
              message="{top_k} is more than the {experts} experts")]
LLAMA_ARCH = dict(vocab="vocab", d_model="d", layers="layers", heads="heads", kv_heads="kv", head_dim="hd", ffn="ffn",
                  norm="d", tie="tie")
BIAS = [r("bias", "bool", "attention_bias", False)]


def llama_like(ffn, kv="heads", head_dim="d / heads", tie=False, extra=(), check=(), sizes=(REQUIRED,) * 4, **arch):
    # A head width of its own (a number, not width / heads) need not divide the width.
    heads_divide = HEADS_DIVIDE[1:] if isinstance(head_dim, int) else HEADS_DIVIDE
    return dict(read=decoder(ffn, kv, head_dim, tie, extra, sizes), check=heads_divide + list(check),
                arch={**LLAMA_ARCH, **arch})
