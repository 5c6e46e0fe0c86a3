"""The benchmark's plain-MkDocs twin of the site (paramscope.bench.build): the site's own mkdocs.yml without its
plugins, with mkdocs-jupyter's cache moved aside, loads as MkDocs reads it, from the project's folder (the
snippets' base path is relative to it)."""
from pathlib import Path

from mkdocs.config import load_config

from paramscope.bench.build import jupyter_cache_in, without_plugin

ROOT = Path(__file__).resolve().parents[1]


def test_the_plain_config_loads_without_the_generator_and_with_its_own_notebook_cache(tmp_path, monkeypatch):
    plain = ROOT / ".paramscope-bench-test-plain.yml"
    plain.write_text(jupyter_cache_in(without_plugin((ROOT / "mkdocs.yml").read_text(encoding="utf-8")),
                                      tmp_path / "plain-jupyter"), encoding="utf-8")
    monkeypatch.chdir(ROOT)
    try:
        config = load_config(str(plain))
    finally:
        plain.unlink()
    assert not [name for name in config.plugins if name.startswith("paramscope")]   # this site's plugins, both
    assert "mkdocs-jupyter" in config.plugins and "glightbox" in config.plugins
    assert config.plugins["mkdocs-jupyter"].config["cache_dir"] == str(tmp_path / "plain-jupyter")
