"""Every parameter of SmolLM2-135M at once, to scale: one square per N parameters, coloured by kind and grouped as
the model runs them, the embedding table and then each of its layers (the Parameter page).

N is computed, not chosen: the smallest round number (1, 2 or 5 times a power of ten) for which one layer fits in
LINE squares, so that a layer is one line of the grid. Squares are filled in the order the model runs the
parameters, each kind taking exactly its count: where a kind ends inside a square, the next kind takes the rest of
it, and a block's last square is filled only as far as its count reaches. The squares' area is the count.
"""
import math

from paramscope.arch import counting, zoo
from paramscope.figures import layout, style
from paramscope.figures.style import PHONE_WIDTH_IN
from paramscope.models import build_model, count
from paramscope.models.hf import from_hf
from paramscope_generator.api import expect

MODEL = "smollm2-135m"
LINE = 40                   # at most this many squares for one layer: a line of the grid
KINDS = ("embeddings", "attention", "mlp", "norms")
LEGEND = {"embeddings": "Embedding table (it also scores the next token at the end)",
          "attention": "Attention", "mlp": "MLP", "norms": "Norms"}
GAP = 0.35                  # between two layers' lines, in squares
BLOCK_GAP = 1.2             # between the embedding table and the first layer
LABELLED = (1, 10, 20, 30)  # the layers whose number is written


def round_up(x: float) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, ... that is at least x."""
    power = 10 ** math.floor(math.log10(x))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= x)


def produce(out):
    config = zoo.get(MODEL).config
    total = counting.count(config).total
    sc = from_hf(config)
    blocks = count.blocks_in_run_order(build_model(sc))
    by_kind = {k: sum(c for _, parts in blocks for kind, c in parts if kind == k) for k in KINDS}
    per_layer = sum(c for _, c in blocks[1][1])
    expect(all(sum(c for _, c in parts) == per_layer for name, parts in blocks[1:-1]),
           "every layer of SmolLM2 holds the same number of parameters")
    cell = round_up(per_layer / LINE)
    height = math.ceil(per_layer / cell)       # squares in a line: one layer
    laid = sum(e - s for _, parts in blocks for _, s, e, _ in layout.fill_squares(parts, cell)) * cell

    out.fact("cell", cell)
    out.fact("total", total)
    out.fact("squares", total / cell, fmt="{:,.0f}")     # whole squares: the page says "about"
    out.fact("layer_squares", per_layer / cell, fmt="{:.1f}")
    out.fact("embedding_squares", by_kind["embeddings"] / cell, fmt="{:.1f}")
    out.fact("norm_squares", by_kind["norms"] / cell, fmt="{:.2f}")
    out.fact("layers", sc.layers)
    out.check("squares-add-up", round(laid) == total == sum(by_kind.values()),
              "the squares of the figure, filled to scale, add up to SmolLM2-135M's count, the same as the "
              "counter's and as the module's own")
    expect(height <= LINE and per_layer / cell > LINE / 2, "one layer fills one line of the grid, more than half of it")
    grid_figure(out, blocks, cell, by_kind, sc.layers)


def grid_figure(out, blocks: list, cell: int, by_kind: dict[str, int], layers: int) -> None:
    """The grid, one square per `cell` parameters, on a desktop and on a phone."""
    total = sum(by_kind.values())
    per_layer = sum(c for _, c in blocks[1][1])
    height = math.ceil(per_layer / cell)

    def draw(phone: bool = False):
        """Desktop: the model runs left to right, each layer a column of squares filled from the bottom, the
        embedding table several columns before them. Phone: the same turned, each layer a row filled from the
        left, the embedding table the first rows, so that it is tall rather than wide."""
        import matplotlib.pyplot as plt
        from matplotlib.collections import PatchCollection
        from matplotlib.patches import Rectangle

        lines, offset = [], 0.0             # (block, position of each of its lines across the grid)
        for b, (name, parts) in enumerate(blocks[:-1]):
            count = sum(c for _, c in parts)
            n = math.ceil(count / cell / height)
            lines.append([offset + j for j in range(n)])
            offset += n + (BLOCK_GAP if b == 0 else GAP)
        across = offset - GAP

        def box(u: float, v: float, du: float):
            """A rectangle at u along a line (filling direction) and v across lines, du long."""
            return ((u, -v - 0.86), du, 0.86) if phone else ((v, u), 0.86, du)

        size = style.figsize(6.2, PHONE_WIDTH_IN - 0.3) if phone else style.figsize(5.2)
        fig = plt.figure(figsize=size)
        ax = fig.add_axes((0.14, 0.25, 0.84, 0.63) if phone else (0.02, 0.27, 0.96, 0.61))
        squares = []
        for (name, parts), where in zip(blocks[:-1], lines):
            for square, start, end, kind in layout.fill_squares(parts, cell):
                line, u = divmod(square, height)
                (x, y), w, h = box(u + start * 0.86, where[line], (end - start) * 0.86)
                squares.append(Rectangle((x, y), w, h, color=style.kind_color(kind), linewidth=0))
        # Over a thousand squares: one picture of them inside the SVG (a few KB) instead of a path each (~250 KB);
        # the text stays text.
        ax.add_collection(PatchCollection(squares, match_original=True, rasterized=True))
        ink = plt.rcParams["text.color"]
        for (name, _), where in zip(blocks[:-1], lines):
            if name != "embedding" and int(name) not in LABELLED:
                continue
            label = "layer " + name if phone and name == "1" else name
            mid = (where[0] + where[-1]) / 2 + 0.43
            if phone:
                ax.text(-0.6, -mid, label, ha="right", va="center", fontsize=style.MIN_PT, color=ink)
            else:
                ax.text(mid, -0.6, label, ha="center", va="top", fontsize=style.MIN_PT, color=ink)
        if not phone:   # the layers' numbers are under their columns; what they number, once, under them all
            first, last = lines[1][0], lines[-1][-1] + 0.86
            ax.text((first + last) / 2, -2.2, f"layers 1 to {layers}, in the order a token goes through them \u2192",
                    ha="center", va="top", fontsize=style.MIN_PT, color=ink)
        if phone:
            ax.set_xlim(-0.2, height)
            ax.set_ylim(-across - 0.2, 0.2)
        else:
            ax.set_xlim(-0.2, across)
            ax.set_ylim(-0.2, height)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.axis("off")
        thin = f"{by_kind['norms'] / cell:.2f} of one square: too thin to see"
        labels = [f"{LEGEND[k]}: {by_kind[k]:,}" + (f", {thin}" if k == "norms" else "") for k in KINDS]
        if phone:   # the count on the first line, what it means under it
            under = {"embeddings": "\n(it also scores the next token)", "norms": f"\n{thin}"}
            labels = [f"{LEGEND[k].split(' (')[0]}: {by_kind[k]:,}" + under.get(k, "") for k in KINDS]
        handles = [Rectangle((0, 0), 1, 1, color=style.kind_color(k)) for k in KINDS]
        fig.legend(handles, labels, loc="lower left", bbox_to_anchor=(0.02, 0.0), ncol=1, fontsize=style.MIN_PT)
        fig.suptitle(f"SmolLM2-135M: all {total:,} parameters,\none square = {cell:,} parameters",
                     fontsize=style.TITLE_PT, y=0.99)
        return fig

    attention_share, mlp_share = (dict(blocks[1][1])[k] / per_layer for k in ("attention", "mlp"))
    out.figure("smollm2-grid", draw, alt=(
        f"A grid of squares, each {cell:,} of SmolLM2-135M's {total:,} parameters, drawn in the order the model "
        f"uses them: first the embedding table, {by_kind['embeddings'] / cell:,.1f} squares in blue, then "
        f"{layers} equal layers of {per_layer / cell:.1f} squares each, {attention_share:.0%} attention (orange) "
        f"and {mlp_share:.0%} MLP (green). The norms, {by_kind['norms']:,} parameters in all, fill "
        f"{by_kind['norms'] / cell:.2f} of one square, too thin to see."))
