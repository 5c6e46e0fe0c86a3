"""A running producer is visible while it runs (a heartbeat with its last line, its output streamed as printed),
its output reaches the console when it fails, and Ctrl-C stops it at once."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support import paramscope

SLOW = '''\
"""Slow."""
import time


def produce(out):
    print("step 1 of 2: warming up", flush=True)
    time.sleep(7)
    print("step 2 of 2: done warming")
    out.fact("x", 1)
'''

BROKEN = '''\
"""Broken."""


def produce(out):
    print("loading the data")
    out.fact("x", 1 / 0)
'''

SLEEPY = '''\
"""Sleepy."""
import os
import time


def produce(out):
    print(f"pid={os.getpid()}", flush=True)
    time.sleep(120)
    out.fact("x", 1)
'''


def make_site(root: Path, **producers: str) -> Path:
    (root / "producers").mkdir()
    (root / "docs").mkdir()
    for name, source in producers.items():
        (root / "producers" / f"{name}.py").write_text(source)
    (root / "docs" / "index.md").write_text("# Progress\n")
    (root / "mkdocs.yml").write_text("site_name: Progress\nplugins:\n  - paramscope:\n      producers: producers\n")
    return root


def test_a_long_producer_shows_a_heartbeat_with_its_last_line_and_streams_its_output(tmp_path):
    site = make_site(tmp_path, slow=SLOW)
    proc = paramscope("compute", "-v", cwd=site)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()

    def index(text: str) -> int:
        found = [i for i, line in enumerate(lines) if text in line]
        assert found, f"no line with {text!r} in:\n{proc.stdout}"
        return found[0]

    first, second, done = index("slow | step 1 of 2"), index("slow | step 2 of 2"), index("compute: slow done")
    # streamed as printed: while the producer still sleeps, its first line is out and a heartbeat shows it
    heartbeat = next((i for i, line in enumerate(lines)
                      if "compute: slow running for" in line and line.endswith(" s: step 1 of 2: warming up")), None)
    assert heartbeat is not None, proc.stdout
    assert first < heartbeat < second < done, proc.stdout


def test_a_failing_producer_shows_its_last_lines_on_the_console(tmp_path):
    site = make_site(tmp_path, broken=BROKEN)
    proc = paramscope("compute", cwd=site)
    assert proc.returncode == 1
    assert "compute: broken failed; its last lines:" in proc.stdout and "broken | loading the data" in proc.stdout
    assert "producers/broken.py:6: ZeroDivisionError: division by zero" in proc.stderr


def _gone(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat") as f:
                if f.read().split(") ")[-1].startswith("Z"):
                    return True    # a zombie waiting for its reaper: not running
        except FileNotFoundError:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("command", [["paramscope", "compute", "-v"], ["mkdocs", "build", "-v"]])
def test_ctrl_c_stops_a_running_producer_at_once(tmp_path, command):
    site = make_site(tmp_path, sleepy=SLEEPY)
    proc = subprocess.Popen([sys.executable, "-m", *command], cwd=site, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    pid = None
    try:
        for line in proc.stdout:
            if "sleepy | pid=" in line:
                pid = int(line.split("pid=")[1])
                break
        assert pid, "the producer never said it started"
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=10)
        assert time.monotonic() - sent < 5, "Ctrl-C waited for the producer"
        assert proc.returncode != 0
        assert _gone(pid, 5), "the producer kept running after Ctrl-C"
    finally:
        if proc.poll() is None:
            proc.kill()
        if pid and not _gone(pid, 0):
            os.kill(pid, signal.SIGKILL)
    assert not (site / ".cache" / "paramscope" / "outputs" / "sleepy" / "current").exists()


NOISY = '''\
"""Noisy."""
import sys
import warnings


def produce(out):
    print("to stdout: not counted")
    warnings.warn("the data is old")
    print("also to stderr", file=sys.stderr)
    out.fact("x", 1)
'''


def test_a_producers_stderr_reaches_the_console_in_one_line(tmp_path):
    """Warnings and stderr go to the log; the console gets one line: how many, the first, where the log is."""
    from paramscope_generator import paths
    from paramscope_generator.run import runner

    (tmp_path / "producers").mkdir()
    (tmp_path / "producers" / "noisy.py").write_text(NOISY)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    project = paths.Project(config_file=tmp_path / "mkdocs.yml", docs=tmp_path / "docs", site=tmp_path / "site",
                            producers=tmp_path / "producers", cache=tmp_path / ".cache")
    said = []
    assert not runner.compute(project, echo=said.append).failed
    log = tmp_path / ".cache" / "logs" / "noisy.log"
    noisy = [line for line in said if "stderr" in line]
    assert noisy == [f"compute: noisy wrote 3 line(s) to stderr; first: {tmp_path}/producers/noisy.py:8: "
                     "UserWarning: the data is old; full log: .cache/logs/noisy.log"], said
    assert "also to stderr" in log.read_text() and "to stdout: not counted" in log.read_text()
