"""Examples small enough to check by hand: a model of three parameters, a 3×2 weight matrix times a vector, and
one neuron's weighted sum with and without its bias. Every result is computed by torch; the pages show the numbers."""
import torch
from torch import nn

from paramscope.figures import style
from paramscope.text.printed import number as num  # 0.5, 3, −1: a small number as the pages print it
from paramscope_generator.api import expect

# The three-parameter model y = w1·x1 + w2·x2 + b: the fixed input, the output it should give, and where the
# parameters start (chosen off the target, so the reader has something to fix). The widget's sliders span RANGE.
MODEL_INPUT = (2.0, 1.0)
MODEL_TARGET = 3.0
MODEL_START = {"w1": 0.5, "w2": -1.0, "b": 0.5}
RANGE = {"min": -3.0, "max": 3.0, "step": 0.1}
STEP = 0.05  # how far one training step moves along the slope: small enough that the loss falls

# The weight page's matrix: three outputs from two inputs, stored as PyTorch stores a layer's weight (out, in).
MATRIX = [[1.0, -2.0], [3.0, 0.0], [2.0, 1.0]]
VECTOR = [2.0, 3.0]

# The bias page's neuron: two inputs, two weights, one bias.
NEURON_W = [2.0, -1.0]
NEURON_X = [1.0, 3.0]
NEURON_B = 2.0
LINE_W = 0.5                  # the one-input neuron of the figure: y = w·x + b for each of these biases
LINE_BIASES = (-1.0, 0.0, 2.0)


def produce(out):
    model(out)
    matrix(out)
    matrix_figure(out)
    neuron(out)
    neuron_figure(out)


def linear(weights: list[list[float]], bias: list[float] | None) -> nn.Linear:
    """A torch linear layer holding exactly these numbers (weight stored (out, in), as in every model here)."""
    layer = nn.Linear(len(weights[0]), len(weights), bias=bias is not None)
    with torch.no_grad():
        layer.weight.copy_(torch.tensor(weights))
        if bias is not None:
            layer.bias.copy_(torch.tensor(bias))
    return layer


def model(out) -> None:
    """The three-parameter model: its output and loss at the start, and one training step computed by autograd."""
    layer = linear([[MODEL_START["w1"], MODEL_START["w2"]]], [MODEL_START["b"]]).double()
    x, target = torch.tensor([MODEL_INPUT], dtype=torch.float64), torch.tensor([[MODEL_TARGET]], dtype=torch.float64)
    y = layer(x)
    loss = ((y - target) ** 2).sum()  # squared error: how far the output is from the target, squared
    loss.backward()
    y_value, loss_value = float(y.detach()), float(loss.detach())
    by_hand = MODEL_START["w1"] * MODEL_INPUT[0] + MODEL_START["w2"] * MODEL_INPUT[1] + MODEL_START["b"]
    out.check("model-output", abs(y_value - by_hand) < 1e-12, "torch's linear layer gives w1·x1 + w2·x2 + b")
    with torch.no_grad():
        layer.weight -= STEP * layer.weight.grad
        layer.bias -= STEP * layer.bias.grad
        after = {"w1": float(layer.weight[0, 0]), "w2": float(layer.weight[0, 1]), "b": float(layer.bias[0])}
        loss_after = float(((layer(x) - target) ** 2).sum())
    out.check("step-lowers-loss", loss_after < loss_value, "one training step lowers the loss")
    for i, v in enumerate(MODEL_INPUT, 1):
        out.fact(f"model.x{i}", num(v))
    for name, v in MODEL_START.items():
        out.fact(f"model.{name}", num(v))
        out.fact(f"model.after.{name}", f"{after[name]:.2f}".replace("-", "−"))
    out.fact("model.target", num(MODEL_TARGET))
    out.fact("model.y", num(y_value))
    out.fact("model.loss", num(loss_value))
    out.fact("model.loss_after", f"{loss_after:.2f}")
    out.fact("model.step", num(STEP))
    out.fact("model.products", f"{num(MODEL_START['w1'] * MODEL_INPUT[0])} + "
                               f"({num(MODEL_START['w2'] * MODEL_INPUT[1])}) + {num(MODEL_START['b'])}")
    out.data("model", {"x": list(MODEL_INPUT), "target": MODEL_TARGET, "start": MODEL_START, "range": RANGE,
                       "step": STEP, "loss": loss_value, "y": y_value})


def matrix(out) -> None:
    """W · x for the 3×2 matrix, by torch.matmul; each output also as the dot product of its row with x."""
    w, x = torch.tensor(MATRIX), torch.tensor(VECTOR)
    y = torch.matmul(w, x)  # (3, 2) @ (2,) -> (3,)
    rows = [sum(a * b for a, b in zip(row, VECTOR)) for row in MATRIX]
    out.check("matmul-rows", [float(v) for v in y] == rows,
              "each output is one row of the matrix times the input, entry by entry, added up")
    out.fact("matrix.rows", w.shape[0])
    out.fact("matrix.columns", w.shape[1])
    out.fact("matrix.numbers", w.numel())
    for i, row in enumerate(MATRIX, 1):
        out.fact(f"matrix.row{i}", ", ".join(num(v) for v in row))
        out.fact(f"matrix.dot{i}", " + ".join(f"{num(a)} × {num(b)}" if a >= 0 else f"({num(a)}) × {num(b)}"
                                              for a, b in zip(row, VECTOR)) + f" = {num(float(y[i - 1]))}")
        out.fact(f"matrix.y{i}", num(float(y[i - 1])))
    out.fact("matrix.x", ", ".join(num(v) for v in VECTOR))
    out.fact("matrix.y", ", ".join(num(float(v)) for v in y))
    zero = [(i, j) for i, row in enumerate(MATRIX, 1) for j, v in enumerate(row, 1) if v == 0]
    expect(len(zero) == 1, "the weight page talks about the one zero weight of the matrix")
    out.fact("matrix.zero_row", zero[0][0])
    out.fact("matrix.zero_column", zero[0][1])


def matrix_figure(out) -> None:
    """The matrix, the input and the output as boxes of numbers, each output beside its row's dot product."""
    w, x = torch.tensor(MATRIX), torch.tensor(VECTOR)
    y = torch.matmul(w, x)

    def draw():
        import matplotlib.pyplot as plt
        from matplotlib.patches import Rectangle
        ink = plt.rcParams["text.color"]
        fig, ax = plt.subplots(figsize=style.figsize(3.3, 3.4))
        ax.set_xlim(-0.1, 6.1)
        ax.set_ylim(-3.6, 3.45)
        ax.set_aspect("equal")
        ax.axis("off")

        def cell(cx, cy, value, color=None):
            ax.add_patch(Rectangle((cx, cy), 1, 1, facecolor=color or "none", alpha=0.3 if color else 1,
                                   edgecolor="none"))
            ax.add_patch(Rectangle((cx, cy), 1, 1, facecolor="none", edgecolor=ink, lw=0.8))
            ax.text(cx + 0.5, cy + 0.5, num(value), ha="center", va="center", fontsize=style.TITLE_PT)

        for i, row in enumerate(MATRIX):                      # W: rows top to bottom at heights 2, 1, 0
            for j, v in enumerate(row):
                cell(j, 2 - i, v, style.SERIES[i])
            cell(5, 2 - i, float(y[i]), style.SERIES[i])
        for j, v in enumerate(VECTOR):                        # x: a column of two, centred on W's rows
            cell(3, 1.5 - j, v)
        ax.text(2.5, 1.5, "×", ha="center", va="center", fontsize=style.TITLE_PT)
        ax.text(4.5, 1.5, "=", ha="center", va="center", fontsize=style.TITLE_PT)
        for cx, label in ((1, "W (3 × 2)"), (3.5, "x"), (5.5, "y")):
            ax.text(cx, 3.15, label, ha="center", va="center", fontsize=style.TEXT_PT)
        for i, row in enumerate(MATRIX):
            terms = " + ".join(f"{num(a)}×{num(b)}" if a >= 0 else f"({num(a)})×{num(b)}" for a, b in zip(row, VECTOR))
            ax.text(0, -0.75 - 0.95 * i, f"row {i + 1}: {terms} = {num(float(y[i]))}", ha="left", va="center",
                    fontsize=style.TEXT_PT, bbox={"facecolor": style.SERIES[i], "alpha": 0.3, "edgecolor": "none"})
        fig.subplots_adjust(left=0.01, right=0.99, top=0.99, bottom=0.01)
        return fig

    out.figure("matrix", draw, alt=(
        f"A {len(MATRIX)} × {len(VECTOR)} weight matrix W with rows "
        f"{'; '.join(', '.join(num(v) for v in row) for row in MATRIX)}, times the input vector x = "
        f"({', '.join(num(v) for v in VECTOR)}), equals the output y = "
        f"({', '.join(num(float(v)) for v in y)}). Each row of W and its output share a colour, and below each row "
        f"is written out: its two weights times the two inputs, added up."))


def neuron(out) -> None:
    """One neuron of two inputs: the weighted sum w·x, then plus its bias; with every input zero only b is left."""
    layer = linear([NEURON_W], [NEURON_B])
    x = torch.tensor([NEURON_X])
    with torch.no_grad():
        total = float(layer(x))
        weighted = float(x @ layer.weight.T)
        at_zero = float(layer(torch.zeros_like(x)))
    out.check("bias-shifts", total == weighted + NEURON_B, "the bias adds the same number whatever the inputs")
    out.check("zero-input-gives-bias", at_zero == NEURON_B, "with every input zero the output is the bias")
    for i, (w, x_) in enumerate(zip(NEURON_W, NEURON_X), 1):
        out.fact(f"neuron.w{i}", num(w))
        out.fact(f"neuron.x{i}", num(x_))
    out.fact("neuron.b", num(NEURON_B))
    out.fact("neuron.products", " + ".join(f"{num(w)} × {num(x_)}" if w >= 0 else f"({num(w)}) × {num(x_)}"
                                           for w, x_ in zip(NEURON_W, NEURON_X)))
    out.fact("neuron.weighted", num(weighted))
    out.fact("neuron.y", num(total))
    out.fact("neuron.at_zero", num(at_zero))


def neuron_figure(out) -> None:
    """y = w·x + b for one input and a few biases: the same slope, lifted or lowered by b."""
    xs = torch.linspace(-3, 3, 61)
    lines = {b: linear([[LINE_W]], [b]) for b in LINE_BIASES}
    with torch.no_grad():
        ys = {b: layer(xs[:, None])[:, 0] for b, layer in lines.items()}  # (61,) each

    def draw():
        import matplotlib.pyplot as plt
        ink = plt.rcParams["text.color"]
        fig, ax = plt.subplots(figsize=style.figsize(2.9, 3.4))
        ax.axhline(0, color=ink, lw=0.6)
        ax.axvline(0, color=ink, lw=0.6)
        for i, b in enumerate(LINE_BIASES):
            ax.plot(xs.numpy(), ys[b].numpy(), color=style.SERIES[i], lw=2, label=f"b = {num(b)}")
            ax.plot([0], [b], "o", color=style.SERIES[i], ms=5)
        ax.set_xlabel("input x")
        ax.set_ylabel(f"output y = {num(LINE_W)}·x + b")
        ax.set_xticks([-3, 0, 3])
        ax.legend(loc="upper left")
        fig.tight_layout()
        return fig

    out.fact("line.w", num(LINE_W))
    out.fact("line.biases", ", ".join(num(b) for b in LINE_BIASES))
    out.figure("neuron-lines", draw, alt=(
        f"Three parallel lines of a one-input neuron's output y = {num(LINE_W)}·x + b against its input x, for the "
        f"biases {', '.join(num(b) for b in LINE_BIASES)}: the same slope, each lifted or lowered by its bias; at "
        f"x = 0 each line crosses the vertical axis at its bias (a dot)."))
