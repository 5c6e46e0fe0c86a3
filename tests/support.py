"""Helpers shared by test modules (a plain module: `conftest` is ambiguous with tests/browser/conftest.py)."""
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from paramscope_generator import paths

ROOT = Path(__file__).resolve().parents[1]
PROJECT = paths.find(ROOT / "mkdocs.yml")  # this site, as the commands find it: passed to what needs it
ORACLES = ROOT / "tests" / "oracles"  # independent references, copied into the repository with their sources


def paramscope(*args: str, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the `paramscope` command as a user would, capturing its output."""
    return subprocess.run([sys.executable, "-m", "paramscope", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


def tree_digest(site: Path) -> dict[str, str]:
    """sha256 of every file under a folder, by relative path."""
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def node(script: str, *args: str, stdin: str | None = None) -> str:
    """The standard output of tests/js/SCRIPT run by Node.js, which imports the page's ES modules from
    docs/javascripts/. The scripts run from a copy beside a package.json of `"type": "module"`, so any Node with ES
    modules reads the page's .js files as modules (Debian's Node 18 too), and nothing test-only is published."""
    exe = shutil.which("node")
    if exe is None:
        raise RuntimeError("node is missing: `bash scripts/setup.sh --test` installs it")
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROOT / "docs" / "javascripts", Path(tmp) / "docs" / "javascripts")
        shutil.copytree(ROOT / "tests" / "js", Path(tmp) / "tests" / "js")
        (Path(tmp) / "package.json").write_text('{"type": "module"}\n')
        done = subprocess.run([exe, str(Path(tmp) / "tests" / "js" / script), *args], input=stdin,
                              capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise RuntimeError(f"node tests/js/{script} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return done.stdout


def producer(name: str):
    """A producer of this site imported as a module, to test its helpers (scripts/producers/<name>.py)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"producer_{name}", PROJECT.producers / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
