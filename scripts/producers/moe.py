"""Mixture of experts: total versus active parameters of Mixtral and DeepSeek-V3, and a tiny mixture trained here."""
from paramscope import corpus, counting, routing, training, zoo

BIG = ("mixtral-8x7b", "deepseek-v3")
N_EXPERTS = 4
# Each expert is half as wide as the dense tiny model's MLP, so with k = 2 a token passes through as many MLP
# weights as in the dense model while the layer holds twice as many.
SIZE = training.TinyLM(intermediate_size=88, num_local_experts=N_EXPERTS)
CONFIG = training.TrainConfig(steps=120, batch_size=16, context=64)
BALANCE = 0.01  # weight of the load-balancing term, as in the Switch Transformer (Fedus et al. 2021, section 2.2)
VARIANTS = {"k2": (2, BALANCE), "k1": (1, BALANCE), "k2-unbalanced": (2, 0.0)}
LABELS = {"k2": "two experts per token", "k1": "one expert per token", "k2-unbalanced": "two, no balancing term"}


def produce(out):
    for name in BIG:
        entry = zoo.get(name)
        c = counting.count(entry.config)
        key = name.replace("-8x7b", "")
        out.fact(f"{key}.label", entry.label)
        out.fact(f"{key}.total", c.total)
        out.fact(f"{key}.active", c.active)
        out.fact(f"{key}.active_share", c.active / c.total, fmt="{:.1%}")
        out.fact(f"{key}.total_billions", c.total / 1e9, fmt="{:.1f}")
        out.fact(f"{key}.active_billions", c.active / 1e9, fmt="{:.1f}")
        out.fact(f"{key}.experts", entry.config.get("num_local_experts") or entry.config["n_routed_experts"])
        out.fact(f"{key}.top_k", entry.config["num_experts_per_tok"])

    text = corpus.load()
    train_ids, held_ids = text.encode(text.train), text.encode(text.held_out)
    runs = {}
    for key, (k, balance) in VARIANTS.items():
        size = training.TinyLM(**{**SIZE.__dict__, "num_experts_per_tok": k})
        runs[key] = routing.train_moe(size, CONFIG, train_ids, held_ids, text.chars, balance)

    out.fact("tiny.experts", N_EXPERTS)
    out.fact("tiny.layers", SIZE.num_hidden_layers)
    out.fact("tiny.steps", CONFIG.steps)
    out.fact("tiny.balance", BALANCE, fmt="{:g}")
    for key, run in runs.items():
        out.fact(f"tiny.{key}.total", run.total_params)
        out.fact(f"tiny.{key}.active", run.active_params)
        out.fact(f"tiny.{key}.held_out_loss", run.held_out_loss, fmt="{:.3f}")
        out.fact(f"tiny.{key}.busiest", run.load.max().item() / run.top_k, fmt="{:.0%}")
        out.fact(f"tiny.{key}.idlest", run.load.min().item() / run.top_k, fmt="{:.0%}")
    # Outcomes the page's prose states; if one turns around, stop the build so the page gets rewritten.
    page = "docs/glossary/mixture-of-experts.md"
    assert runs["k2-unbalanced"].load.min() < runs["k2"].load.min(), f"{page}: balancing no longer evens the load"
    losses = [run.held_out_loss for run in runs.values()]
    assert max(losses) - min(losses) < 0.1, f"{page}: the variants' held-out losses now differ clearly"
    out.fact("tiny.loss_spread", max(losses) - min(losses), fmt="{:.2f}")
    main = runs["k2"]
    for i, kind in enumerate(routing.KINDS):
        share, expert = main.kinds[i].max(dim=0)
        out.fact(f"tiny.kind.{kind.replace(' ', '_')}.expert", int(expert) + 1)
        out.fact(f"tiny.kind.{kind.replace(' ', '_')}.share", share.item(), fmt="{:.0%}")

    out.table("tiny.variants", ["Variant", "k", "Balancing term", "Parameters", "Active per token",
                                "Busiest expert", "Idlest expert", "Held-out loss"], [
        [LABELS[key], run.top_k, f"{run.balance:g}" if run.balance else "off", run.total_params, run.active_params,
         f"{run.load.max().item() / run.top_k:.0%}", f"{run.load.min().item() / run.top_k:.0%}",
         f"{run.held_out_loss:.3f}"]
        for key, run in runs.items()])

    def draw_load():
        import matplotlib.pyplot as plt
        fig, axes = plt.subplots(1, len(runs), figsize=(7, 3), sharey=True)
        for ax, (key, run) in zip(axes, runs.items()):
            width = 0.8 / run.load.shape[0]
            for layer, row in enumerate(run.load / run.top_k):
                xs = [e + layer * width for e in range(N_EXPERTS)]
                ax.bar(xs, row.tolist(), width=width, color=f"C{layer}", label=f"layer {layer + 1}")
            ax.axhline(1 / N_EXPERTS, color="C7", ls="--", lw=0.8)
            ax.set_xticks([e + 0.4 - width / 2 for e in range(N_EXPERTS)], [str(e + 1) for e in range(N_EXPERTS)])
            ax.set_title(f"k = {run.top_k}, balancing {'on' if run.balance else 'off'}", fontsize=9)
            ax.set_xlabel("expert")
        axes[0].set_ylabel("share of routed slots")
        axes[0].legend(frameon=False, fontsize=7)
        fig.tight_layout()
        return fig

    out.figure("load", draw_load, alt=(
        f"Bar charts of the share of held-out tokens each of {N_EXPERTS} experts receives in each layer, for three "
        f"trained variants; the dashed line marks an even share of {1 / N_EXPERTS:.0%}."))

    def draw_kinds():
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(7, 3.2))
        im = ax.imshow(main.kinds.numpy(), vmin=0, vmax=1, cmap="viridis", aspect="auto")
        ax.set_xticks(range(N_EXPERTS), [f"expert {e + 1}" for e in range(N_EXPERTS)])
        ax.set_yticks(range(len(routing.KINDS)),
                      [f"{k} ({n:,})" for k, n in zip(routing.KINDS, main.kind_counts)])
        for i in range(len(routing.KINDS)):
            for e in range(N_EXPERTS):
                v = main.kinds[i, e].item()
                ax.text(e, i, f"{v:.0%}", ha="center", va="center", fontsize=8, color="black" if v > 0.5 else "white")
        fig.colorbar(im, ax=ax, label="share of that kind")
        ax.set_title(f"first-choice expert in layer {SIZE.num_hidden_layers}, k = 2, balancing on", fontsize=9)
        fig.tight_layout()
        return fig

    out.figure("kinds", draw_kinds, alt=(
        "Heat map: for each kind of character (space, line break, vowel, consonant, capital, punctuation), the share "
        "sent first to each expert in the last layer of the trained mixture."))
