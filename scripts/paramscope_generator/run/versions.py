"""What a producer's cache key records of the machine: the interpreter's version, and the installed version of
every distribution the producer imported (tokenizers, gguf, torch, ...)."""
import functools
import importlib.metadata
import json
import os
import re
import sys
from pathlib import Path

# An installed wheel's metadata folder is named after the distribution and its version (the binary distribution
# format spec): `torch-2.13.0+cpu.dist-info`. Reading the version there is a directory lookup; reading it from
# METADATA parses the whole file (numpy's holds its README), about 1 ms each on a warm build that only checks.
_DIST_INFO = re.compile(r"^(?P<name>[^-]+)-(?P<version>[^-]+)\.dist-info$")


def python() -> dict[str, str]:
    """The interpreter's version: the one part of the key no distribution records."""
    return {"python": sys.version.split()[0]}


@functools.cache   # producers share most distributions
def installed(dist: str) -> str:
    """The version of an installed distribution, or "missing"."""
    try:
        found = importlib.metadata.distribution(dist)
    except importlib.metadata.PackageNotFoundError:
        return "missing"
    folder = getattr(found, "_path", None)   # PathDistribution's folder (it has no public name); others: METADATA
    match = _DIST_INFO.match(getattr(folder, "name", ""))
    return match["version"] if match else found.version


def _fingerprint() -> list[str]:
    """Every installed distribution's metadata folder on sys.path, with its time: what packages_distributions reads."""
    found = []
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as items:
                found += [f"{item.path} {item.stat().st_mtime_ns}" for item in items
                          if item.name.endswith((".dist-info", ".egg-info"))]
        except OSError:
            continue
    return sorted(found)


@functools.cache
def owners(cache: Path | None = None) -> dict[str, list[str]]:
    """importlib.metadata.packages_distributions(), which reads every installed distribution's file list (a second
    and more): kept in `cache` (a JSON file) while the installed distributions are the ones it was made from. The
    worker computes it before forking, so each producer's process has it for free."""
    key = _fingerprint()
    if cache is not None:
        try:
            stored = json.loads(cache.read_text())
            if stored["key"] == key:
                return stored["owners"]
        except (OSError, ValueError, KeyError):
            pass
    found = {name: list(dists) for name, dists in importlib.metadata.packages_distributions().items()}
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_name(f"{cache.name}.{os.getpid()}")
        partial.write_text(json.dumps({"key": key, "owners": found}))
        os.replace(partial, cache)
    return found


def imported(cache: Path | None = None, exclude: frozenset[str] = frozenset()) -> dict[str, str]:
    """{distribution: version} of every installed distribution this process has imported (but the top-level
    packages in `exclude`)."""
    owners_of = owners(cache)
    found = {}
    for name in {m.partition(".")[0] for m in list(sys.modules)} - exclude:
        for dist in owners_of.get(name, []):
            if (version := installed(dist)) != "missing":
                found[dist] = version
    return dict(sorted(found.items()))
