"""Shard folders in and out of a cache: a shard exports the outputs it computed; a merge imports every shard's.

A merge reads and checks every shard first (all N present, the same plan, every output file there) and only then
makes each producer's shard outputs its current generation, one atomic switch per producer (`store.publish`): a
missing or damaged shard stops it with one line naming the file, before anything in the cache has changed.
"""
import os
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from paramscope_generator import paths
from paramscope_generator.cache import shards, store
from paramscope_generator.cache.shards import ShardError


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:   # another disk
        shutil.copy2(source, target)


def export(project: paths.Project, names: list[str], folder: Path) -> None:
    """The current outputs of `names` into folder/outputs/ (hard links where possible): what a shard uploads."""
    for name in names:
        directory = store.current(name, project)
        if directory is None:
            continue
        base = folder / "outputs" / name
        shutil.rmtree(base, ignore_errors=True)
        shutil.copytree(directory, base / directory.name, copy_function=_link_or_copy)
        (base / "current").write_text(directory.name)


def checked_generation(folder: Path, name: str) -> tuple[Path, dict]:
    """(generation directory, its meta) of one producer in a shard, every file its outputs name present."""
    pointer = folder / "outputs" / name / "current"
    try:
        directory = pointer.parent / pointer.read_text().strip()
    except FileNotFoundError:
        raise ShardError(f"{pointer}: missing (shard.json says {name} ran)") from None
    record, meta = shards.read_json(directory / "outputs.json"), shards.read_json(directory / "meta.json")
    files = [f"figures/{key}{narrow}-{theme}.{fig.get('format', 'svg')}"
             for key, fig in record.get("figures", {}).items()
             for narrow in ("", "-narrow")[:1 + bool(fig.get("narrow"))] for theme in ("light", "dark")]
    files += [f"data/{file}" for file in record.get("data", {}).values()]
    for file in files:
        if not (directory / file).is_file():
            raise ShardError(f"{directory / file}: missing (named in {directory / 'outputs.json'})")
    return directory, meta


def _check_coverage(records: dict[Path, dict]) -> None:
    """All N shards of one plan, each once."""
    first_folder, first = next(iter(records.items()))
    n = first["of"]
    seen: dict[int, Path] = {}
    for folder, record in records.items():
        path = folder / shards.MANIFEST
        if record["of"] != n or record["planned"] != first["planned"]:
            raise ShardError(f"{path}: shard {record['shard']}/{record['of']} planned other producers than "
                             f"{first_folder / shards.MANIFEST} (shards of different runs or caches?)")
        if record["shard"] in seen:
            raise ShardError(f"{path}: shard {record['shard']}/{n} given twice (also {seen[record['shard']]})")
        seen[record["shard"]] = folder
    missing = sorted(set(range(1, n + 1)) - set(seen))
    if missing:
        raise ShardError(f"{first_folder.parent}: shard {', '.join(f'{k}/{n}' for k in missing)} missing "
                         f"(given: {', '.join(str(f) for f in records)})")


@dataclass
class Merged:
    imported: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)    # failed in their shard: the build will run them again


def merge(project: paths.Project, folders: list[Path]) -> Merged:
    """Import every shard's computed outputs into the project's cache; ShardError (and no change) on a bad shard."""
    records = {folder: shards.read_manifest(folder) for folder in folders}
    if not records:
        raise ShardError("no shard folders given")
    _check_coverage(records)
    known = store.producers(project)
    ready = []
    for folder, record in records.items():
        for name in record["ran"]:
            if name in known:
                ready.append((name, *checked_generation(folder, name)))
    result = Merged(failed=sorted(n for r in records.values() for n in r["failed"]))
    for name, directory, meta in ready:
        base = store.outputs_root(project) / name
        base.mkdir(parents=True, exist_ok=True)
        staging = base / f"tmp-merge-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        shutil.copytree(directory, staging, copy_function=_link_or_copy)
        (staging / "meta.json").unlink()    # a link to the shard's file: publish writes its own
        store.publish(name, staging, meta, project)
        result.imported.append(name)
    return result
