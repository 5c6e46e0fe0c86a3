"""What a producer may define. A producer (scripts/producers/*.py) holds the steps of what its page shows, and no
algorithm. Its top-level functions are of three sorts, each with its limits:

- an out-step: `produce(out)` and every function whose first parameter is `out` (it writes facts, tables,
  figures). Its own body, not counting the `draw…` functions nested in it, is at most STEP_LINES lines and holds
  no `while`; a `for` in it only publishes: every statement of its body is an `out.…(…)` call, or an `if` or `for`
  made only of such calls (a fact per model, over values already computed). Any other loop computes data, and so
  does a comprehension that calls torch (`torch.…`, `F.…`) or a method of a tensor or module (a name that
  `torch.Tensor` or `torch.nn.Module` defines and `str`, `dict`, `list` and `object` do not; a call on an imported
  module, `printed.shape(…)`, is a function, not a method). The sizes hold now; the data loops producers still
  hold are a ratchet (DATA_LOOPS, `test_no_producer_gains_a_data_loop`): their numbers only fall, to none.
- a `draw…` function, at the top level or nested in an out-step: it draws a figure, loops included, in at most
  DRAW_LINES lines.
- a small helper: at most HELPER_LINES lines and no `for` or `while` statement (naming a thing, formatting a number).

Whatever computes data belongs in the library (scripts/paramscope/: lessons, arch, models, figures), where a test
checks it by hand or against an oracle and other producers can reuse it, instead of a test loading a script as a
module. Every failure names producers/NAME.py:LINE."""
import ast
from collections import Counter

import torch

from support import PROJECT

HELPER_LINES = 8
STEP_LINES = 40
DRAW_LINES = 80
# Method names that compute on a tensor or a module, and on nothing a step formats (str, dict, list).
TENSOR_METHODS = ((set(dir(torch.Tensor)) | set(dir(torch.nn.Module)))
                  - set(dir(str)) - set(dir(dict)) - set(dir(list)) - set(dir(object)))
COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def functions():
    """(path, module names the producer imports, top-level function) of every producer, in file order."""
    for path in sorted(PROJECT.producers.glob("*.py")):
        tree = ast.parse(path.read_text())
        modules = {(a.asname or a.name).split(".")[0] for node in tree.body
                   if isinstance(node, (ast.Import, ast.ImportFrom)) for a in node.names}
        for f in tree.body:
            if isinstance(f, ast.FunctionDef):
                yield path, modules, f


def is_step(f: ast.FunctionDef) -> bool:
    return [a.arg for a in f.args.args][:1] == ["out"]


def lines(f: ast.AST) -> int:
    return f.end_lineno - f.lineno + 1


def draws_in(f: ast.FunctionDef) -> list[ast.FunctionDef]:
    """The `draw…` functions nested in f, outermost only."""
    found, stack = [], list(f.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef) and node.name.startswith("draw"):
            found.append(node)
        else:
            stack.extend(ast.iter_child_nodes(node))
    return found


def own_nodes(f: ast.FunctionDef):
    """Every node of f's body outside the `draw…` functions nested in it."""
    stack = list(f.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef) and node.name.startswith("draw"):
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def publishes(statements: list[ast.stmt]) -> bool:
    """Every statement is an `out.…(…)` call, or an `if`/`for` made only of such calls."""
    def writes(s):
        return (isinstance(s, ast.Expr) and isinstance(s.value, ast.Call) and isinstance(s.value.func, ast.Attribute)
                and isinstance(s.value.func.value, ast.Name) and s.value.func.value.id == "out")
    return all(writes(s) or (isinstance(s, (ast.If, ast.For)) and publishes(s.body) and publishes(s.orelse))
               for s in statements)


def tensor_call(node: ast.AST, modules: set[str]) -> str | None:
    """The first call under node into torch or to a tensor's or module's method, as written; None if none."""
    for call in ast.walk(node):
        if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute):
            continue
        root = call.func
        while isinstance(root, ast.Attribute):
            root = root.value
        if isinstance(root, ast.Name) and root.id in ("torch", "F"):
            return ast.unparse(call.func)
        on_module = isinstance(call.func.value, ast.Name) and call.func.value.id in modules
        if call.func.attr in TENSOR_METHODS and not on_module:
            return ast.unparse(call.func)
    return None


def out_of_shape() -> dict[str, str]:
    """Every top-level function of a producer over its sort's limits (lines, helper loops, `while`), by
    producer.name, with where and why."""
    found = {}
    for path, _, f in functions():
        where = f"producers/{path.name}:{f.lineno}: {f.name}"
        if f.name.startswith("draw"):
            if lines(f) > DRAW_LINES:
                found[f"{path.stem}.{f.name}"] = f"{where} draws in {lines(f)} lines (at most {DRAW_LINES})"
        elif is_step(f):
            nested = draws_in(f)
            own = lines(f) - sum(lines(d) for d in nested)
            if own > STEP_LINES:
                found[f"{path.stem}.{f.name}"] = (f"{where} has {own} lines of its own, besides its draw functions"
                                                  f" (at most {STEP_LINES})")
            for d in nested:
                if lines(d) > DRAW_LINES:
                    found[f"{path.stem}.{d.name}"] = (f"producers/{path.name}:{d.lineno}: {d.name} in {f.name} draws"
                                                      f" in {lines(d)} lines (at most {DRAW_LINES})")
            whiles = [n.lineno for n in own_nodes(f) if isinstance(n, ast.While)]
            if whiles:
                found[f"{path.stem}.{f.name}"] = f"producers/{path.name}:{whiles[0]}: a while loop in {f.name}"
        else:
            loops = [n.lineno for n in ast.walk(f) if isinstance(n, (ast.For, ast.While))]
            if lines(f) > HELPER_LINES or loops:
                found[f"{path.stem}.{f.name}"] = (f"{where} has {lines(f)} lines"
                                                  + (f" and a loop at line {loops[0]}" if loops else ""))
    return found


def data_loops() -> list[str]:
    """Every loop in an out-step's own body that computes data: a `for` that does more than publish, or a
    comprehension calling torch or a tensor's or module's method; as producers/NAME.py:LINE: what."""
    found = []
    for path, modules, f in functions():
        if not is_step(f) or f.name.startswith("draw"):
            continue
        for node in own_nodes(f):
            if isinstance(node, ast.For) and not publishes([node]):
                found.append(f"producers/{path.name}:{node.lineno}: a for loop in {f.name} computes (its body does"
                             f" more than call out.…)")
            elif isinstance(node, COMPREHENSIONS) and (call := tensor_call(node, modules)):
                found.append(f"producers/{path.name}:{node.lineno}: a comprehension in {f.name} calls {call}")
    return sorted(found, key=lambda s: (s.split(":")[0], int(s.split(":")[1])))


def test_producers_define_only_steps_drawings_and_small_helpers():
    new = out_of_shape()
    assert not new, ("a producer function over its limits: move what it computes to the library"
                     " (scripts/paramscope/) and import it, or split the step:\n" + "\n".join(new.values()))


# The data loops each producer still holds (data_loops()): a ratchet. A producer that gains one fails; one that loses
# one fails too, until its number here is lowered, so the numbers only fall, to none.
DATA_LOOPS = {
    "activation": 1, "biases": 4, "calculator": 2, "claims": 5, "descent": 1, "diagrams": 3, "distillation": 2,
    "embeddings": 14, "finetuning": 4, "hyperparameter": 1, "inference": 1, "live": 7, "lorarun": 3, "memory": 4,
    "moe": 5, "names": 1, "neurons": 1, "parameters": 4, "sampling": 13, "scaling": 3, "sizes": 1, "softlabels": 3,
    "toyrouter": 1, "vocabulary": 2, "weights": 20,
}


def test_no_producer_gains_a_data_loop():
    loops = data_loops()
    producers = [line.split(":")[0].removeprefix("producers/").removesuffix(".py") for line in loops]
    held = Counter(producers)
    grown = [line for line, name in zip(loops, producers) if held[name] > DATA_LOOPS.get(name, 0)]
    assert not grown, ("a producer gained a loop that computes data: move it to the library (scripts/paramscope/) and"
                       " import it:\n" + "\n".join(grown))
    fallen = {name: held[name] for name, most in DATA_LOOPS.items() if held[name] < most}
    assert not fallen, f"fewer data loops now: lower DATA_LOOPS to {fallen}"


def test_the_rule_sees_a_data_loop_and_lets_a_publishing_one_pass():
    """The rule's own oracle: hand-written steps, one of each kind."""
    publishing = ast.parse("def s(out, xs):\n    for k, v in xs.items():\n        out.fact(k, v)\n"
                           "        if v:\n            out.check(k, v > 0, 'positive')\n").body[0]
    computing = ast.parse("def s(out, xs):\n    for k in xs:\n        y = k * 2\n        out.fact(k, y)\n").body[0]
    assert publishes([n for n in publishing.body if isinstance(n, ast.For)])
    assert not publishes([n for n in computing.body if isinstance(n, ast.For)])
    assert tensor_call(ast.parse("[p.numel() for p in m.parameters()]"), set()) == "p.numel"
    assert tensor_call(ast.parse("[torch.equal(a, b) for a in xs]"), set()) == "torch.equal"
    assert tensor_call(ast.parse("[printed.shape(x) for x in xs]"), {"printed"}) is None
    assert tensor_call(ast.parse("[', '.join(x.split()) for x in xs]"), set()) is None
