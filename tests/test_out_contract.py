"""The producer contract `out` (paramscope_generator.api.Out): the build's `Output` and the notebook's `Show` offer
every method of it with the same signature, and every `out.<name>` a producer calls is part of it."""
import ast
import inspect
import typing

import pytest

from paramscope_generator import paths
from paramscope_generator.api import Out, Show
from paramscope_generator.producer.output import Output

METHODS = sorted(name for name, value in vars(Out).items() if inspect.isfunction(value) and not name.startswith("_"))
PRODUCERS = sorted((paths.find().root / "scripts" / "producers").glob("*.py"))


def test_the_contract_names_what_a_producer_writes_through():
    assert {"fact", "table", "figure", "data", "file", "check", "input"} <= set(METHODS)
    assert "project" in typing.get_type_hints(Out)


@pytest.mark.parametrize("implementation", [Output, Show])
@pytest.mark.parametrize("method", METHODS)
def test_both_implementations_have_every_method_with_its_signature(implementation, method):
    assert inspect.signature(getattr(implementation, method)) == inspect.signature(getattr(Out, method))


def test_both_implementations_have_the_project(tmp_path):
    assert "project" in vars(Output("p", tmp_path, None))
    assert isinstance(vars(Show).get("project"), property)


def test_producers_call_only_the_contract():
    allowed = set(METHODS) | set(typing.get_type_hints(Out))
    used = set()
    for path in PRODUCERS:
        for function in ast.walk(ast.parse(path.read_text())):   # functions given `out` (a list may be named so)
            if not isinstance(function, ast.FunctionDef) or "out" not in [a.arg for a in function.args.args]:
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "out":
                    used.add((path.name, node.lineno, node.attr))
    assert used, "no producer uses out: the walk is broken"
    assert [u for u in used if u[2] not in allowed] == []


def test_show_file_checks_what_the_build_would(tmp_path):
    source = tmp_path / "model.onnx"
    source.write_bytes(b"x")
    Show("live").file("model.onnx", source)
    with pytest.raises(ValueError):
        Show("live").file("Model.ONNX", source)
    with pytest.raises(FileNotFoundError):
        Show("live").file("other.onnx", tmp_path / "other.onnx")
