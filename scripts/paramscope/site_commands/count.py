"""`paramscope count CONFIG.json|NAME [--json]`: parameters of an architecture, by kind, and bytes to hold them.

No torch: the count is the closed-form formula over the config's description (paramscope.arch).
"""
import json
import sys
from pathlib import Path

# Blocks listed one by one in --json up to this depth (deeper models: only their number).
MAX_LISTED_LAYERS = 100_000


def add_arguments(parser):
    parser.add_argument("model", metavar="CONFIG.json|NAME",
                        help="a Hugging Face config.json, or a name from the zoo (e.g. gpt2, llama-3.1-405b)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")


def _arch(arg: str):
    """(description, label) for a zoo name, else for the config.json file `arg`."""
    from paramscope.arch import zoo
    from paramscope.arch.config import ConfigError, describe, load

    if arg in zoo.every() and not Path(arg).is_file():
        entry = zoo.get(arg)
        return describe(entry.config, f"zoo:{arg}"), entry.label
    if not Path(arg).exists() and not arg.endswith(".json"):
        raise ConfigError(f"{arg}: neither a file nor a zoo name (zoo: {', '.join(zoo.every())})")
    return load(arg), arg


def human(n: float, unit: str = "") -> str:
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if n >= size:
            return f"{n / size:.2f}{suffix}{unit}"
    return f"{n:g}{unit}" if not unit else f"{n:g} {unit}"


def table(label: str, c) -> str:
    rows = [f"{label}", *([f"  note: {c.note}"] if c.note else []),
            f"  {'total':<24}{c.total:>22,}  ({human(c.total)})"]
    if c.active != c.total:
        rows.append(f"  {'active per token':<24}{c.active:>22,}  ({human(c.active)})")
    if c.task:
        rows.append(f"  {'with its task head':<24}{c.total + c.task_head:>22,}  ({c.task}, as `architectures` names)")
    rows.append("  by kind")
    rows += [f"    {kind:<22}{n:>22,}  {n / c.total:6.1%}" for kind, n in c.breakdown.items()]
    rows.append("  memory for the weights")
    rows += [f"    {fmt:<22}{b:>22,} B  ({b / 2**30:,.2f} GiB)" for fmt, b in c.memory.items() if fmt != "training"]
    rows.append(f"  {'training (Adam, mixed)':<24}{c.memory['training']:>22,} B  "
                f"({c.memory['training'] / 2**30:,.2f} GiB, weights + gradients + optimizer, no activations)")
    return "\n".join(rows)


def run(args) -> int:
    from paramscope.arch import counting
    from paramscope.arch.config import ConfigError

    try:
        description, label = _arch(args.model)
    except ConfigError as e:
        print(e, file=sys.stderr)
        return 2
    c = counting.count(description)
    if args.json:
        out = {"model": label, "model_type": description.model_type, "total": c.total, "active": c.active,
               "breakdown": c.breakdown, "memory": c.memory, "layers": len(c.by_layer),
               "task": c.task or None, "task_head": c.task_head, "note": c.note or None,
               "bytes_per_param": {**counting.BYTES_PER_PARAM, "training": counting.TRAINING_BYTES_PER_PARAM}}
        if len(c.by_layer) <= MAX_LISTED_LAYERS:
            out["by_layer"] = list(c.by_layer)
        print(json.dumps(out))
    else:
        print(table(label, c))
    return 0
