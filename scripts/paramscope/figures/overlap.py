"""Whether a drawn figure's words collide: a text on another text, or a legend lying over the data.

Measured with matplotlib's own renderer extents at the figure's final size: the saved file is the same drawing cropped
(bbox_inches="tight" moves everything alike), so what collides here collides on the page. A text is measured by its
outline as drawn (its upright box turned by its rotation, the words only, without an annotation's leader), a line by
the part its axes' clip box lets through. A producer calls `problems(fig)` at the end of its draw() and fails through
`expect` when the list is not empty.
"""
import numpy as np

TOLERANCE_PT = 0.5   # outlines that merely touch (antialiasing, a shared baseline) are not a collision
STEPS = 24           # points per line segment tested against a legend's box: a line may cross it between vertices


def _drawn_texts(fig, renderer) -> list:
    """Every visible, non-empty text the figure draws: tick labels only of ticks inside the axes' view, annotations
    only when their point is inside the axes (matplotlib skips the others)."""
    from matplotlib.text import Annotation, Text

    ticks, drawn = set(), []
    for ax in fig.axes:
        for axis in ax._axis_map.values():
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                ticks.update((id(tick.label1), id(tick.label2)))
            for tick in axis._update_ticks():       # the ticks inside the view interval: those drawn
                drawn += [tick.label1, tick.label2]   # each drawn only if visible, as filtered below
    drawn += [t for t in fig.findobj(Text) if id(t) not in ticks]
    return [t for t in drawn if t.get_visible() and t.get_text().strip() and t.get_alpha() != 0
            and not (isinstance(t, Annotation) and not t._check_xy(renderer))]


def outline(text, renderer) -> np.ndarray:
    """The (4, 2) display corners of the text's words as drawn: its upright box turned by its rotation about the
    centre of its extent (matplotlib's extent is the upright box of those four corners, so they share a centre)."""
    from matplotlib.text import Text

    extent = Text.get_window_extent(text, renderer)    # the words only: an Annotation's own adds its leader
    rotates = text.get_transform_rotates_text()
    text.set_transform_rotates_text(False)
    angle = text.get_rotation()                         # as set, in degrees counter-clockwise
    text.set_rotation(0)
    try:                                                 # the upright size, for a moment
        upright = Text.get_window_extent(text, renderer)
    finally:
        text.set_rotation(angle)
        text.set_transform_rotates_text(rotates)
    theta = np.radians(text.get_rotation())             # with the transform's own turn when it rotates the text
    half = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]]) * [upright.width / 2, upright.height / 2]  # (4, 2)
    turn = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    return np.array([extent.x0 + extent.x1, extent.y0 + extent.y1]) / 2 + half @ turn.T


def convex_overlap(p: np.ndarray, q: np.ndarray, tol: float = 0.0) -> bool:
    """Whether two convex polygons, (n, 2) corners in order, overlap by more than `tol` along every axis normal to
    an edge of either. By the separating axis theorem they are apart exactly when one such axis separates them; for
    two upright boxes the axes are x and y, and this is the boxes' overlap in both directions."""
    for poly in (p, q):
        edges = np.roll(poly, -1, axis=0) - poly                      # (n, 2)
        normals = np.stack([-edges[:, 1], edges[:, 0]], axis=1)       # (n, 2), each at right angles to its edge
        lengths = np.hypot(normals[:, 0], normals[:, 1])
        for n in normals[lengths > 0] / lengths[lengths > 0, None]:
            a, b = p @ n, q @ n
            if min(a.max(), b.max()) - max(a.min(), b.min()) <= tol:
                return False
    return True


def text_collisions(fig) -> list[str]:
    """Pairs of texts whose outlines overlap by more than TOLERANCE_PT, as "'a' / 'b'"."""
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    tol = TOLERANCE_PT * fig.dpi / 72
    texts = _drawn_texts(fig, renderer)
    outlines = [outline(t, renderer) for t in texts]
    found = []
    for i, a in enumerate(outlines):
        for j in range(i + 1, len(outlines)):
            if convex_overlap(a, outlines[j], tol):
                found.append(f"{texts[i].get_text()!r} / {texts[j].get_text()!r}")
    return found


def _inside(box, points: np.ndarray) -> bool:
    """Whether any of the (n, 2) display points lies strictly inside the box."""
    if len(points) == 0:
        return False
    x, y = points[:, 0], points[:, 1]
    return bool(np.any((x > box.x0) & (x < box.x1) & (y > box.y0) & (y < box.y1)))


def _drawn_part(artist, box):
    """The part of the box where the artist can be seen: within its clip box when it is clipped (the axes', for
    data), None when they do not meet."""
    from matplotlib.transforms import Bbox

    clip = artist.get_clip_box()
    return Bbox.intersection(box, clip) if artist.get_clip_on() and clip is not None else box


def _data_hits(ax, box, renderer) -> list[str]:
    """What of the axes' data is drawn under the box: line segments, markers, bars, images."""
    hits = []
    for line in ax.get_lines():
        xy = line.get_transform().transform(np.asarray(line.get_xydata(), dtype=float))   # (n, 2) display
        if len(xy) > 1:
            t = np.linspace(0, 1, STEPS)[:, None, None]
            xy = (xy[:-1] * (1 - t) + xy[1:] * t).reshape(-1, 2)                          # (STEPS·(n-1), 2)
        seen = _drawn_part(line, box)
        if line.get_visible() and seen is not None and _inside(seen, xy):
            hits.append(f"line {line.get_label()!r}")
    for collection in ax.collections:
        offsets = collection.get_offset_transform().transform(collection.get_offsets())
        seen = _drawn_part(collection, box)
        if collection.get_visible() and seen is not None and _inside(seen, offsets):
            hits.append("points")
    for artist in list(ax.patches) + list(ax.images):
        seen = _drawn_part(artist, box)
        if artist.get_visible() and seen is not None and artist.get_window_extent(renderer).overlaps(seen):
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
