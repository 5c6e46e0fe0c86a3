"""Figures in a light and a dark variant, saved so that two runs give the same bytes."""
import re
from pathlib import Path
from typing import Callable

from paramscope import paths
from paramscope.figures import style


def theme(name: str) -> dict:
    """matplotlib settings for one scheme: the site's style (paramscope.figures.style)."""
    return style.rc(name)


def style_file(chosen: str, root: Path) -> Path | None:
    """The .mplstyle file `figure_style` names (relative to the project), or None for a name."""
    return root / chosen if chosen.endswith(".mplstyle") or "/" in chosen else None


def styles(name: str, chosen: str, root: Path) -> list:
    """What `plt.style.context` applies for a scheme under any other `figure_style` than the house style: that
    style (nothing for `none`: matplotlib's defaults), fixed SVG ids, and for dark, light ink on a clear ground."""
    base = [] if chosen == "none" else [str(style_file(chosen, root) or chosen)]
    fixed = {"svg.hashsalt": "paramscope"}          # byte-identical rebuilds
    if name == "light":
        return [*base, fixed]
    ink = style.INK["dark"]
    dark = {key: ink for key in ("text.color", "axes.labelcolor", "axes.edgecolor", "axes.titlecolor",
                                 "xtick.color", "ytick.color", "legend.labelcolor")}
    clear = {"axes.facecolor": "none", "figure.facecolor": "none", "savefig.facecolor": "none",
             "savefig.transparent": True, "legend.facecolor": "none"}
    return [*base, fixed, dark, clear]


def _scheme(name: str, project: paths.Project | None):
    """The rc context a scheme's figure is drawn in, as the project's `figure_style` says (none: the house style)."""
    import matplotlib.pyplot as plt

    if project is None or project.figure_style == paths.HOUSE_STYLE:
        return plt.rc_context(theme(name))
    return plt.style.context(styles(name, project.figure_style, project.root), after_reset=True)


_LONG_DECIMAL = re.compile(r"(?<![#\w])(-?\d+\.\d{3,})")
_TAG = re.compile(r"<[^>]*>")   # a tag with its attributes; what lies between tags is the text a reader sees


def _round_coordinates(svg: str) -> str:
    """Coordinates to 1/100 pt (matplotlib writes six decimals): a third of the bytes, no visible change. Only
    inside tags (attributes: positions, transforms, path data); text content such as a tick label '0.125' stays."""
    def tag(match: re.Match) -> str:
        return _LONG_DECIMAL.sub(lambda m: f"{float(m.group(1)):.2f}", match.group(0))
    return _TAG.sub(tag, svg)


def render(draw: Callable, stem: Path, fmt: str, narrow_draw: Callable | None = None,
           project: paths.Project | None = None) -> list[Path]:
    """Call `draw()` once per theme and save `<stem>-light.<fmt>` and `<stem>-dark.<fmt>`, and, when the figure's
    text would be under 11 px on a phone, `<stem>-narrow-light.<fmt>` and `-narrow-dark`: the phone's own drawing
    `narrow_draw()` when the producer gives one (a diagram placed in inches, panels that a phone shows otherwise),
    else the same figure re-laid out for the phone's column (paramscope.figures.narrow)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from paramscope.figures import narrow

    written = []
    for name in ("light", "dark"):
        with _scheme(name, project):
            fig = _drawn(draw)
            written.append(_save(fig, stem.with_name(f"{stem.name}-{name}.{fmt}"), fmt))
            phone = None
            if narrow_draw is not None:
                phone = _drawn(narrow_draw)
                if narrow.phone_px(phone) < style.MIN_PHONE_PX:
                    raise ValueError(f"{stem.name}: its phone drawing's smallest text is "
                                     f"{narrow.phone_px(phone):.1f} px in the {style.PHONE_COLUMN_PX} px column, "
                                     f"under {style.MIN_PHONE_PX}: draw it narrower or its text larger")
            elif narrow.phone_px(fig) < style.MIN_PHONE_PX and narrow.relayout(fig):
                phone = fig
            if phone is not None:
                written.append(_save(phone, stem.with_name(f"{stem.name}-narrow-{name}.{fmt}"), fmt))
            plt.close("all")
    return written


def _drawn(draw: Callable):
    from paramscope.figures import narrow

    fig = draw()
    if fig is None or not hasattr(fig, "savefig"):
        raise TypeError("a figure's draw() must return a matplotlib Figure")
    narrow.plain_log_ticks(fig)   # 10⁹ as text: mathtext draws the exponent at 70 %, under 11 px
    return fig


def _save(fig, target: Path, fmt: str) -> Path:
    # No dates or software versions inside the files: they would change the bytes between builds.
    if fmt == "svg":
        options = {"metadata": {"Date": None}}
    else:
        options = {"metadata": {"Software": None}, "pil_kwargs": {"optimize": True}}
    fig.savefig(target, format=fmt, bbox_inches="tight", **options)
    if fmt == "svg":
        target.write_text(_round_coordinates(target.read_text()))
    return target
