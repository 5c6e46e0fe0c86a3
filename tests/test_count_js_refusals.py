"""The page's counter (docs/javascripts/formula.js, run in Node by tests/js/count.mjs) refuses a bad config as Python
does, naming the same field in the same words, over bad configs generated from the real ones in the repository (every
oracle config, tests/oracles/configs, and every zoo entry): each field its adapter reads or refuses, the model type
and a wrapper's text_config, set to each value of PALETTE (a value of every JSON kind, in and out of range) or
deleted. Python's reader (paramscope.arch.counting.count, what `paramscope count` and the calculator's data come
from) is the oracle: the field and message of its ConfigError are the page's first problem; a config it counts, the
page counts alike. And each type of paramscope.arch.adapters.reading.TYPES judges each value of PALETTE as Python's
check_type does.

Not in PALETTE: a float with a whole value (4096.0). JSON.parse reads it as the integer 4096, so the page cannot
tell it from one and counts it where Python refuses it.
"""
import copy
import json
from functools import cache

import pytest

from paramscope.arch import ConfigError, calculator, counting, zoo
from paramscope.arch.adapters import ADAPTERS, text_model
from paramscope.arch.adapters.reading import MAX_INT, TYPES, check_type
from paramscope.checkpoints import storage
from paramscope.figures import style

from support import node
from support_counting import CONFIGS

DELETED = object()  # the field is taken out of the config
# JSON values of every kind: null, booleans, integers (0, negative, small, past 2^53 - 1), fractions, strings (empty,
# non-ASCII, longer than a message shows), lists (empty, equal, unequal, of strings, past 2^53 - 1, long), objects.
PALETTE = [None, True, False, 0, -1, 3, MAX_INT + 1, 10**30, 1.5, -0.5, "7", "", "grüß", "x" * 70, [], [3, 3], [1, 2],
           ["a"], [1, "a"], [MAX_INT + 1], list(range(40)), {}, {"a": 1}]


@cache
def real_configs() -> dict:
    """Every config.json of the repository: the oracles' and the zoo's."""
    configs = {f"oracle:{n}": json.loads(p.read_text()) for n, p in CONFIGS.items()}
    return configs | {f"zoo:{n}": e.config for n, e in zoo.every().items()}


def fields_of(config: dict) -> list[str]:
    """The fields to spoil in `config`: the model type, every field its adapter reads or refuses (a wrapper's inside
    its text_config, and text_config itself)."""
    text, _ = text_model(config, "config")
    prefix = "text_config." if text is not config else ""
    adapter = ADAPTERS[text["model_type"]]
    named = [f for row in adapter["read"] for f in row.fields] + list(adapter["must"])
    return ["model_type"] + (["text_config"] if prefix else []) + sorted({prefix + f for f in named})


def spoiled(config: dict, field: str, value) -> dict:
    """`config` with the dotted `field` set to `value` (parents made objects where they are not) or deleted."""
    out = copy.deepcopy(config)
    *parents, last = field.split(".")
    inner = out
    for part in parents:
        if not isinstance(inner.get(part), dict):
            inner[part] = {}
        inner = inner[part]
    if value is DELETED:
        inner.pop(last, None)
    else:
        inner[last] = value
    return out


@cache
def bad_configs() -> dict:
    """name -> {what was spoiled: config}, the spoiled config as JSON text reads back (what the page reads)."""
    out = {}
    for name, config in real_configs().items():
        out[name] = {f"{field} = {'deleted' if value is DELETED else json.dumps(value)[:30]}":
                     json.loads(json.dumps(spoiled(config, field, value)))
                     for field in fields_of(config) for value in [DELETED, *PALETTE]}
    return out


def data() -> dict:
    return calculator.calculator_data(style.KIND_COLORS, style.KIND_LABELS, storage.shown_blocks())


@pytest.fixture(scope="module")
def js_counts(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("js")
    (tmp / "data.json").write_text(json.dumps(data()))
    flat = {f"{name} | {what}": cfg for name, spoils in bad_configs().items() for what, cfg in spoils.items()}
    (tmp / "configs.json").write_text(json.dumps(flat))
    return json.loads(node("count.mjs", str(tmp / "data.json"), str(tmp / "configs.json")))


def python_says(config: dict) -> dict:
    """What Python makes of a config, in count.mjs's shape: {error: field, message} or the counts."""
    try:
        py = counting.count(config)
    except ConfigError as e:
        return {"error": str(e).split(": ")[1], "message": str(e).removeprefix("config: ")}
    return {"total": str(py.total), "active": str(py.active), "kinds": {k: str(v) for k, v in py.breakdown.items()}}


def test_the_spoiled_configs_are_many_and_mostly_refused(js_counts):
    assert len(real_configs()) > 100
    refused = sum("error" in r for r in js_counts.values())
    assert len(js_counts) > 20_000 and refused > len(js_counts) / 2, (len(js_counts), refused)
    refusals = {r["message"].split(": ", 1)[1].split(" ")[0] for r in js_counts.values() if "error" in r}
    assert {"missing", "must", "absurd:", "unknown", "null"} <= refusals, refusals


@pytest.mark.parametrize("name", sorted(real_configs()))
def test_javascript_refuses_like_python(name, js_counts):
    wrong = []
    for what, config in bad_configs()[name].items():
        py, js = python_says(config), js_counts[f"{name} | {what}"]
        if "error" not in js:
            js = {k: js[k] for k in ("total", "active", "kinds")}
        if js != py:
            wrong.append(f"{what}: Python {py}, JavaScript {js}")
    assert not wrong, f"{len(wrong)} of {len(bad_configs()[name])}:\n" + "\n".join(wrong[:8])


def test_every_type_judges_every_value_like_python(tmp_path):
    cases = [[t, v] for t in TYPES for v in PALETTE]
    (tmp_path / "data.json").write_text(json.dumps(data()))
    (tmp_path / "cases.json").write_text(json.dumps(cases))
    js = json.loads(node("check_type.mjs", str(tmp_path / "data.json"), str(tmp_path / "cases.json")))
    py = [check_type(v, t) for t, v in cases]
    assert sum(why is None for why in py) >= len(TYPES)  # each type takes a value of the palette
    assert [(t, v, j, p) for (t, v), j, p in zip(cases, js, py) if j != p] == []
    assert data()["adapters"]["types"] == TYPES  # what the page reads: the types published
