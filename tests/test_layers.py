"""Layers point down: library (models, loaders, analysis) <- pipeline <- mkdocs <- commands. Walks every import."""
import ast
from pathlib import Path

import pytest

from support import ROOT

PACKAGE = ROOT / "scripts" / "paramscope"
# Which layer a module is in, by its first path part under paramscope/ (anything else is the library).
LAYERS = {"pipeline": 1, "notebooks.py": 1, "show.py": 1, "glossary": 1, "mkdocs": 2, "commands": 3, "cli.py": 3,
          "__main__.py": 3, "bench": 3, "localsite.py": 3}
NAMES = {"pipeline": "pipeline", "notebooks": "notebooks.py", "show": "show.py", "glossary": "glossary",
         "mkdocs": "mkdocs", "commands": "commands", "cli": "cli.py", "__main__": "__main__.py", "bench": "bench",
         "localsite": "localsite.py"}


def layer_of_file(path: Path) -> int:
    return LAYERS.get(path.relative_to(PACKAGE).parts[0], 0)


def layer_of_module(name: str) -> int:
    parts = name.split(".")
    if parts[0] != "paramscope" or len(parts) == 1:
        return 0
    return LAYERS.get(NAMES.get(parts[1], ""), 0)


def imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.lineno, f"{node.module}.{alias.name}") if node.module == "paramscope" else
                      (node.lineno, node.module) for alias in node.names]
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_the_walk_sees_the_library_and_every_layer():
    layers = {layer_of_file(p) for p in MODULES}
    assert layers == {0, 1, 2, 3}, layers
    assert PACKAGE / "smollm2.py" in MODULES and layer_of_file(PACKAGE / "smollm2.py") == 0


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_imports_a_layer_above_its_own(path):
    own = layer_of_file(path)
    upward = [f"{path.relative_to(ROOT)}:{line}: imports {name}" for line, name in imports(path)
              if layer_of_module(name) > own]
    assert not upward, "\n".join(upward)
