"""Apply a model type's adapter (paramscope.arch.adapters, parsed by its registry) to a config.json dict: the `Arch`
it describes, or a ConfigError of one line naming the file and the field.
"""
import json

from paramscope.arch.adapters import reading
from paramscope.arch.adapters.reading import TYPES, check_type, dumps, fill, say, shown
from paramscope.arch.adapters.registry import ADAPTERS, RUNS, WRAPPERS
from paramscope.arch.adapters.rules import Check, Read
from paramscope.arch.description import Arch, Run
from paramscope.arch.expr import FUNCTIONS, evaluate

# The adapters as JSON-ready data (expressions parsed to trees), as the page reads them, with how a read checks a
# value and what a refusal says (paramscope.arch.adapters.reading), and the names of the expressions' functions
# (paramscope.arch.expr; the page implements each, tests/test_count_js_functions.py holds it to these).
PUBLISHED = {"model_types": sorted(ADAPTERS), "adapters": ADAPTERS, "wrappers": WRAPPERS, **reading.published(),
             "functions": sorted(FUNCTIONS)}


class ConfigError(ValueError):
    """Bad input, one line: `FILE: field: message` (`FILE: message` or `FILE:LINE: message` for the file itself)."""


def published() -> dict:
    """The adapters as JSON-ready data (expressions parsed to trees), as the page reads them."""
    return PUBLISHED


def derived(default) -> bool:
    """A default computed from other fields (head width = width / heads): null asks for it, as in transformers."""
    return default is not None and default[0] not in ("num", "str", "lit")


def lookup(data: dict, field: str):
    """The value at a dotted field (attn_config.qk_ln), None when absent."""
    for part in field.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def written(data: dict, field: str) -> bool:
    """Whether a dotted field is in the config at all, null included (lookup reads both as None)."""
    *parents, last = field.split(".")
    for part in parents:
        data = data.get(part) if isinstance(data, dict) else None
    return isinstance(data, dict) and last in data


def text_model(data: dict, source: str) -> tuple[dict, str]:
    """A multimodal wrapper's text model (its `text_config`, with the model type its class defaults to), and the
    line that says the vision tower is left out; any other config as it is."""
    mt = data.get("model_type")
    if not isinstance(mt, str) or mt not in WRAPPERS:
        return data, ""
    wrapper = WRAPPERS[mt]
    text = data.get("text_config")
    if text is None:
        text = wrapper["default"]
    if (why := check_type(text, "map")) is not None:
        raise ConfigError(f"{source}: text_config: {why}")
    own = text.get("model_type") if wrapper["own_type"] else None
    text = {**text, "model_type": own or wrapper["text"]}
    return text, say("multimodal", model_type=mt, text=text["model_type"])


def read(data: dict, source: str, reads: list[Read], env: dict) -> dict:
    """Read each of `reads` (defaults parsed) from `data` into `env`: the first field present and not null, checked
    by type; a default when none is (a literal, or an expression over the names read before). A null written out
    (and no other field) is read as its type says (reading.TYPES): as a value (no bottleneck, no id, no cap), as
    absent, or refused unless the default is computed from other fields."""
    for row in reads:
        rule = TYPES[row.type]
        field = next((f for f in row.fields if lookup(data, f) is not None), None)
        null = next((f for f in row.fields if f in data and data[f] is None), None) if field is None else None
        if null is not None and "null_is" in rule:
            env[row.name] = rule["null_is"]
            env["given"].add(row.name)
            continue
        if null is not None and not derived(row.default) and not rule.get("null_absent"):
            raise ConfigError(f"{source}: {null}: {say('type', words=rule['words'], got=shown(None))}")
        if field is None:
            if row.default is None:
                why = say("missing", field=row.fields[0], words=rule["words"])
                raise ConfigError(f"{source}: {row.fields[0]}: {why}")
            env[row.name] = evaluate(row.default, env)
            continue
        value = lookup(data, field)
        if (why := check_type(value, row.type)) is not None:
            raise ConfigError(f"{source}: {field}: {why}")
        env[row.name] = value[0] if "each" in rule and isinstance(value, list) else value
        env["given"].add(row.name)
    return env


def refuse(data: dict, source: str, must: dict, checks: list[Check], env: dict):
    """ConfigError for a field outside `must`'s accepted values or a check whose condition is false."""
    for field, allowed in must.items():
        value = lookup(data, field)
        # JSON's values compared as JavaScript compares them: true is not 1, 1 is 1.0; a null written out is refused
        # unless listed (transformers' strict config classes refuse it where the field is not optional)
        if written(data, field) and not any(value == ok and isinstance(value, bool) == isinstance(ok, bool)
                                            for ok in allowed):
            why = say("null_refused" if value is None else "unsupported", got=shown(value),
                      accepted=", ".join(map(dumps, allowed)))
            raise ConfigError(f"{source}: {field}: {why}")
    for check in checks:
        if not evaluate(check.holds, env):
            raise ConfigError(f"{source}: {check.field}: {fill(check.message, env)}")


def values(exprs: dict, env: dict) -> dict:
    out = {k: evaluate(tree, env) for k, tree in exprs.items()}
    return {k: tuple(v) if isinstance(v, list) else v for k, v in out.items()}


def run_section(mt: str) -> dict | None:
    """A model type's `run` section parsed (Python only: the page counts, it runs no module), or None."""
    return RUNS.get(mt)


def describe(data: dict, source: str = "config", run: bool = False) -> Arch:
    """The `Arch` of a config.json dict; ConfigError on an unknown model type or a bad or unsupported field.
    `run`: also read how the model computes (the adapter's `run` section: norm epsilon, rotary base, activation ...),
    for building its torch module; ConfigError if the model type has no such section."""
    data_ = published()
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: {say('object', got=shown(data))}")
    data, note = text_model(data, source)
    mt = data.get("model_type")
    if not isinstance(mt, str) or mt not in data_["adapters"]:
        why = say("model_type_missing" if mt is None else "model_type_unknown", got=shown(mt),
                  model_types=", ".join(data_["model_types"]))
        raise ConfigError(f"{source}: model_type: {why}")
    a = data_["adapters"][mt]
    env = read(data, source, a["read"], {"given": set()})
    refuse(data, source, a["must"], a["check"], env)
    fields = values(a["arch"], env)
    if run:
        r = run_section(mt)
        if r is None:
            runs = ", ".join(m for m in data_["model_types"] if run_section(m) is not None)
            raise ConfigError(f"{source}: model_type: {json.dumps(mt)} is counted but has no torch module here "
                              f"(modules: {runs})")
        read(data, source, r["read"], env)
        refuse(data, source, {}, r["check"], env)
        return Arch(model_type=mt, note=note, **fields, run=Run(**values(r["arch"], env)))
    return Arch(model_type=mt, note=note, **fields)
