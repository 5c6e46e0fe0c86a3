"""File hashes, memoised on the file's stat so that large model files are hashed once, not on every build."""
import hashlib
import json
import os
from pathlib import Path

_MEMO_FILE = "hash-memo.json"
_memos: dict[Path, dict] = {}  # cache folder -> {file: {"stat", "sha256"}}, as read and added to by this process
_dirty: set[Path] = set()      # cache folders whose memo this process added to


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


def _memo_of(cache: Path) -> dict:
    """The hash memo kept in the cache folder `cache`, read once per process."""
    if cache not in _memos:
        try:
            _memos[cache] = json.loads((cache / _MEMO_FILE).read_text())
        except (FileNotFoundError, ValueError):
            _memos[cache] = {}
    return _memos[cache]


def file_hash(path: Path, memo: Path | None = None) -> str:
    """sha256 of a file, or 'missing'; with `memo` (a cache folder) reuse the hash recorded there while the file's
    stat is unchanged."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "missing"
    if memo is None:
        return sha256_file(path)
    known = _memo_of(Path(memo))
    key = str(Path(path).resolve())
    entry = known.get(key)
    if isinstance(entry, dict) and entry.get("stat") == _stat_key(st):
        return entry["sha256"]
    digest = sha256_file(path)
    known[key] = {"stat": _stat_key(st), "sha256": digest}
    _dirty.add(Path(memo))
    return digest


def save_memo(cache: Path) -> None:
    """Write the memo of the cache folder `cache` if this process added to it."""
    cache = Path(cache)
    if cache not in _dirty:
        return
    cache.mkdir(parents=True, exist_ok=True)
    tmp = cache / f"{_MEMO_FILE}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(_memos[cache], sort_keys=True, indent=1))
    os.replace(tmp, cache / _MEMO_FILE)
    _dirty.discard(cache)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
