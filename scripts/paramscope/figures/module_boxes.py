"""Diagrams of real modules: read each matrix's shape and count from a module, and draw them as labelled boxes.

Reading walks `named_parameters()`, so every parameter of the module becomes a box with the page's word for it
(`paramscope.figures.words`: an unnamed parameter is an error, never silently dropped): a diagram cannot drift from
the code it shows.
Drawing places boxes in inches on a figure no wider than the column, in the colours of `paramscope.figures.style`, and
refuses a label that spills out of its box or overlaps another.
"""
from dataclasses import dataclass

from torch import nn

from paramscope.figures import style, words


@dataclass(frozen=True)
class Box:
    word: str                  # the page's word: "query", "RMSNorm", "router"
    kind: str                  # a kind of paramscope.figures.style: the box's colour
    shape: tuple[int, ...]     # the tensor's shape as stored: (out, in) for a matrix
    count: int                 # parameters in it
    name: str                  # the tensor's name in the module, for tests; never drawn
    frozen: bool = False       # not trained (LoRA's base weights)

    @property
    def size(self) -> str:
        """The shape as a page writes it: 576 × 576."""
        return " × ".join(f"{n:,}" for n in self.shape)


def read(module: nn.Module) -> list[Box]:
    """One box per parameter tensor of `module` (tied tensors once), in the order the module defines them."""
    boxes = []
    for name, p in module.named_parameters():
        word, _, kind = words.of(name)
        boxes.append(Box(word, kind, tuple(p.shape), p.numel(), name, frozen=not p.requires_grad))
    total = sum(p.numel() for p in module.parameters())
    assert sum(b.count for b in boxes) == total, f"boxes hold {sum(b.count for b in boxes)} of {total} parameters"
    return boxes


def pick(boxes: list[Box], word: str) -> Box:
    """The one box with this word (an error if none or several)."""
    found = [b for b in boxes if b.word == word]
    if len(found) != 1:
        raise KeyError(f"{len(found)} boxes named {word!r} among {[b.word for b in boxes]}")
    return found[0]


def expert_boxes(moe: nn.Module) -> list[Box]:
    """The gate, up and down matrices of one routed expert, sliced from the experts' stacked tensors as forward does."""
    gate_up, down = moe.experts.gate_up_proj[0], moe.experts.down_proj[0]  # (2I, H), (H, I)
    gate, up = gate_up.chunk(2, dim=0)  # (I, H) each: forward splits the output features in two
    return [Box(word, "experts", tuple(t.shape), t.numel(), f"experts.{name}[0]")
            for word, t, name in (("gate", gate, "gate_up_proj"), ("up", up, "gate_up_proj"),
                                  ("down", down, "down_proj"))]


def total(boxes: list[Box]) -> int:
    return sum(b.count for b in boxes)


class Canvas:
    """A figure laid out in inches from its top-left corner, so boxes and text are placed at the size they print."""

    def __init__(self, width: float, height: float):
        import matplotlib.pyplot as plt
        from matplotlib import rcParams

        self.width, self.height = width, height
        self.fig = plt.figure(figsize=style.figsize(height, width))
        self.fig.paramscope_fixed_layout = True   # no generic narrow variant (generator.rendering.phone_relayout)
        self.ax = self.fig.add_axes((0, 0, 1, 1))
        self.ax.set_xlim(0, width)
        self.ax.set_ylim(height, 0)
        self.ax.axis("off")
        self.ink = rcParams["text.color"]
        theme = "dark" if self.ink == style.INK["dark"] else "light"
        self.muted = style.MUTED[theme]
        self._inside: list[tuple] = []   # (text, patch): the text must stay inside the patch
        self._labels: list = []          # every text: none may overlap another

    def text(self, x: float, y: float, s: str, size: float = style.MIN_PT, weight: str = "normal",
             ha: str = "center", va: str = "center", color: str | None = None, style_: str = "normal",
             rotation: float = 0):
        """A label at (x, y) in inches, never smaller than style.MIN_PT."""
        if size < style.MIN_PT:
            raise ValueError(f"text {s!r} at {size} pt: nothing smaller than style.MIN_PT = {style.MIN_PT}")
        t = self.ax.text(x, y, s, fontsize=size, fontweight=weight, ha=ha, va=va, color=color or self.ink,
                         fontstyle=style_, rotation=rotation, zorder=5)
        self._labels.append(t)
        return t

    def matrix(self, x: float, y: float, w: float, h: float, box: Box, lines: list[str] | None = None,
               faded: bool = False, size: float = 10):
        """A rounded box in the colour of the box's kind: word, shape and count (or `lines`) centred inside."""
        from matplotlib.patches import FancyBboxPatch

        color = style.kind_color(box.kind)
        patch = FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0,rounding_size=0.06", linewidth=1.6,
                               zorder=2,
                               linestyle="--" if box.frozen else "-")
        patch.set_facecolor(tint(color, 0.12 if (faded or box.frozen) else 0.3))
        patch.set_edgecolor(tint(color, 0.55 if faded else 1.0))
        self.ax.add_patch(patch)
        lines = lines if lines is not None else [box.word, box.size, f"{box.count:,}"]
        self._stack(x + w / 2, y + h / 2, lines, size, patch, muted=faded)
        return patch

    def plain(self, x: float, y: float, w: float, h: float, lines: list[str], size: float = 10,
              dashed: bool = True):
        """A box with no parameters (a computation, a vector): outlined in the muted ink."""
        from matplotlib.patches import FancyBboxPatch

        patch = FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0,rounding_size=0.06", linewidth=1.1,
                               edgecolor=self.muted, facecolor="none", linestyle=(0, (3, 2)) if dashed else "-",
                               zorder=2)
        self.ax.add_patch(patch)
        self._stack(x + w / 2, y + h / 2, lines, size, patch)
        return patch

    def frame(self, x: float, y: float, w: float, h: float, kind: str):
        """A thin outline around a group of boxes of one kind."""
        from matplotlib.patches import FancyBboxPatch

        patch = FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0,rounding_size=0.1", linewidth=1.0,
                               edgecolor=style.kind_color(kind), facecolor="none", linestyle=(0, (1, 2)), zorder=1)
        self.ax.add_patch(patch)
        return patch

    def add(self, x: float, y: float, r: float = 0.13):
        """The residual addition: a circled plus."""
        from matplotlib.patches import Circle

        self.ax.add_patch(Circle((x, y), r, facecolor="none", edgecolor=self.ink, linewidth=1.3, zorder=3))
        self.ax.plot([x - r * 0.6, x + r * 0.6], [y, y], color=self.ink, lw=1.3, zorder=3)
        self.ax.plot([x, x], [y - r * 0.6, y + r * 0.6], color=self.ink, lw=1.3, zorder=3)

    def arrow(self, *points: tuple[float, float], head: bool = True, color: str | None = None):
        """A line through `points`, with an arrowhead at the last one."""
        from matplotlib.patches import FancyArrowPatch
        from matplotlib.path import Path

        color = color or self.muted
        if len(points) > 2:
            xs, ys = zip(*points[:-1])
            self.ax.plot(xs, ys, color=color, lw=1.3, zorder=1, solid_capstyle="butt")
        a, b = points[-2], points[-1]
        self.ax.add_patch(FancyArrowPatch(path=Path([a, b]), arrowstyle="-|>,head_length=5,head_width=3"
                                          if head else "-", color=color, lw=1.3, zorder=1, shrinkA=0, shrinkB=0))

    def line(self, *points: tuple[float, float], color: str | None = None, lw: float = 1.3, **kw):
        xs, ys = zip(*points)
        self.ax.plot(xs, ys, color=color or self.muted, lw=lw, zorder=1, **kw)

    def _stack(self, cx: float, cy: float, lines: list[str], size: float, patch, muted: bool = False):
        """Lines of text centred on (cx, cy), the first in bold; each must stay inside `patch`."""
        step = size * 1.3 / 72  # inches per line
        top = cy - step * (len(lines) - 1) / 2
        for i, s in enumerate(lines):
            t = self.text(cx, top + i * step, s, size=size + (0.5 if i == 0 else 0),
                          weight="bold" if i == 0 else "normal", color=self.muted if muted else None)
            self._inside.append((t, patch))

    def problems(self) -> list[str]:
        """Labels that spill out of their box or the figure, or overlap another label."""
        renderer = self.fig.canvas.get_renderer()
        found = []
        for t, patch in self._inside:
            inner, outer = t.get_window_extent(renderer), patch.get_window_extent(renderer)
            if not (inner.x0 >= outer.x0 + 1 and inner.x1 <= outer.x1 - 1 and inner.y0 >= outer.y0
                    and inner.y1 <= outer.y1):
                found.append(f"label {t.get_text()!r} does not fit its box: widen the box or shorten the label")
        extents = [(t.get_text(), t.get_window_extent(renderer)) for t in self._labels if t.get_text()]
        for i, (a, ea) in enumerate(extents):
            if not (0 <= ea.x0 and ea.x1 <= self.fig.bbox.x1 and 0 <= ea.y0 and ea.y1 <= self.fig.bbox.y1):
                found.append(f"label {a!r} reaches past the figure's edge")
            found += [f"labels {a!r} and {b!r} overlap: move one of them" for b, eb in extents[i + 1:]
                      if ea.overlaps(eb)]
        return found

    def finish(self):
        """The figure, once every label is inside its box and no two labels overlap."""
        if found := self.problems():
            raise ValueError(found[0])
        return self.fig


def tint(color: str, alpha: float) -> tuple[float, float, float, float]:
    """A colour as RGBA with some transparency: the fill of a box whose outline is the full colour."""
    from matplotlib.colors import to_rgb
    return (*to_rgb(color), alpha)
