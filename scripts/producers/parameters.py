"""Parameter counts: the zoo table, bars by kind, GPT-2's 117M, GPT-3 from its paper, growth with width and depth."""
import math

from paramscope.arch import counting, kv_bytes, zoo
from paramscope.figures import layout, marks_clear, style
from paramscope.figures.style import PHONE_WIDTH_IN as PHONE_IN
from paramscope.models import build_model
from paramscope.models.count import parameters_in
from paramscope.models.hf import from_hf
from paramscope.text.printed import paper_count, percent_floor
from paramscope_generator.api import expect, name_part

# GPT-1's byte-pair vocabulary size (openai-community/openai-gpt config.json), tried as the explanation of the
# GPT-2 paper's smaller counts.
GPT1_VOCAB = 40478
GPT2_SIZES = ("gpt2", "gpt2-medium", "gpt2-large", "gpt2-xl")
# Counting's kinds in the page's words; an MoE model's experts are counted as its MLP.
KIND_LABELS = style.KIND_LABELS
LARGE = 10e9          # "large" in the page's sentence on which parameters dominate
# The growth sweep: GPT-2's architecture and vocabulary at several widths and depths.
WIDTHS = (256, 512, 768, 1024, 1536, 2048, 3072, 4096, 6144, 8192, 12288)
DEPTHS = (6, 12, 24, 48, 96)


def kaplan_n(c: counting.Count) -> int:
    """Kaplan et al.'s N: the parameters without the vocabulary and position tables and without an untied output
    head (the head is a vocabulary table too)."""
    return c.total - c.breakdown.get("embeddings", 0) - c.breakdown.get("output head", 0)


def share(counts: dict, name: str, *kinds: str) -> float:
    return sum(counts[name].breakdown.get(k, 0) for k in kinds) / counts[name].total


def produce(out):
    counts = {name: counting.count(entry.config) for name, entry in zoo.ZOO.items()}
    order = zoo_table(out, counts)
    majority, layer_share = dominant_kinds(out, counts, order)
    gpt2_sizes(out, counts)
    published_counts(out, counts)
    gpt3_shape(out, counts)
    sc, weights, kv_per_token = smollm2_layer(out, counts)
    inference_figure(out, sc, weights, kv_per_token)
    mixtral(out, counts)
    kinds_figure(out, counts, order, majority, layer_share)
    growth(out)


def zoo_table(out, counts: dict) -> list[str]:
    """Every zoo model's count, and the zoo table from smallest to largest (the order it returns)."""
    for name, c in counts.items():
        entry, key = zoo.get(name), name_part(name)
        out.fact(f"{key}.label", entry.label)
        out.fact(f"{key}.total", c.total)
        out.fact(f"{key}.active", c.active)
        out.fact(f"{key}.billions", c.total / 1e9, fmt="{:.1f}")
        out.fact(f"{key}.millions", c.total / 1e6, fmt="{:.0f}")
        if entry.published is not None:
            out.fact(f"{key}.published", paper_count(entry.published))

    order = sorted(zoo.ZOO, key=lambda n: counts[n].total)
    vocab = {n: from_hf(zoo.get(n).config).vocab for n in order}
    out.table("zoo", ["Model", "Embedding rows", "Parameters", "Active per token", "Quoted as", "Config"], [
        [zoo.get(n).label, vocab[n], counts[n].total,
         counts[n].active if counts[n].active != counts[n].total else "all",
         paper_count(zoo.get(n).published) if zoo.get(n).published else "",
         f"[source]({zoo.get(n).source.split('; ')[0].split(' ')[-1]})" if "http" in zoo.get(n).source else ""]
        for n in order])
    out.check("zoo-span", 1e7 <= counts[order[0]].total < 1e8 and 1e11 <= counts[order[-1]].total < 1e12,
              "the smallest zoo model holds tens of millions of parameters, the largest hundreds of billions")
    smallest_vocab, largest_vocab = min(order, key=vocab.get), max(order, key=vocab.get)
    out.fact("vocab.min", vocab[smallest_vocab])
    out.fact("vocab.min_label", zoo.get(smallest_vocab).label)
    out.fact("vocab.max", vocab[largest_vocab])
    out.fact("vocab.max_label", zoo.get(largest_vocab).label)
    return order


def dominant_kinds(out, counts: dict, order: list[str]) -> tuple[list[str], float]:
    """Which kinds dominate: the sentences under the zoo figure, each bound to its check."""

    for name in ("all-minilm-l6-v2", "smollm2-135m", "gpt2", "gpt2-medium", "llama-3-8b"):
        out.fact(f"{name_part(name)}.embedding_share", share(counts, name, "embeddings"), fmt="{:.1%}")
    majority = [zoo.get(n).label for n in order if share(counts, n, "embeddings") > 0.5]
    out.check("embeddings-majority-only-minilm", majority == [zoo.get("all-minilm-l6-v2").label],
              f"only all-MiniLM-L6-v2 spends more than half on embeddings, not {majority}")
    large = [n for n in order if counts[n].total > LARGE]
    layer_share = min(share(counts, n, "attention", *counting.MLP_KINDS) for n in large)
    out.check("large-models-are-layers", layer_share > 0.95,
              "attention and MLP hold more than 95% of every model above 10B")
    out.fact("large.billions", LARGE / 1e9, fmt="{:g}")
    out.fact("large.min_layer_share", percent_floor(layer_share))
    moe = [n for n in order if counts[n].active < counts[n].total]
    expert_share = min(share(counts, n, *counting.MLP_KINDS) for n in moe)
    out.check("moe-experts-hold-most", expert_share > 0.9,
              f"the MLPs, experts included, hold more than 90% of every mixture of experts ({expert_share:.2%})")
    for bound, true in ((percent_floor(layer_share), layer_share), (percent_floor(expert_share), expert_share)):
        # The page says "at least": the shown figure must not round up.
        expect(float(bound.rstrip("%")) / 100 <= true, f"'at least {bound}' but the share is {true:.4%}")
    out.fact("moe.min_expert_share", percent_floor(expert_share))
    out.fact("moe.labels", " and ".join(zoo.get(n).label for n in moe))
    return majority, layer_share


def gpt2_sizes(out, counts: dict) -> None:
    """GPT-2: the paper's counts against the released weights, and the same architecture with GPT-1's vocabulary."""
    rows = []
    for name in GPT2_SIZES:
        entry = zoo.get(name)
        with_gpt1_vocab = counting.count({**entry.config, "vocab_size": GPT1_VOCAB}).total
        rows.append([entry.label, paper_count(entry.published), counts[name].total, with_gpt1_vocab,
                     paper_count(with_gpt1_vocab)])
        out.fact(f"{name}.gpt1_vocab_total", with_gpt1_vocab)
    out.table("gpt2-sizes", ["Model", "Paper says", "Released weights", "Same with GPT-1's vocabulary", "Rounded"],
              rows)
    out.fact("gpt1.vocab", GPT1_VOCAB)
    gpt2 = from_hf(zoo.get("gpt2").config)
    out.fact("gpt2.vocab", gpt2.vocab)
    out.fact("gpt2.gap", counts["gpt2"].total - int(zoo.get("gpt2").published))
    out.fact("gpt2.embeddings", counts["gpt2"].breakdown["embeddings"])
    out.fact("gpt2.positions", gpt2.positions * gpt2.d_model)
    out.fact("gpt2.non_embedding", counts["gpt2"].total - counts["gpt2"].breakdown["embeddings"])
    out.fact("gpt2.vocab_gap_params", (gpt2.vocab - GPT1_VOCAB) * gpt2.d_model)


def published_counts(out, counts: dict) -> None:
    # Why published counts differ: Kaplan's non-embedding N (no vocabulary tables, no untied output head), a tied
    # or separate output head, and what a model card's total includes (DeepSeek-V3's multi-token-prediction layer).
    for name in ("gpt2", "llama-3-8b"):
        c = counts[name]
        out.fact(f"{name_part(name)}.kaplan_n", kaplan_n(c))
        out.fact(f"{name_part(name)}.kaplan_share", kaplan_n(c) / c.total, fmt="{:.1%}")
    llama3 = counts["llama-3-8b"]
    out.fact("llama-3-8b.head", llama3.breakdown.get("output head", 0))
    out.fact("llama-3-8b.embeddings", llama3.breakdown["embeddings"])
    out.check("smollm2-tied", "output head" not in counts["smollm2-135m"].breakdown,
              "SmolLM2 has no separate output head (tied to its table)")
    out.check("llama3-separate-head", llama3.breakdown.get("output head") == llama3.breakdown["embeddings"],
              "Llama 3 8B has a separate output head as large as its table")
    deepseek = counts["deepseek-v3"]
    # Layers alike in shape, or not: DeepSeek-V3's first layers are dense, the rest mixtures of experts.
    dense = [n == deepseek.by_layer[0] for n in deepseek.by_layer]
    n_dense = dense.index(False)
    out.check("deepseek-v3-dense-first", not any(dense[n_dense:]),
              "DeepSeek-V3's dense layers come first, then only MoE layers")
    out.fact("deepseek-v3.dense_layers", n_dense)
    out.fact("deepseek-v3.moe_layers", len(dense) - n_dense)
    out.fact("gemma-2-9b.window", zoo.get("gemma-2-9b").config["sliding_window"])
    mtp_layer = deepseek.by_layer[-1]  # the MTP module's layer has the structure of the main model's MoE layers
    out.fact("deepseek-v3.mtp_layer_billions", mtp_layer / 1e9, fmt="{:.1f}")
    out.fact("deepseek-v3.total_billions", deepseek.total / 1e9, fmt="{:.0f}")


def gpt3_shape(out, counts: dict) -> None:
    """GPT-3 from the paper's Table 2.1 configuration."""
    gpt3 = from_hf(zoo.get("gpt3-175b").config)
    out.fact("gpt3.layers", gpt3.layers)
    out.fact("gpt3.width", gpt3.d_model)
    out.fact("gpt3.heads", gpt3.heads)
    out.fact("gpt3.head_dim", gpt3.d_model // gpt3.heads)
    out.fact("gpt3.context", gpt3.positions)
    out.fact("gpt3.per_layer", counts["gpt3-175b"].by_layer[0])
    out.fact("gpt3.layers_total", sum(counts["gpt3-175b"].by_layer))
    out.fact("gpt3.layer_share", sum(counts["gpt3-175b"].by_layer) / counts["gpt3-175b"].total, fmt="{:.1%}")
    out.fact("gpt3.approx_12ld2", 12 * gpt3.layers * gpt3.d_model ** 2)
    out.fact("gpt3.paper_billions", zoo.get("gpt3-175b").published / 1e9, fmt="{:.1f}")
    gpt3_mlp = build_model({**zoo.get("gpt3-175b").config, "n_layer": 1}, device="meta").transformer.h[0].mlp
    out.fact("gpt3.neurons", gpt3_mlp.c_fc.weight.shape[1])  # Conv1D stores (in, out): one column per neuron
    out.check("gpt3-mlp-four-times", gpt3_mlp.c_fc.weight.shape[1] == 4 * gpt3.d_model,
              "GPT-3's MLP is four times its width")


def smollm2_layer(out, counts: dict):
    """The breakdown of SmolLM2 (the model the site runs), one of its layers, its inference cost and KV cache."""
    smol = counts["smollm2-135m"]
    for kind, n in smol.breakdown.items():
        out.fact(f"smollm2.kind.{name_part(kind, '_')}", n)
        out.fact(f"smollm2.kind.{name_part(kind, '_')}.share", n / smol.total, fmt="{:.0%}")

    # One layer of SmolLM2, for the architecture pages (layer, attention, transformer, inference).
    sc = from_hf(zoo.get("smollm2-135m").config)
    layer = build_model(sc).model.layers[0]
    shape = {"layers": sc.layers, "width": sc.d_model, "heads": sc.heads,
             "kv_heads": sc.kv_heads, "head_dim": sc.head_dim, "mlp_width": sc.ffn,
             "vocab": sc.vocab, "context": sc.run.context}
    for name, value in shape.items():
        out.fact(f"smollm2.{name}", value)
    out.fact("smollm2.per_layer", smol.by_layer[0])
    out.fact("smollm2.layers_total", sum(smol.by_layer))
    out.fact("smollm2.final_norm", sc.d_model)
    out.fact("smollm2.layers_share", sum(smol.by_layer) / smol.total, fmt="{:.0%}")
    for part in ("self_attn", "mlp", "input_layernorm"):
        out.fact(f"smollm2.layer.{part}", parameters_in(getattr(layer, part)))
    attn = layer.self_attn
    out.fact("smollm2.layer.q", attn.q_proj.weight.numel())
    out.fact("smollm2.layer.kv", attn.k_proj.weight.numel() + attn.v_proj.weight.numel())
    out.fact("smollm2.layer.o", attn.o_proj.weight.numel())
    out.fact("smollm2.layer.mha_kv", 2 * sc.d_model * sc.heads * sc.head_dim)
    weights, kv_per_token = smollm2_inference(out, smol, sc)
    return sc, weights, kv_per_token


def smollm2_inference(out, smol: counting.Count, sc) -> tuple[int, int]:
    """SmolLM2's compute per token and its KV cache against its weights: (weights' bytes, cache bytes a token)."""
    # Inference, after Kaplan et al. (2020), section 2.1: C_forward ≈ 2N + 2·n_layer·n_ctx·d_attn per token, with N
    # the non-embedding parameters; the output head's 2·V·d, which Kaplan leaves out, is added on the page.
    non_embedding = kaplan_n(smol)
    out.check("kaplan-n-layers-and-norm", non_embedding == sum(smol.by_layer) + sc.d_model,
              "Kaplan's N is SmolLM2's layers plus its final norm")
    d_attn = sc.heads * sc.head_dim
    out.fact("smollm2.non_embedding", non_embedding)
    out.fact("smollm2.two_n", 2 * non_embedding)
    out.fact("smollm2.head_flops", 2 * sc.vocab * sc.d_model)
    out.fact("smollm2.flops_per_token", 2 * non_embedding + 2 * sc.vocab * sc.d_model)
    out.fact("smollm2.d_attn", d_attn)
    out.fact("smollm2.context_flops", 2 * sc.layers * d_attn)  # per token already in the context
    out.fact("smollm2.context_flops_full", 2 * sc.layers * sc.run.context * d_attn)
    # Scores q·k and the weighted sum of values, 2·d_attn each per layer and earlier token (Hoffmann et al., App. F).
    out.fact("smollm2.attention_flops", 4 * sc.layers * d_attn)
    out.fact("smollm2.attention_flops_full", 4 * sc.layers * sc.run.context * d_attn)
    kv_per_token = kv_bytes.per_token(zoo.get("smollm2-135m").config, kv_bytes.VALUE_BYTES["bf16"])
    out.fact("smollm2.kv_bytes_per_token", kv_per_token)
    weights = smol.memory["bf16"]
    out.fact("smollm2.bf16_mb", weights / 1e6, fmt="{:,.0f}")
    out.fact("smollm2.kv_full_mb", kv_per_token * sc.run.context / 1e6, fmt="{:,.0f}")
    out.check("cache-below-weights", kv_per_token * sc.run.context < weights,
              "the cache stays below the weights up to the full context")
    return weights, kv_per_token


def inference_figure(out, sc, weights: int, kv_per_token: int) -> None:
    def draw_inference(phone: bool = False):
        """The two lines, their legend under the axes (on a phone the long entries take the width there)."""
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=style.figsize(4.2, PHONE_IN) if phone else style.figsize(3.2))
        tokens = [0, sc.run.context]
        ax.plot(tokens, [weights / 1e6] * 2, color=style.SERIES[0], lw=2, label="weights (bf16), read for every token")
        ax.plot(tokens, [t * kv_per_token / 1e6 for t in tokens], color=style.SERIES[1], lw=2,
                label="KV cache: keys and values\nof the tokens so far" if phone else
                "KV cache: keys and values of the tokens so far")
        ax.set_xlim(0, sc.run.context)
        ax.set_ylim(0, weights / 1e6 * 1.15)
        if phone:
            ax.xaxis.set_major_locator(plt.MaxNLocator(4))
        fig = style.finish(fig, ax, x="tokens in the context", y="MB (10⁶ bytes)",
                           legend=dict(loc="upper center", bbox_to_anchor=(0.5, -0.25 if phone else -0.22),
                                       ncols=1 if phone else 2))
        return fig

    out.figure("inference-memory", draw_inference, alt=(
        f"Two lines for SmolLM2-135M at {8 * kv_bytes.VALUE_BYTES['bf16']}-bit: its weights, flat at "
        f"{weights / 1e6:,.0f} MB, and the KV cache, "
        f"rising by {kv_per_token:,} bytes per token to {kv_per_token * sc.run.context / 1e6:,.0f} MB at "
        f"its full context of {sc.run.context:,} tokens."))


def mixtral(out, counts: dict) -> None:
    mixtral = counts["mixtral-8x7b"]
    out.fact("mixtral.total", mixtral.total)
    out.fact("mixtral.active", mixtral.active)
    out.fact("mixtral.active_share", mixtral.active / mixtral.total, fmt="{:.0%}")


def short_count(n: float) -> str:
    """A total at a glance, to three significant figures: 22.7M, 135M, 7.24B, 671B."""
    value, unit = (n / 1e9, "B") if n >= 1e9 else (n / 1e6, "M")
    return f"{value:#.3g}".rstrip(".") + unit   # "#": 69.0B keeps its zero, 135. loses its dot


DOT_DECADES = {False: 0.12, True: 0.2}  # a dot's width on the kinds figure's log axis, wide and phone drawing:
DOT_STEP = {False: 0.25, True: 0.09}    # closer dots are set apart, by this many rows: wide, downwards from the
# line; phone, where each name sits just above its line, alternately just above and just below the line, so that a
# dot stays on its row (the line crosses it) and never reaches the name above
RINGED = 0.02  # an output head within this (in decades) of the embeddings is drawn as a ring round their dot


def spread_dots(breakdown: dict, drawn: list[str], apart: float, phone: bool = False) -> dict[str, float]:
    """kind -> vertical offset of its dot in its row (layout.stagger; on a phone layout.straddle); an output head as
    large as the embeddings, or nearly, takes their dot's offset (it is drawn as a ring round that dot)."""
    sizes = {k: math.log10(breakdown[k]) for k in drawn if breakdown.get(k)}
    ringed = abs(sizes.get("output head", math.inf) - sizes.get("embeddings", -math.inf)) < RINGED
    spread = layout.straddle if phone else layout.stagger
    offsets = spread({k: x for k, x in sizes.items() if not (ringed and k == "output head")}, apart, DOT_STEP[phone])
    return offsets | ({"output head": offsets["embeddings"]} if ringed else {})


def kinds_figure(out, counts: dict, order: list[str], majority: list[str], layer_share: float) -> None:
    """How many of each kind, as counts on a log axis: a dot per kind, a tick at the total, the total named on the
    right. A kind gets a dot only if it is wide enough to matter on some model (0.5% of it)."""
    drawn = [k for k in counting.KINDS if any(share(counts, n, k) >= 0.005 for n in order)]
    low = min(counts[n].breakdown[k] for n in order for k in drawn if counts[n].breakdown.get(k))
    high = max(counts[n].total for n in order)

    def draw_kinds(phone: bool = False):
        import matplotlib.pyplot as plt
        from matplotlib.ticker import FixedLocator, NullLocator
        size = style.figsize(7.8, PHONE_IN) if phone else style.figsize(5.6)
        fig, ax = plt.subplots(figsize=size)
        rows = list(range(len(order)))[::-1]          # the smallest model at the top, as in the table
        totals = [counts[n].total for n in order]
        ax.hlines(rows, [low / 2] * len(rows), totals, color=plt.rcParams["grid.color"], lw=0.8, zorder=1)
        heights = {n: spread_dots(counts[n].breakdown, drawn, DOT_DECADES[phone], phone) for n in order}
        for kind in drawn:
            points = [(counts[n].breakdown[kind], r + heights[n][kind]) for n, r in zip(order, rows)
                      if counts[n].breakdown.get(kind)]
            # The output head is often as large as the embedding table: a ring, so the dot under it shows.
            ring = kind == "output head"
            ax.scatter(*zip(*points), s=(22 if phone else 26) * (2.2 if ring else 1), zorder=3 + ring,
                       label=KIND_LABELS[kind], facecolors="none" if ring else style.kind_color(kind),
                       edgecolors=style.kind_color(kind), linewidths=1.5 if ring else 0)
        # The total's tick, behind the dots and past them, shows an MoE's experts as a dot on it (shorter on a phone)
        ax.scatter(totals, rows, marker="|", s=140 if phone else 300, lw=1.5, color=plt.rcParams["text.color"],
                   zorder=2, label="Total")
        ax.set_xscale("log")
        ax.set_xlim(low / 2, high * 2)
        decades = [10 ** e for e in range(math.ceil(math.log10(low / 2)), math.floor(math.log10(high * 2)) + 1)]
        ax.xaxis.set_major_locator(FixedLocator(decades[::2] if phone else decades))
        ax.xaxis.set_minor_locator(NullLocator())
        if phone:  # each row's name and total above its line, so the dots get the column's whole width
            ax.set_yticks([])
            ax.spines["left"].set_visible(False)
            for n, r, t in zip(order, rows, totals):
                ax.text(0.0, r + 0.26, f"{zoo.get(n).label}: {short_count(t)}", transform=ax.get_yaxis_transform(),
                        ha="left", va="bottom", fontsize=style.MIN_PT)
            ax.set_ylim(-0.5, len(order) - 0.2)
        else:
            ax.set_yticks(rows, [zoo.get(n).label for n in order])
            ax.set_ylim(-0.7, len(order) - 0.3)
            right = ax.secondary_yaxis("right")
            right.set_yticks(rows, [short_count(t) for t in totals])
            right.tick_params(length=0)
            right.spines["right"].set_visible(False)
        ax.grid(True, axis="x", alpha=0.3)
        fig = style.finish(fig, ax, x="parameters (log scale)" if phone else "parameters (log scale: each step ×10)",
                           legend=dict(ncols=2 if phone else 4, loc="upper center",
                                       bbox_to_anchor=(0.45, -0.1 if phone else -0.13)))
        if phone:   # the names sit just above their lines: no dot or total's tick may reach one
            hidden = marks_clear.texts_over_points(fig)
            expect(not hidden, f"the phone's zoo figure draws marks over its names: {hidden}")
        return fig

    # What to see: in which rows the MLP (its experts included) is the largest kind.
    def largest_kind(name: str) -> str:
        parts = dict(counts[name].breakdown)
        parts["mlp"] = sum(parts.pop(k, 0) for k in counting.MLP_KINDS)
        return max(parts, key=parts.get)
    others = [zoo.get(n).label for n in order if largest_kind(n) != "mlp"]
    out.fact("zoo.models", len(order))
    out.fact("zoo.mlp_largest", len(order) - len(others))
    out.fact("zoo.mlp_not_largest", " and ".join(others))
    out.check("mlp-largest-kind", others == [zoo.get("all-minilm-l6-v2").label],
              f"the MLP, experts included, is the largest kind of every zoo model but all-MiniLM-L6-v2, not {others}")

    hidden = [KIND_LABELS[k].lower() for k in counting.KINDS
              if k not in drawn and any(share(counts, n, k) for n in order)]
    smallest, largest = order[0], order[-1]
    out.figure("zoo-by-kind", draw_kinds, alt=(
        "Dots on a log scale of parameters, one row per zoo model from smallest to largest: for each model a dot "
        "for the count of each kind, "
        + ", ".join(KIND_LABELS[k].lower() for k in drawn)
        + (f" (leaving out {', '.join(hidden)}, under half a percent of every model)" if hidden else "")
        + f", and a tick at its total, written beside its name, from {short_count(counts[smallest].total)} for "
        f"{zoo.get(smallest).label} to {short_count(counts[largest].total)} for {zoo.get(largest).label}. "
        f"Embeddings are more than half only of {majority[0]}; above {LARGE / 1e9:g} billion parameters, "
        f"attention and MLP hold at least {layer_share:.0%}."))


def growth(out) -> None:
    """Growth: the same architecture at several widths and depths."""
    sweep = {L: [counting.count({**zoo.get("gpt2").config, "n_embd": d, "n_layer": L, "n_head": d // 64}).total
                 for d in WIDTHS] for L in DEPTHS}
    base = zoo.get("gpt2-medium").config  # heads 64 wide, as in every GPT-2
    d, L = base["n_embd"], base["n_layer"]
    n0 = counting.count(base).total
    out.fact("growth.base_width", d)
    out.fact("growth.base_depth", L)
    out.fact("growth.base_total", n0)
    doubled_width = counting.count({**base, "n_embd": 2 * d, "n_head": 2 * d // 64}).total / n0
    doubled_depth = counting.count({**base, "n_layer": 2 * L}).total / n0
    out.check("growth-below-ideal", doubled_width < 4 and doubled_depth < 2, "both stay below the ideal factors")
    out.fact("growth.double_width", doubled_width, fmt="{:.2f}")
    out.fact("growth.double_depth", doubled_depth, fmt="{:.2f}")
    out.fact("growth.per_layer_12d2", 12 * d ** 2)
    out.fact("growth.per_layer", counting.count(base).by_layer[0])
    out.data("growth-sweep", {"widths": list(WIDTHS), "depths": list(DEPTHS),
                              "totals": {str(k): v for k, v in sweep.items()}})

    def draw_growth():
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=style.figsize(4))
        for i, L in enumerate(DEPTHS):
            ax.plot(WIDTHS, sweep[L], marker="o", ms=3, color=style.SERIES[i], label=f"{L} layers")
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        ax.set_xticks(WIDTHS[::2], [str(w) for w in WIDTHS[::2]])
        ax.set_xlabel("width (hidden size)")
        ax.set_ylabel("parameters")
        ax.grid(True, which="major", alpha=0.3)
        return style.finish(fig, ax, legend={})

    out.figure("growth", draw_growth, alt=f"Log-log lines of parameter count against width for depths "
               f"{DEPTHS[0]} to {DEPTHS[-1]} layers of GPT-2's architecture: each line steepens towards slope two "
               f"as width grows (quadratic in width), and doubling the depth roughly doubles the count.")
