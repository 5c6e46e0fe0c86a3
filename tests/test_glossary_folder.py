"""The glossary plugin's `folder` option: the term pages and the A-Z index may live in another folder than
docs/glossary/ (as Material's meta plugin takes its file name as an option). The sample glossary site, moved to
docs/terms/, checks clean and builds the same index, tooltips' links and related terms there."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from paramscope_generator.commands.check import check_site

from support import ROOT

SITE = ROOT / "tests" / "glossary_site"


def _moved(tmp_path: Path, folder: str) -> Path:
    """The sample site with docs/glossary/ renamed to docs/<folder>/ and every reference to it rewritten."""
    root = shutil.copytree(SITE, tmp_path / "site", ignore=shutil.ignore_patterns(".cache", "site"))
    (root / "docs" / "glossary").rename(root / "docs" / folder)
    for file in [root / "mkdocs.yml", *(root / "docs").rglob("*.md")]:
        file.write_text(re.sub(r"\bglossary/(?=[\w-]+\.md)", f"{folder}/", file.read_text()))
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - paramscope-glossary\n",
                                                 f"  - paramscope-glossary:\n      folder: {folder}/\n"))
    return root


def test_a_glossary_in_another_folder_checks_clean(tmp_path):
    assert [str(p) for p in check_site(_moved(tmp_path, "terms"), stored=False)] == []


def test_a_glossary_in_another_folder_is_found_by_the_checker(tmp_path):
    """Without the option the checker reads docs/terms/ as plain pages, whose term fields it refuses: the option is
    what moved the glossary."""
    root = _moved(tmp_path, "terms")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("      folder: terms/\n", ""))
    problems = [str(p) for p in check_site(root, stored=False)]
    assert "docs/terms/alpha.md:2: unknown front matter field 'term' (only glossary pages define terms)" in problems


def test_a_glossary_in_another_folder_builds_its_index_and_links(tmp_path):
    root = _moved(tmp_path, "terms")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "scripts"), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "out"], cwd=root,
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    index = (root / "out" / "terms" / "index.html").read_text()
    assert 'href="alpha/"' in index and 'href="beta/#temperature"' in index, index[:3000]
    assert 'class="ps-term" href="' in (root / "out" / "index.html").read_text()
    assert "Related terms" in (root / "out" / "terms" / "alpha" / "index.html").read_text()
