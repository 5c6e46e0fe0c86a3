"""The project's model zoo: architectures as data (Hugging Face config.json fields), each with its source.

The entries are written in zoo.yml beside this module (its head says what each field means) and read here once, at
import, into `Entry` objects: ZOO (the classic models) and NEWEST (the families of 2025). Only the fields that decide
the parameter count are kept; everything else takes the reference defaults. `published` is the count the authors
quote (for comparison with ours), with where they quote it. A malformed entry stops the import with a ConfigError
naming the file's line.
"""
import os
import re
from dataclasses import MISSING, dataclass, fields
from pathlib import Path

import yaml

from paramscope.arch import counting, release
from paramscope.arch.adapters import ConfigError


@dataclass(frozen=True)
class Entry:
    label: str                       # display name
    config: dict                     # config.json fields, model_type included
    source: str                      # where the configuration comes from
    published: float | None = None   # the authors' headline parameter count
    published_active: float | None = None  # ... and per-token active count, for mixtures of experts
    published_source: str | None = None
    active_convention: str = "all"   # how the authors count active parameters (counting.ACTIVE_CONVENTIONS)
    total_convention: str = "all"    # ... and total parameters
    release: str = "bf16"            # the number format the weights are published in


FILE = Path(__file__).with_name("zoo.yml")
SECTIONS = ("zoo", "newest")   # the file's sections of entries (ZOO, NEWEST); `shared` only names pieces (anchors)
FIELDS = {f.name: f for f in fields(Entry)}
# YAML 1.1 (PyYAML) reads 117e6 and 0.5e9 as text; the file means numbers, as YAML 1.2 reads them.
EXPONENT = re.compile(r"^[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+$")


class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml's safe loader where present (the zoo is read at every `paramscope count`), with EXPONENT numbers,
    refusing a key written twice in one mapping (YAML itself keeps the last one silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        written = set()
        for key, _ in node.value:   # as written: `<<` merges are not flattened in yet, and may be overridden
            if key.value in written and key.value != "<<":
                raise yaml.constructor.ConstructorError(None, None, f"{key.value!r} given twice in one mapping",
                                                        key.start_mark)
            written.add(key.value)
        return super().construct_mapping(node, deep)


Loader.add_implicit_resolver("tag:yaml.org,2002:float", EXPONENT, list("-+0123456789"))


class ZooError(ConfigError):
    """A malformed zoo file: `FILE:LINE: message`."""

    def __init__(self, file: Path, mark, message: str):
        shown = os.path.relpath(file) if file.is_absolute() and file.is_relative_to(Path.cwd()) else str(file)
        super().__init__(f"{shown}:{mark.line + 1 if mark else 1}: {message}")


def _read(file: Path) -> tuple[yaml.Node | None, object]:
    """The file's node tree (for line numbers) and its data; ZooError at the line of a YAML error."""
    loader = Loader(file.read_text(encoding="utf-8"))
    try:
        root = loader.get_single_node()
        return root, loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        # Where the construct that broke begins (an unclosed bracket), else where reading stopped.
        raise ZooError(file, error.context_mark or error.problem_mark,
                       ", ".join(filter(None, (error.context, error.problem)))) from None
    finally:
        loader.dispose()


def _problem(value: dict) -> tuple[str, str] | None:
    """(field, what is wrong with it) for the first field of an entry whose value is not of its kind, else None."""
    for field in ("label", "source"):
        if not isinstance(value[field], str):
            return field, "a text"
    config = value["config"]
    if not isinstance(config, dict) or not isinstance(config.get("model_type"), str):
        return "config", "a mapping of config.json fields with a model_type"
    for field in ("published", "published_active"):
        number = value.get(field)
        if number is not None and (isinstance(number, bool) or not isinstance(number, (int, float))):
            return field, f"a number, not {number!r}"
    if not isinstance(value.get("published_source", ""), (str, type(None))):
        return "published_source", "a text"
    for field in ("active_convention", "total_convention"):
        if value.get(field, "all") not in counting.ACTIVE_CONVENTIONS:
            return field, f"{value[field]!r} is none of: {', '.join(counting.ACTIVE_CONVENTIONS)}"
    if value.get("release", "bf16") not in release.RELEASES:
        return "release", f"{value['release']!r} is none of: {', '.join(release.RELEASES)}"
    return None


def _entry(file: Path, name: yaml.Node, value, node: yaml.Node) -> Entry:
    """The Entry `value` describes (`name`, `node`: its key and value in the file); ZooError at the entry's line (or
    its field's) when it is malformed."""
    at, name = name.start_mark, name.value
    if not isinstance(value, dict):
        raise ZooError(file, at, f"{name}: an entry is a mapping of fields ({', '.join(FIELDS)})")
    keys = {key.value: key for key, _ in node.value}
    for field, key in keys.items():
        if field not in FIELDS:
            raise ZooError(file, key.start_mark, f"{name}: unknown field {field!r} (fields: {', '.join(FIELDS)})")
    missing = [f.name for f in FIELDS.values() if f.default is MISSING and f.name not in value]
    if missing:
        raise ZooError(file, at, f"{name}: missing {', '.join(missing)}")
    if problem := _problem(value):
        field, message = problem
        raise ZooError(file, keys[field].start_mark, f"{name}: {field}: {message}")
    return Entry(**value)


def load(file: Path = FILE) -> dict[str, dict[str, Entry]]:
    """Each section's entries ({"zoo": {name: Entry}, "newest": {...}}), checked; ZooError names file and line."""
    root, data = _read(file)
    if not isinstance(data, dict) or set(data) != {*SECTIONS, "shared"}:
        raise ZooError(file, root and root.start_mark, f"a mapping of the sections {', '.join(SECTIONS)} and shared")
    loaded, seen = {}, {}
    for section_key, node in root.value:
        section = section_key.value
        if section not in SECTIONS:
            continue
        if not isinstance(data[section], dict) or not all(isinstance(name, str) for name in data[section]):
            raise ZooError(file, node.start_mark, f"{section}: a mapping of names to entries")
        loaded[section] = {}
        for key, entry in node.value:
            if key.value in seen:
                raise ZooError(file, key.start_mark, f"{key.value!r} is already an entry of {seen[key.value]}")
            seen[key.value] = section
            loaded[section][key.value] = _entry(file, key, data[section][key.value], entry)
    return {section: loaded[section] for section in SECTIONS}


_entries = load()
ZOO: dict[str, Entry] = _entries["zoo"]
NEWEST: dict[str, Entry] = _entries["newest"]


def get(name: str) -> Entry:
    """The zoo entry `name` (classic or newest); KeyError lists the names."""
    try:
        return ZOO[name] if name in ZOO else NEWEST[name]
    except KeyError:
        raise KeyError(f"unknown model {name!r} (zoo: {', '.join([*ZOO, *NEWEST])})") from None


def every() -> dict[str, Entry]:
    """The classic zoo and the newest families, in that order."""
    return {**ZOO, **NEWEST}
