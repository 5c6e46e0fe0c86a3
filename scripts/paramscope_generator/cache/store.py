"""The current outputs of every producer: where they live in the cache and how to read them.

    .cache/paramscope/outputs/<producer>/current   names the generation in use, e.g. "g-3"
    .cache/paramscope/outputs/<producer>/g-3/       outputs.json, meta.json, source.py, figures/, data/

A new generation is written beside the old one and `current` is switched with one atomic rename, so a producer
that crashes or is killed mid-write leaves the previous outputs in use.
"""
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from paramscope_generator import paths


def producers(project: paths.Project) -> dict[str, Path]:
    """Every producer, by name: <producers>/<name>.py (files starting with _ are helpers)."""
    folder = project.producers
    return {p.stem: p for p in sorted(folder.glob("*.py")) if not p.name.startswith("_")}


def outputs_root(project: paths.Project) -> Path:
    return project.cache / "outputs"


def current(name: str, project: paths.Project) -> Path | None:
    """The directory of the producer's current generation, or None."""
    base = outputs_root(project) / name
    try:
        generation = (base / "current").read_text().strip()
    except FileNotFoundError:
        return None
    directory = base / generation
    return directory if (directory / "outputs.json").is_file() else None


def publish(name: str, staging: Path, meta: dict, project: paths.Project) -> Path:
    """Make a finished staging directory the producer's current generation (atomically), then drop old ones."""
    base = outputs_root(project) / name
    numbers = [int(p.name[2:]) for p in base.glob("g-*") if p.name[2:].isdigit()]
    generation = f"g-{max(numbers, default=0) + 1}"
    (staging / "meta.json").write_text(json.dumps(meta, sort_keys=True, indent=1))
    os.replace(staging, base / generation)
    pointer = base / f"current.{os.getpid()}.tmp"
    pointer.write_text(generation)
    os.replace(pointer, base / "current")
    for old in base.iterdir():
        if old.name != generation and (old.name.startswith("g-") or old.name.startswith("tmp-")):
            remove(old)
    return base / generation


def prune(project: paths.Project) -> list[str]:
    """Forget producers that no longer exist: their outputs and their log leave the cache (their figures and facts
    would otherwise stay on sale to pages). Returns their names."""
    names = set(producers(project))
    root, logs = outputs_root(project), project.cache / "logs"
    gone = {p.name for p in root.iterdir() if p.is_dir()} - names if root.is_dir() else set()
    gone |= {p.stem for p in logs.glob("*.log")} - names if logs.is_dir() else set()
    for name in sorted(gone):
        remove(root / name)
        (logs / f"{name}.log").unlink(missing_ok=True)
    return sorted(gone)


def _installation() -> set[Path]:
    """The Python installation's folders (prefixes and site-packages), which may lie inside the project (.venv)."""
    import site
    import sys

    folders = {sys.prefix, sys.base_prefix, sys.exec_prefix, *site.getsitepackages(), site.getusersitepackages()}
    return {Path(folder).resolve() for folder in folders}


def watched(project: paths.Project) -> list[Path]:
    """What a live-reloading server watches: the producers folder, and every project module and input file that
    the current outputs were computed from (their cache keys), so that an edit to any of them re-runs the producer.
    Only files of the project: not the installed libraries' files a producer read (matplotlib's styles), nor the
    cache; those are still in the cache key."""
    outside = [*_installation(), project.cache.resolve()]
    found = {project.producers}
    for name in producers(project):
        directory = current(name, project)
        try:
            meta = json.loads((directory / "meta.json").read_text()) if directory else {}
        except (FileNotFoundError, ValueError):
            continue
        found.update(project.root / module for module in meta.get("modules", {}))
        found.update(Path(path) for path in meta.get("inputs", {}))
    return sorted(path for path in found if path.exists() and path.resolve().is_relative_to(project.root.resolve())
                  and not any(path.resolve().is_relative_to(folder) for folder in outside))


def remove(path: Path) -> None:
    """Delete a folder of the store and all it holds; a missing folder is not an error."""
    import shutil

    shutil.rmtree(path, ignore_errors=True)


@dataclass
class Figure:
    producer: str
    name: str
    alt: str
    format: str
    directory: Path
    line: int = 0           # the producer's line that declared it (out.figure)
    narrow: bool = False    # has a phone variant (paramscope_generator.rendering.phone_relayout)

    def file(self, theme: str, narrow: bool = False) -> Path:
        return self.directory / "figures" / f"{self.name}{'-narrow' if narrow else ''}-{theme}.{self.format}"

    def variants(self) -> list[tuple[bool, str]]:
        """(narrow, theme) of every file the figure has: wide light and dark, then narrow ones if drawn."""
        return [(n, t) for n in (False, True)[:1 + self.narrow] for t in ("light", "dark")]


@dataclass
class Store:
    """All facts, tables, figures and data files currently available, under their full names."""
    facts: dict[str, dict] = field(default_factory=dict)
    tables: dict[str, dict] = field(default_factory=dict)
    figures: dict[str, Figure] = field(default_factory=dict)
    data: dict[str, Path] = field(default_factory=dict)
    checks: dict[str, dict] = field(default_factory=dict)   # full name -> {"line", "message"}: all held
    titles: dict[str, str] = field(default_factory=dict)
    runs: dict[str, Path] = field(default_factory=dict)     # producer -> its current generation's directory

    def published_facts(self) -> dict:
        """What the site publishes as facts.json: every fact and table, sorted by name."""
        return {
            "facts": {k: self.facts[k] for k in sorted(self.facts)},
            "tables": {k: {"columns": t["columns"], "rows": t["rows"]} for k, t in sorted(self.tables.items())},
        }


def load(project: paths.Project) -> Store:
    store = Store()
    for name in producers(project):
        directory = current(name, project)
        if directory is None:
            continue
        record = json.loads((directory / "outputs.json").read_text())
        store.runs[name] = directory
        store.titles[name] = record.get("title", name)
        for key, fact in record["facts"].items():
            store.facts[f"{name}.{key}"] = fact
        for key, table in record["tables"].items():
            store.tables[f"{name}.{key}"] = table
        for key, fig in record["figures"].items():
            store.figures[f"{name}.{key}"] = Figure(name, key, fig["alt"], fig["format"], directory,
                                                     fig.get("line", 0), fig.get("narrow", False))
        for key, check in record.get("checks", {}).items():
            store.checks[f"{name}.{key}"] = check
        for key, file in record["data"].items():
            store.data[f"{name}.{key}"] = directory / "data" / file
    return store


def known_names(project: paths.Project) -> tuple[dict[str, object], dict[str, str]]:
    """(fact name -> value, tables with None, figure name -> alt text) from the current outputs: for the checker."""
    store = load(project)
    return ({k: f["value"] for k, f in store.facts.items()} | dict.fromkeys(store.tables),
            {k: f.alt for k, f in store.figures.items()})
