"""Every adapter, checked and parsed once, when this module is imported: ADAPTERS (model_type -> its `read`, `must`,
`check` and `arch`, expressions as trees), RUNS (model_type -> its `run` section, likewise) and WRAPPERS.

A rule that cannot be read stops the import with an AdapterError naming the adapter, where the rule is and the
expression: a syntax error, an unknown function, a name not read before it (a read's default may use only the names
read above it; a check, a message or an `arch` field any name read), a type of value no reader knows, or an `arch`
field the description does not have. So a typo fails every command and every test at once, not only the test that
happens to evaluate that adapter.
"""
import string

from paramscope.arch.adapters import classic, dense, hybrid, moe, run
from paramscope.arch.adapters.reading import TYPES
from paramscope.arch.adapters.rules import REQUIRED, Check, Read
from paramscope.arch.description import COUNT_FIELDS, RUN_FIELDS
from paramscope.arch.expr import parse

# Multimodal wrappers, counted by their text model (`text_config`), as transformers 5.23's config classes build it:
# the text model type (whether a model_type inside text_config may choose another), and the text config used when
# the file has none (Mistral3Config's sub-config defaults: Mistral Small 3.1's text model).
WRAPPERS = {
    "llama4": {"text": "llama4_text", "own_type": False, "default": {}},
    "gemma3": {"text": "gemma3_text", "own_type": False, "default": {}},
    "mistral3": {"text": "mistral", "own_type": True, "default": {
        "head_dim": 128, "hidden_size": 5120, "intermediate_size": 32768, "num_attention_heads": 32,
        "num_hidden_layers": 40, "num_key_value_heads": 8, "vocab_size": 131072}},
}


class AdapterError(ValueError):
    """An adapter rule that cannot be read: `adapter 'llama': check on num_attention_heads: 'd % heads ==': ...`."""


def names_in(tree: list) -> set[str]:
    """The names a parsed expression reads (given('x') reads x)."""
    tag = tree[0]
    if tag == "var":
        return {tree[1]}
    if tag == "call" and tree[1] == "given" and tree[2][0][0] == "str":
        return {tree[2][0][1]}
    if tag == "call":
        return set().union(*(names_in(a) for a in tree[2]))
    if tag in ("num", "str", "lit"):
        return set()
    return set().union(*(names_in(a) for a in tree[1:]))


class Parser:
    """Parses one adapter's rules, each error naming the adapter, where the rule is and its text."""

    def __init__(self, model_type: str):
        self.model_type = model_type

    def fail(self, where: str, text, why: str):
        raise AdapterError(f"adapter {self.model_type!r}: {where}: {text!r}: {why}")

    def expression(self, where: str, value, known: set[str]) -> list:
        """A literal as ["lit", value]; a string parsed, reading only `known` names and known functions."""
        if not isinstance(value, str):
            return ["lit", value]
        try:
            tree = parse(value)
        except SyntaxError as error:
            self.fail(where, value, str(error))
        if unknown := sorted(names_in(tree) - known):
            self.fail(where, value, f"unknown name {', '.join(unknown)} (names read: {', '.join(sorted(known))})")
        return tree

    def reads(self, section: str, reads: list[Read], known: set[str]) -> list[Read]:
        """Reads with their defaults parsed (None: required); each default may use the names read above it, which
        join `known`. JSON writes each as [name, type, fields, default], the order docs/javascripts/count.js reads."""
        out = []
        for row in reads:
            where = f"{section}read {row.name}"
            if row.type not in TYPES:
                self.fail(where, row.type, f"unknown type (one of {', '.join(TYPES)})")
            default = None if row.default is REQUIRED else self.expression(f"{where} default", row.default, known)
            out.append(row._replace(default=default))
            known.add(row.name)
        return out

    def checks(self, section: str, checks: list[Check], known: set[str]) -> list[Check]:
        """Checks with their conditions parsed; their messages may name only names read. JSON writes each as
        [field, holds, message]."""
        out = []
        for check in checks:
            where = f"{section}check on {check.field}"
            shown = {name for _, name, _, _ in string.Formatter().parse(check.message) if name}
            if unknown := sorted(shown - known):
                self.fail(f"{where} message", check.message, f"unknown name {', '.join(unknown)}")
            out.append(check._replace(holds=self.expression(where, check.holds, known)))
        return out

    def fields(self, section: str, exprs: dict, known: set[str], allowed: tuple[str, ...]) -> dict:
        """The description's fields as parsed expressions."""
        for field in exprs:
            if field not in allowed:
                self.fail(f"{section}arch", field, "not a field of the description (paramscope.arch.description)")
        return {field: self.expression(f"{section}arch {field}", value, known) for field, value in exprs.items()}


def parse_adapter(model_type: str, adapter: dict) -> tuple[dict, dict | None]:
    """One adapter parsed: the count's sections (as the page reads them) and its `run` section (None: no module)."""
    p = Parser(model_type)
    known: set[str] = set()
    parsed = {"read": p.reads("", adapter["read"], known), "must": adapter.get("must", {})}
    parsed["check"] = p.checks("", adapter.get("check", []), known)
    parsed["arch"] = p.fields("", adapter["arch"], known, COUNT_FIELDS)
    section = adapter.get("run")
    if section is None:
        return parsed, None
    runs = {"read": p.reads("run ", section["read"], known)}
    runs["check"] = p.checks("run ", section.get("check", []), known)
    runs["arch"] = p.fields("run ", section["arch"], known, RUN_FIELDS)
    return parsed, runs


def parse_all(adapters: dict) -> tuple[dict, dict]:
    """(count sections, run sections) of every adapter, by model type; AdapterError for the first bad rule."""
    parsed, runs = {}, {}
    for model_type, adapter in adapters.items():
        parsed[model_type], section = parse_adapter(model_type, adapter)
        if section is not None:
            runs[model_type] = section
    return parsed, runs


def written_rules() -> dict:
    """Every adapter as written (expressions as strings): the classic families, then those of 2025 (dense, hybrid,
    mixtures), each with its `run` section where the site has a torch module for it."""
    rules = {**classic.ADAPTERS, **dense.ADAPTERS, **hybrid.ADAPTERS, **moe.ADAPTERS}
    return {mt: {**a, "run": run.RUN[mt]} if mt in run.RUN else a for mt, a in rules.items()}


ADAPTERS, RUNS = parse_all(written_rules())
