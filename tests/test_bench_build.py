"""The benchmark's plain-MkDocs twin of the site (paramscope.bench.build): the site's own mkdocs.yml without the
generator's plugin (`paramscope`; the glossary's, `paramscope-glossary`, stays), with mkdocs-jupyter's cache moved
aside, loads as MkDocs reads it, from the project's folder (the snippets' base path is relative to it)."""
from pathlib import Path

import pytest
from mkdocs.config import load_config

from paramscope.bench.build import jupyter_cache_in, without_plugin

ROOT = Path(__file__).resolve().parents[1]


def test_the_plain_config_loads_without_the_generator_and_with_its_own_notebook_cache(tmp_path, monkeypatch):
    site = load_config(str(ROOT / "mkdocs.yml"))
    plain = ROOT / ".paramscope-bench-test-plain.yml"
    plain.write_text(jupyter_cache_in(without_plugin((ROOT / "mkdocs.yml").read_text(encoding="utf-8")),
                                      tmp_path / "plain-jupyter"), encoding="utf-8")
    monkeypatch.chdir(ROOT)
    try:
        config = load_config(str(plain))
    finally:
        plain.unlink()
    assert list(config.plugins) == [name for name in site.plugins if name != "paramscope"]
    assert "paramscope-glossary" in config.plugins
    assert config.plugins["mkdocs-jupyter"].config["cache_dir"] == str(tmp_path / "plain-jupyter")


@pytest.mark.parametrize("entry", ["  - paramscope\n", "  - paramscope:\n      jobs: 2\n      # a comment\n",
                                   "  - paramscope:   # the generator\n      jobs: 2\n", "  - paramscope   # it\n"])
def test_only_the_generators_entry_goes(entry):
    before = "plugins:\n  - search\n\n"
    after = "  - paramscope-glossary\n  - paramscope-glossary:\n      links: false\n  - paramscope_x\nnav: []\n"
    assert without_plugin(before + entry + after) == before + after
