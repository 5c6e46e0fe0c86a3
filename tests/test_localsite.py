"""The site fixture never serves an old site: localsite.stale compares the built site with every source."""
import os
from pathlib import Path

from paramscope.bench import localsite


def _touch(path: Path, when: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x")
    os.utime(path, (when, when))


def test_a_site_older_than_a_source_is_stale(tmp_path: Path):
    root, site = tmp_path / "project", tmp_path / "project" / "site"
    _touch(root / "docs" / "index.md", 1000)
    _touch(root / "scripts" / "producers" / "parameters.py", 1000)
    _touch(root / "mkdocs.yml", 1000)
    assert localsite.stale(site, root)                      # never built
    _touch(site / "index.html", 2000)
    assert not localsite.stale(site, root)
    _touch(root / "scripts" / "producers" / "parameters.py", 3000)   # a producer edited after the build
    assert localsite.stale(site, root)
    _touch(site / "index.html", 4000)
    _touch(root / "mkdocs.yml", 5000)                      # a top-level file too
    assert localsite.stale(site, root)


def test_installed_and_compiled_files_are_not_sources(tmp_path: Path):
    root, site = tmp_path / "project", tmp_path / "project" / "site"
    _touch(root / "docs" / "index.md", 1000)
    _touch(site / "index.html", 2000)
    _touch(root / "scripts" / "web" / "node_modules" / "pkg" / "index.js", 3000)
    _touch(root / "scripts" / "paramscope" / "__pycache__" / "x.pyc", 3000)
    assert not localsite.stale(site, root)


def test_chromium_is_found_by_variable_or_on_path_and_missing_is_one_line(tmp_path: Path, monkeypatch):
    import pytest

    browser = tmp_path / "bin" / "chromium"
    _touch(browser, 1_000_000)
    browser.chmod(0o755)
    monkeypatch.setenv("PARAMSCOPE_CHROMIUM", str(browser))
    assert localsite.chromium() == browser
    monkeypatch.setenv("PARAMSCOPE_CHROMIUM", str(tmp_path / "gone"))
    with pytest.raises(localsite.ChromiumMissing, match="PARAMSCOPE_CHROMIUM=.*gone is not a file"):
        localsite.chromium()
    monkeypatch.delenv("PARAMSCOPE_CHROMIUM")
    monkeypatch.setenv("PATH", str(browser.parent))
    assert localsite.chromium() == browser
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(localsite.ChromiumMissing, match="^no Chromium on PATH"):
        localsite.chromium()
