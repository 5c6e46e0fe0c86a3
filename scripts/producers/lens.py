"""What SmolLM2-135M would say after each layer: the logit lens on the walk's prompt, the last token's residual stream
after every layer put through the final norm and the (tied) output head."""
import math
from collections import Counter

from paramscope.checkpoints import smollm2
from paramscope.data import prompts
from paramscope.figures import style
from paramscope.lessons import lens
from paramscope.lessons.tokens import token_label
from paramscope.text import printed
from paramscope.text.prose import listed
from paramscope_generator.api import expect

PROMPT = prompts.CAPITAL
QUIET = 1e-6       # "the lens gives the answer almost nothing": below one chance in a million
GAP = 1e-5         # after the last layer the lens and the model's forward agree this closely (float32 sums)
LABELLED = {False: (1, 5, 10, 15, 20, 25, 30), True: (1, 10, 20, 30)}  # layers whose top token the figure writes


def produce(out):
    lm = smollm2.load(cache=out.project.cache)
    probs, final = lens.after_each_layer(lm.model, lm.encode(PROMPT))  # (L, V), (V,)
    L = probs.shape[0]
    answer = int(final.argmax())
    p = probs[:, answer].tolist()  # p[n - 1]: the answer's probability after layer n
    tops = probs.argmax(dim=-1).tolist()
    ranks = (probs > probs[:, answer:answer + 1]).sum(dim=-1).add(1).tolist()  # 1: the answer is the top token
    expect(L == lm.model.arch.layers, "the lens read a different number of layers than the model has")
    facts(out, lm, probs, final, answer, p, tops)
    layer_table(out, lm, probs, answer, p, tops, ranks)
    lens_figure(out, lm, answer, p, tops)


def facts(out, lm, probs, final, answer: int, p: list[float], tops: list[int]) -> None:
    L = len(p)
    gap = float((probs[-1] - final).abs().max())
    out.check("last-is-model", gap < GAP and tops[-1] == answer,
              f"after the last layer the lens is the model's own next-token distribution (largest gap {gap:.1e})")
    first = tops.index(answer) + 1
    out.check("first-top", tops[first - 1] == answer and answer not in tops[:first - 1],
              f"the answer is the lens's top token first at layer {first}")
    quiet = quiet_until(p)
    out.check("quiet", quiet < L and max(p[:quiet]) < QUIET <= p[quiet],
              f"through layer {quiet} the answer's probability stays under {QUIET}, and not after")
    climb = next(n for n in range(1, L + 1) if all(a < b for a, b in zip(p[n - 1:], p[n:])))
    out.check("climbs", climb < L and all(a < b for a, b in zip(p[climb - 1:], p[climb:])),
              f"from layer {climb} to the last the answer's probability rises at every layer")
    before = Counter(lm.token(t) for t in tops[:first - 1])
    out.fact("prompt", PROMPT)
    out.fact("answer", lm.token(answer).strip())
    out.fact("layers", L)
    out.fact("gap", decimal(gap))
    out.fact("first", first)
    out.fact("before.tops", listed([f"{token_label(t)} at {n} layers" if n > 1 else f"{token_label(t)} at one layer"
                                      for t, n in before.most_common()]))
    out.fact("quiet.last", quiet)
    out.fact("quiet.below", QUIET, fmt="{:.4%}")
    out.fact("climb.from", climb)
    out.fact("climb.values", listed([printed.percent(q) for q in p[climb - 1:]]))


def quiet_until(p: list[float]) -> int:
    """The last layer through which the answer's probability has stayed under QUIET."""
    return next((n for n, q in enumerate(p) if q >= QUIET), len(p))


def probability(q: float) -> str:
    """A probability for the table: a percentage from 0.01% up, below that a power of ten (8.0 × 10⁻¹¹)."""
    if q >= 1e-4:
        return printed.percent(q)
    exponent = math.floor(math.log10(q))
    return f"{q / 10 ** exponent:.1f}\u00a0×\u00a0{printed.ten_to(exponent)}"


def decimal(x: float) -> str:
    """A small positive number written out to its first significant digit: 0.000001."""
    return f"{x:.{max(0, -math.floor(math.log10(x)))}f}" if x > 0 else "0"


def layer_table(out, lm, probs, answer: int, p: list[float], tops: list[int], ranks: list[int]) -> None:
    word = lm.token(answer).strip()
    rows = [[str(n), token_label(lm.token(t)), f"{float(probs[n - 1, t]):.0%}", probability(q),
             f"{r:,}"] for n, (t, q, r) in enumerate(zip(tops, p, ranks), start=1)]
    out.table("every-layer", ["After layer", "Top token", "Its probability", f"Probability of “{word}”",
                         f"Rank of “{word}”"], rows)


def lens_figure(out, lm, answer: int, p: list[float], tops: list[int]) -> None:
    word = lm.token(answer).strip()
    layers = range(1, len(p) + 1)
    decades = [k for k in range(0, 30, 5) if 10.0 ** -k >= min(p) / 10]  # y ticks: 1, 10⁻⁵, 10⁻¹⁰, ...

    def draw(phone: bool = False):
        """The answer's probability after each layer on a log scale; the lens's top token written above the axes
        at a few layers (fewer on a phone, where the column is narrower)."""
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=style.figsize(3.4, style.PHONE_WIDTH_IN) if phone else style.figsize(3.0))
        ax.plot(layers, p, "o-", color=style.SERIES[0], ms=3, lw=1.4)
        ax.set_yscale("log")
        ax.set_yticks([10.0 ** -k for k in decades], ["1" if k == 0 else printed.ten_to(-k) for k in decades])
        ax.minorticks_off()
        ax.set_xlim(0.5, len(p) + 0.5)
        ax.set_ylim(top=10)  # a decade of room above 1 for the last point's label
        ax.set_xticks(LABELLED[phone])
        ax.annotate(f"{p[-1]:.0%}", (len(p), p[-1]), xytext=(-4, 2), textcoords="offset points", ha="right",
                    va="bottom", fontsize=style.MIN_PT)
        top = ax.secondary_xaxis("top")
        top.set_xticks(LABELLED[phone], [token_label(lm.token(tops[n - 1])) for n in LABELLED[phone]])
        top.tick_params(labelsize=style.MIN_PT)
        top.set_xlabel("the lens's top token after that layer", fontsize=style.MIN_PT)
        ax.grid(axis="y", lw=0.5)
        return style.finish(fig, ax, x="layer", y=f"probability of “{word}”")

    out.figure("climb", draw, alt=(
        f"Line chart on a log scale: the probability the logit lens gives “{word}” after each of SmolLM2-135M's "
        f"{len(p)} layers, for the prompt “{PROMPT}”. It stays below {printed.percent(QUIET)} "
        f"through layer {quiet_until(p)}, "
        f"then climbs to {p[-1]:.0%} after the last one; above the plot, the lens's top token after layers "
        f"{', '.join(str(n) for n in LABELLED[False])}: "
        f"{', '.join(token_label(lm.token(tops[n - 1])) for n in LABELLED[False])}."))

