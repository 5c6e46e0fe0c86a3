"""Hyperparameters on the build's own tiny training: the same model and text at three learning rates."""
from dataclasses import replace

from paramscope.data import corpus
from paramscope.figures import style
from paramscope.lessons import training
from paramscope.text import printed

MODEL = training.TinyLM()   # the Training page's model, width and depth unchanged
# Short runs: the three learning rates part ways within a few dozen steps. Warm-up shortened to match.
BASE = training.TrainConfig(steps=80, batch_size=8, context=32, warmup=10, eval_every=10**9)
# Picked from a sweep of this very run over 10⁻⁴ … 3 (each decade and its triple): the good one, the Training page's
# own, ends lowest of all; the too-small one a decade and a half below still crawls; the too-large one diverges and
# ends above where it started. facts() checks those orderings at every build, so the labels cannot lie.
RATES = {"too small": 1e-4, "good": BASE.lr, "too large": 3.0}
LABELS = {"too small": "too small", "good": "about right", "too large": "too large"}
TAIL = 10                   # a run's final loss: the mean of its last TAIL batches (one batch is noisy)


def written(rate: float) -> str:
    """0.0003 -> '3×10⁻⁴', 1.0 -> '1': the same in the prose and in the figure."""
    mantissa, exponent = f"{rate:.0e}".split("e")
    return mantissa if int(exponent) == 0 else f"{mantissa}×{printed.ten_to(int(exponent))}"


def produce(out):
    text = corpus.load()
    ids = text.encode(text.train)

    sample = training.random_batches(ids, BASE)

    runs = {}
    for said, lr in RATES.items():
        model = MODEL.build(text.vocab_size, BASE.context, seed=0)   # the same start for every run
        runs[said] = training.train(model, replace(BASE, lr=lr), sample, training.next_token_loss)
    final = {said: sum(h.loss[-TAIL:]) / TAIL for said, h in runs.items()}
    facts(out, runs, final)
    curves_figure(out, runs)


def facts(out, runs, final) -> None:
    """The settings, each run's final loss, and the checks the page's sentences rely on."""
    out.fact("steps", BASE.steps)
    out.fact("batch_size", BASE.batch_size)
    out.fact("context", BASE.context)
    out.fact("start_loss", runs["good"].loss[0], fmt="{:.2f}")
    for said, key in (("too small", "small"), ("good", "good"), ("too large", "large")):
        out.fact(f"lr.{key}", written(RATES[said]))
        out.fact(f"final.{key}", final[said], fmt="{:.2f}")
    peak = max(runs["too large"].loss)
    out.fact("large.peak", peak, fmt="{:.0f}")
    out.check("small-slow", final["too small"] > final["good"] + 0.3,
              "the smallest learning rate ends far above the good one")
    out.check("large-jumps", peak > 2 * runs["too large"].loss[0],
              "the largest learning rate throws the loss far above where it started")
    out.check("good-lowest", final["good"] < min(final["too small"], final["too large"]),
              "the middle learning rate ends lowest")
    start = runs["good"].loss[0]
    progress = (start - final["too small"]) / (start - final["good"])  # the small run's drop, of the good run's
    out.fact("small.progress", progress, fmt="{:.0%}")
    out.check("small-crawls", 0 < progress < 0.5,
              "the smallest learning rate lowers the loss by less than half as much as the good one")
    out.check("large-ends-worst", final["too large"] > max(final["too small"], start),
              "the largest learning rate ends worse than the smallest, and above where it started")
    out.fact("model.width", MODEL.hidden_size)
    out.fact("model.layers", MODEL.num_hidden_layers)


def curves_figure(out, runs) -> None:
    """Three loss curves; drawn 4.6 in wide with 12 pt text, so that a phone's 343 px column still shows 11 px."""
    PT = 12
    colours = {"too small": style.SERIES[0], "good": style.SERIES[2], "too large": style.SERIES[1]}

    def draw():
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=style.figsize(4.6, 4.6))
        for said, history in runs.items():
            ax.plot(history.steps, history.loss, color=colours[said], lw=1.6,
                    label=f"{written(RATES[said])} ({LABELS[said]})")
        ax.set_yscale("log")
        top = max(max(h.loss) for h in runs.values())
        ticks = [t for t in (3, 5, 10, 30, 100, 300, 1000, 3000) if t < 3 * top]
        ax.set_yticks(ticks, [str(t) for t in ticks])
        ax.minorticks_off()
        ax.set_xlabel("step", fontsize=PT)
        ax.set_ylabel("loss (log scale)", fontsize=PT)
        ax.tick_params(labelsize=PT, which="both")
        ax.legend(title="learning rate", fontsize=PT, title_fontsize=PT, loc="upper center",
                  bbox_to_anchor=(0.5, -0.22))
        return style.finish(fig)

    out.figure("learning-rates", draw, alt=(
        f"Line chart, loss on a log scale against {BASE.steps} training steps, for three learning rates of the same "
        f"tiny model. At {written(RATES['too small'])} the loss creeps down slowly; at {written(RATES['good'])} it "
        f"falls fastest and ends lowest; at {written(RATES['too large'])} it leaps to "
        f"{max(runs['too large'].loss):.0f}, far above where it started, and its last ten batches average "
        f"{sum(runs['too large'].loss[-TAIL:]) / TAIL:.1f}, still above its start and the worst of the three."))
