"""The generator's public surface, paramscope_generator.api: every name it exports resolves and is said in its
docstring; the names imported on first use (LAZY) are the ones its annotations import, from the same places; and
importing it loads only what a producer uses (every project module a producer imports is part of its cache key)."""
import ast
import subprocess
import sys

import pytest

from paramscope_generator import api

from support import ROOT

API = ROOT / "scripts" / "paramscope_generator" / "api.py"


@pytest.mark.parametrize("name", api.__all__)
def test_every_name_resolves_and_is_said_in_the_docstring(name):
    assert getattr(api, name) is not None
    assert f"`{name}" in api.__doc__, f"{API.relative_to(ROOT)}: say `{name}` in the docstring, one line"


def _annotation_imports() -> dict[str, tuple[str, str | None]]:
    """name -> (module, name there; None for a module) for the api's `if TYPE_CHECKING:` imports."""
    tree = ast.parse(API.read_text(encoding="utf-8"))
    [block] = [node for node in tree.body if isinstance(node, ast.If)
               and getattr(node.test, "id", "") == "TYPE_CHECKING"]
    found = {}
    for node in block.body:
        for alias in node.names:
            module = f"{node.module}.{alias.name}"
            is_module = (ROOT / "scripts" / module.replace(".", "/")).with_suffix(".py").is_file()
            found[alias.asname or alias.name] = (module, None) if is_module else (node.module, alias.name)
    return found


def test_the_lazy_names_are_the_annotated_ones_and_exported():
    assert _annotation_imports() == api.LAZY
    assert set(api.LAZY) <= set(api.__all__) and len(set(api.__all__)) == len(api.__all__)


def test_importing_the_api_loads_only_what_a_producer_uses():
    code = ("import sys, paramscope_generator.api; print(' '.join(sorted(m for m in sys.modules "
            "if m.startswith('paramscope') or m.partition('.')[0] == 'mkdocs')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert "mkdocs" not in loaded
    parts = {m.split(".")[1] for m in loaded if m.count(".") >= 1 and m != "paramscope_generator.api"}
    assert parts <= {"producer", "rendering", "paths"}, loaded


def test_the_glossary_plugin_is_a_source_checker():
    from paramscope.glossary.plugin import GlossaryPlugin

    assert isinstance(GlossaryPlugin(), api.SourceChecker)
