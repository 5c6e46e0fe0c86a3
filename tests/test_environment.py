"""Environment variables in the cache key: those the project's own code reads re-run a producer when they change;
those a library reads (matplotlib's MPLBACKEND, the standard library's HOME) do not."""
import hashlib
import json
import os
import textwrap
from pathlib import Path

import pytest

from support import paramscope

PRODUCER = '''\
"""Reads the environment."""
import os

import settings          # a module of the site, reading BAR when imported


def produce(out):
    os.environ["SET_HERE"] = "by the producer"      # written before it is read: not an input
    out.fact("foo", os.environ.get("FOO", "none"))
    out.fact("bar", settings.BAR)
    out.fact("home", os.path.expanduser("~") != "")  # the standard library reads HOME
    out.fact("baz", "BAZ" in os.environ)              # read while unset
    out.fact("set-here", os.getenv("SET_HERE"))
'''


@pytest.fixture
def site(tmp_path: Path):
    """A site on the built-in theme whose producer reads FOO, BAZ and (through a site module) BAR."""
    (tmp_path / "producers").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "producers" / "env.py").write_text(PRODUCER)
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "settings.py").write_text('import os\n\nBAR = os.getenv("BAR", "none")\n')
    (tmp_path / "docs" / "index.md").write_text("# Env\n\nFOO is {{ env.foo }}.\n")
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: Env
        plugins:
          - paramscope:
              producers: producers
        """))
    base = {k: v for k, v in os.environ.items() if k not in ("FOO", "BAR", "BAZ", "SET_HERE", "SOURCE_DATE_EPOCH")}

    def compute(**variables):
        result = paramscope("compute", env=dict(base, **variables), cwd=tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def build(**variables):
        import subprocess
        import sys

        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path,
                                env=dict(base, **variables), capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return (tmp_path / "site" / "index.html").read_text()

    compute.build = build
    compute.root = tmp_path
    return compute


def meta(root: Path) -> dict:
    base = root / ".cache" / "paramscope" / "outputs" / "env"
    return json.loads((base / (base / "current").read_text().strip() / "meta.json").read_text())


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_a_changed_variable_reruns_the_producer_that_read_it(site):
    assert "FOO is one." in site.build(FOO="one", BAR="b")
    assert "0 ran" in (same := site(FOO="one", BAR="b")) and "1 up to date" in same, same
    assert "compute: env (environment variable FOO changed)" in site(FOO="two", BAR="b")
    assert "FOO is two." in site.build(FOO="two", BAR="b")
    assert "compute: env (environment variable BAR changed)" in site(FOO="two", BAR="c")
    assert "compute: env (environment variable FOO changed)" in site(BAR="c"), "unset is a value too"
    assert "compute: env (environment variable BAZ changed)" in site(BAR="c", BAZ="")


def test_only_the_project_s_reads_are_keyed_and_values_are_hashed(site):
    site(FOO="one", BAR="b")
    # what the key holds, computed here independently: sha256 of each value, 'unset' for a variable not set
    assert meta(site.root)["environment"] == {"BAR": sha256("b"), "BAZ": "unset", "FOO": sha256("one")}
    other_home = site.root / "home"
    other_home.mkdir()
    rerun = site(FOO="one", BAR="b", HOME=str(other_home))
    assert "1 up to date" in rerun, "what a library reads (here the standard library, HOME) is keyed by its version"


LIBRARY_READ = """\
import sys
from paramscope_generator.run import environment

environment.record(lambda filename: {everything} or filename == __file__)
import matplotlib                            # a library: reads MPLBACKEND when imported
environment.stop()
print(sorted(environment.read()))
"""


@pytest.mark.parametrize("everything", [True, False], ids=["all-reads", "project-reads"])
def test_matplotlib_reading_mplbackend_is_not_recorded(tmp_path, everything):
    """Counting every read, matplotlib's import reads MPLBACKEND (so the check below means something); counting
    the project's reads only, it is not in the key."""
    import subprocess
    import sys

    script = tmp_path / "script.py"
    script.write_text(LIBRARY_READ.format(everything=everything))
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONPATH=os.pathsep.join(sys.path))
    result = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert ("'MPLBACKEND'" in result.stdout) is everything, result.stdout


def test_the_recorder_attributes_a_read_to_the_calling_file(monkeypatch):
    """os.getenv, .get, `in` and [] by an accepted file are noted, a standard-library read is not, and os.environ
    is its own class again afterwards."""
    from paramscope_generator.run import environment

    monkeypatch.setenv("PS_A", "a")
    monkeypatch.delenv("PS_B", raising=False)
    monkeypatch.delenv("PS_C", raising=False)
    environment.record(lambda filename: filename == __file__)
    try:
        os.getenv("PS_A")
        assert "PS_B" not in os.environ
        with pytest.raises(KeyError):
            os.environ["PS_C"]
        os.path.expanduser("~")                     # posixpath reads HOME
    finally:
        environment.stop()
    assert type(os.environ) is os._Environ
    assert environment.read() == {"PS_A": sha256("a"), "PS_B": "unset", "PS_C": "unset"}
