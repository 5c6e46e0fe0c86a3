"""`paramscope count CONFIG.json|NAME [--json]`: parameters of an architecture, by kind, and bytes to hold them."""
import json
import sys
from pathlib import Path


def add_arguments(parser):
    parser.add_argument("model", metavar="CONFIG.json|NAME",
                        help="a Hugging Face config.json, or a name from the zoo (e.g. gpt2, llama-3.1-405b)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")


def _config(arg: str):
    """The zoo entry's config for a zoo name, else the config read from the file `arg`."""
    from paramscope import zoo
    from paramscope.config import ConfigError, from_hf, load

    if arg in zoo.ZOO and not Path(arg).is_file():
        entry = zoo.get(arg)
        return from_hf(entry.config, f"zoo:{arg}"), entry.label
    if not Path(arg).exists() and not arg.endswith(".json"):
        raise ConfigError(f"{arg}: neither a file nor a zoo name (zoo: {', '.join(zoo.ZOO)})")
    return load(arg), arg


def human(n: float, unit: str = "") -> str:
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if n >= size:
            return f"{n / size:.2f}{suffix}{unit}"
    return f"{n:g}{unit}" if not unit else f"{n:g} {unit}"


def table(label: str, c) -> str:
    rows = [f"{label}", f"  {'total':<24}{c.total:>22,}  ({human(c.total)})"]
    if c.active != c.total:
        rows.append(f"  {'active per token':<24}{c.active:>22,}  ({human(c.active)})")
    rows.append("  by kind")
    rows += [f"    {kind:<22}{n:>22,}  {n / c.total:6.1%}" for kind, n in c.breakdown.items()]
    rows.append("  memory for the weights")
    rows += [f"    {fmt:<22}{b:>22,} B  ({b / 2**30:,.2f} GiB)" for fmt, b in c.memory.items() if fmt != "training"]
    rows.append(f"  {'training (Adam, mixed)':<24}{c.memory['training']:>22,} B  "
                f"({c.memory['training'] / 2**30:,.2f} GiB, weights + gradients + optimizer, no activations)")
    return "\n".join(rows)


def run(args) -> int:
    from paramscope import counting
    from paramscope.config import ConfigError

    try:
        config, label = _config(args.model)
    except ConfigError as e:
        print(e, file=sys.stderr)
        return 2
    c = counting.count(config)
    if args.json:
        print(json.dumps({"model": label, "total": c.total, "active": c.active, "breakdown": c.breakdown,
                          "memory": c.memory, "by_layer": c.by_layer,
                          "bytes_per_param": {**counting.BYTES_PER_PARAM,
                                              "training": counting.TRAINING_BYTES_PER_PARAM}}))
    else:
        print(table(label, c))
    return 0
