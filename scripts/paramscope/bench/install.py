"""Slim install on every Python the machine has (3.10 to 3.13): in a fresh venv, `pip install` of the generator's
distribution from this checkout (scripts/generator-dist) must bring no torch, numpy, matplotlib or Material, and
then, with matplotlib added, a tiny site with a `6*7` producer and a figure must build with `mkdocs build --strict`.
Needs PyPI (or pip's cache); an interpreter the machine lacks is reported as skipped, with the reason."""
import json
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from paramscope.bench.build import TRIVIAL
from paramscope.bench.report import line

DIST = "scripts/generator-dist"   # the generator's distribution (paramscope-generator), under the checkout
PYTHONS = ("3.10", "3.11", "3.12", "3.13")
# What the generator alone must not pull in: the site's stack, the `site` extra.
HEAVY = {"torch", "numpy", "matplotlib", "mkdocs-material", "pymdown-extensions", "mkdocs-jupyter"}

CURVE = '''"""A parabola, drawn."""


def produce(out):
    def draw():
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(3, 2))
        ax.plot([0, 1, 2, 3], [0, 1, 4, 9])
        return fig

    out.figure("parabola", draw, alt="A parabola rising from 0 to 9")
'''

PAGE = "# Sample\n\nThe answer is {{ answer.answer }}.\n\n{{ figure curve.parabola }}\n"
CONFIG = "site_name: Sample\nplugins:\n  - search\n  - paramscope:\n      producers: producers\n"


def write_sample_site(root: Path) -> None:
    """A site as another project would start one: a number, a figure, the built-in theme."""
    (root / "producers").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "producers" / "answer.py").write_text(TRIVIAL)
    (root / "producers" / "curve.py").write_text(CURVE)
    (root / "docs" / "index.md").write_text(PAGE)
    (root / "mkdocs.yml").write_text(CONFIG)


def check_sample_site(site: Path) -> None:
    """The built page says 42 and shows both variants of the figure, which exist."""
    html = (site / "index.html").read_text(encoding="utf-8")
    if "The answer is 42." not in html:
        raise RuntimeError(f"{site / 'index.html'}: 'The answer is 42.' missing")
    for variant in ("light", "dark"):
        if not list(site.rglob(f"parabola-{variant}.svg")) or f"parabola-{variant}.svg" not in html:
            raise RuntimeError(f"{site / 'index.html'}: the figure's {variant} variant is missing")


def _version(candidate: str) -> str | None:
    proc = subprocess.run([candidate, "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"],
                          capture_output=True, text=True)
    return proc.stdout.strip() if proc.returncode == 0 else None


def interpreter(minor: str) -> tuple[str | None, str]:
    """(path, full version) of a working python3.X: on PATH, else the newest of pyenv's; or (None, why not).
    pyenv's shims exist for every version it holds but fail outside it, so each candidate is run once."""
    candidates = [shutil.which(f"python{minor}")]
    pyenv = shutil.which("pyenv")
    if pyenv:
        root = Path(subprocess.run([pyenv, "root"], capture_output=True, text=True).stdout.strip() or ".")
        found = root.glob(f"versions/{minor}.*/bin/python{minor}")
        key = lambda p: [int(n) for n in re.findall(r"\d+", p.parts[-3])]  # noqa: E731 - 3.10.13 after 3.10.9
        candidates += [str(p) for p in sorted(found, key=key, reverse=True)]
    for candidate in filter(None, candidates):
        version = _version(candidate)
        if version and version.startswith(f"{minor}."):
            return candidate, version
    return None, f"no working python{minor} on PATH or under pyenv"


def _run(cmd: list[str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return time.perf_counter() - start


def _distributions(python: Path) -> list[str]:
    code = ("import importlib.metadata as m, json; "
            "print(json.dumps(sorted({d.metadata['Name'].lower().replace('_', '-') for d in m.distributions()})))")
    return json.loads(subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True).stdout)


def _megabytes(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def try_python(minor: str, python: str, version: str, checkout: Path, tmp: Path) -> list[str]:
    """Install the generator alone into a fresh venv of `python`, check it is slim, build the sample site."""
    venv = tmp / f"venv-{minor}"
    subprocess.run([python, "-m", "venv", str(venv)], check=True, capture_output=True)
    bin_ = venv / "bin"
    installed = _run([str(bin_ / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                      str(checkout / DIST)])
    names = _distributions(bin_ / "python")
    heavy = sorted(HEAVY & set(names))
    if heavy:
        raise RuntimeError(f"Python {version}: `pip install` of the generator brought {', '.join(heavy)}")
    size = _megabytes(next(venv.glob("lib/python*/site-packages")))
    _run([str(bin_ / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "matplotlib"])
    site = tmp / f"site-{minor}"
    write_sample_site(site)
    built = _run([str(bin_ / "mkdocs"), "build", "--strict"], cwd=site)
    check_sample_site(site / "site")
    return [line("install", f"Python {version}: pip install, {len(names)} dists, {size:.0f} MB", installed, "s"),
            line("install", f"Python {version}: sample site build --strict, cold", built, "s")]


def bench() -> list[str]:
    checkout = Path(__file__).resolve().parents[3]
    if not (checkout / DIST / "pyproject.toml").is_file():
        return [f"bench install: skipped: {checkout} is not a checkout of the project (no {DIST}/pyproject.toml)"]
    lines = []
    with tempfile.TemporaryDirectory(prefix="paramscope-bench-install-") as tmp:
        for minor in PYTHONS:
            python, version = interpreter(minor)
            if python is None:
                lines.append(f"bench install: Python {minor}: skipped: {version}")
                continue
            lines.extend(try_python(minor, python, version, checkout, Path(tmp)))
    return lines
