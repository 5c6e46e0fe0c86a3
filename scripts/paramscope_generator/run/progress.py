"""What a running producer is doing: its log followed while it runs.

Every line it prints goes to `stream` as it is written (the worker's child writes its log line-buffered); a
producer still running after `every` seconds gets a heartbeat through `echo` with its last line, and again every
`every` seconds; the last lines are kept for the console when it fails.
"""
import re
import threading
import time
from collections import deque
from pathlib import Path

HEARTBEAT = 5.0        # seconds before the first heartbeat, and between two
TAIL = 20              # lines shown when a producer fails
_LINE_END = re.compile(r"\r\n|\r|\n")   # progress bars redraw with \r: each redraw is a line


class Follow:
    """`with Follow(name, log, echo, stream):` around a producer's run."""

    def __init__(self, name: str, log: Path, echo, stream=None, every: float = HEARTBEAT):
        self.name, self.log, self.echo, self.stream, self.every = name, log, echo, stream, every
        self.tail: deque[str] = deque(maxlen=TAIL)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._follow, name=f"follow-{name}", daemon=True)
        self._pending = ""

    def __enter__(self) -> "Follow":
        self.log.write_text("")     # the previous run's log is not this run's output
        self._started = time.monotonic()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _lines(self, text: str) -> None:
        *complete, self._pending = _LINE_END.split(self._pending + text)
        for line in complete:
            if line.strip():
                self.tail.append(line)
                if self.stream:
                    self.stream(f"{self.name} | {line}")

    def _follow(self) -> None:
        beat = self._started + self.every
        with open(self.log, encoding="utf-8", errors="replace", newline="") as f:
            while True:
                stopping = self._stop.is_set()   # read once more after the stop: the last lines count too
                self._lines(f.read())
                if stopping:
                    break
                if time.monotonic() >= beat:
                    last = self.tail[-1].strip() if self.tail else "(no output yet)"
                    self.echo(f"compute: {self.name} running for {time.monotonic() - self._started:.0f} s: "
                              f"{last[:200]}")
                    beat += self.every
                self._stop.wait(0.2)
        if self._pending.strip():
            self._lines("\n")
