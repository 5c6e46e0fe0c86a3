"""The package's layers, stated once: a part (a subpackage or a top-level module of paramscope) imports only parts
listed before it. Every import counts, those inside functions too, so no two parts import each other."""
import ast
import importlib
from pathlib import Path

import pytest

from support import ROOT

PACKAGE = ROOT / "scripts" / "paramscope"

# Lowest first. Each line is a layer; a part may import any part on an earlier line (or in itself).
ORDER = [
    "paths", "hashing",  # where things are; content hashes
    "arch",              # architectures as data, the closed-form count, the zoo (no torch)
    "tables",            # published tables that are not architectures
    "figures",           # the style, diagrams, the calculator's data
    "pipeline",          # the generator: producers, cache, markers, figures' variants
    "localsite",         # serving a built site to a browser
    "models",            # torch modules built from the description
    "lessons",           # sampling, embeddings, training, distillation, routing, LoRA
    "checkpoints",       # the two real model files and their export
    "glossary",          # the glossary's schema and house rules (no MkDocs)
    "mkdocs",            # the MkDocs plugins: paramscope (the generator), paramscope-glossary
    "bench",             # the benchmark
    "commands",          # one module per command
    "cli", "__main__",   # the entry point
]
TOP_LEVEL_MODULES_AT_MOST = 6


def part_of_file(path: Path) -> str:
    first = path.relative_to(PACKAGE).parts[0]
    return first.removesuffix(".py")


def part_of_module(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if parts[0] == "paramscope" and len(parts) > 1 else None


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import in the file, at any depth; `importlib.import_module("paramscope.x")` too."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.lineno, f"{node.module}.{alias.name}") if node.module == "paramscope" else
                      (node.lineno, node.module) for alias in node.names]
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module" and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.append((node.lineno, node.args[0].value))
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))
PARTS = sorted({part_of_file(p) for p in MODULES} - {"__init__"})


def test_every_part_has_a_place_in_the_order():
    assert sorted(PARTS) == sorted(ORDER), f"parts not in ORDER: {set(PARTS) - set(ORDER)}; " \
                                           f"in ORDER but absent: {set(ORDER) - set(PARTS)}"


def test_the_top_folder_holds_few_plain_modules():
    plain = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in {"__init__.py", "__main__.py"})
    assert len(plain) <= TOP_LEVEL_MODULES_AT_MOST, plain


@pytest.mark.parametrize("package", sorted(p.parent for p in PACKAGE.glob("*/__init__.py")),
                         ids=lambda p: p.name)
def test_every_subpackage_says_what_it_holds(package):
    doc = importlib.import_module(f"paramscope.{package.name}").__doc__ or ""
    assert len(doc.split()) >= 15, f"{package.relative_to(ROOT)}/__init__.py: a one-paragraph docstring, please"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_a_part_imports_only_parts_below_it(path):
    own = part_of_file(path)
    if own == "__init__":
        return
    upward = [f"{path.relative_to(ROOT)}:{line}: {own} imports {name}" for line, name in imports(path)
              if (other := part_of_module(name)) and other != own and other in ORDER
              and ORDER.index(other) > ORDER.index(own)]
    assert not upward, "\n".join(upward)


def test_the_walk_sees_imports_inside_functions():
    path = PACKAGE / "arch" / "counting.py"  # describe() imports the zoo inside the function
    inner = next(n for n, line in enumerate(path.read_text().splitlines(), 1)
                 if line.startswith("    ") and "import zoo" in line)
    assert (inner, "paramscope.arch") in imports(path)
