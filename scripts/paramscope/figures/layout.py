"""Where a diagram's boxes and words go, computed from the canvas's width instead of typed per width.

A diagram states its structure once: boxes side by side across a span (`row`), text that breaks where it reads
best when its box is narrow (`wrap`), boxes as tall as their lines (`height`). The phone's drawing is then the same
diagram at the phone's narrower width (paramscope.figures.module_boxes.Canvas places the results).
"""
import math
from functools import lru_cache

# Where a long line may break, best first: before " = " and " (" (the sum or the aside moves down whole), then after
# the last ": " or ", " that fits, and only then between words. A shape's " × " never breaks.
BREAKS = ((" = ", " ("), (": ", ", "))
LINE = 1.3 / 72    # inches from one line to the next, per point of type
PAD = 0.12         # inches above and below the lines in a box


def row(x0: float, x1: float, weights: list[float], gap: float) -> list[tuple[float, float]]:
    """(x, width) of boxes side by side from x0 to x1, `gap` apart, each as wide as its share of the weights."""
    unit = (x1 - x0 - gap * (len(weights) - 1)) / sum(weights)
    spans, x = [], x0
    for w in weights:
        spans.append((x, w * unit))
        x += w * unit + gap
    return spans


def spread(ys: list[float], gap: float) -> list[float]:
    """Label heights at least `gap` apart (in the units given), each as close to its own y as the others allow: in
    order of height, each pushed up clear of the one below, the block then centred on the marks it labels, and pushed
    clear once more."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    placed = [ys[i] for i in order]
    for j in range(1, len(placed)):
        placed[j] = max(placed[j], placed[j - 1] + gap)
    shift = (sum(placed) - sum(ys[i] for i in order)) / len(placed)  # centre the block on the marks it labels
    placed = [p - shift for p in placed]
    for j in range(1, len(placed)):
        placed[j] = max(placed[j], placed[j - 1] + gap)
    out = [0.0] * len(ys)
    for i, p in zip(order, placed):
        out[i] = p
    return out


def height(n_lines: int, size: float = 10) -> float:
    """A box's height in inches for `n_lines` of text at `size` points (one line at 10 pt: 0.42 in)."""
    return 2 * PAD + n_lines * size * LINE


@lru_cache(maxsize=4096)
def width(s: str, size: float, bold: bool = False) -> float:
    """How wide `s` prints in inches, measured as the canvas's checks measure it: in the matplotlib font of the first
    call (cached; the site draws both schemes in one font)."""
    from matplotlib import rcParams
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    dpi = rcParams["figure.dpi"]
    prop = FontProperties(size=size, weight="bold" if bold else "normal")
    return RendererAgg(1, 1, dpi).get_text_width_height_descent(s, prop, ismath=False)[0] / dpi


def wrap(s: str, room: float, size: float, bold: bool = False) -> list[str]:
    """`s` as lines no wider than `room` inches at `size` points, broken at the best place of BREAKS that fits,
    else between words; a word wider than `room` stands alone (the canvas then refuses the drawing)."""
    if width(s, size, bold) <= room:
        return [s]
    for seps in BREAKS:
        cuts = [i + (len(sep) if sep.endswith(" ") and not sep.startswith(" ") else 0)
                for sep in seps for i in _find_all(s, sep)]
        fitting = [i for i in cuts if 0 < i < len(s) and width(s[:i].rstrip(), size, bold) <= room]
        if fitting:
            i = max(fitting)
            return [s[:i].rstrip()] + wrap(s[i:].lstrip(), room, size, bold)
    words = s.replace(" × ", "\u00a0×\u00a0").split(" ")
    first = words[0]
    for k in range(1, len(words)):
        if width(" ".join(words[:k + 1]).replace("\u00a0", " "), size, bold) > room:
            break
        first = " ".join(words[:k + 1])
    rest = s[len(first):].lstrip()
    return [first.replace("\u00a0", " ")] + (wrap(rest, room, size, bold) if rest else [])


def _find_all(s: str, sep: str) -> list[int]:
    found, i = [], s.find(sep)
    while i >= 0:
        found.append(i)
        i = s.find(sep, i + 1)
    return found


def stagger(positions: dict[str, float], apart: float, step: float) -> dict[str, float]:
    """name -> offset across the axis of marks placed at `positions` along it, so that none hides another: 0, except
    in a run of marks each nearer than `apart` to the one before: the first (smallest) stays on the line, the next
    go step, 2·step, ... below it."""
    offsets, run, last = {}, 0, -math.inf
    for x, name in sorted((x, name) for name, x in positions.items()):
        run = run + 1 if x - last < apart else 0
        offsets[name] = -step * run
        last = x
    return offsets


def straddle(positions: dict[str, float], apart: float, step: float) -> dict[str, float]:
    """name -> offset across the axis of marks placed at `positions` along it, kept close to their line: 0, except
    in a run of marks each nearer than `apart` to the one before, which go alternately step above and step below the
    line (+step, -step, +step, ...), so that two neighbours never share a height."""
    offsets, run, last = {}, [], -math.inf
    for x, name in sorted((x, name) for name, x in positions.items()) + [(math.inf, None)]:
        if x - last >= apart:
            alone = len(run) == 1
            offsets.update({n: 0.0 if alone else step if i % 2 == 0 else -step for i, n in enumerate(run)})
            run = []
        run.append(name)
        last = x
    return {n: offsets[n] for n in positions}


def fill_squares(parts: list[tuple[str, int]], cell: int) -> list[tuple[int, float, float, str]]:
    """A block's counts, in order, laid into squares of `cell` parameters each, as (square, start, end, kind):
    square i holds parameters [i·cell, (i+1)·cell) of the block; start and end are the fractions of that square a
    kind fills (where a kind ends inside a square, the next kind takes the rest of it)."""
    out, at = [], 0
    for kind, count in parts:
        end = at + count
        while at < end:
            square, start = divmod(at, cell)
            stop = min(end, (square + 1) * cell)
            out.append((square, start / cell, (stop - square * cell) / cell, kind))
            at = stop
    return out
