"""`Show`: stands in for the build's `out` inside a notebook, showing the facts, tables and figures a page uses.

`produce(Show(...))` runs a producer exactly as the build does, but draws its figures inline (light scheme, in the
site's `figure_style`) and lists its facts instead of saving them.
"""
import base64
import html
import io
import sys
from pathlib import Path
from typing import Callable

from paramscope_generator import paths
from paramscope_generator.producer.output import display, file_name, phone_drawing
from paramscope_generator.producer.sanity import CheckFailed
from paramscope_generator.rendering import drawing


class Show:
    """A notebook's `out` (paramscope_generator.producer.output.Out): shows what the build would save."""

    def __init__(self, producer: str, facts: list[str] | None = None, figures: list[str] | None = None,
                 figure_style: str | None = None):
        """Show only these names (None: all); names are without the producer's prefix, as produce() writes them.
        `figure_style` is the site's (the generator's option), written into the notebook by the build; None: that
        of the working directory's project, or matplotlib's look outside one."""
        self.producer = producer
        self.figure_style = figure_style
        self.wanted_facts = facts
        self.wanted_figures = figures
        self.facts: dict[str, str] = {}

    @property
    def project(self) -> paths.Project:
        """The project the notebook runs in: that of the working directory (the build gives `out` its own)."""
        return paths.find()

    def _style(self):
        """The rc context the figures are drawn in."""
        if self.figure_style is not None:
            return drawing.styled("light", self.figure_style, Path.cwd())
        try:
            return drawing.scheme("light", self.project)
        except paths.ProjectNotFound:
            return drawing.scheme("light", None)

    def fact(self, name: str, value, fmt: str | None = None) -> None:
        if self.wanted_facts is None or name in self.wanted_facts:
            self.facts[name] = display(value, fmt)

    def table(self, name: str, columns: list[str], rows: list[list], fmt: dict[str, str] | None = None) -> None:
        if self.wanted_facts is not None and name not in self.wanted_facts:
            return
        from IPython.display import Markdown, display as show

        fmt = fmt or {}
        def cell(col, v):
            return display(v, fmt.get(col))
        lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(cell(c, v) for c, v in zip(columns, row)) + " |" for row in rows]
        show(Markdown(f"**{self.producer}.{name}**\n\n" + "\n".join(lines)))

    def figure(self, name: str, draw: Callable, alt: str, format: str = "svg", narrow: Callable | None = None,
               checks: bool = True) -> None:
        """Draws the figure inline, light scheme; the phone variant and the build's figure checks are not run."""
        phone_drawing(name, draw, narrow)   # what the build would refuse (a `phone` keyword and narrow= both)
        if self.wanted_figures is not None and name not in self.wanted_figures:
            return
        import matplotlib.pyplot as plt
        from IPython.display import HTML, display as show

        with self._style():
            fig = draw()
            data, mime = _encode(fig, format)
            plt.close(fig)
        # An <img> with the figure's alt text: Jupyter's own image output has no place for one.
        show(HTML(f'<img alt="{html.escape(alt)}" src="data:{mime};base64,{base64.b64encode(data).decode()}">'))

    def data(self, name: str, obj) -> None:
        pass            # page scripts' JSON: nothing to show

    def file(self, name: str, source) -> None:
        """Checks what the build would (the name's form, a readable file); the notebook publishes nothing."""
        file_name(name)
        if not Path(source).is_file():
            raise FileNotFoundError(f"file {name!r}: its source {source} is not a file")

    def check(self, name: str, holds, message: str) -> None:
        if not holds:               # the build would stop here too (paramscope_generator.pages.bound_checks)
            raise CheckFailed([{"name": name, "line": sys._getframe(1).f_lineno, "message": message}])

    def input(self, path) -> None:
        pass            # only the build's cache needs to know

    def facts_table(self):
        """The facts collected so far, as a Markdown table (the last expression of a cell displays it)."""
        from IPython.display import Markdown

        rows = "\n".join(f"| `{self.producer}.{k}` | {v} |" for k, v in self.facts.items())
        return Markdown(f"| Fact | Value on the page |\n|---|---|\n{rows}")


SVG_LIMIT = 30_000   # bytes; past this (many bars, points or curves) a PNG is usually smaller


def _encode(fig, format: str) -> tuple[bytes, str]:
    """The figure as SVG, or as PNG when it was drawn for PNG or its SVG is heavy and the PNG lighter: a notebook
    page carries its figures inline and must stay within the page budget."""
    png = io.BytesIO()
    if format == "svg":
        svg = io.BytesIO()
        fig.savefig(svg, format="svg", metadata={"Date": None})
        if len(svg.getvalue()) <= SVG_LIMIT:
            return svg.getvalue(), "image/svg+xml"
        fig.savefig(png, format="png", dpi=100, metadata={"Software": None})
        if len(svg.getvalue()) <= len(png.getvalue()):
            return svg.getvalue(), "image/svg+xml"
        return png.getvalue(), "image/png"
    fig.savefig(png, format="png", dpi=100, metadata={"Software": None})
    return png.getvalue(), "image/png"
