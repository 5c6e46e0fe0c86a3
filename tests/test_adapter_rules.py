"""The adapters' rules are parsed when paramscope.arch.adapters.registry is imported: a rule that cannot be read fails
there, naming the adapter, where the rule is and its expression, not later in whichever test evaluates it."""
import pytest

from paramscope.arch.adapters import registry
from paramscope.arch.adapters.rules import Check, r

GOOD = dict(read=[r("vocab", "int", "vocab_size"), r("d", "int", "hidden_size", "vocab / 4")],
            check=[Check(field="hidden_size", holds="d <= vocab", message="{d} is wider than {vocab}")],
            arch=dict(vocab="vocab", d_model="d", layers="2", heads="1", kv_heads="1", head_dim="d", ffn="4 * d"))


def malformed(section: str, **change) -> dict:
    rules = {**GOOD, "run": dict(read=[r("eps", "num", "rms_norm_eps", 1e-6)], arch=dict(norm_eps="eps"))}
    rules[section] = change["to"]
    return {"toy": rules}


def test_a_good_adapter_parses_to_trees():
    parsed, runs = registry.parse_all({"toy": GOOD})
    assert parsed["toy"]["arch"]["ffn"] == ["*", ["num", 4], ["var", "d"]]
    assert parsed["toy"]["read"][1].default == ["/", ["var", "vocab"], ["num", 4]]
    assert runs == {}


@pytest.mark.parametrize("section, to, message", [
    ("arch", {**GOOD["arch"], "ffn": "4 * * d"}, "adapter 'toy': arch ffn: '4 * * d': unexpected '*'"),
    ("arch", {**GOOD["arch"], "ffn": "4 * dd"}, "adapter 'toy': arch ffn: '4 * dd': unknown name dd"),
    ("arch", {**GOOD["arch"], "ffn": "mx(d, 4)"}, "adapter 'toy': arch ffn: 'mx(d, 4)': unknown function mx"),
    ("arch", {**GOOD["arch"], "ffn_width": "d"}, "adapter 'toy': arch: 'ffn_width': not a field"),
    ("check", [Check(field="hidden_size", holds="d <= vocab &&", message="")],
     "adapter 'toy': check on hidden_size: 'd <= vocab &&': unexpected end"),
    ("check", [Check(field="hidden_size", holds="given('width')", message="")],
     "adapter 'toy': check on hidden_size: \"given('width')\": unknown name width"),
    ("check", [Check(field="hidden_size", holds="true", message="{width} is odd")],
     "adapter 'toy': check on hidden_size message: '{width} is odd': unknown name width"),
    # a default may use only the names read above it
    ("read", [r("d", "int", "hidden_size", "vocab / 4"), r("vocab", "int", "vocab_size")],
     "adapter 'toy': read d default: 'vocab / 4': unknown name vocab"),
    ("read", [r("vocab", "integer", "vocab_size")], "adapter 'toy': read vocab: 'integer': unknown type"),
    ("run", dict(read=[r("eps", "num", "rms_norm_eps", 1e-6)], arch=dict(norm_eps="epsilon")),
     "adapter 'toy': run arch norm_eps: 'epsilon': unknown name epsilon"),
], ids=["syntax", "name", "function", "field", "check", "given", "message", "read-order", "type", "run"])
def test_a_malformed_rule_fails_at_load_naming_adapter_and_expression(section, to, message):
    with pytest.raises(registry.AdapterError) as error:
        registry.parse_all(malformed(section, to=to))
    assert str(error.value).startswith(message), str(error.value)


def test_the_registry_is_what_parsing_every_written_rule_gives():
    """The module parses its own rules at import (so the failures above stop the import)."""
    assert registry.parse_all(registry.written_rules()) == (registry.ADAPTERS, registry.RUNS)
