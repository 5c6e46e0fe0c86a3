"""The generator's public surface, paramscope_generator.api: every name it exports resolves, the manual's table
(docs/generator.md, "What a site imports") names exactly those, and importing it loads only what a producer uses
(every project module a producer imports is part of its cache key)."""
import importlib
import inspect
import re
import subprocess
import sys

import pytest

from paramscope_generator import api

from support import ROOT

MANUAL = ROOT / "docs" / "generator.md"
SECTION = "## What a site imports"


@pytest.mark.parametrize("name", api.__all__)
def test_every_name_is_the_object_its_module_defines(name):
    """A lazy name is what LAZY says (that module's attribute, or the module itself); an imported one is the
    object of that name in the generator's module that defines it."""
    value = getattr(api, name)
    if name in api.LAZY:
        module, attribute = api.LAZY[name]
        expected = importlib.import_module(module)
        assert value is (expected if attribute is None else getattr(expected, attribute))
    else:
        assert value.__module__.startswith("paramscope_generator.") and value.__module__ != api.__name__, name
        assert getattr(importlib.import_module(value.__module__), value.__name__) is value


def test_every_name_is_exported_once():
    assert len(set(api.__all__)) == len(api.__all__)


def manual_names(text: str) -> list[str]:
    """The names in the first column of the first table under SECTION: `Project`, `find_project()` -> Project, ..."""
    rows = text.partition(SECTION)[2].split("\n|---")[1].split("\n\n")[0].splitlines()[1:]
    return [name for row in rows for name in re.findall(r"`(\w+)", row.split("|")[1])]


def test_the_manuals_table_names_every_exported_name_once():
    names = manual_names(MANUAL.read_text(encoding="utf-8"))
    assert len(names) == len(set(names)), f"{MANUAL.relative_to(ROOT)}: a name twice in the table: {names}"
    assert set(names) == set(api.__all__), (
        f"{MANUAL.relative_to(ROOT)}, '{SECTION}': add a row for {sorted(set(api.__all__) - set(names))}, "
        f"remove {sorted(set(names) - set(api.__all__))}")


def test_the_manuals_table_is_read_row_by_row():
    text = f"{SECTION}\n\nProse.\n\n| name | what |\n|---|---|\n| `a(x)`, `B` | `c` here |\n| `d` | e |\n\nAfter.\n"
    assert manual_names(text) == ["a", "B", "d"]


def test_importing_the_api_loads_only_what_a_producer_uses():
    code = ("import sys, paramscope_generator.api; print(' '.join(sorted(m for m in sys.modules "
            "if m.startswith('paramscope') or m.partition('.')[0] == 'mkdocs')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert "mkdocs" not in loaded
    parts = {m.split(".")[1] for m in loaded if m.count(".") >= 1 and m != "paramscope_generator.api"}
    assert parts <= {"producer", "rendering", "paths"}, loaded


def _methods(protocol: type) -> list[str]:
    return [name for name, value in vars(protocol).items() if not name.startswith("_") and callable(value)]


@pytest.mark.parametrize("implementation", ["Output", "Show"])
def test_output_and_show_have_the_signatures_of_out(implementation):
    """`Out` is the contract of produce(out): the build's Output and a notebook's Show take the same arguments,
    with the same defaults and annotations, in every method (isinstance with a Protocol checks only names)."""
    from paramscope_generator.producer import output, show

    cls = {"Output": output.Output, "Show": show.Show}[implementation]
    assert _methods(api.Out), "Out names no methods"
    for method in _methods(api.Out):
        assert inspect.signature(getattr(cls, method)) == inspect.signature(getattr(api.Out, method)), method


def test_the_glossary_plugin_is_a_source_checker():
    from paramscope.glossary.plugin import GlossaryPlugin

    assert isinstance(GlossaryPlugin(), api.SourceChecker)
    names = {"SiteFiles": api.SiteFiles, "Sources": api.Sources, "Problem": api.Problem}
    for method in _methods(api.SourceChecker):
        assert inspect.signature(getattr(GlossaryPlugin, method), globals=names, eval_str=True) == \
            inspect.signature(getattr(api.SourceChecker, method), globals=names, eval_str=True), method
