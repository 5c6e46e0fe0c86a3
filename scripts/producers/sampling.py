"""Temperature, top-k, top-p and min-p on SmolLM2's real next-token distributions, and the explorer's data."""
import math

import torch

from paramscope import sampling, smollm2

CONFIDENT = "The capital of France is"
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
EXPLORER_TOP = 200      # tokens shipped with their exact logits (the page budget is 300 KB)
EXPLORER_BIN = 0.05     # the rest of the vocabulary: logits binned at this step, shipped as (middle, count)


def label(text: str) -> str:
    """A token as readers can see it: quoted so a leading space shows, control characters escaped."""
    return '"' + text.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'


def escape_cell(text: str) -> str:
    """Generated text inside a Markdown table cell: newlines shown as ⏎, Markdown characters escaped."""
    text = text.replace("\\", "\\\\").replace("\n", " ⏎ ")
    for ch in "|*_`<>[]{}#":
        text = text.replace(ch, "\\" + ch)
    return text.strip() or "(nothing)"


def total_variation(p: torch.Tensor, q: torch.Tensor) -> float:
    return 0.5 * float((p - q).abs().sum())


@torch.no_grad()
def continuations(lm, ids: list[int], temperatures: list[float], eos: int) -> list[list[int]]:
    """sampling.generate at each temperature, each with its own generator seeded 0, run as one batch of rows.

    A step's cost is reading the weights, so five rows cost little more than one. Each row draws from its own
    generator and is cut after its first end-of-text token, so it is what sampling.generate gives for it alone.
    """
    generators = [torch.Generator().manual_seed(0) for _ in temperatures]
    cache = lm.model.new_cache()
    x = torch.tensor([ids] * len(temperatures))  # (rows, T): the prompt once per row
    new: list[list[int]] = [[] for _ in temperatures]
    for _ in range(CONTINUATION_TOKENS):
        logits = lm.model(x, cache=cache, last_only=True)[:, -1]  # (rows, V)
        for row, t, g, l in zip(new, temperatures, generators, logits):
            row.append(sampling.sample(sampling.process(l, temperature=t), g))
        x = torch.tensor([[row[-1]] for row in new])  # (rows, 1): each row's newest token
        if all(eos in row for row in new):
            break
    return [row[:row.index(eos) + 1] if eos in row else row for row in new]


def produce(out):
    lm = smollm2.load()
    logits = {name: lm.next_token_logits(text) for name, text in PROMPTS.items()}
    vocab = logits["open"].numel()
    out.fact("vocab", vocab)
    out.fact("max_entropy", math.log2(vocab), fmt="{:.2f}")
    for name, text in PROMPTS.items():
        out.fact(f"prompt.{name}", text)

    # Top tokens at several temperatures. Dividing by T keeps the order, so the same tokens lead at every T.
    base = {name: sampling.process(l) for name, l in logits.items()}
    paris = lm.encode(" Paris")[0]
    out.fact("paris.p", float(base["confident"][paris]), fmt="{:.2f}")
    for t in TOP_TEMPERATURES + [0.05, 3.0]:
        probs = sampling.process(logits["confident"], temperature=t)
        key = str(t).replace(".", "_")
        out.fact(f"paris.p_t{key}", float(probs[paris]), fmt="{:.3g}")
        # 1 - p rounds to 0 when p is within 1e-16 of 1: sum the other tokens instead
        out.fact(f"paris.others_t{key}", float(torch.cat([probs[:paris], probs[paris + 1:]]).sum()), fmt="{:.2g}")

    def draw_top():
        import matplotlib.pyplot as plt
        fig, axes = plt.subplots(1, 3, figsize=(10, 3.6), sharex=True)
        for ax, (name, text) in zip(axes, PROMPTS.items()):
            top = torch.topk(base[name], 8).indices
            height = 0.8 / len(TOP_TEMPERATURES)
            for j, t in enumerate(TOP_TEMPERATURES):
                probs = sampling.process(logits[name], temperature=t)[top]
                ax.barh(torch.arange(8) + j * height, probs, height=height, label=f"T = {t:g}")
            ax.set_yticks(torch.arange(8) + height, [label(lm.token(int(i))) for i in top])
            ax.invert_yaxis()
            ax.set_title(f"“{text} …”", fontsize=9)
            ax.set_xlabel("probability")
            ax.grid(axis="x")
        axes[0].legend(loc="lower right")
        fig.tight_layout()
        return fig

    out.figure("top-tokens", draw_top, alt="Three panels, one per prompt, each with the eight most likely next tokens "
               "as horizontal bars at temperatures 0.5, 1 and 2: low temperature sharpens the leader, high "
               "temperature flattens the bars.")

    # Entropy as temperature sweeps.
    entropy = {name: [sampling.entropy(sampling.process(l, temperature=float(t))) for t in SWEEP]
               for name, l in logits.items()}
    for name, l in logits.items():
        for t in (0.05, 1.0, 3.0):
            out.fact(f"entropy.{name}.t{str(t).replace('.', '_')}",
                     sampling.entropy(sampling.process(l, temperature=t)), fmt="{:.2f}")

    def draw_entropy():
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(7, 3.6))
        for name, text in PROMPTS.items():
            ax.plot(SWEEP, entropy[name], label=f"“{text}”")
        ax.axhline(math.log2(vocab), color="C7", linestyle="--", linewidth=1)
        ax.text(0.05, math.log2(vocab) - 0.3, f"uniform over all {vocab:,} tokens", va="top", fontsize=8, color="C7")
        ax.axvline(1.0, color="C7", linewidth=0.8, linestyle=":")
        ax.set_xlabel("temperature")
        ax.set_ylabel("entropy (bits)")
        ax.set_ylim(0, math.log2(vocab) + 0.5)
        ax.grid(True)
        ax.legend(loc="center right", fontsize=8)
        fig.tight_layout()
        return fig

    out.figure("entropy", draw_entropy, alt="Entropy in bits against temperature from 0.05 to 3 for three prompts: "
               "near zero at low temperature, rising steeply and heading towards the uniform limit at high "
               "temperature; the confident prompt stays lowest.")

    # What top-p keeps and what top-k leaves out.
    kept_p = {name: [int((sampling.process(logits[name], top_p=float(p)) > 0).sum()) for p in TOP_P_SWEEP]
              for name in ("confident", "open")}
    left_out = {name: [1.0 - float(torch.topk(base[name], k).values.sum()) for k in TOP_K_SWEEP]
                for name in ("confident", "open")}
    for name in ("confident", "open"):
        for p in (0.5, 0.9, 0.95):
            out.fact(f"top_p.{name}.p{str(p).replace('.', '_')}",
                     int((sampling.process(logits[name], top_p=p) > 0).sum()))
        for k in (10, 50):
            out.fact(f"top_k.{name}.k{k}.left_out", left_out[name][TOP_K_SWEEP.index(k)], fmt="{:.1%}")

    def draw_filters():
        import matplotlib.pyplot as plt
        fig, (a, b) = plt.subplots(1, 2, figsize=(10, 3.6))
        for name in ("confident", "open"):
            a.plot(TOP_P_SWEEP, kept_p[name], label=f"“{PROMPTS[name]}”")
            b.plot(TOP_K_SWEEP, left_out[name], marker="o", markersize=3, label=f"“{PROMPTS[name]}”")
        a.set_yscale("log")
        a.set_xlabel("top-p")
        a.set_ylabel("tokens kept")
        a.set_title("top-p keeps as many tokens as the mass needs", fontsize=9)
        b.set_xscale("log")
        b.set_xlabel("top-k")
        b.set_ylabel("probability left out")
        b.set_title("top-k keeps a fixed number, whatever they hold", fontsize=9)
        for ax in (a, b):
            ax.grid(True)
            ax.legend(fontsize=8)
        fig.tight_layout()
        return fig

    out.figure("filters", draw_filters, alt="Left: tokens kept by top-p as p goes from 0.05 to 1, on a log scale, for "
               "a confident and an open prompt; the open prompt needs far more tokens for the same mass. Right: the "
               "probability that top-k removes as k grows, for the same two prompts.")

    # Seeded draws against the exact distribution.
    exact = sampling.process(logits["open"], **DRAW_SETTINGS)
    generator = torch.Generator().manual_seed(0)
    # Draw among the kept tokens only: the same distribution, but each draw then costs 20 random numbers instead of
    # one per vocabulary entry (torch.multinomial draws one per entry, zeros included).
    kept = torch.nonzero(exact).flatten()  # (top_k,) token ids
    draws = {n: torch.bincount(kept[torch.tensor([sampling.sample(exact[kept], generator) for _ in range(n)])],
                               minlength=vocab).double() / n for n in DRAW_COUNTS}
    for n, freq in draws.items():
        out.fact(f"draws.n{n}", n)
        out.fact(f"draws.tv_n{n}", total_variation(freq, exact), fmt="{:.3f}")
    out.fact("draws.top_k", DRAW_SETTINGS["top_k"])

    def draw_draws():
        import matplotlib.pyplot as plt
        order = torch.topk(exact, DRAW_SETTINGS["top_k"]).indices
        fig, axes = plt.subplots(1, len(DRAW_COUNTS), figsize=(10, 3.8), sharey=True)
        x = torch.arange(len(order))
        for ax, (n, freq) in zip(axes, draws.items()):
            ax.bar(x, freq[order], color="C0", label=f"{n:,} draws")
            ax.plot(x, exact[order], "o", color="C1", markersize=4, label="exact")
            ax.set_xticks(x, [label(lm.token(int(i))) for i in order], rotation=70, fontsize=7)
            ax.set_title(f"{n:,} draws: total variation {total_variation(freq, exact):.3f}", fontsize=9)
            ax.legend(fontsize=8)
            ax.grid(axis="y")
        axes[0].set_ylabel("share of draws")
        fig.tight_layout()
        return fig

    out.figure("draws", draw_draws, alt="Two bar charts of how often each of the top 20 tokens was drawn, from 100 "
               "and from 10,000 seeded draws, with the exact probabilities as dots; the bars match the dots far "
               "better with 10,000 draws.")

    # Continuations of one prompt at several temperatures, one seed.
    ids = lm.encode(OPEN)
    eos = lm.config["eos_token_id"]
    rows = []
    for t, new in zip(CONTINUATION_TEMPERATURES, continuations(lm, ids, CONTINUATION_TEMPERATURES, eos)):
        rows.append([f"{t:g}" + (" (greedy)" if t == 0 else ""),
                     escape_cell(lm.decode([i for i in new if i != eos]))])
    out.table("continuations", ["Temperature", f"“{OPEN}” …"], rows)
    out.fact("continuations.tokens", CONTINUATION_TOKENS)

    # The explorer: exact logits of the top tokens, the rest of the vocabulary as a histogram of floored logits.
    prompts, error = [], 0.0
    for text in EXPLORER_PROMPTS:
        l = lm.next_token_logits(text).double()
        order = sampling.rank(l)
        top, rest = order[:EXPLORER_TOP], order[EXPLORER_TOP:]
        bins = torch.floor(l[rest] / EXPLORER_BIN).long()
        values, counts = torch.unique(bins, return_counts=True)
        # each bin stands for its tokens at the bin's middle (unbiased), never above the last exact logit
        middles = torch.clamp((values.double() + 0.5) * EXPLORER_BIN, max=float(l[top[-1]]))
        prompts.append({
            "prompt": text,
            "ids": top.tolist(),
            "tokens": [label(lm.token(int(i))) for i in top],
            "logits": [round(float(v), 4) for v in l[top]],
            "rest": [[round(float(v), 4), int(c)] for v, c in zip(middles.flip(0), counts.flip(0))],
            "rest_mass": float(sampling.process(l)[rest].sum()),
        })
        # what the binning costs: the leader's probability from the binned vocabulary against the exact one
        binned = torch.cat([l[top], torch.repeat_interleave(middles, counts)])
        for t in (0.25, 1.0, 3.0):
            error = max(error, abs(float(sampling.process(binned, temperature=t)[0] -
                                         sampling.process(l, temperature=t)[top[0]])))
    out.data("explorer", {"vocab": vocab, "top": EXPLORER_TOP, "bin": EXPLORER_BIN, "prompts": prompts})
    out.fact("explorer.top", EXPLORER_TOP)
    out.fact("explorer.bin", EXPLORER_BIN, fmt="{:g}")
    out.fact("explorer.prompts", len(EXPLORER_PROMPTS))
    out.fact("explorer.error", error, fmt="{:.1e}")
