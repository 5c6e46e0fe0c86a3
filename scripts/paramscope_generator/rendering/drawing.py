"""Figures in a light and a dark variant (and a phone variant when needed), drawn in the look the site's
`figure_style` names and saved so that two runs give the same bytes.

`figure_style` is `none` (matplotlib's defaults), a matplotlib style name (`ggplot`), a .mplstyle file relative to
mkdocs.yml, or a hook `module:function` that returns the rc settings for a scheme (`function("light")`,
`function("dark")`): a site passes its own look in that way, the generator knows none. `figure_checks` hooks
`module:function` take each drawn figure and return its problems (a list of str): any problem fails the figure.
"""
import importlib
import re
from pathlib import Path
from typing import Callable

from paramscope_generator import paths
from paramscope_generator.rendering import phone_relayout

DARK_INK = "#e3e3e3"   # the dark variant's text and lines under a style that has no dark scheme of its own


def hook(chosen: str) -> tuple[str, str] | None:
    """(module, function) when `figure_style` names a Python hook, else None."""
    module, colon, function = chosen.partition(":")
    return (module, function) if colon and module and function.isidentifier() else None


def style_file(chosen: str, root: Path) -> Path | None:
    """The .mplstyle file `figure_style` names (relative to the project), or None for a name or a hook."""
    if hook(chosen):
        return None
    return root / chosen if chosen.endswith(".mplstyle") or "/" in chosen else None


def styles(name: str, chosen: str, root: Path) -> list:
    """What `plt.style.context` applies for a scheme under a style name or file: that style (nothing for `none`:
    matplotlib's defaults), fixed SVG ids, and for dark, light ink on a clear ground."""
    base = [] if chosen == "none" else [str(style_file(chosen, root) or chosen)]
    fixed = {"svg.hashsalt": "paramscope"}          # byte-identical rebuilds
    if name == "light":
        return [*base, fixed]
    dark = {key: DARK_INK for key in ("text.color", "axes.labelcolor", "axes.edgecolor", "axes.titlecolor",
                                      "xtick.color", "ytick.color", "legend.labelcolor")}
    clear = {"axes.facecolor": "none", "figure.facecolor": "none", "savefig.facecolor": "none",
             "savefig.transparent": True, "legend.facecolor": "none"}
    return [*base, fixed, dark, clear]


def scheme(name: str, project: paths.Project | None):
    """The rc context a scheme's figure is drawn in, as the project's `figure_style` says (no project: `none`)."""
    if project is None:
        return styled(name, "none", Path.cwd())
    return styled(name, project.figure_style, project.root)


def styled(name: str, chosen: str, root: Path):
    """The rc context of scheme `name` under the `figure_style` value `chosen` (a file is relative to `root`)."""
    import matplotlib.pyplot as plt

    if found := hook(chosen):
        module, function = found
        return plt.rc_context(getattr(importlib.import_module(module), function)(name))
    return plt.style.context(styles(name, chosen, root), after_reset=True)


_LONG_DECIMAL = re.compile(r"(?<![#\w])(-?\d+\.\d{3,})")
_TAG = re.compile(r"<[^>]*>")   # a tag with its attributes; what lies between tags is the text a reader sees


def _round_coordinates(svg: str) -> str:
    """Coordinates to 1/100 pt (matplotlib writes six decimals): a third of the bytes, no visible change. Only
    inside tags (attributes: positions, transforms, path data); text content such as a tick label '0.125' stays."""
    def tag(match: re.Match) -> str:
        return _LONG_DECIMAL.sub(lambda m: f"{float(m.group(1)):.2f}", match.group(0))
    return _TAG.sub(tag, svg)


def render(draw: Callable, stem: Path, fmt: str, narrow_draw: Callable | None = None,
           project: paths.Project | None = None, checks: bool = True) -> list[Path]:
    """Call `draw()` once per theme and save `<stem>-light.<fmt>` and `<stem>-dark.<fmt>`, and, when the figure's
    text would be under 11 px on a phone, `<stem>-narrow-light.<fmt>` and `-narrow-dark`: the phone's own drawing
    `narrow_draw()` when the producer gives one (a diagram placed in inches, panels that a phone shows otherwise),
    else the same figure re-laid out for the phone's column (paramscope_generator.rendering.phone_relayout).
    Each drawing, once saved,
    goes through the project's `figure_checks` (unless `checks` is false): measuring draws the figure again, which
    must not change what is saved."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written = []
    for name in ("light", "dark"):
        with scheme(name, project):
            fig = _drawn(draw)
            written.append(_save(fig, stem.with_name(f"{stem.name}-{name}.{fmt}"), fmt))
            _checked(fig, stem, project if checks else None)
            small = None
            if narrow_draw is not None:
                small = _drawn(narrow_draw)
                if phone_relayout.phone_px(small) < phone_relayout.MIN_PHONE_PX:
                    raise ValueError(f"{stem.name}: its phone drawing's smallest text is "
                                     f"{phone_relayout.phone_px(small):.1f} px in the "
                                     f"{phone_relayout.PHONE_COLUMN_PX} px column, "
                                     f"under {phone_relayout.MIN_PHONE_PX}: draw it narrower or its text larger")
            elif phone_relayout.phone_px(fig) < phone_relayout.MIN_PHONE_PX and phone_relayout.relayout(fig):
                small = fig
            if small is not None:
                written.append(_save(small, stem.with_name(f"{stem.name}-narrow-{name}.{fmt}"), fmt))
                # the phone's drawing is checked as the wide one is, its own or re-laid out: narrowing moves a
                # legend or a label onto the data as easily as a producer can (a reader's finding: a legend over
                # the scaling page's "about 20" line, on the phone only)
                _checked(small, stem.with_name(f"{stem.name}-narrow"), project if checks else None)
            plt.close("all")
    return written


class FigureCheckFailed(Exception):
    """A `figure_checks` hook found problems in a drawn figure (its labels collide, a legend lies over data …)."""


def _checked(fig, stem: Path, project: paths.Project | None) -> None:
    """Raise FigureCheckFailed when one of the project's `figure_checks` hooks finds problems in the figure."""
    for check in project.figure_checks if project is not None else ():
        module, function = hook(check)
        problems = getattr(importlib.import_module(module), function)(fig)
        if problems:
            raise FigureCheckFailed(f"figure {stem.name!r}: {'; '.join(problems)} ({check})")


def _drawn(draw: Callable):
    fig = draw()
    if fig is None or not hasattr(fig, "savefig"):
        raise TypeError("a figure's draw() must return a matplotlib Figure")
    phone_relayout.plain_log_ticks(fig)   # 10⁹ as text: mathtext draws the exponent at 70 %, under 11 px
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
