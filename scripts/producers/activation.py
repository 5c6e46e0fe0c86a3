"""One neuron on tiny numbers: two inputs, two weights, one bias, then an activation function."""
import torch
import torch.nn.functional as F

from paramscope.figures import style
from paramscope.models.count import parameters_in
from paramscope_generator.api import expect

WEIGHTS = (2.0, -1.0)      # one weight per input
BIAS = 0.5
SUMS = (-3.0, 3.0)         # the weighted sums the figure spans
INPUTS = {"first": (1.0, 0.5), "second": (0.5, 2.5)}  # two inputs: one the neuron passes, one it silences
PT = 11                    # every text of the figure: 4.3 in wide, a phone's 343 px column shows it at 12 px


def produce(out):
    neuron = torch.nn.Linear(2, 1, dtype=torch.float64)  # the layer of one neuron: 2 weights, 1 bias
    with torch.no_grad():
        neuron.weight.copy_(torch.tensor([WEIGHTS]))
        neuron.bias.fill_(BIAS)
    out.fact("w1", WEIGHTS[0], fmt="{:g}")
    out.fact("w2", WEIGHTS[1], fmt="{:g}")
    out.fact("b", BIAS, fmt="{:g}")
    out.fact("params", parameters_in(neuron))
    sums = {}
    for name, x in INPUTS.items():
        z = neuron(torch.tensor(x, dtype=torch.float64)).item()  # weighted sum plus bias
        by_hand = x[0] * WEIGHTS[0] + x[1] * WEIGHTS[1] + BIAS
        expect(abs(z - by_hand) < 1e-12, f"nn.Linear gave {z}, the hand sum {by_hand}")
        sums[name] = z
        out.fact(f"{name}.x1", x[0], fmt="{:g}")
        out.fact(f"{name}.x2", x[1], fmt="{:g}")
        out.fact(f"{name}.sum", z, fmt="{:g}")
        out.fact(f"{name}.relu", F.relu(torch.tensor(z)).item(), fmt="{:g}")
        out.fact(f"{name}.gelu", F.gelu(torch.tensor(z)).item(), fmt="{:.2f}")
    out.check("first-passes", sums["first"] > 0, "the first input's sum is positive: ReLU passes it")
    out.check("second-silenced", sums["second"] < 0, "the second input's sum is negative: ReLU gives zero")
    curves_figure(out, sums)


def curves_figure(out, sums) -> None:
    """ReLU and GELU over a range of sums, with the neuron's two sums marked on them."""
    z = torch.linspace(*SUMS, 241)

    def draw():
        import matplotlib.pyplot as plt
        ink = plt.rcParams["text.color"]
        fig, ax = plt.subplots(figsize=style.figsize(4.0, 4.3))
        ax.axhline(0, color=ink, lw=0.5)
        ax.plot(z, F.relu(z), color=style.SERIES[0], lw=2, label="ReLU: max(0, sum)")
        ax.plot(z, F.gelu(z), color=style.SERIES[1], lw=2, ls="--", label="GELU: a smooth ReLU")
        for name, s in sums.items():
            relu = max(0.0, s)
            ax.plot([s], [relu], "o", color=style.SERIES[0], mec=ink, ms=8)
            ax.annotate(f"{name} input\nsum {s:g} → ReLU {relu:g}", (s, relu), xytext=(-8, 30) if s > 0 else (-70, 35),
                        textcoords="offset points", ha="right" if s > 0 else "left", fontsize=PT, color=ink,
                        arrowprops={"arrowstyle": "-", "color": ink, "lw": 0.6})
        ax.set_xlabel("weighted sum plus bias", fontsize=PT)
        ax.set_ylabel("the neuron's output", fontsize=PT)
        ax.set_ylim(-0.6, 3.4)
        ax.tick_params(labelsize=PT)
        return style.finish(fig, ax, legend=dict(loc="upper center", bbox_to_anchor=(0.45, -0.25), fontsize=PT))

    out.figure("curves", draw, alt=(
        f"Two activation functions over the weighted sum from {SUMS[0]:g} to {SUMS[1]:g}: ReLU is zero for negative "
        f"sums and the sum itself for positive ones; GELU follows it smoothly, dipping slightly below zero. The "
        f"neuron's two inputs are marked: the first's sum {sums['first']:g} is passed on, the second's "
        f"{sums['second']:g} becomes zero."))
