"""The size a model's name states ("Llama 2 7B": 7 billion), read from the name alone.

A size after an "x" (Mixtral 8x7B: eight experts of a 7B model) or an "A" (Qwen3-Next-80B-A3B: 3B active) is not a
total and is left out, as is a name with several sizes.
"""
import re

# one number, then B (billion) or M (million), standing alone: not "8x7B", not "A3B", not "v0.1"
SIZE = re.compile(r"(?<![xXaA\d.])(\d+(?:\.\d+)?)\s?([BbMm])(?![a-zA-Z])")
SCALE = {"b": 1e9, "m": 1e6}


def named_size(label: str) -> tuple[str, float] | None:
    """The size a model's name states, as written and in parameters; None when it states none (or several)."""
    found = list(SIZE.finditer(label))
    if len(found) != 1:
        return None
    number, unit = found[0].groups()
    return found[0].group(0), float(number) * SCALE[unit.lower()]
