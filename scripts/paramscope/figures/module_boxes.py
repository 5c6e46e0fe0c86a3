"""Diagrams of real modules: read each matrix's shape and count from a module, and draw them as labelled boxes.

Reading walks `named_parameters()`, so every parameter of the module becomes a box with the page's word for it
(`paramscope.text.words`: an unnamed parameter is an error, never silently dropped): a diagram cannot drift from
the code it shows.
Drawing places boxes in inches on a figure no wider than the column, in the colours of `paramscope.figures.style`:
a box is as tall as its lines, which are fitted to its width (`paramscope.figures.layout`), and the canvas as tall as
what is drawn on it. It refuses a label that spills out of its box or overlaps another.
"""
from dataclasses import dataclass

from torch import nn

from paramscope.figures import layout, style
from paramscope.text import words


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

    def __init__(self, width: float, height: float | None = None):
        """`height` None: as tall as what is drawn, once finished (a canvas 20 in tall to draw on until then)."""
        import matplotlib.pyplot as plt
        from matplotlib import rcParams

        self.width, self.height, self.fitted = width, height or 20.0, height is None
        self.fig = plt.figure(figsize=style.figsize(self.height, width))
        self.fig.paramscope_fixed_layout = True   # no generic narrow variant (generator.rendering.phone_relayout)
        self.ax = self.fig.add_axes((0, 0, 1, 1))
        self.ax.set_xlim(0, width)
        self.ax.set_ylim(self.height, 0)
        self.ax.axis("off")
        self.ink = rcParams["text.color"]
        theme = "dark" if self.ink == style.INK["dark"] else "light"
        self.muted = style.MUTED[theme]
        self._inside: list[tuple] = []   # (text, patch): the text must stay inside the patch
        self._labels: list = []          # every text: none may overlap another

    def text(self, x: float, y: float, s: str, size: float = style.MIN_PT, weight: str = "normal",
             ha: str = "center", va: str = "center", color: str | None = None, style_: str = "normal",
             rotation: float = 0, room: float | None = None):
        """A label at (x, y) in inches, never smaller than style.MIN_PT; with `room`, wrapped to that many inches."""
        if size < style.MIN_PT:
            raise ValueError(f"text {s!r} at {size} pt: nothing smaller than style.MIN_PT = {style.MIN_PT}")
        if room is not None:
            s = "\n".join(layout.wrap(s, room, size, weight == "bold"))
        t = self.ax.text(x, y, s, fontsize=size, fontweight=weight, ha=ha, va=va, color=color or self.ink,
                         fontstyle=style_, rotation=rotation, zorder=5)
        self._labels.append(t)
        return t

    def title(self, y: float, s: str, size: float = 10.5) -> float:
        """A bold line centred across the canvas below `y`, wrapped to the canvas's width; returns its bottom."""
        lines = layout.wrap(s, self.width - 0.2, size, bold=True)
        self.text(self.width / 2, y, "\n".join(lines), size=size, weight="bold", va="top")
        return y + len(lines) * size * layout.LINE

    def matrix(self, x: float, y: float, w: float, box: Box, lines: list[str] | None = None, h: float | None = None,
               faded: bool = False, size: float = 10) -> float:
        """A rounded box in the colour of the box's kind: word, shape and count (or `lines`) centred inside, written
        closer (576×576), then smaller, then wrapped where the box is narrow; returns the box's bottom."""
        from matplotlib.patches import FancyBboxPatch

        lines, size = squeezed(lines if lines is not None else [box.word, box.size, f"{box.count:,}"], w, size)
        h = h if h is not None else layout.height(len(lines), size)
        color = style.kind_color(box.kind)
        patch = FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0,rounding_size=0.06", linewidth=1.6,
                               zorder=2,
                               linestyle="--" if box.frozen else "-")
        patch.set_facecolor(tint(color, 0.12 if (faded or box.frozen) else 0.3))
        patch.set_edgecolor(tint(color, 0.55 if faded else 1.0))
        self.ax.add_patch(patch)
        self._stack(x + w / 2, y + h / 2, lines, size, patch, muted=faded)
        return y + h

    def plain(self, x: float, y: float, w: float, lines: list[str], h: float | None = None, size: float = 10,
              dashed: bool = True) -> float:
        """A box with no parameters (a computation, a vector), outlined in the muted ink, its lines wrapped to its
        width; returns its bottom."""
        from matplotlib.patches import FancyBboxPatch

        lines = wrapped(lines, w, size)
        h = h if h is not None else layout.height(len(lines), size)
        patch = FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0,rounding_size=0.06", linewidth=1.1,
                               edgecolor=self.muted, facecolor="none", linestyle=(0, (3, 2)) if dashed else "-",
                               zorder=2)
        self.ax.add_patch(patch)
        self._stack(x + w / 2, y + h / 2, lines, size, patch)
        return y + h

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

    def down(self, x: float, y: float, length: float = 0.25) -> float:
        """An arrow straight down from (x, y); returns where it ends: the top of the next box."""
        self.arrow((x, y), (x, y + length))
        return y + length

    def line(self, *points: tuple[float, float], color: str | None = None, lw: float = 1.3, **kw):
        xs, ys = zip(*points)
        self.ax.plot(xs, ys, color=color or self.muted, lw=lw, zorder=1, **kw)

    def _stack(self, cx: float, cy: float, lines: list[tuple[str, bool]], size: float, patch, muted: bool = False):
        """Lines of text centred on (cx, cy), those marked bold a half point larger; each must stay inside `patch`."""
        step = size * layout.LINE
        top = cy - step * (len(lines) - 1) / 2
        for i, (s, bold) in enumerate(lines):
            t = self.text(cx, top + i * step, s, size=size + (0.5 if bold else 0),
                          weight="bold" if bold else "normal", color=self.muted if muted else None)
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

    def finish(self, *titles: str):
        """The figure with `titles` in bold below all that is drawn, once every label is inside its box and no two
        labels overlap; a canvas made without a height is cropped to a small margin below its lowest item."""
        y = self._lowest() + 0.08 if titles else 0
        for title in titles:
            y = self.title(y + 0.12, title)
        if self.fitted:
            self.height = self._lowest() + 0.05
            self.fig.set_size_inches(self.width, self.height)
            self.ax.set_ylim(self.height, 0)
        if found := self.problems():
            raise ValueError(found[0])
        return self.fig

    def _lowest(self) -> float:
        """How far down, in inches, the lowest thing drawn reaches."""
        renderer = self.fig.canvas.get_renderer()
        return max(self.ax.transData.inverted().transform((0, a.get_window_extent(renderer).y0))[1]
                   for a in (*self.ax.patches, *self.ax.texts, *self.ax.lines, *self.ax.collections))


INNER = 0.08  # inches between a box's edge and its widest line
TIGHT = 0.02  # the same for a matrix's lines squeezed into a narrow box (the canvas's checks want 1 px)


def wrapped(lines: list[str], w: float, size: float) -> list[tuple[str, bool]]:
    """The lines of a box `w` inches wide, each wrapped to fit, paired with whether it is bold (the first line's)."""
    return [(piece, i == 0) for i, line in enumerate(lines)
            for piece in layout.wrap(line, w - 2 * INNER, size + (0.5 if i == 0 else 0), i == 0)]


def squeezed(lines: list[str], w: float, size: float) -> tuple[list[tuple[str, bool]], float]:
    """A matrix's lines fitted to its width: as written, else shapes written closer (576×576), else at style.MIN_PT,
    else wrapped; with the size they are drawn at."""
    close, small = [s.replace(" × ", "×") for s in lines], min(size, style.MIN_PT)
    for attempt, at, inner in ((lines, size, INNER), (close, size, TIGHT), (close, small, TIGHT)):   # best first
        if all(layout.width(s, at + (0.5 if i == 0 else 0), i == 0) <= w - 2 * inner for i, s in enumerate(attempt)):
            return [(s, i == 0) for i, s in enumerate(attempt)], at
    return wrapped(close, w, small), small


def tint(color: str, alpha: float) -> tuple[float, float, float, float]:
    """A colour as RGBA with some transparency: the fill of a box whose outline is the full colour."""
    from matplotlib.colors import to_rgb
    return (*to_rgb(color), alpha)
