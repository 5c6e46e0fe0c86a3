"""What each producer writes, known without running it: names read from its source, plus the current outputs.

`out.fact("gpt2.total", ...)` with a string literal gives a name; an f-string gives a pattern
(`f"{model}.total"` matches `anything.total`), trusted only while the producer has no up-to-date outputs —
once it has, its real outputs (paramscope_generator.cache.store) decide.
"""
import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

from paramscope_generator import paths
from paramscope_generator.markdown.problem import Problem

KINDS = {"fact": "fact", "table": "fact", "figure": "figure", "data": "data", "check": "check"}


@dataclass
class Producer:
    name: str
    path: str  # as printed in messages
    facts: set[str] = field(default_factory=set)
    figures: dict[str, int] = field(default_factory=dict)  # name -> line of out.figure(...)
    data: set[str] = field(default_factory=set)
    checks: dict[str, int] = field(default_factory=dict)  # name -> line of out.check(...): always a literal
    patterns: dict[str, list[re.Pattern]] = field(default_factory=lambda: {"fact": [], "figure": [], "data": []})
    ran: bool = False  # has current outputs in the cache
    stored_facts: set[str] = field(default_factory=set)
    stored_figures: dict[str, str] = field(default_factory=dict)  # name -> alt
    stored_values: dict[str, object] = field(default_factory=dict)  # fact name -> its value (None: a table)

    def knows(self, kind: str, name: str) -> bool:
        static = self.facts if kind == "fact" else self.figures
        stored = self.stored_facts if kind == "fact" else self.stored_figures
        if name in static or name in stored:
            return True
        return not self.ran and any(p.fullmatch(name) for p in self.patterns[kind])

    def candidates(self, kind: str) -> list[str]:
        static = self.facts if kind == "fact" else self.figures
        stored = self.stored_facts if kind == "fact" else self.stored_figures
        return sorted(set(static) | set(stored))


def _pattern(node: ast.expr) -> re.Pattern | None:
    """A regex for the names an f-string (or any expression) can produce; None for a plain literal."""
    if isinstance(node, ast.JoinedStr):
        parts = [re.escape(v.value) if isinstance(v, ast.Constant) else r"[\w.\-]+" for v in node.values]
        return re.compile("".join(parts))
    return re.compile(r"[\w.\-]+")


def _alt_missing(call: ast.Call) -> bool:
    alt = next((k.value for k in call.keywords if k.arg == "alt"), None)
    if alt is None and len(call.args) >= 3:
        alt = call.args[2]
    if alt is None:
        return True
    return isinstance(alt, ast.Constant) and (not isinstance(alt.value, str) or not alt.value.strip())


# Calls that write a file: matplotlib, pathlib, pandas, json/pickle, numpy's save family; `save` of the modules
# in SAVERS (torch.save, np.save). A library object's own save into a temporary folder handed to out.file is fine.
WRITERS = {"savefig", "write_text", "write_bytes", "to_csv", "to_json", "to_parquet", "dump", "savez",
           "savez_compressed", "savetxt", "tofile", "imsave"}
SAVERS = {"torch", "np", "numpy"}


def _by_hand(call: ast.Call, house: bool) -> str | None:
    """Why a call is a result leaving the generator by hand (written to a file, or, under the house rules, printed),
    or None. Printing is any site's own business (serve shows a slow producer's last line); this site's glossary
    forbids it so that no number is copied from a log into prose."""
    func = call.func
    if house and isinstance(func, ast.Name) and func.id == "print":
        return "producer prints: numbers reach pages through out.fact(...), never by copying output"
    if isinstance(func, ast.Attribute) and (func.attr in WRITERS or func.attr == "save" and isinstance(
            func.value, ast.Name) and func.value.id in SAVERS):
        return f"producer writes a file itself (.{func.attr}): use out.figure(...) or out.data(...)"
    if isinstance(func, ast.Name) and func.id == "open":
        mode = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "mode"), None)
        if isinstance(mode, ast.Constant) and isinstance(mode.value, str) and set(mode.value) & set("wax+"):
            return "producer writes a file itself (open for writing): use out.figure(...) or out.data(...)"
    return None


def read_producer(file: Path, root: Path, house: bool = True) -> tuple[Producer, list[Problem]]:
    path = file.relative_to(root).as_posix()
    producer = Producer(file.stem, path)
    problems: list[Problem] = []
    try:
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=path)
    except SyntaxError as e:
        return producer, [Problem(path, e.lineno or 1, f"producer does not parse: {e.msg}")]
    if not ast.get_docstring(tree):
        problems.append(Problem(path, 1, "producer has no docstring: its first line is the producer's title"))
    if not any(isinstance(n, ast.FunctionDef) and n.name == "produce" for n in tree.body):
        problems.append(Problem(path, 1, "producer defines no produce(out) function"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (by_hand := _by_hand(node, house)):
            problems.append(Problem(path, node.lineno, by_hand))
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "out"
                and node.func.attr in KINDS and node.args):
            continue
        kind, first = KINDS[node.func.attr], node.args[0]
        literal = isinstance(first, ast.Constant) and isinstance(first.value, str)
        if kind == "figure" and _alt_missing(node):
            shown = f"'{first.value}'" if literal else "at this line"
            problems.append(Problem(path, node.lineno, f"figure {shown} has no alt text: pass alt=\"what it shows\""))
        if kind == "check":
            if literal:
                producer.checks[first.value] = node.lineno
            else:
                problems.append(Problem(path, node.lineno, "a check's name is a string literal, so that "
                                        "`paramscope check` can match it with the page's {{ check ... }}"))
            continue
        if literal:
            if kind == "fact":
                producer.facts.add(first.value)
            elif kind == "figure":
                producer.figures[first.value] = node.lineno
            else:
                producer.data.add(first.value)
        else:
            producer.patterns[kind].append(_pattern(first))
    return producer, problems


def read_producers(producers_dir: Path, root: Path, stored: bool = True, project: paths.Project | None = None,
                   house: bool = True) -> tuple[dict[str, Producer], list[Problem]]:
    """Every scripts/producers/<name>.py (names starting with _ are helpers), with their current outputs; `house`:
    the glossary's house rules apply (its plugin is on)."""
    found, problems = {}, []
    for file in sorted(producers_dir.glob("*.py")) if producers_dir.is_dir() else []:
        if file.name.startswith("_"):
            continue
        producer, found_problems = read_producer(file, root, house)
        found[producer.name] = producer
        problems += found_problems
    if stored and project is not None:
        _add_stored(found, project)
    return found, problems


def _add_stored(producers: dict[str, Producer], project: paths.Project) -> None:
    try:
        from paramscope_generator.cache import store
    except ImportError:
        return
    try:
        facts, figures = store.known_names(project)
    except (OSError, ValueError, KeyError):
        return  # an unreadable cache is the runner's to report; the static names still apply
    for full, value in facts.items():
        producer, _, name = full.partition(".")
        if producer in producers:
            producers[producer].stored_facts.add(name)
            producers[producer].stored_values[name] = value
            producers[producer].ran = True
    for full, alt in figures.items():
        producer, _, name = full.partition(".")
        if producer in producers:
            producers[producer].stored_figures[name] = alt
            producers[producer].ran = True
    _forget_stale(producers, project)


def _forget_stale(producers: dict[str, Producer], project: paths.Project) -> None:
    """A producer whose source or imports changed since it ran may write other names: its stored outputs are
    distrusted (a name it no longer writes is unknown, as with --no-outputs), and its patterns trusted again."""
    from paramscope_generator.run import runner, versions

    sources, libs = runner.source_hashes(project), versions.python()
    for producer in producers.values():
        if producer.ran and runner.stale_reason(producer.name, project.producers / f"{producer.name}.py", sources,
                                                libs, project):
            producer.ran = False
            producer.stored_facts.clear()
            producer.stored_figures.clear()
            producer.stored_values.clear()
