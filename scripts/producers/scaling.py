"""Training compute from 6 x parameters x tokens, and tokens per parameter against the compute-optimal ~20."""
from paramscope.arch import counting, zoo
from paramscope.data import compute_budget, model_cards, scaling_laws
from paramscope.data.compute_budget import COMPUTE_OPTIMAL_TOKENS_PER_PARAM, QUADRILLION
from paramscope.figures import style
from paramscope.text import printed
from paramscope_generator.api import expect, name_part


def produce(out):
    out.fact("flops_per_param_per_token", compute_budget.FLOPS_PER_PARAM_PER_TOKEN)
    out.fact("optimal_tokens_per_param", COMPUTE_OPTIMAL_TOKENS_PER_PARAM)
    rows, ratios = runs(out)
    costs(out)
    overtraining(out)
    tokens_per_param(out, rows, ratios)
    law(out)


def runs(out) -> tuple[list[list], list[float]]:
    """The table of training runs: parameters, tokens, compute and tokens per parameter."""
    rows, ratios = [], []
    for run in compute_budget.RUNS:
        if run.model not in zoo.ZOO:  # a run whose architecture the zoo does not hold yet cannot be counted
            continue
        row, ratio = run_facts(out, run)
        ratios.append(ratio)
        rows.append(row)
    out.table("runs", ["Model", "Parameters (N)", "Non-embedding (Kaplan's N)", "Tokens", "Compute, 6ND (FLOPs)",
                       "Tokens per parameter", "vs ~20"], rows)
    return rows, ratios


def run_facts(out, run) -> tuple[list, float]:
    """One training run's facts; its table row and its tokens per parameter."""
    entry = zoo.get(run.model)
    c = counting.count(entry.config)
    n = c.total
    # Kaplan's N leaves out the vocabulary and position tables and an untied output head; Chinchilla's N, the
    # one used here, is the total.
    kaplan_n = n - c.breakdown.get("embeddings", 0) - c.breakdown.get("output head", 0)
    expect(0 < kaplan_n < n, f"{run.model}'s non-embedding count {kaplan_n:,} is not below its total {n:,}")
    flops = compute_budget.training_flops(n, run.tokens)
    ratio = compute_budget.tokens_per_param(n, run.tokens)
    key = run.model
    out.fact(f"{key}.label", entry.label)
    out.fact(f"{key}.params", n)
    out.fact(f"{key}.params_billions", n / 1e9, fmt="{:.1f}")
    out.fact(f"{key}.tokens", run.tokens)
    out.fact(f"{key}.tokens_trillions", run.tokens / 1e12, fmt="{:g}")
    out.fact(f"{key}.flops", flops, fmt="{:.2e}")
    out.fact(f"{key}.flops_text", printed.scientific(flops))
    out.fact(f"{key}.kaplan_n", kaplan_n)
    out.fact(f"{key}.kaplan_flops_text",
             printed.scientific(compute_budget.training_flops(kaplan_n, run.tokens)))
    out.fact(f"{key}.kaplan_gap", 1 - kaplan_n / n, fmt="{:.1%}")
    out.fact(f"{key}.tokens_words", printed.in_words(run.tokens))
    out.fact(f"{key}.flops_quadrillions", flops / QUADRILLION, fmt="{:,.0f}")
    per = "{:,.1f}" if ratio < 100 else "{:,.0f}"
    out.fact(f"{key}.tokens_per_param", ratio, fmt=per)
    out.fact(f"{key}.times_optimal", ratio / COMPUTE_OPTIMAL_TOKENS_PER_PARAM, fmt="{:,.1f}")
    out.fact(f"{key}.optimal_tokens_words", printed.in_words(n * COMPUTE_OPTIMAL_TOKENS_PER_PARAM))
    per_token = compute_budget.inference_flops_per_token(n)
    out.fact(f"{key}.inference_flops_per_token", per_token, fmt="{:.3g}")
    out.fact(f"{key}.inference_flops_per_token_words", printed.in_words(per_token))
    if run.batch_tokens:
        out.fact(f"{key}.batch_tokens_millions", run.batch_tokens / 1e6, fmt="{:g}")
        out.fact(f"{key}.steps", compute_budget.optimizer_steps(run))
    return [entry.label, n, kaplan_n, printed.in_words(run.tokens), printed.scientific(flops),
            per.format(ratio), f"{ratio / COMPUTE_OPTIMAL_TOKENS_PER_PARAM:,.1f}×"], ratio


def costs(out) -> None:
    """Training cost as the model cards state it, and the energy their own figures imply."""
    cost_rows = []
    for cost in model_cards.TRAINING_COSTS:
        key = name_part(cost.label)
        out.fact(f"cost.{key}.gpu_hours_millions", cost.gpu_hours / 1e6, fmt="{:g}")
        out.fact(f"cost.{key}.mwh", model_cards.energy_mwh(cost), fmt="{:,.0f}")
        out.fact(f"cost.{key}.tco2eq", cost.tco2eq, fmt="{:,.0f}")
        cost_rows.append([cost.label, f"{cost.gpu_hours / 1e6:g}M", f"{model_cards.energy_mwh(cost):,.0f}",
                          f"{cost.tco2eq:,.0f}", f"[card]({cost.card})"])
    out.table("costs", ["Model", "H100 hours", "MWh", "t CO₂eq", "Source"], cost_rows)
    out.fact("cost.power_w", model_cards.TRAINING_COSTS[0].power_w)
    out.check("one-power", len({c.power_w for c in model_cards.TRAINING_COSTS}) == 1,
              "every card uses one power per GPU")


def overtraining(out) -> None:
    """Base against instruction-tuned, per the Llama 3 model card: the sentence on overtraining, checked."""
    base_won, base_lost = model_cards.wins(model_cards.LLAMA3_BASE)
    inst_won, inst_lost = model_cards.wins(model_cards.LLAMA3_INSTRUCT)
    out.fact("llama3.base.won", base_won)
    out.fact("llama3.base.lost", base_lost)
    out.fact("llama3.base.benchmarks", len(model_cards.LLAMA3_BASE))
    out.fact("llama3.base.mmlu", "{} against {}".format(*model_cards.LLAMA3_BASE["MMLU (5-shot)"]))
    out.fact("llama3.instruct.won", inst_won)
    out.fact("llama3.instruct.benchmarks", len(model_cards.LLAMA3_INSTRUCT))
    out.fact("llama3.instruct.mmlu", "{} against {}".format(*model_cards.LLAMA3_INSTRUCT["MMLU (5-shot)"]))
    out.check("overtrained-almost", base_lost > base_won and inst_won == len(model_cards.LLAMA3_INSTRUCT),
              "the base 8B mostly trails Llama 2 70B and the instruct 8B beats it on every listed benchmark")


def tokens_per_param(out, rows: list[list], ratios: list[float]) -> None:
    def draw():
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=style.figsize(2.6))
        labels = [r[0] for r in rows]
        ax.barh(labels, ratios, color=style.SERIES[0])
        ax.axvline(COMPUTE_OPTIMAL_TOKENS_PER_PARAM, color=style.SERIES[1], ls="--", lw=1.2,
                   label=f"compute-optimal, about {COMPUTE_OPTIMAL_TOKENS_PER_PARAM}")
        ax.set_xscale("log")
        ax.set_xlim(1, max(ratios) * 4)
        ax.set_xlabel("training tokens per parameter (log scale)")
        for y, v in enumerate(ratios):
            ax.text(v, y, f" {v:,.1f}" if v < 100 else f" {v:,.0f}", va="center", fontsize=style.MIN_PT)
        # the legend above the axes, over nothing: inside, at any corner, the phone's narrower axes put it on a bar
        # or on the "about 20" line (a reader's finding)
        return style.finish(fig, ax, legend=dict(loc="lower left", bbox_to_anchor=(0, 1.0), borderaxespad=0.2))

    out.figure("tokens-per-param", draw, alt=(
        "Horizontal bars, log scale: training tokens per parameter of "
        + ", ".join(f"{r[0]} ({r[5]})" for r in rows)
        + f", against the compute-optimal rule of thumb of about {COMPUTE_OPTIMAL_TOKENS_PER_PARAM}."))


LAW_N = (10**8, 10**12)  # the range of the law's figure: Hoffmann et al. trained from about 70M to 16B parameters


def law(out) -> None:
    """The published L(N, D) of Hoffmann et al. and its refit by Besiroglu et al., at about 20 tokens per parameter."""
    import numpy as np
    for fit in scaling_laws.FITS:
        key = fit.source
        for name in ("E", "A", "B", "alpha", "beta"):
            out.fact(f"{key}.{name.lower()}", getattr(fit, name), fmt="{:g}")
    ns = np.logspace(np.log10(LAW_N[0]), np.log10(LAW_N[1]), 60)
    curves = {fit.label: [fit.loss(n, COMPUTE_OPTIMAL_TOKENS_PER_PARAM * n) for n in ns] for fit in scaling_laws.FITS}
    a, b = scaling_laws.CHINCHILLA, scaling_laws.REFIT
    out.check("refit-higher-floor", b.E > a.E, "the refit's irreducible loss E is above Hoffmann's")
    out.fact("law.n_from", printed.in_words(LAW_N[0]))
    out.fact("law.n_to", printed.in_words(LAW_N[1]))
    halving = 1 - 2 ** -a.alpha
    out.fact("law.double_n", halving, fmt="{:.0%}")

    def draw():
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=style.figsize(3.0, 4.2))
        for (label, losses), color, ls in zip(curves.items(), style.SERIES, ("-", "--")):
            ax.plot(ns, losses, color=color, ls=ls, lw=1.8, label=label)
        for fit, color in zip(scaling_laws.FITS, style.SERIES):
            ax.axhline(fit.E, color=color, lw=0.8, ls=":")
        ax.set_xscale("log")
        ax.set_xlabel(f"parameters N (log scale), D = {COMPUTE_OPTIMAL_TOKENS_PER_PARAM} N", fontsize=10)
        ax.set_ylabel("predicted loss per token (nats)", fontsize=10)
        ax.tick_params(labelsize=10)
        return style.finish(fig, ax, legend=dict(fontsize=10))

    out.figure("law", draw, alt=(
        f"Two falling curves of predicted loss per token, in nats, against parameters from {LAW_N[0]:.0e} to "
        f"{LAW_N[1]:.0e}, each model "
        f"trained on {COMPUTE_OPTIMAL_TOKENS_PER_PARAM} tokens per parameter: Hoffmann et al.'s fit, levelling towards "
        f"{a.E:g}, and Besiroglu et al.'s refit, levelling towards {b.E:g} (dotted lines)."))
