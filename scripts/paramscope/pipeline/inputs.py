"""Input files a producer read, so that a change in a model file re-runs the producers that used it."""
from pathlib import Path

_tracked: list[Path] = []


def track_input(path: str | Path) -> None:
    """Record that the running producer depends on the contents of `path` (a no-op outside the pipeline)."""
    path = Path(path).resolve()
    if path not in _tracked:
        _tracked.append(path)


def tracked() -> list[Path]:
    return list(_tracked)
