"""Splitting the stale producers between N runners (`paramscope compute --shard K/N`), and the record a shard leaves.

Every shard plans alone, from the same restored cache, so the split must be a pure function of what every shard
sees: the stale producers and their last measured durations. Longest first, each to the least loaded shard (the
classic LPT rule, within 4/3 of the best split); a producer never measured counts as the median of those that
were, and ties go by a hash of the name, never by the order files were listed. Producers do not depend on each
other (each reads only the library and its own input files; the cache is not an input), so any split is valid.

A shard's folder is a cache of its own, `outputs/<producer>/…` as in `store`, plus `shard.json`:
{"shard": K, "of": N, "planned": [every stale producer], "share": [this shard's], "ran": [...], "failed": [...]}.
"""
import hashlib
import json
import statistics
from pathlib import Path

MANIFEST = "shard.json"


class ShardError(ValueError):
    """A shard's folder or record is missing or unreadable: one line, naming the file."""


def parse(text: str) -> tuple[int, int]:
    """'2/3' -> (2, 3); K counts from 1, as GitHub's matrix and pytest-split do."""
    try:
        k, n = (int(part) for part in text.split("/"))
    except ValueError:
        raise ShardError(f"--shard {text}: expected K/N, e.g. 1/3") from None
    if not 1 <= k <= n:
        raise ShardError(f"--shard {text}: K must be between 1 and N")
    return k, n


def _tie(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


def split(seconds: dict[str, float | None], n: int) -> list[list[str]]:
    """Producers (name -> last measured seconds, or None) in n balanced shares, each sorted by name."""
    known = [s for s in seconds.values() if s is not None]
    guess = statistics.median(known) if known else 1.0
    weight = {name: guess if s is None else s for name, s in seconds.items()}
    load = [0.0] * n
    shares: list[list[str]] = [[] for _ in range(n)]
    for name in sorted(weight, key=lambda name: (-weight[name], _tie(name))):
        lightest = min(range(n), key=lambda i: (load[i], i))
        shares[lightest].append(name)
        load[lightest] += weight[name]
    return [sorted(share) for share in shares]


def write_manifest(folder: Path, k: int, n: int, planned: list[str], share: list[str], ran: list[str],
                   failed: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    record = {"shard": k, "of": n, "planned": sorted(planned), "share": sorted(share), "ran": sorted(ran),
              "failed": sorted(failed)}
    path = folder / MANIFEST
    path.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n")
    return path


def read_json(path: Path, missing: str = "") -> dict:
    """The JSON object in a shard's file; ShardError naming the file (and `missing`'s hint) when it is not one."""
    try:
        value = json.loads(path.read_text())
    except FileNotFoundError:
        raise ShardError(f"{path}: missing{missing}") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise ShardError(f"{path}: not valid JSON ({error})") from None
    if not isinstance(value, dict):
        raise ShardError(f"{path}: not a JSON object")
    return value


def read_manifest(folder: Path) -> dict:
    """A shard's record, checked; ShardError naming the file when the folder or the record is not a shard's."""
    if not folder.is_dir():
        raise ShardError(f"{folder}: no such shard folder (it holds what `paramscope compute --shard K/N` wrote)")
    path = folder / MANIFEST
    record = read_json(path, f": {folder} was not written by `paramscope compute --shard`")
    fields = {"shard": int, "of": int, "planned": list, "share": list, "ran": list, "failed": list}
    for key, kind in fields.items():
        if not isinstance(record, dict) or not isinstance(record.get(key), kind):
            raise ShardError(f"{path}: no '{key}' ({kind.__name__}): not a shard record")
    return record
