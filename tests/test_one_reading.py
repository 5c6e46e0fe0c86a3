"""One reading of a config and one taxonomy of kinds: only paramscope.arch reads config.json fields (the torch
modules are built from its description), and MiniLM's biases agree between the Bias page and the calculator."""
import ast
from pathlib import Path

from paramscope.arch import counting, describe, zoo
from paramscope.arch.adapters import run as adapters_run
from paramscope.models import build_model, llama

MODELS = Path(__file__).parents[1] / "scripts" / "paramscope" / "models"


def reads_of_a_dict(tree: ast.AST) -> list[int]:
    """Lines that read a field by a string key: d["x"] (not an assignment target) or d.get("x")."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) \
                and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
            lines.append(node.lineno)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" \
                and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            lines.append(node.lineno)
    return lines


def test_models_never_index_a_config_dict():
    found = [f"{p.name}:{line}" for p in sorted(MODELS.glob("*.py"))
             for line in reads_of_a_dict(ast.parse(p.read_text()))]
    assert not found, f"models/ reads fields by name (config.json is read only by paramscope.arch): {found}"


def test_the_module_activations_are_the_ones_the_reader_accepts():
    assert set(adapters_run.ACTIVATIONS) <= set(llama.ACTIVATIONS)


def test_the_module_is_built_from_the_one_description():
    e = zoo.get("smollm2-135m").config
    a = build_model(e).arch
    assert a == describe(e, "smollm2", run=True)
    assert (a.d_model, a.run.rope_theta, a.run.context, a.run.norm_eps) == \
        (e["hidden_size"], e["rope_theta"], e["max_position_embeddings"], 1e-6)


def test_minilm_biases_agree_between_the_bias_page_and_the_calculator():
    """The taxonomy's biases (the calculator's) plus the LayerNorm shifts and the pooler's bias are every tensor
    named bias (the Bias and Fine-tuning pages' 26,112), counted from the architecture alone."""
    e = zoo.get("all-minilm-l6-v2").config
    kinds = counting.count(zoo.get("all-minilm-l6-v2").config).breakdown
    d, layers = e["hidden_size"], e["num_hidden_layers"]
    norm_shifts = d * (2 * layers + 1)  # two LayerNorms a layer and the embeddings'
    assert kinds["biases"] == 20_736
    assert kinds["biases"] + norm_shifts + d == 26_112
    assert kinds["norms"] == 2 * norm_shifts and kinds["pooler"] == d * d + d
