"""The by-hand examples against independent arithmetic: numpy's matrix product for the 3×2 matrix, the squared
error's derivative worked out by hand for the training step, plain sums for the neuron."""
import numpy as np
import pytest

from paramscope_generator.producer.output import Output

from support import producer


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    module = producer("byhand")
    out = Output("byhand", tmp_path_factory.mktemp("byhand"))
    module.produce(out)
    return module, out.manifest()


def value(manifest, name):
    return float(str(manifest["facts"][name]["value"]).replace("\u2212", "-"))


def test_matrix_times_vector_equals_numpy(run):
    producer, manifest = run
    y = np.array(producer.MATRIX) @ np.array(producer.VECTOR)
    assert [value(manifest, f"matrix.y{i}") for i in (1, 2, 3)] == y.tolist()


def test_training_step_equals_the_derivative_by_hand(run):
    producer, manifest = run
    (x1, x2), t, p, lr = producer.MODEL_INPUT, producer.MODEL_TARGET, producer.MODEL_START, producer.STEP
    y = p["w1"] * x1 + p["w2"] * x2 + p["b"]
    assert value(manifest, "model.y") == y and value(manifest, "model.loss") == (y - t) ** 2
    d = 2 * (y - t)  # d(y - t)²/dy; dy/dw1 = x1, dy/dw2 = x2, dy/db = 1
    after = {"w1": p["w1"] - lr * d * x1, "w2": p["w2"] - lr * d * x2, "b": p["b"] - lr * d}
    for name, v in after.items():
        assert value(manifest, f"model.after.{name}") == pytest.approx(v, abs=0.005)
    y2 = after["w1"] * x1 + after["w2"] * x2 + after["b"]
    assert value(manifest, "model.loss_after") == pytest.approx((y2 - t) ** 2, abs=0.005)


def test_the_neuron_adds_its_bias(run):
    producer, manifest = run
    weighted = sum(w * x for w, x in zip(producer.NEURON_W, producer.NEURON_X))
    assert value(manifest, "neuron.weighted") == weighted
    assert value(manifest, "neuron.y") == weighted + producer.NEURON_B
    assert value(manifest, "neuron.at_zero") == producer.NEURON_B


def test_the_loss_line_never_writes_a_non_zero_after_a_difference_that_prints_as_zero(tmp_path):
    """A step can leave y 3.0000000017 from a target of 3: y prints as 3, so the line reads (3 − 3)², and the loss
    after it must read ≈ 0, not 3.1e-18 (a reader saw that). A miss that still shows keeps its digits."""
    import json

    from support import node

    cases = [[(3.0000000017 - 3) ** 2, 3.0000000017, 3], [0.0036, 3.06, 3], [0.25, 3.5, 3], [0, 3, 3]]
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(cases), encoding="utf-8")
    assert json.loads(node("losstext.mjs", str(path))) == ["\u2248 0", "0.0036", "0.25", "0"]
