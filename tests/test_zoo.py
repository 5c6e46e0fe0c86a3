"""The zoo's data file (scripts/paramscope/arch/zoo.yml): read into zoo.Entry objects, a malformed entry refused at
its line, the file installed with the package."""
import re
import subprocess
import tomllib
from pathlib import Path

import pytest

from paramscope.arch import ConfigError, zoo

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "scripts" / "paramscope"

GOOD = """\
zoo:
  tiny:
    label: Tiny
    config: {model_type: gpt2, vocab_size: 10, n_embd: 4, n_layer: 1, n_head: 1, n_positions: 8}
    source: nowhere
    published: 117e6
shared:
  card: &card a card
newest:
  newer:
    label: Newer
    config: {model_type: gpt2}
    source: nowhere
    published: 7_285_403_648
    published_active: 0.5e9
    published_source: *card
    release: fp32
"""


def write(tmp_path: Path, text: str) -> Path:
    file = tmp_path / "zoo.yml"
    file.write_text(text, encoding="utf-8")
    return file


def test_the_file_reads_into_entries_with_numbers_as_numbers(tmp_path):
    loaded = zoo.load(write(tmp_path, GOOD))
    assert list(loaded) == ["zoo", "newest"]
    tiny, newer = loaded["zoo"]["tiny"], loaded["newest"]["newer"]
    assert tiny == zoo.Entry("Tiny", {"model_type": "gpt2", "vocab_size": 10, "n_embd": 4, "n_layer": 1,
                                      "n_head": 1, "n_positions": 8}, "nowhere", 117e6)
    assert type(tiny.published) is float and type(newer.published) is int and newer.published_active == 0.5e9
    assert (newer.published_source, newer.release, newer.active_convention) == ("a card", "fp32", "all")


def test_the_shipped_zoo_is_the_file():
    assert {**zoo.ZOO, **zoo.NEWEST} == zoo.every() and list(zoo.every()) == [*zoo.load()["zoo"],
                                                                             *zoo.load()["newest"]]
    assert all(type(e) is zoo.Entry and type(e.config) is dict for e in zoo.every().values())
    # Every count the file writes with an exponent is a number, never the text YAML 1.1 would make of it.
    assert all(isinstance(e.published, (int, float, type(None))) for e in zoo.every().values())
    assert zoo.get("mamba-codestral-7b").published == 7_285_403_648
    assert zoo.get("granite-4.0-h-tiny").config["layer_types"].count("attention") == 4


def last_line_of(text: str, needle: str) -> int:
    return max(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize("old, new, needle, message", [
    ("    source: nowhere\n    published: 117e6", "    source: nowhere\n    publshed: 117e6", "publshed",
     "tiny: unknown field 'publshed'"),
    ("    label: Tiny\n", "", "  tiny:", "tiny: missing label"),
    ("release: fp32", "release: fp4", "release: fp4", "newer: release: 'fp4' is none of"),
    ("published: 117e6", "published: lots", "published: lots", "tiny: published: a number, not 'lots'"),
    ("    config: {model_type: gpt2}", "    config: {vocab_size: 3}", "vocab_size: 3", "newer: config: a mapping"),
    ("n_layer: 1,", "n_layer: 1, n_embd: 5,", "n_embd: 5", "'n_embd' given twice"),
    ("  newer:", "  tiny:", "  tiny:", "'tiny' is already an entry of zoo"),
    ("    label: Tiny", "    label: [Tiny", "label: [Tiny", "while parsing a flow sequence, "),
    ("published_source: *card", "published_source: *cart", "*cart", "found undefined alias"),
    ("shared:", "extra: 1\nshared:", "zoo:", "a mapping of the sections zoo, newest and shared"),
])
def test_a_malformed_entry_is_refused_at_its_line(tmp_path, old, new, needle, message):
    text = GOOD.replace(old, new, 1)
    assert text != GOOD
    file = write(tmp_path, text)
    with pytest.raises(ConfigError) as error:
        zoo.load(file)
    where, _, said = str(error.value).partition(": ")
    assert re.fullmatch(r".*zoo\.yml:\d+", where) and Path(where.rsplit(":", 1)[0]).resolve() == file
    assert int(where.rsplit(":", 1)[1]) == last_line_of(text, needle)  # a name given twice: at its second place
    assert message in said


def test_every_data_file_of_the_generator_is_installed_with_it():
    """A file the generator reads but its wheel leaves out works in a checkout and fails once installed. The wheel
    of paramscope-generator holds the folders its pyproject force-includes as they are on disk (tests/test_wheel.py
    holds them equal to git's files): no data file there may be one git ignores. The zoo is the site's library,
    read from the checkout, not in the generator's distribution."""
    dist = ROOT / "scripts" / "generator-dist"
    wheel = tomllib.loads((dist / "pyproject.toml").read_text())["tool"]["hatch"]["build"]["targets"]["wheel"]
    included = [(dist / p).resolve() for p in wheel["force-include"]]
    assert all(p.exists() for p in included), [str(p) for p in included if not p.exists()]
    assert not any(zoo.FILE.is_relative_to(p) for p in included)
    data = [f for p in included for f in (p.rglob("*") if p.is_dir() else [p])
            if f.is_file() and f.suffix not in (".py", ".pyc")]
    if data:
        ignored = subprocess.run(["git", "check-ignore", *map(str, data)], cwd=ROOT, capture_output=True, text=True)
        assert ignored.stdout == "", f"git ignores data files the wheel then leaves out: {ignored.stdout}"
