"""Demo numbers for the glossary checker's tests."""


def draw():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [1, 2])
    return fig


def produce(out):
    # --8<-- [start:facts]
    out.fact("width", 768)
    out.fact("ratio", 0.5, fmt="{:.0%}")
    # --8<-- [end:facts]
    out.table("sizes", ["Model", "Parameters"], [["tiny", 10]])
    out.figure("bars", draw, alt="Two bars, the second twice as tall.")
    for name in ("gpt2", "bert"):
        out.fact(f"{name}.total", 1)
