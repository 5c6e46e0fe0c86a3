"""What a producer writes to stderr (Python's warnings, logging, prints to sys.stderr), counted as it goes to the
log, so that the console can say in one line that there was something to read there."""
import json
from pathlib import Path

FILE = "stderr.json"   # in the run's staging folder: {"lines": N, "first": "..."}


class Counting:
    """sys.stderr, still writing where it wrote (the log), counting the non-blank lines and keeping the first."""

    def __init__(self, stream):
        self.stream, self.lines, self.first, self._partial = stream, 0, "", ""

    def write(self, text: str) -> int:
        *complete, self._partial = (self._partial + text).split("\n")
        for line in complete:
            if line.strip():
                self.lines += 1
                self.first = self.first or line.strip()
        return self.stream.write(text)

    def __getattr__(self, name):   # flush, fileno, encoding, isatty ... as the real stream's
        return getattr(self.stream, name)

    def save(self, folder: Path) -> None:
        if self._partial.strip():
            self.write("\n")
        if self.lines:
            (folder / FILE).write_text(json.dumps({"lines": self.lines, "first": self.first}))


def summary(name: str, folder: Path, log: str) -> str | None:
    """One line for the console, or None when the producer wrote nothing to stderr."""
    try:
        seen = json.loads((folder / FILE).read_text())
    except (FileNotFoundError, ValueError):
        return None
    first = seen["first"] if len(seen["first"]) <= 160 else seen["first"][:159] + "…"
    return f"compute: {name} wrote {seen['lines']} line(s) to stderr; first: {first}; full log: {log}"
