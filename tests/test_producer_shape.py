"""What a producer may define. A producer (scripts/producers/*.py) holds what its page shows and nothing else:

- `produce(out)` and the steps it calls with `out` as their first parameter (they write facts, tables, figures);
- `draw…` functions (they draw a figure);
- small helpers: at most HELPER_LINES lines and no `for` or `while` statement (naming a thing, formatting a number).

A function that loops over data or a model, or grows longer, is an algorithm: it belongs in the library
(scripts/paramscope/: lessons, arch, models, figures), where tests import it and other producers can reuse it,
instead of a test loading a script as a module. DEBTS lists the helpers that break the rule today; the list may only
shrink (a test fails when one of them is moved or fixed, so it is struck off)."""
import ast

import pytest

from support import PROJECT

HELPER_LINES = 8
DEBTS = {
    "diagrams.adapters", "diagrams.attention", "diagrams.decoder_layer", "diagrams.mixture_of_experts",
    "diagrams.moe_panel", "diagrams.neuron", "neurons.claim_row",
    "toscale.blocks_of", "toscale.slices",
}


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
    new = {name: why for name, why in helpers_out_of_place().items() if name not in DEBTS}
    assert not new, ("an algorithm in a producer: move it to the library (scripts/paramscope/) and import it:\n"
                     + "\n".join(new.values()))


@pytest.mark.parametrize("name", sorted(DEBTS))
def test_each_debt_is_still_owed(name):
    assert name in helpers_out_of_place(), f"{name} now keeps the rule (or is gone): strike it off DEBTS"
