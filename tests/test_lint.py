"""`ruff check` on the Python of scripts/ and tests/: pyflakes (unused imports, undefined names …), pycodestyle's
errors and warnings at the house line length, and sorted imports (isort's blocks: standard library, third party, the
package, the tests' helpers), as pyproject.toml's [tool.ruff] says. A failure lists ruff's own
`path:line:col: code message` lines."""
import subprocess
import sys

from support import ROOT


def ruff(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    """ruff from the test extra (the wheel's binary, run through its module), offline, without a cache directory."""
    return subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=120)


def test_ruff_finds_nothing_in_scripts_and_tests():
    done = ruff("scripts", "tests")
    assert done.returncode == 0, f"ruff check scripts tests (fix these; `ruff check --fix` fixes some):\n" \
                                 f"{done.stdout}{done.stderr}"


def test_ruff_reports_an_unused_import_with_its_line(tmp_path):
    """The lint is live: the project's config catches a planted unused import and names its file and line."""
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text())
    (tmp_path / "planted.py").write_text('"""A module."""\nimport os\n')
    done = ruff("planted.py", cwd=tmp_path)
    assert done.returncode == 1 and "planted.py:2:8: F401" in done.stdout, done.stdout + done.stderr
