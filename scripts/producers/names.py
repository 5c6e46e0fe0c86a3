"""The size in a model's name against its count: "7B" is a rounded name, not a measurement.

Every zoo model whose name carries one size ("Llama 2 7B", "gpt-oss-120b", "SmolLM2-135M") is counted from its
config.json and set beside the number its name says. A size after an "x" (Mixtral 8x7B: eight experts of a 7B
model) or an "A" (Qwen3-Next-80B-A3B: 3B active) is not a total and is left out.
"""
from paramscope.arch import counting, zoo
from paramscope.lessons.model_names import named_size
from paramscope.text import printed
from paramscope_generator.api import expect


def produce(out):
    rows = []
    for entry in zoo.every().values():
        named = named_size(entry.label)
        if named is not None:
            rows.append((entry.label, *named, counting.count(entry.config).total))
    expect(len(rows) >= 8, f"only {len(rows)} zoo names carry a size")
    off = [(n - said) / said for _, _, said, n in rows]
    out.table("rounded", ["Model", "The name says", "Counted", "Off by"],
              [[label, text, f"{n:,}", printed.signed(f"{o:+.1%}")] for (label, text, _, n), o in zip(rows, off)])
    out.fact("count", len(rows))
    out.fact("zoo", len(zoo.every()))      # every model the site counts: the classics and the newest families
    out.fact("classic", len(zoo.ZOO))      # the Parameter page's table
    out.fact("newest", len(zoo.NEWEST))    # the Model size page's newest families
    out.fact("most_below", f"{-min(off):.1%}")
    out.fact("most_above", f"{max(off):.1%}")
    sevens = [n for _, _, said, n in rows if said == 7e9]
    expect(len(sevens) >= 3, f"only {len(sevens)} zoo models are named 7B")
    out.fact("seven.count", len(sevens))
    out.fact("seven.min", min(sevens) / 1e9, fmt="{:.2f}")
    out.fact("seven.max", max(sevens) / 1e9, fmt="{:.2f}")
    out.check("none-exact", all(n != said for _, _, said, n in rows),
              "no model named with a size holds exactly that many parameters")
    out.check("sevens-differ", max(sevens) - min(sevens) > 0.5e9,
              f"the models named 7B differ by more than half a billion: {sevens}")
