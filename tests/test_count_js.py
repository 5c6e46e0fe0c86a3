"""The page's counter (docs/javascripts/count.js, run in Node) equals the Python one on every config the tests
use, every zoo entry and the fuzz cases: the same totals, actives and kinds, the same fields refused."""
import json
import shutil
import subprocess
from functools import cache

import pytest

from paramscope.arch import counting, zoo
from paramscope.figures import calculator
from paramscope.arch import ConfigError
from support import ROOT
from support_counting import CONFIGS

NODE = shutil.which("node")
RUN = """
const count = require(process.argv[2]);
const data = JSON.parse(require("fs").readFileSync(process.argv[3], "utf8"));
const configs = JSON.parse(require("fs").readFileSync(process.argv[4], "utf8"));
const out = {};
for (const [name, cfg] of Object.entries(configs)) {
  try {
    const r = count.count(cfg, data);
    const kinds = {};
    for (const [k, v] of Object.entries(r.exact.breakdown)) kinds[k] = v.toString();
    out[name] = {total: r.exact.total.toString(), active: r.exact.active.toString(), kinds: kinds,
                 plain: [r.total, r.active], task: [r.exact.task, r.exact.taskHead.toString()]};
  } catch (e) {
    if (!e.field) throw e;
    out[name] = {error: e.field};
  }
}
console.log(JSON.stringify(out));
"""


@cache
def all_configs() -> dict:
    from test_counting import MINIMAL, TASKS, task_config
    from test_counting_fuzz import cases
    from test_counting_newest import CASES, LISTED, WRAPPERS
    from test_models import SMALL
    configs = {f"oracle:{n}": json.loads(p.read_text()) for n, p in CONFIGS.items()}
    configs |= {f"zoo:{n}": e.config for n, e in zoo.every().items()}
    configs |= {f"small:{n}": c for n, c in SMALL.items()} | {f"minimal:{n}": c for n, c in MINIMAL.items()}
    configs |= {f"fuzz:{c.id}": c.values[0] for c in cases()}
    for head in TASKS:
        configs[f"task:{head}"] = task_config(head)
    configs["gpt2-untied"] = {**zoo.get("gpt2").config, "tie_word_embeddings": False}
    configs["deep"] = {**zoo.get("deepseek-v3").config, "num_hidden_layers": 10**12}
    configs |= {f"newest:{c.id}": c.values[0] for c in CASES}
    configs |= {f"wrapper:{w}": {"model_type": w, "text_config": {"num_hidden_layers": 2}} for w in WRAPPERS}
    configs |= {f"listed:{n}": c for n, c in LISTED.items()}
    configs |= {f"listed-unequal:{n}": {**c, "moe_topk": [1, 2, 2]} for n, c in LISTED.items()}
    return configs


@pytest.fixture(scope="module")
def js_counts(tmp_path_factory) -> dict:
    if NODE is None:
        pytest.fail("node is missing: the page's counter cannot be tested")
    tmp = tmp_path_factory.mktemp("js")
    (tmp / "data.json").write_text(json.dumps(calculator.calculator_data()))
    (tmp / "configs.json").write_text(json.dumps(all_configs()))
    (tmp / "run.js").write_text(RUN)
    run = subprocess.run([NODE, str(tmp / "run.js"), str(ROOT / "docs" / "javascripts" / "count.js"),
                          str(tmp / "data.json"), str(tmp / "configs.json")], capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_every_config_is_tried(js_counts):
    assert len(js_counts) == len(all_configs()) > 200
    assert sum("error" not in r for r in js_counts.values()) > 100


@pytest.mark.parametrize("name", sorted(all_configs()))
def test_javascript_counts_like_python(name, js_counts):
    cfg, js = all_configs()[name], js_counts[name]
    try:
        py = counting.count(cfg)
    except ConfigError as e:
        field = str(e).split(": ")[1]
        assert js == {"error": field}, f"Python refuses ({e}), JavaScript says {js}"
        return
    assert "error" not in js, f"JavaScript refuses {js['error']}, Python counts {py.total}"
    assert (int(js["total"]), int(js["active"])) == (py.total, py.active)
    assert {k: int(v) for k, v in js["kinds"].items()} == py.breakdown
    assert (js["task"][0], int(js["task"][1])) == (py.task, py.task_head)
    if py.total < 2**53:
        assert js["plain"] == [py.total, py.active]
