"""The Model size page's calculator: the adapters, the formula and the zoo configs that docs/javascripts/count.js
reads to count a pasted config.json in the browser, with the devices' memory (paramscope.data.accelerators); and the
newest families, counted and set beside the counts their makers publish."""
from paramscope.arch import calculator, counting, zoo
from paramscope.arch.release import release_bytes
from paramscope.checkpoints import storage
from paramscope.data import accelerators
from paramscope.figures import style
from paramscope_generator.api import expect


def rounds_to(ours: float, published: float) -> bool:
    """Equal at the precision the authors quote (21B: billions; 3.6B: tenths of a billion)."""
    digits = len(f"{published / 1e9:g}".partition(".")[2])
    return round(ours / 1e9, digits) == round(published / 1e9, digits)


def newest_table(out) -> None:
    rows = []
    for name, e in zoo.NEWEST.items():
        c = counting.count(e.config)
        active = counting.active_as(c, e.active_convention)
        total = counting.total_as(c, e.total_convention)
        if e.published is not None:
            expect(rounds_to(total, e.published),
                   f"zoo {name}: counted {total:,} ({e.total_convention}) but its makers publish {e.published:g}")
        if e.published_active is not None:
            expect(rounds_to(active, e.published_active),
                   f"zoo {name}: {active:,} active ({e.active_convention}) but published {e.published_active:g}")
        kinds = [counting_label(k) for k in c.breakdown if k in NEW_KINDS]
        rows.append([e.label, f"{c.total / 1e9:.2f}B",
                     f"{c.active / 1e9:.2f}B" if c.active != c.total else "all",
                     (published(e.published) if e.published else "–")
                     + (f" / {e.published_active / 1e9:g}B" if e.published_active else ""),
                     f"{release_bytes(c, e.release) / 2 ** 30:.1f} GiB ({e.release})", ", ".join(kinds) or "–"])
        out.fact(f"{name}.total", c.total, fmt="{:,}")
        out.fact(f"{name}.active", c.active, fmt="{:,}")
        out.fact(f"{name}.vendor_active", active, fmt="{:,}")
        out.fact(f"{name}.vendor_total", total, fmt="{:,}")
    out.table("newest", ["Model", "Total", "Active", "Published (total / active)", "As released", "New kinds"], rows)


NEW_KINDS = ("state-space", "linear attention", "short convolutions", "attention sinks", "output gates",
             "expert biases")


def counting_label(kind: str) -> str:
    label = style.KIND_LABELS[kind]
    return label[0].lower() + label[1:]


def published(n: float) -> str:
    """A published count as its makers write it: 20.9B, or every digit when they give every digit."""
    return f"{int(n):,}" if n % 1e6 else f"{n / 1e9:g}B"


def scout_gap(out) -> None:
    """Llama 4 Scout: the card's ~109B against transformers' text model and whole model (vision tower included)."""
    c = counting.count(zoo.get("llama-4-scout").config)
    out.fact("llama-4-scout.text_billions", c.total / 1e9, fmt="{:.2f}")
    out.fact("llama-4-scout.note", c.note)


def produce(out):
    data = calculator.calculator_data(style.KIND_COLORS, style.KIND_LABELS, storage.shown_blocks())
    everything = zoo.every()
    for name, entry in everything.items():  # the page's zoo counts with the same adapters as every other page
        expect(counting.count(entry.config).total > 0, f"zoo {name}: counted no parameters")
    missing = {e.config["model_type"] for e in everything.values()} - set(data["adapters"]["model_types"]) \
        - set(data["adapters"]["wrappers"])
    expect(not missing, f"zoo model types without an adapter: {sorted(missing)}")
    # the devices the Model size page compares with, so the calculator can say which one holds the model it counts
    data["devices"] = [{"label": a.short, "bytes": a.bytes} for a in accelerators.ACCELERATORS]
    out.data("count", data)
    out.data("diagrams", calculator.for_diagrams(data))  # the Layer and Transformer diagrams' smaller download
    out.fact("model_types", len(data["adapters"]["model_types"]))
    newest_table(out)
    scout_gap(out)
