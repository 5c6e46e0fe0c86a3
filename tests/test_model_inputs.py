"""A producer that loads a real model records the model's files as inputs, although the weights and the tokenizer
are read from native code (safetensors, tokenizers) and a warm hash memo trusts the files without opening them:
the audit hook on `open` sees neither, the loaders declare them."""
import json
import os
import textwrap
from pathlib import Path

from paramscope.checkpoints import modelfiles

from support import paramscope

PRODUCER = '''\
"""Loads MiniLM through the site's loader."""
from paramscope.checkpoints import minilm


def produce(out):
    out.fact("width", minilm.load(out.project.cache).model.arch.d_model)
'''


def recorded_inputs(root: Path) -> set[str]:
    base = root / ".cache" / "outputs" / "loads"
    return set(json.loads((base / (base / "current").read_text().strip() / "outputs.json").read_text())["inputs"])


def test_a_producer_loading_minilm_records_its_files_even_with_a_warm_hash_memo(tmp_path):
    (tmp_path / "producers").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "producers" / "loads.py").write_text(PRODUCER)
    (tmp_path / "docs" / "index.md").write_text("# Width\n\n{{ loads.width }}\n")
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: Test
        plugins:
          - paramscope:
              producers: producers
              cache_dir: .cache
        """))
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    expected = {str(modelfiles.locate(spec).resolve())
                for spec in (modelfiles.MINILM_WEIGHTS, modelfiles.MINILM_TOKENIZER, modelfiles.MINILM_CONFIG)}
    for args in (("compute",), ("compute", "--force")):  # the second run finds every hash in the memo
        run = paramscope(*args, env=env, cwd=tmp_path)
        assert run.returncode == 0, run.stdout + run.stderr
        assert expected <= recorded_inputs(tmp_path), sorted(expected - recorded_inputs(tmp_path))
