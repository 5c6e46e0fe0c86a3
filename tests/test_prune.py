"""A producer deleted from the producers folder: the next compute (hence build or serve) deletes its outputs and its
log from the cache, and its facts and figures are no longer offered to pages."""
from paramscope_generator import paths
from paramscope_generator.cache import store
from paramscope_generator.run import runner


def test_a_removed_producers_outputs_and_log_are_deleted(tmp_path):
    (tmp_path / "producers").mkdir()
    (tmp_path / "producers" / "kept.py").write_text('"""Kept."""\n\n\ndef produce(out):\n    out.fact("a", 1)\n')
    (tmp_path / "producers" / "gone.py").write_text('"""Gone."""\n\n\ndef produce(out):\n    out.fact("b", 2)\n')
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    project = paths.Project(config_file=tmp_path / "mkdocs.yml", docs=tmp_path / "docs", site=tmp_path / "site",
                            producers=tmp_path / "producers", cache=tmp_path / ".cache")
    said = []
    assert not runner.compute(project, echo=said.append).failed
    assert set(store.load(project).facts) == {"kept.a", "gone.b"}
    logs = project.cache / "logs"
    assert (logs / "gone.log").is_file() and (store.outputs_root(project) / "gone").is_dir()

    (tmp_path / "producers" / "gone.py").unlink()
    said.clear()
    result = runner.compute(project, echo=said.append)
    assert result.fresh == ["kept"] and not result.ran
    assert "compute: gone was removed; its outputs and log are deleted" in said
    assert not (logs / "gone.log").exists() and not (store.outputs_root(project) / "gone").exists()
    assert (logs / "kept.log").is_file() and set(store.load(project).facts) == {"kept.a"}
