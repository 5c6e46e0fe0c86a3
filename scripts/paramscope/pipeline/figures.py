"""Figures in a light and a dark variant, saved so that two runs give the same bytes."""
import re
from pathlib import Path
from typing import Callable

# Colours readable on both of Material's schemes (white and slate); the dark variant only changes the ink.
PALETTE = ["#3f6ad8", "#e8793a", "#2e9e6b", "#c2497d", "#8a6fd1", "#b8962e", "#3aa6b9", "#7d7d7d"]
INK = {"light": "#262626", "dark": "#e3e3e3"}
GRID = {"light": "#d9d9d9", "dark": "#4a4a4a"}


def theme(name: str) -> dict:
    ink = INK[name]
    return {
        "axes.prop_cycle": __import__("cycler").cycler(color=PALETTE),
        "text.color": ink, "axes.labelcolor": ink, "axes.edgecolor": ink, "axes.titlecolor": ink,
        "xtick.color": ink, "ytick.color": ink, "grid.color": GRID[name], "legend.labelcolor": ink,
        "legend.frameon": False, "axes.facecolor": "none", "figure.facecolor": "none",
        "savefig.facecolor": "none", "savefig.transparent": True,
        "axes.spines.top": False, "axes.spines.right": False,
        "font.family": "sans-serif", "font.size": 10,
        "font.sans-serif": ["DejaVu Sans", "Arial", "sans-serif"],  # named in every SVG text: keep the list short
        "svg.fonttype": "none",        # text stays text: smaller files, and it uses the page's font
        "svg.hashsalt": "paramscope",  # fixed ids inside the SVG: byte-identical rebuilds
        "figure.dpi": 100, "savefig.dpi": 120, "image.cmap": "viridis",
    }


_LONG_DECIMAL = re.compile(r"(?<![#\w])(-?\d+\.\d{3,})")


def _round_coordinates(svg: str) -> str:
    """Coordinates to 1/100 pt (matplotlib writes six decimals): a third of the bytes, no visible change."""
    return _LONG_DECIMAL.sub(lambda m: f"{float(m.group(1)):.2f}", svg)


def render(draw: Callable, stem: Path, fmt: str) -> list[Path]:
    """Call `draw()` once per theme and save `<stem>-light.<fmt>` and `<stem>-dark.<fmt>`."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written = []
    for name in ("light", "dark"):
        with plt.rc_context(theme(name)):
            fig = draw()
            if fig is None or not hasattr(fig, "savefig"):
                raise TypeError("a figure's draw() must return a matplotlib Figure")
            target = stem.with_name(f"{stem.name}-{name}.{fmt}")
            # No dates or software versions inside the files: they would change the bytes between builds.
            if fmt == "svg":
                options = {"metadata": {"Date": None}}
            else:
                options = {"metadata": {"Software": None}, "pil_kwargs": {"optimize": True}}
            fig.savefig(target, format=fmt, bbox_inches="tight", **options)
            plt.close(fig)
            if fmt == "svg":
                target.write_text(_round_coordinates(target.read_text()))
            written.append(target)
    return written
