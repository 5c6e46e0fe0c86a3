"""The generator as another site installs it: its own distribution, paramscope-generator
(scripts/generator-dist/pyproject.toml), built offline from a read-only copy of the checkout, which the build leaves
untouched. The wheel holds scripts/paramscope_generator/ alone and registers only the generator's entry points: the
`paramscope` MkDocs plugin and the `paramscope` command, the generator's commands alone. Installed into a clean venv
with only its declared dependencies, from the wheelhouse `scripts/setup.sh --test` fills (CI is offline after
set-up), it builds a sample site on every MkDocs it supports exactly as that site builds without the plugin."""
import re
import shutil
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

import paramscope

from support import ROOT
from test_any_site import EPOCH, _copy, _digest, _env, _without_plugin
from test_layers import PACKAGE, imports

WHEELHOUSE = Path(sys.prefix) / "wheelhouse"
MKDOCS_TESTED = ("1.4.3", "1.5.3", "1.6.1")    # scripts/setup.sh's MKDOCS_TESTED; the oldest is pyproject's lower bound
DIST = "scripts/generator-dist"                 # the generator's distribution, from the checkout's root
GENERATOR_COMMANDS = ["compute", "merge-cache", "build", "serve", "check", "facts"]
ENTRY_POINTS = {"console_scripts": {"paramscope": "paramscope_generator.dispatch:main"},
                "mkdocs.plugins": {"paramscope": "paramscope_generator.mkdocs.plugin:ParamscopePlugin"}}


def _tracked(folder: str) -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-z", folder], cwd=ROOT, capture_output=True, text=True, check=True)
    return [name for name in listed.stdout.split("\0") if name and (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built with `pip wheel --no-build-isolation` (hatchling from this venv) from a read-only copy of the
    checkout's tracked files, which must be as they were afterwards."""
    source, folder = tmp_path_factory.mktemp("checkout"), tmp_path_factory.mktemp("wheel")
    for name in _tracked("."):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    before = sorted(p.relative_to(source) for p in source.rglob("*"))
    subprocess.run(["chmod", "-R", "a-w", str(source)], check=True)
    try:
        built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                                "-w", str(folder), str(source / DIST)], capture_output=True, text=True)
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(source)], check=True)
    assert built.returncode == 0, built.stderr
    assert sorted(p.relative_to(source) for p in source.rglob("*")) == before, "the build wrote into the checkout"
    (found,) = folder.glob("paramscope_generator-*.whl")
    return found


def test_the_wheel_holds_the_generator_alone(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    files = {n for n in names if ".dist-info/" not in n}
    generator = {name.removeprefix("scripts/") for name in _tracked("scripts/paramscope_generator")}
    assert files == generator, f"left out: {sorted(generator - files)}; not git's files of the generator: " \
                               f"{sorted(files - generator)}"
    # Every paramscope import of a module in the wheel is in the wheel.
    for module in sorted(n for n in files if n.endswith(".py")):
        for line, name in imports(PACKAGE.parent / module):
            if name.startswith("paramscope."):
                parts = name.split(".")
                held = any("/".join(parts[:k]) + suffix in names for k in range(2, len(parts) + 1)
                           for suffix in (".py", "/__init__.py"))
                assert held, f"scripts/{module}:{line}: imports {name}, which the wheel leaves out"
    size = wheel.stat().st_size
    print(f"\n{wheel.name}: {size / 1e3:.0f} kB, {len(names)} files ({len(files)} of the generator)")
    assert size < 200_000, f"{wheel.name}: {size:,} bytes"


def test_the_wheel_is_paramscope_generator_with_the_generators_entry_points(wheel):
    archive = zipfile.ZipFile(wheel)
    info = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA")).rpartition("/")[0]
    metadata = archive.read(f"{info}/METADATA").decode()
    assert re.search(r"^Name: paramscope-generator$", metadata, re.MULTILINE), metadata[:300]
    assert re.search(rf"^Version: {re.escape(paramscope.__version__)}$", metadata, re.MULTILINE), metadata[:300]
    points: dict[str, dict[str, str]] = {}
    group = None
    for line in archive.read(f"{info}/entry_points.txt").decode().splitlines():
        if line.startswith("["):
            group = points.setdefault(line.strip("[]"), {})
        elif "=" in line:
            name, _, target = line.partition("=")
            group[name.strip()] = target.strip()
    assert points == ENTRY_POINTS, "the generator's plugin and command alone (no paramscope-glossary)"


def test_the_site_and_the_generator_declare_the_same_dependencies():
    site = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    generator = tomllib.loads((ROOT / DIST / "pyproject.toml").read_text())["project"]
    assert generator["dependencies"] == site["dependencies"]
    assert generator["requires-python"] == site["requires-python"] and generator["version"] == site["version"]
    assert site["name"] == "paramscope" and "paramscope-glossary" in site["entry-points"]["mkdocs.plugins"]


def _venv(where: Path, wheel: Path, mkdocs: str) -> Path:
    assert (WHEELHOUSE / f"mkdocs-{mkdocs}-py3-none-any.whl").is_file(), \
        f"{WHEELHOUSE}: no mkdocs {mkdocs}: run `bash scripts/setup.sh --test`"
    venv.create(where, with_pip=True)
    python = where / "bin" / "python"
    pip = subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-index",
                          "--find-links", WHEELHOUSE, "--find-links", wheel.parent, "paramscope-generator",
                          f"mkdocs=={mkdocs}"], capture_output=True, text=True)
    assert pip.returncode == 0, pip.stderr
    return where / "bin"


@pytest.mark.slow
@pytest.mark.parametrize("mkdocs", MKDOCS_TESTED)
def test_the_wheel_builds_a_site_on_each_mkdocs(mkdocs, wheel, tmp_path):
    bin_ = _venv(tmp_path / "venv", wheel, mkdocs)
    env = {k: v for k, v in _env(EPOCH).items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}

    def run(*args, cwd=None):
        return subprocess.run([str(bin_ / args[0]), *args[1:]], cwd=cwd, env=env, capture_output=True, text=True)

    version = run("python", "-c", "import mkdocs, importlib.util as u; print(mkdocs.__version__, u.find_spec('torch'))")
    assert version.stdout.split() == [mkdocs, "None"], version
    root = _copy("mkdocs_theme", tmp_path)
    for config, site in ((_without_plugin(root), "plain"), ("mkdocs.yml", "with")):
        built = run("mkdocs", "build", "--strict", "-q", "-f", config, "-d", site, cwd=root)
        assert built.returncode == 0, built.stderr
    assert _digest(root / "plain") == _digest(root / "with"), f"the plugin changed the site on MkDocs {mkdocs}"
    # A marker resolves, and a published string (facts.json) is a file on 1.5, which has no File.generated.
    (root / "docs" / "answer.md").write_text("# Answer\n\nThe answer is {{ sample.answer }}.\n")
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text() + "      facts_json: true\n")
    built = run("mkdocs", "build", "--strict", "-q", "-d", "site", cwd=root)
    assert built.returncode == 0, built.stderr
    assert "The answer is 42." in (root / "site" / "answer" / "index.html").read_text()
    assert '"sample.answer"' in (root / "site" / "facts.json").read_text()

    # The command line is the generator's alone: the site's commands are not listed, and not known.
    for command in ("paramscope", "python -m paramscope_generator"):
        help_ = run(*command.split(), "--help")
        listed = re.findall(r"^    ([a-z-]+)", help_.stdout, re.MULTILINE)
        assert (help_.returncode, listed) == (0, GENERATOR_COMMANDS), help_
    count = run("paramscope", "count", "smollm2-135m", cwd=root)
    assert count.returncode == 2 and "invalid choice: 'count'" in count.stderr, count
    facts = run("paramscope", "facts", cwd=root)
    assert facts.returncode == 0 and "sample.answer" in facts.stdout, facts.stderr
    check = run("paramscope", "check", cwd=root)   # the generator's checks, without this site's library
    assert check.returncode == 0 and check.stderr.startswith("paramscope check: no problems"), check.stderr
    # The one plugin registered loads; the site's glossary plugin is not there, and MkDocs says so.
    load = run("python", "-c", "from importlib.metadata import entry_points; "
               "print(*[(p.name, p.load().__name__) for p in entry_points(group='mkdocs.plugins') "
               "if p.dist.name == 'paramscope-generator'])")
    assert (load.returncode, load.stdout.strip()) == (0, "('paramscope', 'ParamscopePlugin')"), load.stderr
    config = (root / "mkdocs.yml").read_text()
    (root / "mkdocs.yml").write_text(config.replace("plugins:\n", "plugins:\n  - paramscope-glossary\n"))
    glossary = run("mkdocs", "build", "-q", "-d", "site", cwd=root)
    assert glossary.returncode == 1 and "Traceback" not in glossary.stderr, glossary.stderr
    assert "paramscope-glossary" in glossary.stderr, glossary.stderr


def test_the_versions_tested_are_those_set_up_and_declared():
    setup = (ROOT / "scripts" / "setup.sh").read_text()
    assert f'MKDOCS_TESTED="{" ".join(MKDOCS_TESTED)}"' in setup
    assert DIST + "/pyproject.toml" in setup, "the wheelhouse holds what the generator's distribution declares"
    declared = tomllib.loads((ROOT / DIST / "pyproject.toml").read_text())["project"]["dependencies"]
    oldest = ".".join(MKDOCS_TESTED[0].split(".")[:2])
    assert f"mkdocs>={oldest},<2" in declared, declared
