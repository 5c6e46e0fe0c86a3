"""`paramscope check` reads a site as MkDocs does (paramscope_generator.mkdocs.sources): mkdocs.yml through
load_config, the page files through get_files, so exclude_docs, not_in_nav and MkDocs' default exclusions are
MkDocs' own."""
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import InclusionLevel, get_files

from paramscope_generator.mkdocs import sources

CONFIG = """site_name: T
exclude_docs: |
  drafts/
not_in_nav: |
  extra.md
nav:
  - Home: index.md
  - Section:
      - a.md
  - Elsewhere: https://example.org/
"""


def _site(root: Path, config: str = CONFIG) -> Path:
    (root / "mkdocs.yml").write_text(config)
    for name in ["index.md", "a.md", "extra.md", "drafts/x.md", ".hidden.md", "templates/t.md", "pic.svg"]:
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text("# x\n")
    return root


def test_pages_are_the_files_mkdocs_includes(tmp_path):
    root = _site(tmp_path)
    site = sources.read(root)
    oracle = get_files(load_config(config_file=str(root / "mkdocs.yml")))   # MkDocs, asked directly
    included = {f.src_uri for f in oracle if f.inclusion != InclusionLevel.EXCLUDED}
    assert set(site.pages) | {f.relative_to(site.docs).as_posix() for f in site.other_files} == included
    assert sorted(site.pages) == ["a.md", "extra.md", "index.md"] and site.not_in_nav == {"extra.md"}
    assert site.nav == [("index.md", 7), ("a.md", 9)] and site.problems == [] and not site.glossary_on


def test_an_unreadable_config_is_a_problem_at_its_line(tmp_path):
    root = _site(tmp_path, "site_name: T\nnav:\n  - a: [x\n")
    assert [str(p) for p in sources.read(root).problems] == [
        "mkdocs.yml:4: not valid YAML: expected ',' or ']', but got '<stream end>'"]
    (root / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - nosuchplugin\n")
    assert [str(p) for p in sources.read(root).problems] == [
        "mkdocs.yml:1: Config value 'plugins': The \"nosuchplugin\" plugin is not installed"]
    (root / "mkdocs.yml").unlink()
    assert [str(p) for p in sources.read(root).problems] == ["mkdocs.yml:1: mkdocs.yml is missing"]
