"""Training compute from 6 x parameters x tokens, and tokens per parameter against the compute-optimal ~20."""
from paramscope import compute_budget, counting, zoo
from paramscope.compute_budget import COMPUTE_OPTIMAL_TOKENS_PER_PARAM, QUADRILLION


def produce(out):
    out.fact("flops_per_param_per_token", compute_budget.FLOPS_PER_PARAM_PER_TOKEN)
    out.fact("optimal_tokens_per_param", COMPUTE_OPTIMAL_TOKENS_PER_PARAM)
    rows, ratios = [], []
    for run in compute_budget.RUNS:
        if run.model not in zoo.ZOO:  # a run whose architecture the zoo does not hold yet cannot be counted
            continue
        entry = zoo.get(run.model)
        n = counting.count(entry.config).total
        flops = compute_budget.training_flops(n, run.tokens)
        ratio = compute_budget.tokens_per_param(n, run.tokens)
        key = run.model
        out.fact(f"{key}.label", entry.label)
        out.fact(f"{key}.params", n)
        out.fact(f"{key}.params_billions", n / 1e9, fmt="{:.1f}")
        out.fact(f"{key}.tokens", run.tokens)
        out.fact(f"{key}.tokens_trillions", run.tokens / 1e12, fmt="{:g}")
        out.fact(f"{key}.flops", flops, fmt="{:.2e}")
        out.fact(f"{key}.flops_text", compute_budget.scientific(flops))
        out.fact(f"{key}.tokens_words", compute_budget.in_words(run.tokens))
        out.fact(f"{key}.flops_quadrillions", flops / QUADRILLION, fmt="{:,.0f}")
        per = "{:,.1f}" if ratio < 100 else "{:,.0f}"
        out.fact(f"{key}.tokens_per_param", ratio, fmt=per)
        out.fact(f"{key}.times_optimal", ratio / COMPUTE_OPTIMAL_TOKENS_PER_PARAM, fmt="{:,.1f}")
        out.fact(f"{key}.optimal_tokens_words", compute_budget.in_words(n * COMPUTE_OPTIMAL_TOKENS_PER_PARAM))
        per_token = compute_budget.inference_flops_per_token(n)
        out.fact(f"{key}.inference_flops_per_token", per_token, fmt="{:.3g}")
        out.fact(f"{key}.inference_flops_per_token_words", compute_budget.in_words(per_token))
        ratios.append(ratio)
        rows.append([entry.label, n, compute_budget.in_words(run.tokens), compute_budget.scientific(flops),
                     per.format(ratio), f"{ratio / COMPUTE_OPTIMAL_TOKENS_PER_PARAM:,.1f}×"])
    out.table("runs", ["Model", "Parameters", "Training tokens", "Training compute, 6ND (FLOPs)",
                       "Tokens per parameter", "Versus ~20"], rows)

    def draw():
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(7, 3))
        labels = [r[0] for r in rows]
        ax.barh(labels, ratios, color="C0")
        ax.axvline(COMPUTE_OPTIMAL_TOKENS_PER_PARAM, color="C3", ls="--", lw=1,
                   label=f"compute-optimal, about {COMPUTE_OPTIMAL_TOKENS_PER_PARAM}")
        ax.set_xscale("log")
        ax.set_xlabel("training tokens per parameter (log scale)")
        for y, v in enumerate(ratios):
            ax.text(v, y, f" {v:,.1f}" if v < 100 else f" {v:,.0f}", va="center", fontsize=8)
        ax.legend(frameon=False, fontsize=8, loc="lower right")
        fig.tight_layout()
        return fig

    out.figure("tokens-per-param", draw, alt=(
        "Horizontal bars, log scale: training tokens per parameter of "
        + ", ".join(f"{r[0]} ({r[4]})" for r in rows)
        + f", against the compute-optimal rule of thumb of about {COMPUTE_OPTIMAL_TOKENS_PER_PARAM}."))
