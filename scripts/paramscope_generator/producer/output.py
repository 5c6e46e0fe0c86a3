"""`out`, the one object a producer writes through: named facts, tables, figures and data.

`Out` is the contract a producer's `produce(out: Out)` may rely on; `Output` (the build's, saved to the cache) and
`paramscope_generator.producer.show.Show` (a notebook's, shown inline) both implement it, with the same signatures.
"""
import inspect
import json
import math
import re
import shutil
import string
import sys
from functools import partial
from pathlib import Path
from typing import Callable, Protocol

from paramscope_generator import paths
from paramscope_generator.producer import inputs
from paramscope_generator.producer.sanity import CheckFailed
from paramscope_generator.rendering import drawing
from paramscope_generator.rendering.numbers import true_minus

NAME = re.compile(r"^[a-z0-9][a-z0-9_\-]*(\.[a-z0-9][a-z0-9_\-]*)*$")
FILE_NAME = re.compile(r"^[a-z0-9][a-z0-9_\-]*(\.[a-z0-9]+)+$")
NAME_CHARS = frozenset(string.ascii_lowercase + string.digits + "_-")  # what one part of a NAME holds


def name_part(value, space: str = "-") -> str:
    """`value` as one part of a fact's name, where a dot separates parts: lower case, each character a part cannot
    hold (a dot, a space ...) replaced by `space`. name_part("Llama 3.1 8B") is "llama-3-1-8b", name_part(0.05, "_")
    is "0_05", name_part("output head", "_") is "output_head"."""
    return "".join(c if c in NAME_CHARS else space for c in str(value).lower())


def phone_drawing(name: str, draw: Callable, narrow: Callable | None) -> Callable | None:
    """The phone's own drawing of figure `name`: `narrow` when given, else `draw(phone=True)` when `draw` takes a
    `phone` keyword (one function draws both, e.g. `def draw(phone: bool = False)`), else None (the generator then
    re-lays the wide drawing out for the phone when its text would be too small)."""
    try:
        takes_phone = "phone" in inspect.signature(draw).parameters
    except (TypeError, ValueError):     # a callable without a signature Python can read
        takes_phone = False
    if narrow is not None and takes_phone:
        raise ValueError(f"figure {name!r}: its draw() takes `phone`, which already gives the phone's drawing; "
                         "drop narrow=")
    if narrow is not None:
        return narrow
    return partial(draw, phone=True) if takes_phone else None


class Out(Protocol):
    """What `produce(out)` may use: the build passes an `Output`, a notebook a `Show`; see each for the details."""

    project: paths.Project

    def fact(self, name: str, value, fmt: str | None = None) -> None: ...

    def table(self, name: str, columns: list[str], rows: list[list], fmt: dict[str, str] | None = None) -> None: ...

    def figure(self, name: str, draw: Callable, alt: str, format: str = "svg", narrow: Callable | None = None,
               checks: bool = True) -> None: ...

    def data(self, name: str, obj) -> None: ...

    def file(self, name: str, source) -> None: ...

    def check(self, name: str, holds, message: str) -> None: ...

    def input(self, path) -> None: ...


def file_name(name: str) -> str:
    """`name` if it may name a published file (lower-case words and an extension), else ValueError."""
    if not isinstance(name, str) or not FILE_NAME.match(name):
        raise ValueError(f"bad file name {name!r}: lower-case words and an extension, e.g. 'model.onnx'")
    return name


def display(value, fmt: str | None = None) -> str:
    """How a fact reads in prose: ints with thousands separators, floats through their format; a number's sign is
    a true minus (`true_minus`). A string is shown as the producer wrote it."""
    if fmt is not None:
        text = fmt.format(value)
    elif isinstance(value, bool) or isinstance(value, str):
        return str(value)
    else:
        text = f"{value:,}" if isinstance(value, int) else f"{value:,.4g}"
    return true_minus(text) if isinstance(value, (int, float)) and not isinstance(value, bool) else text


class Output:
    """Collects what one producer writes; the runner saves it only if `produce(out)` returns cleanly."""

    def __init__(self, producer: str, directory: Path, project: paths.Project | None = None):
        self.producer = producer
        self.directory = directory
        self.project = project  # the site the producer computes for: its folders and its cache (for model caches)
        self._facts: dict[str, dict] = {}
        self._tables: dict[str, dict] = {}
        self._figures: dict[str, dict] = {}
        self._data: dict[str, str] = {}
        self._checks: dict[str, dict] = {}  # name -> {"holds", "line", "message"}
        self._order: list[str] = []     # names in the order produce() wrote them: the notebook shows them so

    def _claim(self, name: str) -> str:
        if not isinstance(name, str) or not NAME.match(name):
            raise ValueError(f"bad name {name!r}: use lower-case words joined by dots, e.g. 'gpt2.total'")
        if name in self._facts or name in self._tables or name in self._figures or name in self._data:
            raise ValueError(f"name {name!r} written twice")
        self._order.append(name)
        return name

    def fact(self, name: str, value, fmt: str | None = None) -> None:
        """A number or short string that prose can name as {{ producer.name }}."""
        name = self._claim(name)
        if hasattr(value, "item"):  # numpy / torch scalars
            value = value.item()
        if not isinstance(value, (int, float, str, bool)):
            raise TypeError(f"fact {name!r}: value must be int, float, str or bool, not {type(value).__name__}")
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"fact {name!r} is {value}: a figure or fact must be a finite number")
        self._facts[name] = {"value": value, "display": display(value, fmt)}

    def table(self, name: str, columns: list[str], rows: list[list], fmt: dict[str, str] | None = None) -> None:
        """A small table that prose places as {{ producer.name }} on a line of its own."""
        name = self._claim(name)
        fmt = fmt or {}
        cells = []
        for row in rows:
            if len(row) != len(columns):
                raise ValueError(f"table {name!r}: row {row!r} has {len(row)} cells for {len(columns)} columns")
            cells.append([display(v.item() if hasattr(v, "item") else v, fmt.get(c)) for c, v in zip(columns, row)])
        values = [[v.item() if hasattr(v, "item") else v for v in row] for row in rows]
        self._tables[name] = {"columns": list(columns), "rows": values, "cells": cells}

    def figure(self, name: str, draw: Callable, alt: str, format: str = "svg", narrow: Callable | None = None,
               checks: bool = True) -> None:
        """A figure drawn twice (light and dark) by `draw()`, which returns a matplotlib Figure. A `draw` with a
        `phone` keyword draws the phone's variant too, as `draw(phone=True)`; `narrow()` draws it for a `draw`
        without one; with neither, one is derived when the text would be under 11 px on a phone (phone_drawing).
        Each drawing must pass the project's `figure_checks`; `checks=False` exempts a figure (say why)."""
        name = self._claim(name)
        if not isinstance(alt, str) or not alt.strip():
            raise ValueError(f"figure {name!r} has no alt text: describe what it shows")
        if format not in ("svg", "png"):
            raise ValueError(f"figure {name!r}: format must be 'svg' (charts) or 'png' (dense images)")
        (self.directory / "figures").mkdir(parents=True, exist_ok=True)
        written = drawing.render(draw, self.directory / "figures" / name, format,
                                 phone_drawing(name, draw, narrow), self.project, checks)
        self._figures[name] = {"alt": alt.strip(), "format": format, "line": sys._getframe(1).f_lineno,
                               "narrow": any(p.stem.endswith("-narrow-light") for p in written)}

    def data(self, name: str, obj) -> None:
        """JSON published at data/<producer>/<name>.json, for scripts on a page."""
        name = self._claim(name)
        (self.directory / "data").mkdir(parents=True, exist_ok=True)
        text = json.dumps(obj, sort_keys=True, separators=(",", ":"), allow_nan=False)
        (self.directory / "data" / f"{name}.json").write_text(text)
        self._data[name] = f"{name}.json"

    def file(self, name: str, source) -> None:
        """A file published as is at data/<producer>/<name> (a model, a runtime script), copied from `source`."""
        key = self._claim(file_name(name).replace(".", "-"))
        (self.directory / "data").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, self.directory / "data" / name)
        self._data[key] = name

    def check(self, name: str, holds, message: str) -> None:
        """A named check that a page's sentence states: the page binds it with `{{ check producer.name }}`.

        `holds` is evaluated here (any truthy value, numpy and torch booleans too); one that is false fails the
        run after produce() returns, at the bound sentence's page line (paramscope_generator.pages.bound_checks)."""
        if not isinstance(name, str) or not NAME.match(name):
            raise ValueError(f"bad check name {name!r}: use lower-case words joined by hyphens, e.g. 'mlp-majority'")
        if name in self._checks:
            raise ValueError(f"check {name!r} declared twice")
        if not isinstance(message, str) or not message.strip():
            raise ValueError(f"check {name!r} has no message: say what the page relies on")
        self._checks[name] = {"holds": bool(holds), "line": sys._getframe(1).f_lineno, "message": message.strip()}

    def verify(self) -> None:
        """Raise CheckFailed if any declared check did not hold."""
        failed = [{"name": n, "line": c["line"], "message": c["message"]} for n, c in self._checks.items()
                  if not c["holds"]]
        if failed:
            raise CheckFailed(failed)

    def input(self, path) -> None:
        """An input file whose contents the outputs depend on."""
        inputs.track_input(path)

    def manifest(self) -> dict:
        return {"facts": self._facts, "tables": self._tables, "figures": self._figures, "data": self._data,
                "checks": {n: {"line": c["line"], "message": c["message"]} for n, c in self._checks.items()},
                "order": self._order}
