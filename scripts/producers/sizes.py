"""Tiny language models of five sizes trained on the same text for the same steps: held-out loss against size."""
import math

from paramscope.data import corpus
from paramscope.figures import style
from paramscope.lessons import training
from paramscope.models.count import parameters_in

# (width, attention heads): two layers each, the MLP about 8/3 of the width as in Llama
SIZES = ((8, 2), (16, 2), (24, 2), (32, 4), (64, 4))
CONFIG = training.TrainConfig(steps=150, batch_size=16, context=32, eval_every=150)
WIDTH_IN = 4.2   # narrow enough that 10 pt text stays at least 11 CSS px on a 375 px phone
FONT = 10


def tiny(width: int, heads: int) -> training.TinyLM:
    return training.TinyLM(hidden_size=width, intermediate_size=8 * math.ceil(width * 8 / 3 / 8),
                           num_hidden_layers=2, num_attention_heads=heads)


def produce(out):
    text = corpus.load()
    train_ids, held_ids = text.encode(text.train), text.encode(text.held_out)
    runs = []
    for width, heads in SIZES:
        model = tiny(width, heads).build(text.vocab_size, CONFIG.context, seed=0)
        history = training.train(model, CONFIG, training.random_batches(train_ids, CONFIG), training.next_token_loss,
                                 lambda: training.held_out_loss(model, held_ids, CONFIG.context, CONFIG.eval_batches,
                                                                CONFIG.batch_size))
        runs.append((width, parameters_in(model), history.eval_loss[-1], history.tokens))
    facts(out, runs)
    curve_figure(out, runs)


def facts(out, runs: list[tuple]) -> None:
    losses = [r[2] for r in runs]
    out.check("bigger-lower", all(a > b for a, b in zip(losses, losses[1:])),
              f"each bigger model ends at a lower held-out loss: {losses}")
    out.fact("count", len(runs))
    out.fact("steps", CONFIG.steps)
    out.fact("tokens", runs[0][3])
    out.fact("held_out", corpus.title(corpus.HELD_OUT))
    for key, (width, n, loss, _) in (("smallest", runs[0]), ("largest", runs[-1])):
        out.fact(f"{key}.params", n)
        out.fact(f"{key}.width", width)
        out.fact(f"{key}.loss", loss, fmt="{:.2f}")
    out.fact("ratio", runs[-1][1] / runs[0][1], fmt="{:.0f}")
    out.table("runs", ["Width", "Parameters", "Held-out loss"], [[w, n, f"{loss:.3f}"] for w, n, loss, _ in runs])


def curve_figure(out, runs: list[tuple]) -> None:
    def draw():
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=style.figsize(3.0, WIDTH_IN))
        ax.plot([r[1] for r in runs], [r[2] for r in runs], "o-", color=style.SERIES[0], lw=1.5)
        for width, n, loss, _ in runs:
            ax.annotate(f"width {width}", (n, loss), textcoords="offset points", xytext=(4, 5), fontsize=FONT)
        ax.set_xscale("log")
        ax.set_xlabel("parameters (log scale)", fontsize=FONT)
        ax.set_ylabel("held-out loss per character (nats)", fontsize=FONT)
        ax.tick_params(labelsize=FONT)
        ax.margins(x=0.25, y=0.15)
        fig.tight_layout()
        return fig

    out.figure("curve", draw, alt=(
        f"Held-out loss per character, in nats, against parameters, log scale, for {len(runs)} tiny models "
        f"trained alike: "
        + ", ".join(f"{n:,} parameters, {loss:.2f}" for _, n, loss, _ in runs)
        + ". Each bigger model ends lower."))
