"""The page's counter (docs/javascripts/formula.js, run in Node by tests/js/count.mjs) equals the Python one on
every config the tests use, every zoo entry and the fuzz cases: the same totals, actives and kinds, the same fields
refused with the same words."""
import json
from functools import cache

import pytest

from paramscope.arch import ConfigError, calculator, counting, zoo
from paramscope.checkpoints import storage
from paramscope.figures import style

from support import node
from support_counting import CONFIGS


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
    tmp = tmp_path_factory.mktemp("js")
    data = calculator.calculator_data(style.KIND_COLORS, style.KIND_LABELS, storage.shown_blocks())
    (tmp / "data.json").write_text(json.dumps(data))
    (tmp / "configs.json").write_text(json.dumps(all_configs()))
    return json.loads(node("count.mjs", str(tmp / "data.json"), str(tmp / "configs.json")))


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
        assert js == {"error": field, "message": str(e).removeprefix("config: ")}, \
            f"Python refuses ({e}), JavaScript says {js}"
        return
    assert "error" not in js, f"JavaScript refuses {js['error']}, Python counts {py.total}"
    assert (int(js["total"]), int(js["active"])) == (py.total, py.active)
    assert {k: int(v) for k, v in js["kinds"].items()} == py.breakdown
    assert (js["task"][0], int(js["task"][1])) == (py.task, py.task_head)
    if py.total < 2**53:
        assert js["plain"] == [py.total, py.active]


def test_the_diagrams_data_counts_what_they_show(tmp_path):
    """The Layer and Transformer diagrams fetch calculator.for_diagrams (the adapters of the zoo's and the toys'
    model types only): with it, formula.js counts every zoo and toy config as Python does, and it is at most
    two-thirds of the calculator's download."""
    data = calculator.calculator_data(style.KIND_COLORS, style.KIND_LABELS, storage.shown_blocks())
    small = calculator.for_diagrams(data)
    configs = {f"zoo:{n}": e["config"] for n, e in small["zoo"].items()}
    configs |= {f"toy:{n}": t["config"] for n, t in small["toys"].items()}
    (tmp_path / "data.json").write_text(json.dumps(small))
    (tmp_path / "configs.json").write_text(json.dumps(configs))
    js = json.loads(node("count.mjs", str(tmp_path / "data.json"), str(tmp_path / "configs.json")))
    for name, cfg in configs.items():
        assert "error" not in js[name], f"{name}: the diagrams' data refuses it: {js[name]}"
        assert int(js[name]["total"]) == counting.count(cfg).total, name
    assert len(json.dumps(small)) <= 2 / 3 * len(json.dumps(data))
