"""File hashes, memoised on (size, mtime) so that large model files are hashed once, not on every build."""
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


def file_hash(path: Path, memo: bool = False) -> str:
    """sha256 of a file, or 'missing'; with memo=True reuse the last hash while size and mtime are unchanged."""
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
    if entry and entry[0] == st.st_size and entry[1] == st.st_mtime_ns:
        return entry[2]
    digest = sha256_file(path)
    _memo[key] = [st.st_size, st.st_mtime_ns, digest]
    _dirty = True
    return digest


def save_memo() -> None:
    global _dirty
    if _memo is None or not _dirty:
        return
    paths.CACHE.mkdir(parents=True, exist_ok=True)
    tmp = paths.CACHE / f"{_MEMO_FILE}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(_memo, sort_keys=True))
    os.replace(tmp, paths.CACHE / _MEMO_FILE)
    _dirty = False


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
