"""Model size, scaling and inference statements that are easy to get wrong, checked against their sources."""
import pytest

from paramscope.arch import counting, zoo
from paramscope.checkpoints import storage
from paramscope.data import compute_budget, model_cards
from paramscope.data.accelerators import GB, GIB
from paramscope.models.hf import from_hf


@pytest.mark.parametrize("name,bits", [
    # ggml's block structs: block_q4_0 = fp16 scale + 16 bytes of nibbles for 32 weights; block_q4_1 adds an fp16
    # minimum; block_q8_0 = fp16 scale + 32 int8 (llama.cpp ggml/src/ggml-common.h).
    ("Q4_0", (2 + 16) * 8 / 32), ("Q4_1", (2 + 2 + 16) * 8 / 32), ("Q8_0", (2 + 32) * 8 / 32),
])
def test_real_formats_cost_more_bits_than_their_name(name, bits):
    assert storage.layout(name).bits == bits
    assert bits > {"Q4_0": 4, "Q4_1": 4, "Q8_0": 8}[name]


def test_llama3_70b_units():
    c = counting.count(zoo.get("llama-3-70b").config)
    assert round(c.memory["bf16"] / GB, 1) == 141.1 and round(c.memory["bf16"] / GIB, 1) == 131.4
    assert round(c.memory["int4"] / GB, 1) == 35.3          # ideal 4 bits
    assert round(c.total * 5 / 8 / GB, 1) == 44.1          # Q4_1's 5 bits


def test_smollm2_layers_exclude_the_final_norm():
    c = counting.count(zoo.get("smollm2-135m").config)
    d = from_hf(zoo.get("smollm2-135m").config).d_model
    assert sum(c.by_layer) == 106_202_880
    assert c.total - c.breakdown["embeddings"] == 106_202_880 + d == 106_203_456


def test_embeddings_are_most_of_minilm_only():
    shares = {n: counting.count(e.config).breakdown.get("embeddings", 0) / counting.count(e.config).total
              for n, e in zoo.ZOO.items()}
    assert [n for n, s in shares.items() if s > 0.5] == ["all-minilm-l6-v2"]
    assert round(shares["smollm2-135m"], 3) == 0.210 and round(shares["gpt2"], 3) == 0.316


def test_gpt3_updates_per_parameter():
    run = next(r for r in compute_budget.RUNS if r.model == "gpt3-175b")
    assert compute_budget.optimizer_steps(run) == 300_000_000_000 // 3_200_000 == 93_750


def test_training_energy_from_the_card():
    llama3_8b = next(c for c in model_cards.TRAINING_COSTS if c.label == "Llama 3 8B")
    assert model_cards.energy_mwh(llama3_8b) == pytest.approx(1.3e6 * 700 / 1e6)
    # The card's totals: Llama 3 7.7M GPU hours and 2,290 t; Llama 3.1 39.3M hours and 11,390 t.
    for card, hours, tonnes in ((model_cards.LLAMA3_CARD, 7.7e6, 2290), (model_cards.LLAMA31_CARD, 39.3e6, 11390)):
        costs = [c for c in model_cards.TRAINING_COSTS if c.card == card]
        assert sum(c.gpu_hours for c in costs) == pytest.approx(hours, rel=0.001)
        assert sum(c.tco2eq for c in costs) == tonnes


@pytest.mark.parametrize("phone", [False, True])
def test_the_weights_figure_draws_dots_not_bars(phone):
    """On a log axis a bar's length from the axis' floor means nothing: the Model size figure draws each model's
    weights as dots, at the bytes each format takes (the bits per parameter by hand: 16, 8, Q4_1's 5 and 4), and no
    bars; the devices' dashed lines stay, at the bytes each device reports."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection, PathCollection

    from paramscope.data import accelerators
    from paramscope.figures import marks_clear, overlap, style

    from support import producer

    memory = producer("memory")
    counts = {name: counting.count(entry.config) for name, entry in zoo.ZOO.items()}
    draws = {}

    class Recorder:
        def figure(self, name, draw, **_):
            draws[name] = draw
    memory.weights_figure(Recorder(), counts)
    with plt.rc_context(style.rc("light")):
        fig = draws["weights-vs-accelerators"](phone=phone)
    ax = fig.axes[0]
    assert len(ax.patches) == 0 and ax.get_yscale() == "log"
    dots = {c.get_label(): c.get_offsets()[:, 1] for c in ax.collections if isinstance(c, PathCollection)}
    bits = {"bf16": 16, "fp8": 8, "Q4_1": 5, "int4 (ideal 4 bits)": 4}
    assert set(dots) == set(bits)
    for label, gib in dots.items():   # Q4_1 rounds up to whole blocks of 32: within 0.2%
        want = [counts[n].total * bits[label] / 8 / GIB for n in memory.MODELS]
        assert list(gib) == pytest.approx(want, rel=2e-3), label
    # the dashed lines: axhline on the desktop, hlines (one collection) on a phone
    levels = {round(float(line.get_ydata()[0]), 6) for line in ax.get_lines() if line.get_linestyle() == "--"}
    levels |= {round(float(seg[0][1]), 6) for c in ax.collections if isinstance(c, LineCollection)
               for seg in c.get_segments()}
    assert {round(a.bytes / GIB, 6) for a in accelerators.ACCELERATORS} <= levels
    assert overlap.problems(fig) == [] and marks_clear.texts_over_points(fig) == []
    plt.close(fig)
