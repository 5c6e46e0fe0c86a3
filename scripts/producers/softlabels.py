"""Distillation's soft labels: SmolLM2's next-token distribution for one prompt, a student's loss against it worked
out on four words, and the distribution softened at several temperatures."""
import math

from paramscope.checkpoints import smollm2
from paramscope.figures import style
from paramscope.lessons import distill
from paramscope.text import printed
from paramscope.text.printed import NO_BREAK_SPACE as NBSP, number as num

PROMPT = "The sun rises in the"
TEMPERATURES = (1, 2, 4)
TOP = 4          # the teacher's most likely tokens, drawn with their probabilities rescaled to sum to one
# Two students' guesses for those four tokens, set by hand for the worked example: A is sure of the first token and
# spreads the rest evenly; B ranks all four as the teacher does, less sure of the first.
STUDENTS = {"A": (0.85, 0.05, 0.05, 0.05), "B": (0.55, 0.2, 0.15, 0.1)}
WIDTH_IN = 4.2
FONT = 10


def produce(out):
    lm = smollm2.load(cache=out.project.cache)
    logits = lm.next_token_logits(PROMPT)
    soft = {t: distill.soft_labels(logits, t) for t in TEMPERATURES}  # T -> (V,) probabilities
    top = soft[1].topk(TOP).indices.tolist()
    words = [lm.token(i) for i in top]
    rest = {t: 1 - soft[t][top].sum().item() for t in TEMPERATURES}
    # The figure and the main text show the top tokens' probabilities rescaled to sum to one: over the whole
    # vocabulary, at T = 4 each of them holds about a thousandth and the tail everything (Going further says so).
    share = {t: (soft[t][top] / soft[t][top].sum()).tolist() for t in TEMPERATURES}
    out.check("softer-when-hotter", all(share[a][0] > share[b][0] and rest[a] < rest[b]
                                        for a, b in zip(TEMPERATURES, TEMPERATURES[1:])),
              "a higher temperature lowers the top token's share and raises the rest")
    out.fact("prompt", PROMPT)
    out.fact("top_n", TOP)
    out.fact("first", words[0].strip())
    out.fact("second", words[1].strip())
    out.fact("t1.second", share[1][1], fmt="{:.0%}")
    out.fact("t4.second", share[TEMPERATURES[-1]][1], fmt="{:.0%}")
    out.fact("t4.last", share[TEMPERATURES[-1]][-1], fmt="{:.0%}")
    out.fact("last", words[-1].strip())
    for t in TEMPERATURES:
        out.fact(f"t{t}.first", share[t][0], fmt="{:.0%}")
        out.fact(f"t{t}.rest", rest[t], fmt="{:.1%}")
        out.fact(f"t{t}.whole.first", soft[t][top[0]].item(), fmt="{:.1%}")
    out.fact("vocab", logits.numel())
    out.fact("temperatures", ", ".join(map(str, TEMPERATURES[:-1])) + f" and {TEMPERATURES[-1]}")
    out.fact("t_high", TEMPERATURES[-1])
    worked(out, words, share[1])
    bars_figure(out, words, share)


def two_decimals(shares: list[float]) -> list[float]:
    """Shares rounded to hundredths that still sum to one (largest remainders), so a reader's sums come out exact."""
    return [c / 100 for c in printed.largest_remainder([s * 100 for s in shares], 100)]


def soft_loss(teacher: list[float], student: list[float]) -> float:
    """Cross-entropy of a student's guess against the teacher's: −Σ teacher × ln student."""
    return -sum(p * math.log(q) for p, q in zip(teacher, student))


def worked(out, words: list[str], share: list[float]) -> None:
    """The first screen's example: the teacher's four shares (rounded), two students, both losses of each."""
    teacher = two_decimals(share)
    out.table("worked", ["next word", "teacher", "student A", "student B"],
              [[f"“{w.strip()}”", f"{p:.2f}", *(f"{q[k]:.2f}" for q in STUDENTS.values())]
               for k, (w, p) in enumerate(zip(words, teacher))])
    hard, soft = {}, {}
    for name, student in STUDENTS.items():
        hard[name], soft[name] = -math.log(student[0]), soft_loss(teacher, student)
        out.fact(f"worked.{name.lower()}.first", num(student[0]))
        out.fact(f"worked.{name.lower()}.hard", hard[name], fmt="{:.2f}")
        out.fact(f"worked.{name.lower()}.soft", soft[name], fmt="{:.2f}")
        out.fact(f"worked.{name.lower()}.sum", " + ".join(
            f"{num(p)}{NBSP}×{NBSP}{-math.log(q):.2f}" for p, q in zip(teacher, student)))
    best = soft_loss(teacher, teacher)
    out.fact("worked.copy", best, fmt="{:.2f}")
    out.check("hard-prefers-a", hard["A"] < hard["B"], "the hard label scores student A better (lower loss) than B")
    out.check("soft-prefers-b", soft["B"] < soft["A"], "the soft label scores student B better (lower loss) than A")
    out.check("copy-is-best", best < min(soft.values()),
              "a student that copies the teacher gets a lower soft loss than either student")


def bars_figure(out, words: list[str], share: dict) -> None:
    labels = [f"“{w.strip()}”" for w in words]

    def draw():
        import matplotlib.pyplot as plt
        from matplotlib.ticker import PercentFormatter
        fig, ax = plt.subplots(figsize=style.figsize(0.42 * len(labels) + 1.0, WIDTH_IN))
        h = 0.8 / len(TEMPERATURES)
        for k, (t, values) in enumerate(share.items()):
            ax.barh([y - 0.4 + h * (k + 0.5) for y in range(len(labels))], values, height=h,
                    color=style.SERIES[k], label=f"T = {t}")
        ax.set_yticks(range(len(labels)), labels, fontsize=FONT)
        ax.invert_yaxis()
        ax.set_xlim(0, max(max(v) for v in share.values()) * 1.08)
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_xlabel(f"share among these {len(labels)} tokens", fontsize=FONT)
        ax.tick_params(labelsize=FONT)
        ax.legend(fontsize=FONT, loc="lower left", ncols=len(TEMPERATURES), bbox_to_anchor=(0, 1.0))
        fig.tight_layout()
        return fig

    out.figure("soft", draw, alt=(
        f"Grouped bars: SmolLM2's {len(labels)} likeliest next tokens after “{PROMPT}”, their probabilities rescaled "
        f"to sum to one, at temperatures {', '.join(map(str, TEMPERATURES))}: " + "; ".join(
            f"T = {t}: " + ", ".join(f"{w} {v:.0%}" for w, v in zip(labels, share[t])) for t in TEMPERATURES)
        + ". The higher the temperature, the more alike the bars."))
