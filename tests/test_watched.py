"""What `mkdocs serve` watches: the producers folder and the project's own modules and input files the current
outputs were computed from; never a file of the Python installation (matplotlib's styles) or the cache."""
import json
import sys
from pathlib import Path

import matplotlib

from paramscope_generator import paths
from paramscope_generator.cache import store


def test_serve_watches_only_files_of_the_project(tmp_path):
    root = tmp_path / "site"
    (root / "producers").mkdir(parents=True)
    (root / "producers" / "demo.py").write_text('"""Demo."""\n\n\ndef produce(out):\n    out.fact("a", 1)\n')
    (root / "lib.py").write_text("X = 1\n")
    (root / "data.csv").write_text("1\n")
    (root / "mkdocs.yml").write_text("site_name: x\n")
    project = paths.Project(config_file=root / "mkdocs.yml", docs=root / "docs", site=root / "site",
                            producers=root / "producers", cache=root / ".cache" / "paramscope")
    style = Path(matplotlib.get_data_path()) / "stylelib" / "ggplot.mplstyle"     # in site-packages
    inside_cache = project.cache / "models" / "weights.bin"
    inside_cache.parent.mkdir(parents=True)
    inside_cache.write_text("w")
    generation = project.cache / "outputs" / "demo" / "g-1"
    generation.mkdir(parents=True)
    (generation / "outputs.json").write_text("{}")
    (generation.parent / "current").write_text("g-1")
    (generation / "meta.json").write_text(json.dumps({
        "modules": {"lib.py": "h"},
        "inputs": {str(root / "data.csv"): "h", str(style): "h", str(inside_cache): "h", sys.executable: "h"}}))
    assert style.is_file()
    assert store.watched(project) == sorted([root / "data.csv", root / "lib.py", root / "producers"])
