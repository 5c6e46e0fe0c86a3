"""Whether a figure's words lie on its scatter marks: a dot drawn over a label, as a reader found on the Parameter
page's zoo figure, where a dot nudged off its row overprinted the name of the row below.

Not one of the site-wide checks (overlap.problems, run on every figure): figures that write a label on a point on
purpose would fail. A producer calls it through `expect`, or a test calls it, for a figure whose marks should stay
clear of its words. Measured as overlap measures: matplotlib's renderer extents at the figure's final size.
"""

from paramscope.figures import overlap


def texts_over_points(fig) -> list[str]:
    """Each text drawn over a scatter mark (the mark's own shape's extent, from its path and size, reaching into the
    text's upright box by more than overlap.TOLERANCE_PT), as "'text' over 'label of the marks'"."""
    from matplotlib.collections import PathCollection
    from matplotlib.transforms import Affine2D, Bbox

    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    tol = overlap.TOLERANCE_PT * fig.dpi / 72
    found = []
    for text in overlap._drawn_texts(fig, renderer):
        box = text.get_window_extent(renderer)
        for ax in fig.axes:
            for marks in (c for c in ax.collections if isinstance(c, PathCollection) and c.get_visible()):
                scale = marks.get_transforms()
                if not len(marks.get_paths()) or not len(scale):
                    continue
                # the mark's extent in pixels: its path scaled by the collection's own size transform (pixels)
                mark = marks.get_paths()[0].get_extents(Affine2D(scale.max(axis=0)))
                wx, wy = max(0.0, mark.width / 2 - tol), max(0.0, mark.height / 2 - tol)
                reach = Bbox([[box.x0 - wx, box.y0 - wy], [box.x1 + wx, box.y1 + wy]])
                seen = overlap._drawn_part(marks, reach)
                offsets = marks.get_offset_transform().transform(marks.get_offsets())
                if seen is not None and overlap._inside(seen, offsets):
                    found.append(f"{text.get_text()!r} over {marks.get_label()!r}")
    return sorted(set(found))
