"""File hashes, memoised on the file's stat so that large model files are hashed once, not on every build."""
import hashlib
import json
import os
from pathlib import Path

from paramscope import paths

_MEMO_FILE = "hash-memo.json"
_memo: dict[str, list] | None = None
_dirty = False


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _stat_key(st: os.stat_result) -> list[int]:
    # ctime is in the key because it cannot be set back by hand: rewriting a file and restoring its mtime still
    # changes it, so a same-size edit can never reuse a stale hash.
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


def file_hash(path: Path, memo: bool = False) -> str:
    """sha256 of a file, or 'missing'; with memo=True reuse the last hash while its stat is unchanged."""
    global _memo, _dirty
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "missing"
    if not memo:
        return sha256_file(path)
    if _memo is None:
        try:
            _memo = json.loads((paths.CACHE / _MEMO_FILE).read_text())
        except (FileNotFoundError, ValueError):
            _memo = {}
    key = str(Path(path).resolve())
    entry = _memo.get(key)
    if isinstance(entry, dict) and entry.get("stat") == _stat_key(st):
        return entry["sha256"]
    digest = sha256_file(path)
    _memo[key] = {"stat": _stat_key(st), "sha256": digest}
    _dirty = True
    return digest


def save_memo() -> None:
    global _dirty
    if _memo is None or not _dirty:
        return
    paths.CACHE.mkdir(parents=True, exist_ok=True)
    tmp = paths.CACHE / f"{_MEMO_FILE}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(_memo, sort_keys=True, indent=1))
    os.replace(tmp, paths.CACHE / _MEMO_FILE)
    _dirty = False


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
