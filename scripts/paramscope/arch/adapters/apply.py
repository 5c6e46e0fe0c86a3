"""Apply a model type's adapter (paramscope.arch.adapters, parsed by its registry) to a config.json dict: the `Arch`
it describes, or a ConfigError of one line naming the file and the field.
"""
import json

from paramscope.arch.adapters.registry import ADAPTERS, RUNS, WRAPPERS
from paramscope.arch.adapters.rules import TYPES, Check, Read
from paramscope.arch.description import Arch, Run
from paramscope.arch.expr import evaluate

# JSON numbers past 2^53 - 1 are not exact in JavaScript (or in any reader using doubles): refused as absurd.
MAX_INT = 2 ** 53 - 1
# The adapters as JSON-ready data (expressions parsed to trees), as the page reads them.
PUBLISHED = {"model_types": sorted(ADAPTERS), "adapters": ADAPTERS, "max_int": MAX_INT, "wrappers": WRAPPERS}


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


def is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def check_type(v, t: str) -> str | None:
    """Why `v` is not of type `t`, or None."""
    if t in ("num", "cap"):
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v <= 0:
            return f"must be {TYPES[t]}, got {json.dumps(v)}"
    elif t in ("int", "int0", "rank", "id"):
        if not is_int(v) or v < (0 if t in ("int0", "id") else 1):
            return f"must be {TYPES[t]}, got {json.dumps(v)}"
        if v > MAX_INT:
            return f"absurd: {v} is more than 2^53 - 1 (no model is that large; not exact in JSON readers)"
    elif t == "int_each":
        if isinstance(v, list):
            if not v or len(set(map(json.dumps, v))) != 1:
                return f"must be {TYPES[t]}, got {json.dumps(v)[:60]} (blocks that differ are not modelled)"
            v = v[0]
        return check_type(v, "int")
    elif t == "bool" and not isinstance(v, bool):
        return f"must be true or false, got {json.dumps(v)}"
    elif t == "str" and not isinstance(v, str):
        return f"must be a string, got {json.dumps(v)}"
    elif t == "ints":
        if not isinstance(v, list) or not all(is_int(x) and 0 <= x <= MAX_INT for x in v):
            return f"must be {TYPES[t]}, got {json.dumps(v)[:60]}"
    elif t == "strs" and not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
        return f"must be {TYPES[t]}, got {json.dumps(v)[:60]}"
    elif t == "map" and not isinstance(v, dict):
        return f"must be {TYPES[t]}, got {json.dumps(v)[:60]}"
    return None


def text_model(data: dict, source: str) -> tuple[dict, str]:
    """A multimodal wrapper's text model (its `text_config`, with the model type its class defaults to), and the
    line that says the vision tower is left out; any other config as it is."""
    mt = data.get("model_type")
    if mt not in WRAPPERS:
        return data, ""
    wrapper = WRAPPERS[mt]
    text = data.get("text_config")
    if text is None:
        text = wrapper["default"]
    if not isinstance(text, dict):
        raise ConfigError(f"{source}: text_config: must be {TYPES['map']}, got {json.dumps(text)[:60]}")
    own = text.get("model_type") if wrapper["own_type"] else None
    text = {**text, "model_type": own or wrapper["text"]}
    return text, (f"{mt} is a multimodal model: this counts its text model ({text['model_type']}, from "
                  f"text_config); the vision tower and its projector are not counted")


def read(data: dict, source: str, reads: list[Read], env: dict) -> dict:
    """Read each of `reads` (defaults parsed) from `data` into `env`: the first field present and not null, checked
    by type; a default when none is (a literal, or an expression over the names read before)."""
    for row in reads:
        field = next((f for f in row.fields if lookup(data, f) is not None), None)
        null = next((f for f in row.fields if f in data and data[f] is None), None) if field is None else None
        if null is not None and row.type in ("rank", "id", "cap"):
            # an explicit null: no bottleneck, no id, no cap
            env[row.name] = {"rank": 0, "id": -1, "cap": 0.0}[row.type]
            env["given"].add(row.name)
            continue
        if null is not None and not derived(row.default) and row.type not in ("strs", "map"):
            raise ConfigError(f"{source}: {null}: must be {TYPES[row.type]}, got null")
        if field is None:
            if row.default is None:
                raise ConfigError(f"{source}: {row.fields[0]}: missing (required)")
            env[row.name] = evaluate(row.default, env)
            continue
        value = lookup(data, field)
        if (why := check_type(value, row.type)) is not None:
            raise ConfigError(f"{source}: {field}: {why}")
        env[row.name] = value[0] if row.type == "int_each" and isinstance(value, list) else value
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
            why = ("transformers refuses it" if value is None
                   else "it changes the count in a way this counter does not model")
            raise ConfigError(f"{source}: {field}: {json.dumps(value)} is not supported: {why} "
                              f"(accepted: {', '.join(map(json.dumps, allowed))})")
    for check in checks:
        if not evaluate(check.holds, env):
            raise ConfigError(f"{source}: {check.field}: " + check.message.format(**env))


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
    data, note = text_model(data, source)
    mt = data.get("model_type")
    if mt not in data_["adapters"]:
        what = "missing" if mt is None else f"unknown {json.dumps(mt)}"
        raise ConfigError(f"{source}: model_type: {what} (one of {', '.join(data_['model_types'])})")
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
