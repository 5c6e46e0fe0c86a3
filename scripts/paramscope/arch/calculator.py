"""What the Model size page's calculator (docs/javascripts/count.js) reads: the adapters, the published formula,
the description's defaults, the kinds with their colours and words (the site's look, passed in), the number formats,
the zoo's configs and the diagrams' toy configs. Data drawn from paramscope.arch, nothing drawn."""
from dataclasses import MISSING, fields
from fractions import Fraction

from paramscope import arch
from paramscope.arch import counting, formula, kv_bytes, zoo
from paramscope.arch.counting import BYTES_PER_PARAM, TRAINING_BYTES_PER_PARAM
from paramscope.arch.description import COUNT_FIELDS

# Toy configurations the diagrams start from (docs/javascripts/layer.js, data-toy="NAME"): small enough to count by
# hand. "layer": vectors of 4 numbers, 2 query heads sharing 1 key-value head of 2 numbers, an MLP 8 units wide.
TOYS = {"layer": {"label": "A toy layer (vectors of four numbers)",
                  "config": {"model_type": "llama", "vocab_size": 10, "hidden_size": 4, "intermediate_size": 8,
                             "num_hidden_layers": 2, "num_attention_heads": 2, "num_key_value_heads": 1,
                             "tie_word_embeddings": True}}}

# The calculator opens on the first of these the zoo holds: the model the site runs throughout, a decoder whose KV
# cache the page's memory table shows (the zoo's first entry by name was an encoder, whose cache is 0 bytes).
OPENING = ("smollm2-135m", "llama-3-8b")


# What a kind holds where its name alone could mislead: the one taxonomy files a normalisation layer's shift (a
# vector it adds, like a bias) with its scale, so the calculator says so under its table of kinds.
KIND_NOTES = {"biases": "those of the weight matrices.",
              "norms": "each normalisation layer's scale, and its shift where it has one (the Bias page counts "
                       "the shifts with the biases).",
              "pooler": "a last layer that sums a sentence up, its weights and its bias."}


def number_formats(blocks: dict[str, tuple[int, int]]) -> list[dict]:
    """The calculator's rows of formats, each with its bytes per parameter as a fraction (`num` / `den`, which the
    page rounds up as paramscope.arch.counting.memory does): the bare formats of BYTES_PER_PARAM, then the file
    formats of `blocks` (a GGUF name -> numbers per block, bytes per block, scales included), then training."""
    rows = []
    for fmt, b in BYTES_PER_PARAM.items():
        share = Fraction(b)
        bare = ", bare numbers" if share < 2 else ""  # fp8 and int4 files store block scales too (below)
        rows.append({"name": fmt, "label": f"{fmt}{bare}", "num": share.numerator, "den": share.denominator})
    for name, (block_size, block_bytes) in blocks.items():
        rows.append({"name": name, "label": f"{name} with scales ({8 * block_bytes / block_size:g} bits)",
                     "num": block_bytes, "den": block_size})
    rows.append({"name": "training", "label": "training with Adam (weights, gradients, optimizer)",
                 "bytes": TRAINING_BYTES_PER_PARAM, "num": TRAINING_BYTES_PER_PARAM, "den": 1})
    return rows


def calculator_data(colors: dict[str, str], labels: dict[str, str], blocks: dict[str, tuple[int, int]]) -> dict:
    """What the page's calculator (docs/javascripts/count.js) reads: the adapters, the description's defaults, the
    kinds' colours and words (`colors`, `labels`: each kind's, paramscope.figures.style's on this site), the number
    formats (`blocks`: the file formats' layouts, number_formats), and the zoo's configs, in the order the calculator
    lists them, with the one it opens on."""
    defaults = {f.name: list(f.default) if isinstance(f.default, tuple) else f.default
                for f in fields(arch.Arch) if f.default is not MISSING and f.name in COUNT_FIELDS}  # tuples as lists
    formats = number_formats(blocks)  # bytes defined once: counting's and the file formats' own layouts
    return {"adapters": arch.published(), "formula": formula.published(), "kv": kv_bytes.published(),
            "defaults": defaults,
            "kinds": list(arch.KINDS),
            "colors": {k: colors[k] for k in arch.KINDS},
            "labels": {k: labels[k] for k in arch.KINDS}, "notes": KIND_NOTES, "formats": formats,
            "zoo": {name: {"label": e.label, "config": e.config} for name, e in zoo.every().items()},
            "order": zoo_order(), "opening": next(name for name in OPENING if name in zoo.every()),
            "toys": TOYS}


def for_diagrams(data: dict) -> dict:
    """The calculator's data (calculator_data) cut to what the Layer and Transformer diagrams read
    (docs/javascripts/layer.js): they count only the zoo's and the toys' configs, so they need only the adapters of
    those configs' model types (a wrapper's own and its text model's). It is about half the calculator's download,
    which a page with a diagram would otherwise fetch whole."""
    pub = data["adapters"]
    configs = [e["config"] for e in data["zoo"].values()] + [t["config"] for t in data["toys"].values()]
    types = set()
    for config in configs:
        kind = config["model_type"]
        types |= {kind, pub["wrappers"][kind]["text"]} if kind in pub["wrappers"] else {kind}
    adapters = {kind: a for kind, a in pub["adapters"].items() if kind in types}
    return {**data, "adapters": {**pub, "adapters": adapters}}


def zoo_order() -> list[str]:
    """The zoo's names from the fewest parameters to the most (then by label), as the calculator lists them: the
    data's "zoo" is an object, whose keys JSON writes sorted by name."""
    every = zoo.every()
    return sorted(every, key=lambda name: (counting.count(every[name].config).total, every[name].label))
