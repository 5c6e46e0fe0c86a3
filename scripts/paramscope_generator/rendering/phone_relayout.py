"""A figure's phone variant: the same drawing re-laid out narrower, so that its text, at the same point size, is
at least MIN_PHONE_PX CSS px in the phone's column.

On a 375 px phone Material's column is PHONE_COLUMN_PX wide; a figure `T` points wide (its tight box) is shown
at min(PHONE_COLUMN_PX, T·4/3) px, so text of `s` points renders at s·PHONE_COLUMN_PX/T px once T·4/3 exceeds the
column. The wide figure (6.9 in, text of 9 pt) renders at 6 px there; the narrow one is resized until
s·PHONE_COLUMN_PX/T ≥ MIN_PHONE_PX. Log axes' tick labels become plain text (10⁹): matplotlib's mathtext draws the
exponent at 70 % of the label's size, under the floor at any width a phone allows.
"""
import math
import re
import textwrap

# On a 375 px phone the column is 343 px (Material's 16 px margins): figures get a phone variant there whose
# smallest text is at least MIN_PHONE_PX. A figure folded in a note or <details> block gets 317 px of it (the
# block's 13 px padding each side, measured in Chromium): the re-layout aims at that width, so its figures stay
# legible folded or not.
PHONE_COLUMN_PX = 343
FOLDED_COLUMN_PX = 317
PHONE_MEDIA = "(max-width: 600px)"    # where a page shows the phone variant (rendering.figure_html's FIGURE_CSS)
MIN_PHONE_PX = 11
SMALLEST_IN = 2.6   # no narrower: the plot area would vanish behind its labels
TRIES = 4
LABEL_CHARS = 30    # legend entries and titles longer than this wrap onto more lines

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def smallest_text_pt(fig) -> float:
    """The smallest visible text of a figure, in points (a mathtext script counts at matplotlib's 70 %)."""
    from matplotlib.text import Text

    sizes = []
    for text in fig.findobj(Text):
        content = text.get_text()
        if not text.get_visible() or not content.strip():
            continue
        script = re.search(r"\$[^$]*[_^][^$]*\$", content) is not None
        sizes.append(text.get_fontsize() * (0.7 if script else 1.0))
    return min(sizes, default=float("inf"))


def tight_width_pt(fig) -> float:
    """The width savefig(bbox_inches="tight") gives the figure, in points (its pad of 0.1 in on each side)."""
    return (fig.get_tightbbox(fig.canvas.get_renderer()).width + 0.2) * 72


def phone_px(fig) -> float:
    """The smallest text's size in CSS px when the figure is shown in the phone's column."""
    width = tight_width_pt(fig)
    shown = min(PHONE_COLUMN_PX, width * 4 / 3)
    return smallest_text_pt(fig) * shown / width


def plain_log_ticks(fig) -> None:
    """Decade ticks of log axes as plain text (10⁹) instead of mathtext ($10^{9}$, a 70 % exponent)."""
    from matplotlib.ticker import FuncFormatter, LogFormatterSciNotation, NullFormatter

    def decade(value, _pos):
        exponent = round(math.log10(value)) if value > 0 else None
        if exponent is None or abs(value - 10.0 ** exponent) > 1e-9 * 10.0 ** exponent:
            return ""
        return "1" if exponent == 0 else "10" if exponent == 1 else "10" + str(exponent).translate(_SUPERSCRIPT)

    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if isinstance(axis.get_major_formatter(), LogFormatterSciNotation):
                axis.set_major_formatter(FuncFormatter(decade))
            if isinstance(axis.get_minor_formatter(), LogFormatterSciNotation):
                axis.set_minor_formatter(NullFormatter())


def _legend(ax, columns: int | None = None) -> None:
    """Draw an axes' legend again, in at most `columns` columns and its long entries wrapped (a legend's layout is
    fixed when it is made: changing its columns needs a new one, at the same place)."""
    old = ax.get_legend()
    if old is None:
        return
    labels = [textwrap.fill(t.get_text(), LABEL_CHARS) for t in old.get_texts()]
    columns = min(old._ncols, columns or old._ncols)
    anchor = old.get_bbox_to_anchor()      # where draw() put it, carried into the axes' own coordinates
    place = None
    if anchor is not ax.bbox:
        (x0, y0), (x1, y1) = ax.transAxes.inverted().transform([(anchor.x0, anchor.y0), (anchor.x1, anchor.y1)])
        place = (x0, y0, x1 - x0, y1 - y0)
    ax.legend(handles=old.legend_handles, labels=labels, ncols=columns, loc=old._loc, bbox_to_anchor=place,
              title=old.get_title().get_text() or None)


def _wrap_words(fig) -> None:
    """Long legend entries and titles on several lines, and legends in at most two columns: a phone's column is
    too narrow for a line of them."""
    for ax in fig.axes:
        _legend(ax, 2)
        if "$" not in ax.get_title():
            ax.set_title(textwrap.fill(ax.get_title(), LABEL_CHARS + 10))
        if "$" not in ax.get_xlabel():
            ax.set_xlabel(textwrap.fill(ax.get_xlabel(), LABEL_CHARS + 10))


def _upright_ticks(fig) -> None:
    """x tick labels that overlap once the axes are narrow are turned upright (read from below)."""
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        labels = [t for t in ax.get_xticklabels() if t.get_visible() and t.get_text().strip()]
        boxes = [t.get_window_extent(renderer) for t in labels]
        if any(a.x1 > b.x0 for a, b in zip(boxes, boxes[1:])):
            for t in labels:
                t.set_rotation(90)


def _narrowest_legends(fig) -> None:
    for ax in fig.axes:
        _legend(ax, 1)


def _stacked(fig) -> float:
    """Panels side by side (one grid of subplots, one cell each) are stacked in reading order, each with its own
    tick labels; returns how many times taller the figure must be (1 if it was left alone)."""
    from matplotlib.gridspec import GridSpec

    panels = [(ax, ax.get_subplotspec()) for ax in fig.axes if ax.get_subplotspec() is not None]
    grids = {id(spec.get_gridspec()) for _, spec in panels}
    if len(grids) != 1 or len(panels) < 2:
        return 1.0
    rows, cols = panels[0][1].get_gridspec().get_geometry()
    if cols < 2 or any(spec.rowspan.stop - spec.rowspan.start != 1 or spec.colspan.stop - spec.colspan.start != 1
                       for _, spec in panels):
        return 1.0
    stack = GridSpec(rows * cols, 1, figure=fig)
    for ax, spec in panels:
        ax.set_subplotspec(stack[spec.rowspan.start * cols + spec.colspan.start, 0])
        ax.tick_params(labelleft=True, labelbottom=True)
    return float(cols)


def relayout(fig) -> bool:
    """Resize `fig` in place for the phone's column; True if its text then reaches MIN_PHONE_PX."""
    if getattr(fig, "paramscope_fixed_layout", False):   # a drawing placed in inches (figures.module_boxes.Canvas)
        return False
    plain_log_ticks(fig)
    _wrap_words(fig)
    # A draw() that called fig.tight_layout() once leaves a placeholder: lay out again at every size.
    engine = fig.get_layout_engine()
    again = engine is None or type(engine).__name__ == "PlaceHolderLayoutEngine"
    width, height = fig.get_size_inches()
    panels = _stacked(fig)
    if panels > 1:
        height *= 0.75 * panels         # each panel a little lower than it was beside the others
    fig.draw_without_rendering()        # tick labels as the new formatters write them
    # The widest tight box, in points, less 2 % for the rounding of the saved file; aimed at a folded block's width.
    target = 0.98 * smallest_text_pt(fig) * FOLDED_COLUMN_PX / MIN_PHONE_PX
    width = min(width, target / 72)
    for attempt in range(TRIES):
        width = max(width, SMALLEST_IN)
        fig.set_size_inches(width, height)
        if again:
            fig.tight_layout()
        fig.draw_without_rendering()    # the layout engine places the axes for the new size
        tight = tight_width_pt(fig)
        if tight <= target:
            _upright_ticks(fig)
            if again:
                fig.tight_layout()
            break
        if attempt == 1:                # still too wide: legends in one column
            _narrowest_legends(fig)
        width *= 0.98 * target / tight
    return phone_px(fig) >= MIN_PHONE_PX
