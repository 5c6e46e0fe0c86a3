"""The home page: SmolLM2's parameters one square per million, coloured by what they do; the headline ratios.

The counts by kind themselves are the `parameters` producer's facts; this one adds what only the home page shows.
"""
from paramscope.arch import counting, zoo
from paramscope.figures import style
from paramscope.text import printed
from paramscope_generator.api import expect

SQUARE = 1_000_000          # parameters per square of the waffle
COLUMNS = 15                # 135 squares -> 9 rows: wide enough for a phone, tall enough to count by eye
# The waffle's kinds, in the site's colours (paramscope.figures.style), with what each does.
KINDS = {"embeddings": "Embeddings: one vector per token",
         "attention": "Attention: how tokens look at each other",
         "mlp": "MLP: the neurons of each layer",
         "norms": "Norms: a scale per dimension"}


def squares(breakdown: dict[str, int], total: int) -> dict[str, int]:
    """Squares per kind, rounded by largest remainder so that they add up to round(total / SQUARE)."""
    whole = printed.largest_remainder([breakdown.get(k, 0) / SQUARE for k in KINDS], round(total / SQUARE))
    return dict(zip(KINDS, whole))


def produce(out):
    smol = counting.count(zoo.get("smollm2-135m").config)
    gpt3 = counting.count(zoo.get("gpt3-175b").config)
    expect(set(smol.breakdown) <= set(KINDS), f"the waffle has no colour for a kind of {smol.breakdown}")

    out.fact("gpt3.times_smollm2", gpt3.total / smol.total, fmt="{:,.0f}")
    out.fact("square", SQUARE)

    per_kind = squares(smol.breakdown, smol.total)
    out.fact("squares", sum(per_kind.values()))
    expect(per_kind["norms"] == 0, "the alt text says the norms are too few for a square")

    def draw(phone: bool = False):
        """The waffle across the column; on a phone (`phone`), narrower and taller, each legend entry on two lines."""
        import matplotlib.pyplot as plt
        from matplotlib.patches import Rectangle

        n = sum(per_kind.values())
        rows = -(-n // COLUMNS)
        # Tall rather than wide: on a phone the figure shrinks to the screen's width, and the text with it.
        fig = plt.figure(figsize=style.figsize(4.8, 3.6) if phone else style.figsize(4.8, 6))
        ax = fig.add_axes((0.02, 0.35, 0.96, 0.52) if phone else (0.02, 0.25, 0.96, 0.64))
        i = 0
        for kind, count in per_kind.items():
            for _ in range(count):
                r, c = divmod(i, COLUMNS)
                ax.add_patch(Rectangle((c, rows - 1 - r), 0.86, 0.86, color=style.kind_color(kind), linewidth=0))
                i += 1
        ax.set_xlim(-0.2, COLUMNS)
        ax.set_ylim(-0.2, rows)
        ax.set_aspect("equal")
        ax.axis("off")
        # A legend entry only for a kind with squares to show; the norms are named under the figure instead.
        shown = [kind for kind, count in per_kind.items() if count]
        handles = [Rectangle((0, 0), 1, 1, color=style.kind_color(kind)) for kind in shown]
        labels = [f"{KINDS[kind]} ({smol.breakdown.get(kind, 0):,})" for kind in shown]
        if phone:   # "Attention (26,542,080)" over "how tokens look at each other"
            labels = [f"{KINDS[k].split(': ')[0]} ({smol.breakdown.get(k, 0):,})\n{KINDS[k].split(': ')[1]}"
                      for k in shown]
        fig.legend(handles, labels, loc="lower left", bbox_to_anchor=(0.03, 0.01), ncol=1, fontsize=11)
        fig.suptitle(f"SmolLM2-135M: {smol.total:,} parameters,\none square per million", fontsize=13, y=0.985)
        return fig

    out.figure(
        "smollm2-waffle", draw,
        alt=(f"A grid of {sum(per_kind.values())} squares, one per million of SmolLM2-135M's parameters: "
             + ", ".join(f"{count} for {KINDS[kind].split(':')[0].lower()}"
                         for kind, count in per_kind.items() if count)
             + f". The norms hold {smol.breakdown['norms']:,} parameters, too few for a square."),
        format="svg")
