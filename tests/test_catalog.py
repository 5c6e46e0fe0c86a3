"""The entry for MkDocs' catalog (scripts/catalog/projects.yaml): `mkdocs get-deps -p ENTRY` names the generator's
distribution, `paramscope-generator`, for a site using its plugin, and the entry lists exactly the plugins that
distribution declares (scripts/generator-dist/pyproject.toml), in the catalog's schema (what its check_projects.py
requires of an entry). This site's glossary plugin is its own, not in the entry."""
import subprocess
import sys
import tomllib

import pytest
import yaml

from support import ROOT

ENTRY = ROOT / "scripts" / "catalog" / "projects.yaml"
GENERATOR_DIST = ROOT / "scripts" / "generator-dist" / "pyproject.toml"


def _get_deps(config: str, tmp_path) -> list[str]:
    (tmp_path / "mkdocs.yml").write_text(config)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "get-deps", "-p", str(ENTRY), "-f",
                           str(tmp_path / "mkdocs.yml")], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


@pytest.mark.parametrize("plugins", ["[search, paramscope]", "[search, {paramscope: {producers: producers}}]"])
def test_get_deps_names_the_generator(plugins, tmp_path):
    assert _get_deps(f"site_name: A site\nplugins: {plugins}\n", tmp_path) == ["mkdocs", "paramscope-generator"]


@pytest.mark.parametrize("plugins", ["[search]", "[search, paramscope-glossary]"])
def test_a_site_without_the_plugin_does_not_need_it(plugins, tmp_path):
    assert _get_deps(f"site_name: A site\nplugins: {plugins}\n", tmp_path) == ["mkdocs"]


def test_the_entry_lists_the_entry_points_in_the_catalog_schema():
    project = tomllib.loads(GENERATOR_DIST.read_text())["project"]
    [entry] = yaml.safe_load(ENTRY.read_text())["projects"]
    assert sorted(entry["mkdocs_plugin"]) == sorted(project["entry-points"]["mkdocs.plugins"])
    assert entry["pypi_id"] == project["name"] and "_" not in entry["pypi_id"]
    assert entry["name"] and entry["github_id"].count("/") == 1
    assert entry["labels"] == ["plugin"]                  # the catalog: 'plugin' iff mkdocs_plugin is present
    assert entry["category"] == "code-exec-templating"    # one of the catalog's categories (its projects.yaml)
    assert set(entry) <= {"name", "mkdocs_plugin", "github_id", "pypi_id", "labels", "category", "license",
                          "extra_dependencies", "shadowed"}
