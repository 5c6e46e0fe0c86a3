"""What a producer may define. A producer (scripts/producers/*.py) holds what its page shows and nothing else:

- `produce(out)` and the steps it calls with `out` as their first parameter (they write facts, tables, figures);
- `draw…` functions (they draw a figure);
- small helpers: at most HELPER_LINES lines and no `for` or `while` statement (naming a thing, formatting a number).

A function that loops over data or a model, or grows longer, is an algorithm: it belongs in the library
(scripts/paramscope/: lessons, arch, models, figures), where tests import it and other producers can reuse it,
instead of a test loading a script as a module."""
import ast

from support import PROJECT

HELPER_LINES = 8


def helpers_out_of_place() -> dict[str, str]:
    """Every top-level function of a producer the rule does not allow, by producer.name, with why."""
    found = {}
    for path in sorted(PROJECT.producers.glob("*.py")):
        for f in ast.parse(path.read_text()).body:
            if not isinstance(f, ast.FunctionDef) or f.name.startswith("draw"):
                continue
            if [a.arg for a in f.args.args][:1] == ["out"]:
                continue
            lines = f.end_lineno - f.lineno + 1
            loops = [n.lineno for n in ast.walk(f) if isinstance(n, (ast.For, ast.While))]
            if lines > HELPER_LINES or loops:
                found[f"{path.stem}.{f.name}"] = (f"producers/{path.name}:{f.lineno}: {f.name} has {lines} lines"
                                                  + (f" and a loop at line {loops[0]}" if loops else ""))
    return found


def test_producers_define_only_produce_steps_drawings_and_small_helpers():
    new = helpers_out_of_place()
    assert not new, ("an algorithm in a producer: move it to the library (scripts/paramscope/) and import it:\n"
                     + "\n".join(new.values()))
