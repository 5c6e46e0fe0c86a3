"""What the Model size page's calculator (docs/javascripts/count.js) reads: the adapters, the published formula,
the description's defaults, the kinds with their colours and words, the number formats and the zoo's configs."""
from dataclasses import MISSING, fields

from paramscope import arch
from paramscope.arch import formula, kvcache, zoo
from paramscope.arch.description import COUNT_FIELDS
from paramscope.arch.counting import BYTES_PER_PARAM, TRAINING_BYTES_PER_PARAM
from paramscope.figures import style


def calculator_data() -> dict:
    """What the page's calculator (docs/javascripts/count.js) reads: the adapters, the description's defaults, the
    kinds' colours and words, the number formats, and the zoo's configs."""
    defaults = {f.name: list(f.default) if isinstance(f.default, tuple) else f.default
                for f in fields(arch.Arch) if f.default is not MISSING and f.name in COUNT_FIELDS}  # tuples as lists
    formats = [{"name": fmt, "label": fmt, "bytes": b} for fmt, b in BYTES_PER_PARAM.items()]  # defined once
    formats.append({"name": "training", "label": "training with Adam (weights, gradients, optimizer)",
                    "bytes": TRAINING_BYTES_PER_PARAM})
    return {"adapters": arch.published(), "formula": formula.published(), "kv": kvcache.published(), "defaults": defaults,
            "kinds": list(arch.KINDS),
            "colors": {k: style.KIND_COLORS[k] for k in arch.KINDS},
            "labels": {k: style.KIND_LABELS[k] for k in arch.KINDS}, "formats": formats,
            "zoo": {name: {"label": e.label, "config": e.config} for name, e in zoo.every().items()}}
