"""The generator as another site installs it: the wheel holds the generator alone (scripts/paramscope/generator/ and
the entry points), and installed into a clean venv with only its declared dependencies, from the wheelhouse
`scripts/setup.sh --test` fills (CI is offline after set-up), it builds a sample site on every MkDocs it supports
exactly as that site builds without the plugin; its command line lists the generator's commands alone, and the
site's glossary plugin says in one line that it is not there."""
import re
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

from support import ROOT
from test_any_site import EPOCH, _copy, _digest, _env, _without_plugin
from test_layers import GENERATOR, PACKAGE, imports

WHEELHOUSE = Path(sys.prefix) / "wheelhouse"
MKDOCS_TESTED = ("1.4.3", "1.5.3", "1.6.1")    # scripts/setup.sh's MKDOCS_TESTED; the oldest is pyproject's lower bound
# Beside the generator, the wheel holds the package's __init__ and the entry points; `entry` reaches into the site's
# command line and glossary plugin, lazily, and uses the generator's (or says so in one line) where they are absent.
ENTRY = {"paramscope/__init__.py", "paramscope/__main__.py", "paramscope/entry.py"}
GENERATOR_COMMANDS = ["compute", "merge-cache", "build", "serve", "check", "facts"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                            "-w", str(folder), str(ROOT)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    (found,) = folder.glob("paramscope-*.whl")
    return found


def test_the_wheel_holds_the_generator_alone(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {n for n in names if n.startswith("paramscope/") and n.endswith(".py")}
    generator = {p.relative_to(PACKAGE.parent).as_posix() for p in GENERATOR.rglob("*.py")}
    assert modules == generator | ENTRY, f"left out: {sorted(generator | ENTRY - modules)}; " \
                                         f"not the generator's: {sorted(modules - generator - ENTRY)}"
    # Every paramscope import of a module in the wheel is in the wheel (the site's, only where `entry` falls back).
    for module in sorted(modules - {"paramscope/entry.py"}):
        for line, name in imports(PACKAGE.parent / module):
            if name.startswith("paramscope.") and "import_module" not in name:
                parts = name.split(".")
                held = any("/".join(parts[:k]) + suffix in names for k in range(2, len(parts) + 1)
                           for suffix in (".py", "/__init__.py"))
                assert held, f"scripts/{module}:{line}: imports {name}, which the wheel leaves out"
    wheel_config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel_config["dev-mode-dirs"] == ["scripts"], "the editable install must expose all of scripts/"


def _venv(where: Path, wheel: Path, mkdocs: str) -> Path:
    assert (WHEELHOUSE / f"mkdocs-{mkdocs}-py3-none-any.whl").is_file(), \
        f"{WHEELHOUSE}: no mkdocs {mkdocs}: run `bash scripts/setup.sh --test`"
    venv.create(where, with_pip=True)
    python = where / "bin" / "python"
    pip = subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-index",
                          "--find-links", WHEELHOUSE, "--find-links", wheel.parent, "paramscope", f"mkdocs=={mkdocs}"],
                         capture_output=True, text=True)
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
    for command in ("paramscope", "python -m paramscope"):
        help_ = run(*command.split(), "--help")
        listed = re.findall(r"^    ([a-z-]+)", help_.stdout, re.MULTILINE)
        assert (help_.returncode, listed) == (0, GENERATOR_COMMANDS), help_
    count = run("paramscope", "count", "smollm2-135m", cwd=root)
    assert count.returncode == 2 and "invalid choice: 'count'" in count.stderr, count
    facts = run("paramscope", "facts", cwd=root)
    assert facts.returncode == 0 and "sample.answer" in facts.stdout, facts.stderr
    # Every plugin the wheel registers loads: the generator as a plugin class, the site's glossary with one line.
    for name, expected in (("paramscope", "ParamscopePlugin"), ("paramscope-glossary", None)):
        load = run("python", "-c", "from importlib.metadata import entry_points; "
                   f"print(entry_points(group='mkdocs.plugins')['{name}'].load().__name__)")
        if expected:
            assert (load.returncode, load.stdout.strip()) == (0, expected), load.stderr
        else:
            assert load.returncode == 1 and load.stderr.splitlines() == [
                "paramscope-glossary: this is the Paramscope site's own glossary plugin, not part of the generator's "
                "wheel; remove it from mkdocs.yml's plugins (the generator is `- paramscope`), or build from the "
                "paramscope checkout, where `bash scripts/setup.sh` installs it"], load
    config = (root / "mkdocs.yml").read_text()
    (root / "mkdocs.yml").write_text(config.replace("plugins:\n", "plugins:\n  - paramscope-glossary\n"))
    glossary = run("mkdocs", "build", "-q", "-d", "site", cwd=root)
    assert glossary.returncode == 1 and "Traceback" not in glossary.stderr, glossary.stderr


def test_the_versions_tested_are_those_set_up_and_declared():
    setup = (ROOT / "scripts" / "setup.sh").read_text()
    assert f'MKDOCS_TESTED="{" ".join(MKDOCS_TESTED)}"' in setup
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    oldest = ".".join(MKDOCS_TESTED[0].split(".")[:2])
    assert f"mkdocs>={oldest},<2" in declared, declared
