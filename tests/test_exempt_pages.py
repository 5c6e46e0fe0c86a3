"""`house_rules: false` in a page's front matter exempts that page (not a term page) from the glossary's prose rules
(check.EXEMPT), and from nothing else: its broken links and its markers are still reported."""
import shutil

from paramscope_generator.commands.check import check_site

from support import ROOT

PAGE = "---\ntitle: Manual\n{flag}---\n\n# Manual\n\nNeeds Python 3.10 or later; see [the home](missing.md).\n"


def _site(tmp_path, flag: str, rel: str = "manual.md"):
    root = shutil.copytree(ROOT / "tests" / "sample_sites" / "material", tmp_path / "site",
                           ignore=shutil.ignore_patterns(".cache", "site"))
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("      producers: producers\n",
                                                 "      producers: producers\n  - paramscope-glossary\n"))
    (root / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / "docs" / rel).write_text(PAGE.format(flag=flag))
    return [str(p) for p in check_site(root, stored=False) if p.path == f"docs/{rel}"]


def test_a_page_is_judged_by_the_house_rules_by_default(tmp_path):
    found = _site(tmp_path, "")
    assert any("number '3.10' in prose" in p for p in found), found
    assert any("broken link 'missing.md'" in p for p in found), found


def test_house_rules_false_exempts_its_prose_only(tmp_path):
    found = _site(tmp_path, "house_rules: false\n")
    assert not any("in prose" in p for p in found), found
    assert any("broken link 'missing.md'" in p for p in found), found


def test_a_term_page_cannot_be_exempt(tmp_path):
    found = _site(tmp_path, "house_rules: false\n", "glossary/manual.md")
    assert any("number '3.10' in prose" in p for p in found), found
