"""Helpers shared by test modules (a plain module: `conftest` is ambiguous with tests/browser/conftest.py)."""
import hashlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ORACLES = ROOT / "tests" / "oracles"  # independent references, copied into the repository with their sources


def paramscope(*args: str, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the `paramscope` command as a user would, capturing its output."""
    return subprocess.run([sys.executable, "-m", "paramscope", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


def tree_digest(site: Path) -> dict[str, str]:
    """sha256 of every file under a folder, by relative path."""
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}
