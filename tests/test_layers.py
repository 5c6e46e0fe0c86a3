"""The layers, stated once, in code. Two packages live in scripts/: the generator (`paramscope_generator`, which any
site can adopt) and this site (`paramscope`), which builds on it. The generator imports nothing of the site, so any
site can use it without this site's look, glossary or library; the site and its producers import the generator only
through its api (SITE_MAY_IMPORT). Inside each package, its LAYERS (paramscope.LAYERS, paramscope_generator.LAYERS)
lists its parts (a subpackage or a top-level module) lowest first, and a part imports only parts listed before it.
Every import counts, those inside functions too, so no two parts import each other; and inside a part no two modules
import each other, directly or round a longer loop."""
import ast
import graphlib
import importlib
import pkgutil
from pathlib import Path

import pytest

import paramscope
import paramscope_generator

from support import ROOT

PACKAGE = ROOT / "scripts" / "paramscope"

ORDER = paramscope.LAYERS   # lowest first: a part imports only parts before it (or itself)
TOP_LEVEL_MODULES_AT_MOST = 6
GENERATOR = ROOT / "scripts" / "paramscope_generator"
# Inside the generator, lowest first: a module imports only generator parts before its own (or its own part).
# Every file of the generator is in one of these (its first folder, or the module itself).
GENERATOR_ORDER = paramscope_generator.LAYERS
# What the rest of scripts/ may import of the generator: its api anywhere; its command line (`main(argv, commands)`
# and COMMANDS) where the site's own command line adds its commands to the generator's.
GENERATOR_API = "paramscope_generator.api"
SITE_MAY_IMPORT = {"scripts/paramscope/cli.py": {"paramscope_generator.dispatch"}}
# MkDocs itself is imported only from its own layer up: in the generator, by `mkdocs` and the parts after it; in the
# site's library, by a feature's MkDocs modules, which nothing of the feature imports but each other: its plugin
# (plugin.py), the plugin's options (config.py) and its pages' front matter as MkDocs Configs (meta.py); and by the
# site's MkDocs hooks file (hooks.py).
MKDOCS_FROM = "mkdocs"
MKDOCS_MODULES = {"plugin.py", "config.py", "meta.py", "hooks.py"}


def part_of_file(path: Path) -> str:
    """The part a file is in: for the site, its first folder or the module itself; the generator is one part."""
    if path.is_relative_to(GENERATOR):
        return "paramscope_generator"
    first = path.relative_to(PACKAGE).parts[0]
    return first.removesuffix(".py")


def part_of_module(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if parts[0] == "paramscope" and len(parts) > 1 else None


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, name) for every import in the file, at any depth; `importlib.import_module("paramscope.x")` too, and
    for a name computed by an f-string (`f"paramscope.bench.{area}"`) the package its constant start names
    (paramscope.bench). `from a.b import c` gives a.b.c, which is a module or a name in one."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]  # a module or a name
        elif _imports_a_module(node) and (name := _constant_start(node.args[0])):
            found.append((node.lineno, name))
    return found


def _imports_a_module(node: ast.AST) -> bool:
    """`importlib.import_module(...)` or `import_module(...)`, given a name."""
    return isinstance(node, ast.Call) and bool(node.args) and "import_module" in (
        getattr(node.func, "attr", None), getattr(node.func, "id", None))


def _constant_start(arg: ast.expr) -> str:
    """The module a name argument names: a string constant whole; an f-string up to the last dot of its constant
    start ("" when it starts with a computed part); anything else ""."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    if isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
        return str(arg.values[0].value).rpartition(".")[0]
    return ""


def computed_imports(path: Path) -> list[int]:
    """The lines where the file imports a module whose name no constant start says (`import_module(name)`)."""
    return [node.lineno for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if _imports_a_module(node) and not _constant_start(node.args[0])]


MODULES = sorted(PACKAGE.rglob("*.py"))
GENERATOR_MODULES = sorted(GENERATOR.rglob("*.py"))
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


@pytest.mark.parametrize("path", sorted((PACKAGE / "checkpoints").glob("*.py")), ids=lambda p: p.name)
def test_checkpoints_record_nothing_for_the_build(path):
    """Loaders declare the files they read from native code with the generator's `track_input` (inert outside a
    producer's run); of the generator they use only that, where a project is and file hashes."""
    allowed = {f"{GENERATOR_API}.{name}"
               for name in ("find_project", "ProjectNotFound", "file_hash", "save_hash_memo", "track_input")}
    into = [f"{path.relative_to(ROOT)}:{line}: imports {name}" for line, name in imports(path)
            if name.startswith("paramscope_generator") and name not in allowed]
    assert not into, "\n".join(into)


SITE_FILES = sorted(p for p in (ROOT / "scripts").rglob("*.py")
                    if not p.is_relative_to(GENERATOR) and "node_modules" not in p.parts)


@pytest.mark.parametrize("path", GENERATOR_MODULES, ids=lambda p: p.relative_to(GENERATOR).as_posix())
def test_the_generator_imports_nothing_of_the_site(path):
    """The generator is the bottom: another site installs it alone (scripts/generator-dist), without this package."""
    site = [f"{path.relative_to(ROOT)}:{line}: the generator imports {name}, a part of this site"
            for line, name in imports(path) if name == "paramscope" or name.startswith("paramscope.")]
    assert not site, "\n".join(site)


def past_the_api(rel: str, found: list[tuple[int, str]]) -> list[str]:
    """`rel:line: imports NAME` for each of the imports `found` in the file `rel` that names the generator other than
    its api (or what SITE_MAY_IMPORT allows the file)."""
    allowed = (GENERATOR_API, *SITE_MAY_IMPORT.get(rel, ()))
    return [f"{rel}:{line}: imports {name}: outside the generator, import it from {GENERATOR_API}"
            for line, name in sorted(found)
            if (name == "paramscope_generator" or name.startswith("paramscope_generator."))
            and not any(name == a or name.startswith(a + ".") for a in allowed)]


@pytest.mark.parametrize("path", SITE_FILES, ids=lambda p: p.relative_to(ROOT / "scripts").as_posix())
def test_the_site_imports_the_generator_only_through_its_api(path):
    """The site's library, commands, plugins and producers use the generator as another site would: what they need
    is a name of paramscope_generator.api (add it to its LAZY, with a row in the manual's table, docs/generator.md).
    A module imported by a computed name must say its package in a constant start, so that these tests can see it."""
    past = past_the_api(path.relative_to(ROOT).as_posix(), imports(path))
    assert not past, "\n".join(past)
    unseen = computed_imports(path)
    assert not unseen, f"{path.relative_to(ROOT)}:{unseen[0]}: imports a module by a computed name: start it with " \
                       f"its package as a constant (f\"paramscope.bench.{{area}}\")"


def test_the_api_check_sees_every_kind_of_import(tmp_path):
    path = tmp_path / "scripts" / "site.py"
    path.parent.mkdir()
    path.write_text("import importlib\nfrom paramscope_generator.api import expect\n\n\ndef f(area, name):\n"
                    "    from paramscope_generator.markdown import scan\n"
                    "    importlib.import_module('paramscope_generator.paths')\n"
                    "    importlib.import_module(f'paramscope_generator.run.{area}')\n"
                    "    import paramscope_generator\n"
                    "    return importlib.import_module(name)\n")
    found = sorted((line, name) for line, name in imports(path) if name.startswith("paramscope_generator"))
    assert found == [(2, "paramscope_generator.api.expect"), (6, "paramscope_generator.markdown.scan"),
                     (7, "paramscope_generator.paths"), (8, "paramscope_generator.run"), (9, "paramscope_generator")]
    assert computed_imports(path) == [10]
    assert [m.split(": ")[0] for m in past_the_api("scripts/site.py", found)] == [
        "scripts/site.py:6", "scripts/site.py:7", "scripts/site.py:8", "scripts/site.py:9"]
    command_line = [(3, "paramscope_generator.dispatch"), (4, "paramscope_generator.commands.project")]
    assert len(past_the_api("scripts/paramscope/cli.py", command_line)) == 1
    assert len(past_the_api("scripts/paramscope/site_commands/new_term.py", command_line)) == 2


def module_name(path: Path) -> str:
    """paramscope.arch.zoo for scripts/paramscope/arch/zoo.py; a package's __init__ is the package."""
    parts = list(path.relative_to(ROOT / "scripts").with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


NAMES = {module_name(p): p for p in MODULES + GENERATOR_MODULES}


def module_imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import of a paramscope module in the file; `from package import name` is the
    module package.name when there is one, else the package (its __init__)."""
    found = []
    for line, name in imports(path):
        while name and name not in NAMES:
            name = name.rpartition(".")[0]
        if name:
            found.append((line, name))
    return found


def generator_part(path: Path) -> str:
    """The part of the generator a file of it is in: its first folder or the module itself (paths, run, api, ...)."""
    return path.relative_to(GENERATOR).parts[0].removesuffix(".py")


def test_every_part_of_the_generator_has_a_place_in_its_order():
    found = {generator_part(p) for p in GENERATOR.rglob("*.py") if p != GENERATOR / "__init__.py"}
    assert found == set(GENERATOR_ORDER), found ^ set(GENERATOR_ORDER)


@pytest.mark.parametrize("package", sorted(p.parent for p in GENERATOR.glob("*/__init__.py")), ids=lambda p: p.name)
def test_every_part_of_the_generator_says_what_it_holds(package):
    doc = importlib.import_module(f"paramscope_generator.{package.name}").__doc__ or ""
    assert len(doc.split()) >= 15, f"{package.relative_to(ROOT)}/__init__.py: a one-paragraph docstring, please"


def imports_mkdocs(path: Path) -> list[int]:
    """The lines where the file imports MkDocs itself (`mkdocs` or `mkdocs.…`; not mkdocs_jupyter or the like)."""
    return [line for line, name in imports(path) if name == "mkdocs" or name.startswith("mkdocs.")]


@pytest.mark.parametrize("path", MODULES + GENERATOR_MODULES, ids=lambda p: p.relative_to(ROOT / "scripts").as_posix())
def test_only_the_mkdocs_layer_imports_mkdocs(path):
    if path.is_relative_to(GENERATOR):
        if path == GENERATOR / "__init__.py":
            return
        allowed = GENERATOR_ORDER.index(generator_part(path)) >= GENERATOR_ORDER.index(MKDOCS_FROM)
    else:
        allowed = path.name in MKDOCS_MODULES
    lines = [] if allowed else imports_mkdocs(path)
    assert not lines, f"{path.relative_to(ROOT)}:{lines[0]}: imports MkDocs: move it to the MkDocs layer " \
                      f"(the generator's {MKDOCS_FROM}/, or a feature's {' / '.join(sorted(MKDOCS_MODULES))})"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_a_features_mkdocs_modules_sit_on_top_of_it(path):
    """Nothing of a feature imports its plugin, config or hooks but one another: the feature works without MkDocs
    (the parts above it, such as the entry points, may)."""
    if path.name in MKDOCS_MODULES:
        return
    upward = [f"{path.relative_to(ROOT)}:{line}: imports {name}, the feature's MkDocs side"
              for line, name in module_imports(path)
              if NAMES[name].name in MKDOCS_MODULES and part_of_file(NAMES[name]) == part_of_file(path)]
    assert not upward, "\n".join(upward)


@pytest.mark.parametrize("path", GENERATOR_MODULES, ids=lambda p: p.relative_to(GENERATOR).as_posix())
def test_a_part_of_the_generator_imports_only_its_parts_below_it(path):
    if path == GENERATOR / "__init__.py":
        return
    own = generator_part(path)
    upward = [f"{path.relative_to(ROOT)}:{line}: the generator's {own} imports {name}"
              for line, name in module_imports(path) if name.startswith("paramscope_generator.")
              and GENERATOR_ORDER.index(generator_part(NAMES[name])) > GENERATOR_ORDER.index(own)]
    assert not upward, "\n".join(upward)


def cycle_in(graph: dict[str, dict[str, int]]) -> list[str]:
    """One import loop of `graph` (module -> {imported module: line}) as [a, b, ..., a], or [] when there is none."""
    try:
        tuple(graphlib.TopologicalSorter({m: set(deps) for m, deps in graph.items()}).static_order())
    except graphlib.CycleError as error:
        return error.args[1][::-1]
    return []


@pytest.mark.parametrize("part", PARTS + ["paramscope_generator"])
def test_no_two_modules_of_a_part_import_each_other(part):
    graph = {}
    for name, path in NAMES.items():
        if part_of_file(path) == part:
            graph[name] = {other: line for line, other in module_imports(path)
                           if other != name and part_of_file(NAMES[other]) == part}
    loop = cycle_in(graph)
    steps = [f"{NAMES[a].relative_to(ROOT)}:{graph[a][b]}: {a} imports {b}" for a, b in zip(loop, loop[1:])]
    assert not loop, "an import loop inside " + part + ":\n" + "\n".join(steps)


def test_the_walk_sees_imports_inside_functions(tmp_path):
    path = tmp_path / "inner.py"
    path.write_text("import os\n\n\ndef f():\n    from paramscope.arch import zoo\n    return zoo\n")
    assert (5, "paramscope.arch.zoo") in imports(path)
    assert module_imports(path) == [(5, "paramscope.arch.zoo")]


def test_the_loop_finder_finds_a_loop_and_its_lines():
    assert cycle_in({"a": {"b": 3}, "b": {"c": 4}, "c": {}}) == []
    loop = cycle_in({"a": {"b": 3}, "b": {"c": 4}, "c": {"a": 5}})
    assert len(loop) == 4 and loop[0] == loop[-1] and set(loop) == {"a", "b", "c"}
    assert all(b in {"a": {"b"}, "b": {"c"}, "c": {"a"}}[a] for a, b in zip(loop, loop[1:]))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_an_import_of_the_package_names_a_part_that_exists(path):
    """`from paramscope import gone` or `paramscope.gone.x` is no layer at all: the order test above would pass it."""
    unknown = [f"{path.relative_to(ROOT)}:{line}: imports {name}, but scripts/paramscope has no part "
               f"'{part_of_module(name)}'" for line, name in imports(path)
               if part_of_module(name) and part_of_module(name) not in {*PARTS, "__init__", "__main__", "cli"}]
    assert not unknown, "\n".join(unknown)


@pytest.mark.parametrize("module", sorted(
    name for package in (PACKAGE, GENERATOR)
    for _, name, _ in pkgutil.walk_packages([str(package)], prefix=f"{package.name}.")
    if not name.endswith("__main__")))
def test_every_module_imports(module):
    """Each module of the package imports cleanly: a name that moved fails here, not in a command that catches it."""
    importlib.import_module(module)
