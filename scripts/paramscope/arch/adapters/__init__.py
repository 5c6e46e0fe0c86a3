"""Per `model_type`, how a Hugging Face config.json becomes an `Arch`: rules written as data, read by Python and by
the page alike (docs/javascripts/formula.js reads the same parsed rules), and applied here.

Each adapter has
- `read`: Reads (`rules.Read`, written r(name, type, config fields, default)): the first field present and not null
  is read and checked by type (int > 0, int0 >= 0, rank: null means 0, id: int >= 0 or null (-1), bool, str, strs,
  ints: a list of ints >= 0, map; `reading.TYPES`, with every refusal's words); the default is a literal or an
  expression (paramscope.arch.expr) over the names read before it; no default: the field is required;
- `must`: count-changing fields this counter does not model, with the values it accepts (others are refused, and
  so is a null written out unless listed: transformers' strict config classes refuse it);
- `check`: Checks (field, holds, message) over the names read: a false `holds` refuses the config naming the field;
- `arch`: the `Arch` fields as expressions over the names read;
- `run` (families with a torch module only): the same three sections for the fields that say how the model computes.
Defaults are those of transformers 5.23's config classes; shapes the classes derive (head width = width / heads)
are derived the same way.

The modules: `rules` (the vocabulary rules are written in, and the rules families share); the families' rules in
`classic`, `dense`, `hybrid` and `moe` (those of 2025) and `run`; `registry`, which parses every expression when it
is imported and fails there, naming the adapter and the expression; `reading` (the types a read checks and the
refusals' words, published for the page too); `apply`, which reads a config.json with them.
"""
from paramscope.arch.adapters.apply import ConfigError, describe, published, text_model
from paramscope.arch.adapters.registry import ADAPTERS, WRAPPERS, AdapterError

__all__ = ["ADAPTERS", "AdapterError", "ConfigError", "WRAPPERS", "describe", "published", "text_model"]
