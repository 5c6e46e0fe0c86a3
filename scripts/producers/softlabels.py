"""Distillation's soft labels: SmolLM2's next-token distribution for one prompt, softened at several temperatures."""
from paramscope.checkpoints import smollm2
from paramscope.figures import style
from paramscope.lessons import distill

PROMPT = "The sun rises in the"
TEMPERATURES = (1, 2, 4)
TOP = 6          # the teacher's most likely tokens, drawn one by one; the rest are summed
WIDTH_IN = 4.2
FONT = 10


def produce(out):
    lm = smollm2.load(cache=out.project.cache)
    logits = lm.next_token_logits(PROMPT)
    soft = {t: distill.soft_labels(logits, t) for t in TEMPERATURES}  # T -> (V,) probabilities
    top = soft[1].topk(TOP).indices.tolist()
    words = [lm.token(i) for i in top]
    rest = {t: 1 - soft[t][top].sum().item() for t in TEMPERATURES}
    first = {t: soft[t][top[0]].item() for t in TEMPERATURES}
    out.check("softer-when-hotter", all(first[a] > first[b] and rest[a] < rest[b]
                                        for a, b in zip(TEMPERATURES, TEMPERATURES[1:])),
              "a higher temperature lowers the top token and raises the rest")
    out.fact("prompt", PROMPT)
    out.fact("top_n", TOP)
    out.fact("first", words[0].strip())
    out.fact("second", words[1].strip())
    out.fact("t1.second", soft[1][top[1]].item(), fmt="{:.0%}")
    out.fact("t4.second", soft[TEMPERATURES[-1]][top[1]].item(), fmt="{:.1%}")
    for t in TEMPERATURES:
        out.fact(f"t{t}.first", first[t], fmt="{:.1%}")
        out.fact(f"t{t}.rest", rest[t], fmt="{:.0%}")
    out.fact("vocab", logits.numel())
    out.fact("temperatures", ", ".join(map(str, TEMPERATURES[:-1])) + f" and {TEMPERATURES[-1]}")
    out.fact("t_high", TEMPERATURES[-1])
    bars_figure(out, words, top, soft, rest)


def bars_figure(out, words: list[str], top: list[int], soft: dict, rest: dict) -> None:
    labels = [f"“{w}”" for w in words] + ["all others"]
    rows = {t: [soft[t][i].item() for i in top] + [rest[t]] for t in TEMPERATURES}

    def draw():
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=style.figsize(0.42 * len(labels) + 1.0, WIDTH_IN))
        h = 0.8 / len(TEMPERATURES)
        for k, (t, values) in enumerate(rows.items()):
            ax.barh([y - 0.4 + h * (k + 0.5) for y in range(len(labels))], values, height=h,
                    color=style.SERIES[k], label=f"T = {t}")
        ax.set_yticks(range(len(labels)), labels, fontsize=FONT)
        ax.invert_yaxis()
        ax.set_xscale("log")
        ax.set_xlim(1e-4, 1)
        ax.set_xlabel("teacher's probability (log scale)", fontsize=FONT)
        ax.tick_params(labelsize=FONT)
        ax.legend(fontsize=FONT, loc="lower left", ncols=len(TEMPERATURES), bbox_to_anchor=(0, 1.0))
        fig.tight_layout()
        return fig

    out.figure("soft", draw, alt=(
        f"Grouped bars: SmolLM2's probabilities for the next token after “{PROMPT}” at temperatures "
        f"{', '.join(map(str, TEMPERATURES))}: " + "; ".join(
            f"T = {t}: " + ", ".join(f"{w} {v:.1%}" for w, v in zip(labels, rows[t])) for t in TEMPERATURES)
        + ". Log scale. The higher the temperature, the more alike the bars and the more probability on all the "
          "others."))
