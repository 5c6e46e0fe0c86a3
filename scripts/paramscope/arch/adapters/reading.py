"""How a read checks a config value, and what a refusal says: data, published with the adapters, so that Python
(paramscope.arch.adapters.apply) and the page (docs/javascripts/formula.js) check and word alike from one source.

TYPES: each type a read may name, as the JSON value it takes (`json`: int, number, bool, str, list, object), the
bound it must be above (`above`), the type of a list's items (`items`), or of a value that may also be written once
per block, all equal (`each`); what a null written out stands for (`null_is`, as if read) or whether it is as good as
absent (`null_absent`; otherwise a null is refused unless the default is computed from other fields); and `words`,
how a refusal describes the type. MESSAGES: every refusal of a bad config (and the note on a multimodal one), `{name}`
filled in (`say`; an adapter check's message, `fill`), a config value always shown as JSON, cut at 60 characters
(`shown`).
"""
import json
import math
import re
from decimal import Decimal

# JSON numbers past 2^53 - 1 are not exact in JavaScript (or in any reader using doubles): refused as absurd.
MAX_INT = 2 ** 53 - 1

TYPES = {
    "int": {"words": "a positive integer", "json": "int", "above": 0},
    "int0": {"words": "a non-negative integer", "json": "int", "above": -1},
    "rank": {"words": "a positive integer or null", "json": "int", "above": 0, "null_is": 0},
    "id": {"words": "a non-negative integer or null", "json": "int", "above": -1, "null_is": -1},
    "num": {"words": "a positive number", "json": "number", "above": 0},
    "cap": {"words": "a positive number or null", "json": "number", "above": 0, "null_is": 0.0},
    "bool": {"words": "true or false", "json": "bool"},
    "str": {"words": "a string", "json": "str"},
    "ints": {"words": "a list of non-negative integers", "json": "list", "items": "int0"},
    "strs": {"words": "a list of strings", "json": "list", "items": "str", "null_absent": True},
    "map": {"words": "a JSON object", "json": "object", "null_absent": True},
    "int_each": {"words": "a positive integer, or a list of one per block, all equal", "each": "int"},
}

MESSAGES = {
    "object": "expected a JSON object, got {got}",
    "model_type_missing": "missing (one of {model_types})",
    "model_type_unknown": "unknown {got} (one of {model_types})",
    "missing": 'missing (required): add "{field}" ({words})',
    "type": "must be {words}, got {got}",
    "unequal": "must be {words}, got {got} (blocks that differ are not modelled)",
    "absurd": "absurd: {got} is more than 2^53 - 1 (no model is that large; not exact in JSON readers)",
    "null_refused": "null is not supported: transformers refuses it (accepted: {accepted})",
    "unsupported": "{got} is not supported: it changes the count in a way this counter does not model "
                   "(accepted: {accepted})",
    "multimodal": "{model_type} is a multimodal model: this counts its text model ({text}, from text_config); the "
                  "vision tower and its projector are not counted",
}


def is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def number(x: float) -> str:
    """The double x as JavaScript writes it (Number.prototype.toString: its shortest digits, fixed up to 21
    digits, else exponential), the text the page shows for the same JSON number."""
    if not math.isfinite(x):
        return "null"  # JSON.stringify's Infinity (a number past the doubles)
    if x <= 0:
        return "-" + number(-x) if x < 0 else "0"
    _, ds, e = Decimal(repr(x)).normalize().as_tuple()
    digits, n = "".join(map(str, ds)), len(ds) + e  # x = 0.digits * 10^n
    if len(digits) <= n <= 21:
        return digits + "0" * (n - len(digits))
    if 0 < n <= 21:
        return f"{digits[:n]}.{digits[n:]}"
    if -6 < n <= 0:
        return "0." + "0" * -n + digits
    return f"{digits[0]}{'.' if digits[1:] else ''}{digits[1:]}e{'+' if n > 0 else '-'}{abs(n - 1)}"


def dumps(v) -> str:
    """JSON as json.dumps writes it, but each number as the page writes the double it reads (4096.0 as 4096, 10^30
    as 1e+30): Python and the page show a config value alike."""
    if isinstance(v, list):
        return "[" + ", ".join(map(dumps, v)) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {dumps(x)}" for k, x in v.items()) + "}"
    if isinstance(v, float) or (is_int(v) and abs(v) > MAX_INT):
        try:
            return number(float(v))
        except OverflowError:
            return number(math.inf)
    return json.dumps(v)


def shown(value) -> str:
    """A config value as a refusal shows it: JSON (`dumps`), cut at 60 characters."""
    return dumps(value)[:60]


def say(message: str, **values) -> str:
    """The refusal MESSAGES[message] with its names filled in."""
    return MESSAGES[message].format(**values)


def fill(template: str, values: dict) -> str:
    """An adapter check's message with each {name} replaced by the value read under that name, as a refusal shows a
    value (`shown`)."""
    return re.sub(r"\{(\w+)\}", lambda m: shown(values[m.group(1)]), template)


# The JSON value each type takes, as Python's json module reads it.
JSON = {"int": is_int, "number": lambda v: is_int(v) or isinstance(v, float), "bool": lambda v: isinstance(v, bool),
        "str": lambda v: isinstance(v, str), "list": lambda v: isinstance(v, list),
        "object": lambda v: isinstance(v, dict)}


def check_type(v, t: str) -> str | None:
    """Why `v` is not of type `t` (a refusal of MESSAGES), or None."""
    rule = TYPES[t]
    if "each" in rule:
        if isinstance(v, list):
            if not v or len({dumps(x) for x in v}) != 1:
                return say("unequal", words=rule["words"], got=shown(v))
            v = v[0]
        return check_type(v, rule["each"])
    if (not JSON[rule["json"]](v) or ("above" in rule and not v > rule["above"])
            or ("items" in rule and any(check_type(x, rule["items"]) for x in v))):
        return say("type", words=rule["words"], got=shown(v))
    if rule["json"] == "int" and v > MAX_INT:
        return say("absurd", got=shown(v))
    return None


def published() -> dict:
    """What the page reads to check and word alike: the types, the messages, the largest integer accepted."""
    return {"types": TYPES, "messages": MESSAGES, "max_int": MAX_INT}
