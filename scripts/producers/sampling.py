"""Temperature, top-k, top-p and min-p on SmolLM2's real next-token distributions, and the explorer's data."""
import math

import torch

from paramscope.checkpoints import chat, smollm2
from paramscope.data import prompts
from paramscope.figures import style
from paramscope.figures.style import PHONE_WIDTH_IN as PHONE_IN
from paramscope.lessons import binned_logits, sampling
from paramscope.lessons.tokens import token_label
from paramscope.text.prose import listed, table_cell
from paramscope_generator.api import expect, name_part

CONFIDENT = prompts.CAPITAL
OPEN = "Once upon a time, there was a"
MIDDLE = "The best thing about summer is"
PROMPTS = {"confident": CONFIDENT, "middle": MIDDLE, "open": OPEN}
EXPLORER_PROMPTS = [CONFIDENT, MIDDLE, OPEN, "My favourite food is"]

TOP_TEMPERATURES = [0.5, 1.0, 2.0]          # the side-by-side bars
SWEEP = torch.linspace(0.05, 3.0, 60)       # the entropy curve
TOP_P_SWEEP = torch.linspace(0.05, 1.0, 96)
TOP_K_SWEEP = [1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
DRAW_SETTINGS = dict(temperature=1.0, top_k=20)  # a readable histogram: 20 bars
DRAW_COUNTS = [100, 10_000]
CONTINUATION_TEMPERATURES = [0.0, 0.7, 1.0, 1.5, 2.5]
CONTINUATION_TOKENS = 24
# The order example: settings applied temperature first (transformers' generate) and temperature last (llama.cpp's
# default sampler chain, common/common.h). LLAMA_CPP_DEFAULTS are llama.cpp's own default values there.
LLAMA_CPP_DEFAULTS = dict(temperature=0.8, top_k=40, top_p=0.95, min_p=0.05)
ORDER_SETTINGS = [LLAMA_CPP_DEFAULTS, dict(temperature=1.5, top_p=0.9), dict(temperature=1.5, min_p=0.1),
                  dict(temperature=1.5, top_k=40)]
# Stopping: a question in SmolLM2-135M-Instruct's own chat template (checkpoints.chat), and the answer so far.
QUESTION = "What is the capital of France?"
ANSWER_MID = prompts.CAPITAL
ANSWER_DONE = "The capital of France is Paris."
BEAM_WIDTH = 3          # beam search: continuations kept at each step
BEAM_TOKENS = 8         # tokens it adds to the open prompt
EXPLORER_TOP = 200      # tokens shipped with their exact logits (the page budget is 300 KB)
EXPLORER_BIN = 0.05     # the rest of the vocabulary: logits binned at this step, shipped as (middle, count)
SHOWN = ("confident", "open")  # the two prompts the figures set side by side


def describe(settings: dict) -> str:
    names = {"temperature": "T", "top_k": "top-k", "top_p": "top-p", "min_p": "min-p"}
    return ", ".join(f"{names[k]} {v:g}" for k, v in settings.items())


def produce(out):
    lm = smollm2.load(cache=out.project.cache)
    logits, vocab = file_and_prompts(out, lm)
    top_tokens(out, lm, logits)
    entropy_figure(out, logits, vocab)
    filters_figure(out, logits)
    order_table(out, logits)
    draws_figure(out, lm, logits, vocab)
    eos = stopping(out, lm)
    continuations_table(out, lm, eos)
    beam(out, lm)
    explorer(out, lm, vocab)


def file_and_prompts(out, lm) -> tuple[dict, int]:
    """Name the model and the formats of the file whose behaviour the page shows; the prompts' logits."""
    formats = {name: kind for name, kind, _ in lm.config["file_tensors"]}
    matrices = {kind for name, kind in formats.items() if name.startswith("blk.") and not name.endswith("norm.weight")}
    out.check("layers-q4-1", matrices == {"Q4_1"}, f"the layers' matrices are all Q4_1, not {matrices}")
    out.check("embeddings-q8-0", formats["token_embd.weight"] == "Q8_0",
              f"the embedding table is Q8_0, not {formats['token_embd.weight']}")
    out.fact("format.layers", "Q4_1")
    out.fact("format.embeddings", formats["token_embd.weight"])

    logits = {name: lm.next_token_logits(text) for name, text in PROMPTS.items()}
    vocab = logits["open"].numel()
    out.fact("vocab", vocab)
    out.fact("max_entropy", math.log2(vocab), fmt="{:.2f}")
    for name, text in PROMPTS.items():
        out.fact(f"prompt.{name}", text)
    return logits, vocab


def top_tokens(out, lm, logits: dict) -> None:
    # Top tokens at several temperatures. Dividing by T keeps the order, so the same tokens lead at every T.
    base = {name: sampling.process(z) for name, z in logits.items()}
    paris = lm.encode(" Paris")[0]
    out.fact("paris.prompt", CONFIDENT)
    out.fact("paris.p", float(base["confident"][paris]), fmt="{:.2f}")
    out.check("paris-leads", int(base["confident"].argmax()) == paris, "“ Paris” leads after the confident prompt")
    out.check("open-no-leader", float(base["open"].max()) < 0.2, "no token gets 20% after the open prompt")
    out.fact("open.top_p", float(base["open"].max()), fmt="{:.1%}")
    for t in TOP_TEMPERATURES + [0.05, 3.0]:
        probs = sampling.process(logits["confident"], temperature=t)
        key = name_part(t, "_")
        out.fact(f"paris.p_t{key}", float(probs[paris]), fmt="{:.3g}")
        # 1 - p rounds to 0 when p is within 1e-16 of 1: sum the other tokens instead
        out.fact(f"paris.others_t{key}", float(torch.cat([probs[:paris], probs[paris + 1:]]).sum()), fmt="{:.2g}")

    def draw_top():
        import matplotlib.pyplot as plt
        fig, axes = plt.subplots(1, 2, figsize=style.figsize(3.4))
        n = 6
        height = 0.8 / len(TOP_TEMPERATURES)
        for ax, name in zip(axes, SHOWN):
            top = torch.topk(base[name], n).indices
            for j, t in enumerate(TOP_TEMPERATURES):
                probs = sampling.process(logits[name], temperature=t)[top]
                ax.barh(torch.arange(n) + j * height, probs, height=height, label=f"T = {t:g}")
            ax.set_yticks(torch.arange(n) + height, [token_label(lm.token(int(i))) for i in top])
            ax.invert_yaxis()
            ax.set_title(f"after “{PROMPTS[name]}”", loc="left", fontsize=style.MIN_PT)
            ax.set_xlabel("probability")
            ax.grid(axis="x")
        return style.finish(fig, axes[0], legend=dict(loc="lower right"))

    temperatures = listed([f"{t:g}" for t in TOP_TEMPERATURES])
    low, high = min(TOP_TEMPERATURES), max(TOP_TEMPERATURES)
    p_low = float(sampling.process(logits["confident"], temperature=low)[paris])
    top_open = {t: float(sampling.process(logits["open"], temperature=t).max()) for t in (low, high)}
    out.figure("top-tokens", draw_top, alt=f"Two panels: the six most likely next tokens after “{CONFIDENT}” and "
               f"after “{OPEN}”, as bars at temperatures {temperatures}. After the first prompt "
               f"{token_label(lm.token(paris))} leads with {float(base['confident'][paris]):.0%} at T = 1 and "
               f"{p_low:.0%} at T = {low:g}; after the second the likeliest token has {top_open[low]:.0%} at "
               f"T = {low:g} and {top_open[high]:.0%} at T = {high:g}.")


def entropy_figure(out, logits: dict, vocab: int) -> None:
    """Entropy as temperature sweeps."""
    entropy = {name: [sampling.entropy(sampling.process(z, temperature=float(t))) for t in SWEEP]
               for name, z in logits.items()}
    at = {}
    for name, z in logits.items():
        for t in (0.05, 1.0, 3.0):
            at[name, t] = sampling.entropy(sampling.process(z, temperature=t))
            out.fact(f"entropy.{name}.t{name_part(t, '_')}", at[name, t], fmt="{:.2f}")
    out.check("entropy-rises", all(entropy[name] == sorted(entropy[name]) for name in logits),
              "entropy rises with temperature for every prompt")
    for name in logits:
        expect(entropy[name][-1] < math.log2(vocab), f"entropy cannot pass the uniform limit ({name})")
    # The confident prompt is the least spread out until the curves meet near the uniform limit, where it overtakes.
    lowest = [entropy["confident"][i] < min(entropy["middle"][i], entropy["open"][i]) for i in range(len(SWEEP))]
    meet = lowest.index(False)
    out.check("confident-lowest", all(lowest[:meet]) and not any(lowest[meet:]),
              "the confident prompt is lowest up to one temperature, then never")
    out.fact("entropy.meet", float(SWEEP[meet]), fmt="{:.2f}")

    def draw_entropy(phone: bool = False):
        """The three prompts' curves; the legend in the empty corner, on a phone under the axes."""
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=style.figsize(4.6, PHONE_IN) if phone else style.figsize(3.2))
        for name, text in PROMPTS.items():
            ax.plot(SWEEP, entropy[name], label=f"“{text}”")
        ax.axhline(math.log2(vocab), color=style.MUTED["light"], linestyle="--", linewidth=1)
        ax.text(0.05, math.log2(vocab) - 0.3, f"uniform over all {vocab:,} tokens", va="top", fontsize=style.MIN_PT,
                color=style.MUTED["light"])
        ax.axvline(1.0, color=style.MUTED["light"], linewidth=0.8, linestyle=":")
        ax.set_xlabel("temperature")
        ax.set_ylabel("entropy (bits)")
        ax.set_ylim(0, math.log2(vocab) + 0.5)
        ax.grid(True)
        fig = style.finish(fig, ax, legend=dict(loc="upper center", bbox_to_anchor=(0.5, -0.2)) if phone else
                           dict(loc="lower right"))
        return fig

    out.figure("entropy", draw_entropy, alt=f"Entropy in bits against temperature from {float(SWEEP[0]):g} to "
               f"{float(SWEEP[-1]):g} for three prompts: "
               "near zero at low temperature, rising steeply and heading towards the uniform limit at high "
               f"temperature; the confident prompt is the lowest until about T = {float(SWEEP[meet]):.1f}, where the "
               "three curves meet.")


def filters_figure(out, logits: dict) -> None:
    """What top-p keeps and what top-k leaves out."""
    base = {name: sampling.process(logits[name]) for name in SHOWN}
    kept_p = {name: [int((sampling.process(logits[name], top_p=float(p)) > 0).sum()) for p in TOP_P_SWEEP]
              for name in SHOWN}
    left_out = {name: [1.0 - float(torch.topk(base[name], k).values.sum()) for k in TOP_K_SWEEP] for name in SHOWN}
    kept = {}
    for name in SHOWN:
        for p in (0.5, 0.9, 0.95):
            kept[name, p] = int((sampling.process(logits[name], top_p=p) > 0).sum())
            out.fact(f"top_p.{name}.p{name_part(p, '_')}", kept[name, p])
        for k in (10, 50):
            out.fact(f"top_k.{name}.k{k}.left_out", left_out[name][TOP_K_SWEEP.index(k)], fmt="{:.1%}")
    out.check("open-needs-more-tokens", all(a >= b for a, b in zip(kept_p["open"], kept_p["confident"])) and all(
        kept["open", p] > 10 * kept["confident", p] for p in (0.5, 0.9, 0.95)),
        "the open prompt needs far more tokens than the confident one for the same mass")
    out.check("top-k-removes-more-open", left_out["open"][TOP_K_SWEEP.index(50)]
              > left_out["confident"][TOP_K_SWEEP.index(50)], "top-k 50 removes more of the open prompt's probability")

    def draw_filters():
        import matplotlib.pyplot as plt
        from matplotlib.ticker import FuncFormatter
        fig, (a, b) = plt.subplots(1, 2, figsize=style.figsize(3.2))
        for name in SHOWN:
            a.plot(TOP_P_SWEEP, kept_p[name], label=f"{name} prompt")
            b.plot(TOP_K_SWEEP, left_out[name], marker="o", markersize=3, label=f"{name} prompt")
        a.set_yscale("log")
        a.set_xlabel("top-p")
        a.set_ylabel("tokens kept")
        a.set_title("top-p: as many tokens\nas the mass needs", fontsize=style.TEXT_PT)
        b.set_xscale("log")
        b.set_xlabel("top-k")
        b.set_ylabel("probability left out")
        b.set_title("top-k: a fixed number,\nwhatever they hold", fontsize=style.TEXT_PT)
        # plain numbers on the log axes: matplotlib's 10^n labels set the exponent below the smallest type size
        plain = FuncFormatter(lambda v, _: f"{v:,.0f}")
        a.yaxis.set_major_formatter(plain)
        b.xaxis.set_major_formatter(plain)
        for ax in (a, b):
            ax.grid(True)
        return style.finish(fig, a, legend={})

    out.figure("filters", draw_filters, alt=f"Left: tokens kept by top-p as p goes from {float(TOP_P_SWEEP[0]):g} to "
               f"{float(TOP_P_SWEEP[-1]):g}, on a log scale, "
               f"for the confident prompt (“{CONFIDENT}”) and the open one (“{OPEN}”); the open prompt needs far "
               "more tokens for the same mass. Right: the probability that top-k removes as k grows, for the same "
               "two prompts.")


def order_table(out, logits: dict) -> None:
    # Whose order: temperature first (transformers) against temperature last (llama.cpp's default chain).
    rows, order = [], {}
    for settings in ORDER_SETTINGS:
        first = sampling.process(logits["open"], **settings)
        last = sampling.temperature_last(logits["open"], **settings)
        order[describe(settings)] = (int((first > 0).sum()), int((last > 0).sum()),
                                     sampling.total_variation(first, last))
        rows.append([describe(settings), *order[describe(settings)]])
    out.table("order", ["Settings", "Tokens kept, temperature first (transformers)",
                        "Tokens kept, temperature last (llama.cpp)", "Total variation between the two"], rows,
              fmt={"Total variation between the two": "{:.3f}"})
    defaults, hot_p, hot_m, hot_k = (order[describe(s)] for s in ORDER_SETTINGS)
    out.check("order-matters", defaults[0] != defaults[1] and defaults[2] > 0.01,
              "the order matters at llama.cpp's defaults")
    out.check("hot-first-keeps-more", hot_p[0] > hot_p[1] and hot_m[0] > hot_m[1],
              "temperature first keeps more above T = 1")
    out.check("hot-gap-grows", hot_p[2] > defaults[2], "the gap between the orders grows above T = 1")
    out.check("top-k-order-free", hot_k[0] == hot_k[1] and hot_k[2] < 1e-12,
              "top-k with temperature is the same in both orders")
    out.fact("order.defaults", describe(LLAMA_CPP_DEFAULTS))
    out.fact("order.defaults.first", defaults[0])
    out.fact("order.defaults.last", defaults[1])
    out.fact("order.defaults.tv", defaults[2], fmt="{:.3f}")
    out.fact("order.hot_p.first", hot_p[0])
    out.fact("order.hot_p.last", hot_p[1])


def draws_figure(out, lm, logits: dict, vocab: int) -> None:
    """Seeded draws against the exact distribution."""
    exact = sampling.process(logits["open"], **DRAW_SETTINGS)
    generator = torch.Generator().manual_seed(0)
    # Draw among the kept tokens only: the same distribution, but each draw then costs 20 random numbers instead of
    # one per vocabulary entry (torch.multinomial draws one per entry, zeros included).
    kept_ids = torch.nonzero(exact).flatten()  # (top_k,) token ids
    draws = {n: torch.bincount(kept_ids[torch.tensor([sampling.sample(exact[kept_ids], generator) for _ in range(n)])],
                               minlength=vocab).double() / n for n in DRAW_COUNTS}
    tv = {n: sampling.total_variation(freq, exact) for n, freq in draws.items()}
    out.check("more-draws-closer", tv[DRAW_COUNTS[-1]] < tv[DRAW_COUNTS[0]],
              "more draws follow the distribution more closely")
    for n in DRAW_COUNTS:
        out.fact(f"draws.n{n}", n)
        out.fact(f"draws.tv_n{n}", tv[n], fmt="{:.3f}")
    out.fact("draws.top_k", DRAW_SETTINGS["top_k"])

    def draw_draws(phone: bool = False):
        import matplotlib.pyplot as plt
        ranked = torch.topk(exact, DRAW_SETTINGS["top_k"]).indices
        labels = [token_label(lm.token(int(i))) for i in ranked]
        x = torch.arange(len(ranked))
        if phone:  # the tokens down the side, where their labels have a line each; the two counts side by side
            fig, axes = plt.subplots(1, len(DRAW_COUNTS), figsize=style.figsize(5.8, style.PHONE_WIDTH_IN), sharey=True,
                                     sharex=True)
        else:
            fig, axes = plt.subplots(len(DRAW_COUNTS), 1, figsize=style.figsize(4.8), sharex=True, sharey=True)
        for ax, (n, freq) in zip(axes, draws.items()):
            if phone:
                ax.barh(x, freq[ranked], color=style.SERIES[0], label="share of draws")
                ax.plot(exact[ranked], x, "o", color=style.SERIES[1], markersize=4, label="exact probability")
                ax.set_title(f"{n:,} draws\ntotal variation\n{tv[n]:.3f}", loc="left", fontsize=style.MIN_PT)
                ax.grid(axis="x")
            else:
                ax.bar(x, freq[ranked], color=style.SERIES[0], label="share of draws")
                ax.plot(x, exact[ranked], "o", color=style.SERIES[1], markersize=4, label="exact probability")
                ax.set_title(f"{n:,} draws: total variation {tv[n]:.3f}", loc="left", fontsize=style.TEXT_PT)
                ax.grid(axis="y")
        if phone:
            axes[0].set_yticks(x, labels)
            axes[0].invert_yaxis()
            fig.supxlabel("probability", fontsize=style.TEXT_PT)
            fig.legend(*axes[0].get_legend_handles_labels(), loc="upper center", ncols=2, frameon=False)
            fig.tight_layout(rect=(0, 0, 1, 0.95))  # room above the panels for the legend
            return fig
        axes[-1].set_xticks(x, labels, rotation=90)
        axes[0].legend(loc="upper right")
        fig.supylabel("probability", fontsize=style.TEXT_PT)
        return style.finish(fig)

    few, many = DRAW_COUNTS
    out.figure("draws", draw_draws,
               alt=f"Two bar charts of how often each of the top {DRAW_SETTINGS['top_k']} tokens was drawn, from "
                   f"{few:,} and from {many:,} seeded draws, with the exact probabilities as dots; "
                   f"the bars match the dots far better with {many:,} draws.")


def stopping(out, lm) -> int:
    # Stopping: the end-of-sequence token of the instruct model's chat format, after a whole answer and mid-answer.
    eos = lm.config["eos_token_id"]
    question = chat.prompt(QUESTION)
    expect(eos == 2 and lm.token(eos) == "<|im_end|>", f"SmolLM2-135M-Instruct's end token is {eos} {lm.token(eos)!r}")
    p_done = float(sampling.process(lm.next_token_logits(question + ANSWER_DONE))[eos])
    p_mid = float(sampling.process(lm.next_token_logits(question + ANSWER_MID))[eos])
    out.check("eos-after-answer", p_done > 0.5 and p_mid < 1e-6,
              "<|im_end|> is likely after the answer and not mid-answer")
    chat_ids = lm.encode(question)
    answer = sampling.generate(lm.cached_next_logits(), chat_ids, generator=torch.Generator().manual_seed(0),
                               max_new_tokens=40, stop_ids=[eos], temperature=0)
    out.check("greedy-stops", answer[-1] == eos and len(answer) < 40,
              "greedy decoding of the question stops at <|im_end|>")
    out.fact("eos.id", eos)
    out.fact("eos.token", lm.token(eos))
    out.fact("eos.question", QUESTION)
    out.fact("eos.answer_mid", ANSWER_MID)
    out.fact("eos.answer_done", ANSWER_DONE)
    out.fact("eos.p_done", p_done, fmt="{:.1%}")
    out.fact("eos.p_mid", p_mid, fmt="{:.1e}")
    out.fact("eos.greedy", lm.decode(answer[:-1]))
    out.fact("eos.greedy_tokens", len(answer))
    return eos


def continuations_table(out, lm, eos: int) -> None:
    """Continuations of one prompt at several temperatures, one seed."""
    ids = lm.encode(OPEN)
    rows = []
    generated = sampling.continuations(lm.model, ids, CONTINUATION_TEMPERATURES, eos, CONTINUATION_TOKENS)
    for t, new in zip(CONTINUATION_TEMPERATURES, generated):
        rows.append([f"{t:g}" + (" (greedy)" if t == 0 else ""),
                     table_cell(lm.decode([i for i in new if i != eos]))])
    out.table("continuations", ["Temperature", f"“{OPEN}” …"], rows)
    out.fact("continuations.tokens", CONTINUATION_TOKENS)


def beam(out, lm) -> None:
    """Beam search against greedy decoding after MIDDLE: as many tokens, a text likelier as a whole."""
    ids = lm.encode(MIDDLE)
    greedy, greedy_logp = sampling.beam_search(lm, ids, 1, BEAM_TOKENS)
    best, best_logp = sampling.beam_search(lm, ids, BEAM_WIDTH, BEAM_TOKENS)
    greedy_path = sampling.generate(lm.cached_next_logits(), ids, generator=torch.Generator().manual_seed(0),
                                    max_new_tokens=BEAM_TOKENS, temperature=0)
    expect(greedy == greedy_path, f"beam search of width one is not greedy decoding: {greedy} != {greedy_path}")
    out.check("beam-finds-likelier", best != greedy and best_logp > greedy_logp,
              "beam search finds another continuation, more probable as a whole than greedy decoding's")
    out.fact("beam.prompt", MIDDLE)
    out.fact("beam.width", BEAM_WIDTH)
    out.fact("beam.tokens", BEAM_TOKENS)
    out.fact("beam.text", lm.decode(best))
    out.fact("beam.greedy_text", lm.decode(greedy))
    out.fact("beam.ratio", math.exp(best_logp - greedy_logp), fmt="{:.2f}")


def explorer_prompt(lm, text: str, b: binned_logits.Binned) -> dict:
    """One prompt of the explorer's data: its top tokens exactly, the rest as [logit, count] bins, highest first."""
    return {"prompt": text, "ids": b.top.tolist(), "tokens": [token_label(lm.token(int(i))) for i in b.top],
            "logits": [round(float(v), 4) for v in b.logits[b.top]],
            "rest": [[round(float(v), 4), int(c)] for v, c in zip(b.middles.flip(0), b.counts.flip(0))],
            "rest_mass": b.rest_mass}


def explorer(out, lm, vocab: int) -> None:
    # The explorer: exact logits of the top tokens, the rest of the vocabulary as a histogram of floored logits.
    shipped = {text: binned_logits.bin_logits(lm.next_token_logits(text), EXPLORER_TOP, EXPLORER_BIN)
               for text in EXPLORER_PROMPTS}
    prompts = [explorer_prompt(lm, text, b) for text, b in shipped.items()]
    # what the binning costs: the leader's probability from the binned vocabulary against the exact one
    error = max(binned_logits.leader_error(b, (0.25, 1.0, 3.0)) for b in shipped.values())
    out.data("explorer", {"vocab": vocab, "top": EXPLORER_TOP, "bin": EXPLORER_BIN, "prompts": prompts})
    out.fact("explorer.top", EXPLORER_TOP)
    out.fact("explorer.bin", EXPLORER_BIN, fmt="{:g}")
    out.fact("explorer.prompts", len(EXPLORER_PROMPTS))
    out.fact("explorer.error", error, fmt="{:.1e}")
