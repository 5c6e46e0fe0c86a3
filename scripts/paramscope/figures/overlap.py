"""Whether a drawn figure's words collide: a text on another text, or a legend lying over the data.

Measured with matplotlib's own renderer extents at the figure's final size: the saved file is the same drawing cropped
(bbox_inches="tight" moves everything alike), so what collides here collides on the page. A producer calls
`problems(fig)` at the end of its draw() and fails through `expect` when the list is not empty.
"""
import numpy as np

TOLERANCE_PT = 0.5   # boxes that merely touch (antialiasing, a shared baseline) are not a collision
STEPS = 24           # points per line segment tested against a legend's box: a line may cross it between vertices


def _drawn_texts(fig) -> list:
    """Every visible, non-empty text the figure draws: tick labels only of ticks inside the axes' view."""
    from matplotlib.text import Text

    ticks, drawn = set(), []
    for ax in fig.axes:
        for axis in ax._axis_map.values():
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                ticks.update((id(tick.label1), id(tick.label2)))
            for tick in axis._update_ticks():       # the ticks inside the view interval: those drawn
                drawn += [tick.label1, tick.label2]   # each drawn only if visible, as filtered below
    drawn += [t for t in fig.findobj(Text) if id(t) not in ticks]
    return [t for t in drawn if t.get_visible() and t.get_text().strip() and t.get_alpha() != 0]


def text_collisions(fig) -> list[str]:
    """Pairs of texts whose boxes intersect by more than TOLERANCE_PT both ways, as "'a' / 'b'"."""
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    tol = TOLERANCE_PT * fig.dpi / 72
    texts = _drawn_texts(fig)
    boxes = [t.get_window_extent(renderer) for t in texts]
    found = []
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            b = boxes[j]
            if min(a.x1, b.x1) - max(a.x0, b.x0) > tol and min(a.y1, b.y1) - max(a.y0, b.y0) > tol:
                found.append(f"{texts[i].get_text()!r} / {texts[j].get_text()!r}")
    return found


def _inside(box, points: np.ndarray) -> bool:
    """Whether any of the (n, 2) display points lies strictly inside the box."""
    if len(points) == 0:
        return False
    x, y = points[:, 0], points[:, 1]
    return bool(np.any((x > box.x0) & (x < box.x1) & (y > box.y0) & (y < box.y1)))


def _data_hits(ax, box, renderer) -> list[str]:
    """What of the axes' data lies under the box: line segments, markers, bars, images."""
    hits = []
    for line in ax.get_lines():
        xy = line.get_transform().transform(np.asarray(line.get_xydata(), dtype=float))   # (n, 2) display
        if len(xy) > 1:
            t = np.linspace(0, 1, STEPS)[:, None, None]
            xy = (xy[:-1] * (1 - t) + xy[1:] * t).reshape(-1, 2)                          # (STEPS·(n-1), 2)
        if line.get_visible() and _inside(box, xy):
            hits.append(f"line {line.get_label()!r}")
    for collection in ax.collections:
        offsets = collection.get_offset_transform().transform(collection.get_offsets())
        if collection.get_visible() and _inside(box, offsets):
            hits.append("points")
    for artist in list(ax.patches) + list(ax.images):
        if artist.get_visible() and artist.get_window_extent(renderer).overlaps(box):
            hits.append("bars" if artist in ax.patches else "image")
    return sorted(set(hits))


def legend_over_data(fig) -> list[str]:
    """Each legend (of the axes or of the figure) that lies over some axes' data, with what it covers."""
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    legends = [ax.get_legend() for ax in fig.axes] + list(fig.legends)
    found = []
    for legend in filter(None, legends):
        box = legend.get_window_extent(renderer)
        for ax in fig.axes:
            hits = _data_hits(ax, box, renderer)
            if hits:
                found.append(f"legend over {', '.join(hits)}")
    return found


def problems(fig) -> list[str]:
    """Everything that makes a label unreadable: colliding texts and legends over data."""
    return [f"texts collide: {c}" for c in text_collisions(fig)] + legend_over_data(fig)
