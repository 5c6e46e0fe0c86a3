"""The expressions' functions (paramscope.arch.expr.FUNCTIONS) are published by name with the adapters (`functions`
in data/calculator/count.json), and the page (docs/javascripts/formula.js, FUNCTIONS, run in Node by
tests/js/functions.mjs) implements exactly those, each agreeing with Python's: on every call the counting makes for
every config the counter's tests use (tests/test_count_js.py: the count, each of the first blocks and the last, the KV
cache), and on a grid of arguments for the closed forms, optional arguments left out as well as given."""
import itertools
import json
from functools import cache

from paramscope.arch import ConfigError, counting, expr, kv_bytes, published

from support import node

# given('x') is no function of values: evaluate() reads it from the names a config gave, in Python and on the page.
READS_THE_NAMES = {"given"}


def recorded_calls() -> list:
    """[name, args] of every function call the counting of every config of tests/test_count_js.py makes."""
    from test_count_js import all_configs
    calls, real = {}, dict(expr.FUNCTIONS)

    def recording(name):
        def call(*args):
            calls.setdefault(json.dumps([name, list(args)]), [name, list(args)])
            return real[name](*args)
        return call

    expr.FUNCTIONS.update({name: recording(name) for name, f in real.items() if f is not None})
    try:
        for config in all_configs().values():
            try:
                c = counting.count(config)
            except ConfigError:
                continue
            for i in sorted({*range(min(len(c.by_layer), 40)), len(c.by_layer) - 1}):
                c.by_layer[i]
            if c.breakdown.get("attention"):
                kv_bytes.kv_cache(config, 4096, 2, 2)
    finally:
        expr.FUNCTIONS.update(real)
    return list(calls.values())


def grid_calls() -> list:
    """The closed forms on every small case (depths 0-12, each first block, step, offset and last, dense lists), and
    min and max, which no adapter happens to call."""
    dense_lists = [[], [0], [1, 3], [2, 5, 9], [4, 4, 20]]
    calls = []
    for layers, first, step, dense in itertools.product(range(13), range(4), range(1, 4), dense_lists):
        calls += [["moe_layers", [layers, first, step, dense]], ["is_moe", [layers, first, step, dense]]]
        for offset, last in itertools.product(range(-1, 3), range(-1, 9)):
            if offset < step:
                calls.append(["moe_layers", [layers, first, step, dense, offset, last]])
                calls.append(["is_moe", [layers // 2, first, step, dense, offset, last]])
                calls.append(["is_moe", [layers, first, step, dense, offset]])
    patterns = [[], ["attention"], ["ssm", "attention"], ["linear", "linear", "attention+ssm"], ["conv", "attention"]]
    for pattern, layers in itertools.product(patterns, range(9)):
        calls += [["pattern_count", [pattern, mixer, layers]] for mixer in ("attention", "ssm", "linear", "conv")]
        calls += [["pattern_at", [pattern, layers]], ["listed_count", [[0, 2, 2, 5, 7], layers]],
                  ["spot", [layers, 2, "a", "b"]], ["marks", [layers, [0, 3, 3], "a", "b"]]]
    numbers = [0, 1, 7, 2**60]  # min and max of two or three (one is no call Python takes)
    calls += [[f, list(args)] for f in ("min", "max") for n in (2, 3) for args in itertools.product(numbers, repeat=n)]
    return calls


@cache
def compared() -> tuple[list, dict]:
    """The calls, and what Node said: the names the page has and each call's result."""
    calls = recorded_calls() + grid_calls()
    return calls, json.loads(node("functions.mjs", stdin=json.dumps(calls)))


def exact(v):
    """A Python result as functions.mjs writes the page's: integers as {int: digits}."""
    if isinstance(v, bool) or isinstance(v, str):
        return v
    if isinstance(v, int):
        return {"int": str(v)}
    return [exact(x) for x in v]


def test_the_page_implements_exactly_the_published_functions():
    names = set(compared()[1]["names"])
    assert published()["functions"] == sorted(expr.FUNCTIONS)
    assert names | READS_THE_NAMES == set(published()["functions"]) and not names & READS_THE_NAMES


def test_every_function_is_called_and_agrees_with_python():
    calls, js = compared()
    assert {name for name, _ in calls} == set(expr.FUNCTIONS) - READS_THE_NAMES
    assert len(calls) > 10_000
    wrong = [(name, args, got) for (name, args), got in zip(calls, js["results"])
             if got != exact(expr.FUNCTIONS[name](*args))]
    assert not wrong, f"{len(wrong)} of {len(calls)} differ, first: {wrong[:5]}"
