"""Read a Hugging Face config.json: the JSON object, and the architecture it describes (without torch).

Errors are one line, `FILE: field: message`, raised as ConfigError; commands print it and exit 2.
The shape fields (vocabulary, width, depth, heads) are required: a config without them describes no model.
"""
import json
from pathlib import Path

from paramscope.arch import Arch, ConfigError, describe, published
from paramscope.arch.adapters.reading import say, shown

MODEL_TYPES = tuple(published()["model_types"])


def read_json(path: str | Path) -> dict:
    """The JSON object in `path`, or ConfigError naming the file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read: {e.strerror or e.__class__.__name__}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ConfigError(f"{path}:{e.lineno}: invalid JSON (column {e.colno}): {e.msg}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid JSON: nested too deeply") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: {say('object', got=shown(data))}")
    return data


def load(path: str | Path) -> Arch:
    """The architecture described by the config.json at `path`."""
    return describe(read_json(path), str(path))


__all__ = ["MODEL_TYPES", "Arch", "ConfigError", "describe", "load", "read_json"]
