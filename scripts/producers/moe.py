"""Mixture of experts: total versus active parameters of Mixtral and DeepSeek-V3, and a tiny mixture trained here."""
from paramscope.arch import counting, zoo
from paramscope.data import corpus
from paramscope.figures import style
from paramscope.figures.style import PHONE_WIDTH_IN as PHONE_IN
from paramscope.lessons import routing, training
from paramscope.models import build_model
from paramscope_generator.api import expect, name_part

BIG = ("mixtral-8x7b", "deepseek-v3")
# The dense model each mixture's experts are compared with: Mixtral is Mistral 7B with each MLP replaced by 8
# experts (Jiang et al. 2024, section 2); DeepSeek-V3's own first layers are dense (first_k_dense_replace).
DENSE_OF = {"mixtral-8x7b": "mistral-7b-v0.1", "deepseek-v3": "deepseek-v3"}
# DeepSeek-V3's activated parameters as its makers document them (README_WEIGHTS.md,
# https://github.com/deepseek-ai/DeepSeek-V3/blob/main/README_WEIGHTS.md)
DEEPSEEK_CARD_ACTIVE = 36.7e9
N_EXPERTS = 4
DENSE = training.TinyLM()  # the dense model of the Training page
# Each expert is half as wide as the dense tiny model's MLP, so with k = 2 a token passes through as many MLP
# weights as in the dense model while the layer holds twice as many.
SIZE = training.TinyLM(intermediate_size=DENSE.intermediate_size // 2, num_local_experts=N_EXPERTS)
CONFIG = training.TrainConfig(steps=120, batch_size=16, context=64)
BALANCE = 0.01  # weight of the load-balancing term, as in the Switch Transformer (Fedus et al. 2021, section 2.2)
VARIANTS = {"k2": (2, BALANCE), "k1": (1, BALANCE), "k2-unbalanced": (2, 0.0)}
LABELS = {"k2": "two experts per token", "k1": "one expert per token", "k2-unbalanced": "two, no balancing term"}


def widths(name: str) -> tuple[int, int]:
    """(expert width of the mixture `name`, MLP width of its dense counterpart), read from the built modules."""
    _, experts = routing.mlp_widths(build_model(zoo.get(name).config))
    dense, _ = routing.mlp_widths(build_model(zoo.get(DENSE_OF[name]).config))
    expect(len(experts) == 1 and len(dense) == 1, f"{name}: expected one expert width and one dense width")
    return experts.pop(), dense.pop()


def produce(out):
    width_rows = big_models(out)
    runs = tiny_mixture(out, width_rows)
    load = outcomes(out, runs)
    load_figure(out, runs, load)
    kinds_figure(out, runs["k2"])


def big_models(out) -> list[list]:
    """Mixtral and DeepSeek-V3: counts, expert widths against their dense counterparts, DeepSeek-V3's router."""
    width_rows = []
    for name in BIG:
        entry = zoo.get(name)
        c = counting.count(entry.config)
        key = name.replace("-8x7b", "")
        out.fact(f"{key}.label", entry.label)
        out.fact(f"{key}.total", c.total)
        out.fact(f"{key}.active", c.active)
        out.fact(f"{key}.active_share", c.active / c.total, fmt="{:.1%}")
        # Compute per token: an input-table lookup multiplies nothing, so the compute share leaves the table out.
        compute = counting.active_as(c, "no input embeddings") / counting.total_as(c, "no input embeddings")
        out.fact(f"{key}.compute_share", compute, fmt="{:.1%}")
        out.fact(f"{key}.total_billions", c.total / 1e9, fmt="{:.1f}")
        out.fact(f"{key}.active_billions", c.active / 1e9, fmt="{:.1f}")
        out.fact(f"{key}.experts", entry.config.get("num_local_experts") or entry.config["n_routed_experts"])
        out.fact(f"{key}.top_k", entry.config["num_experts_per_tok"])
        expert_w, dense_w = widths(name)
        out.fact(f"{key}.expert_width", expert_w)
        out.fact(f"{key}.dense_width", dense_w)
        out.fact(f"{key}.width_ratio", expert_w / dense_w, fmt="{:.2f}")
        dense_label = zoo.get(DENSE_OF[name]).label if DENSE_OF[name] != name else f"{entry.label}'s dense layers"
        width_rows.append([entry.label, expert_w, dense_label, dense_w])
    mixtral_w, mistral_w = widths("mixtral-8x7b")
    out.check("mixtral-experts-as-wide", mixtral_w == mistral_w, "Mixtral's experts are as wide as Mistral 7B's MLP")
    ds_expert, ds_dense = widths("deepseek-v3")
    out.check("deepseek-experts-a-ninth", ds_expert * 9 == ds_dense,
              "DeepSeek-V3's experts are a ninth of its dense MLP's width")
    out.fact("deepseek-v3.width_fraction", f"1/{ds_dense // ds_expert}")
    deepseek(out)
    return width_rows


def deepseek(out) -> None:
    """DeepSeek-V3's active count against its model card's, and its router."""
    # DeepSeek-V3's active count against its makers' 36.7B (README_WEIGHTS.md, "including 0.9B for Embedding and 0.9B
    # for the output Head"): the site's one definition counts the whole input table; without it the count is closest.
    ds_count = counting.count(zoo.get("deepseek-v3").config)
    no_input = counting.active_as(ds_count, "no input embeddings")
    out.fact("deepseek-v3.active_billions_2", ds_count.active / 1e9, fmt="{:.2f}")
    out.fact("deepseek-v3.active_no_input_billions", no_input / 1e9, fmt="{:.2f}")
    out.fact("deepseek-v3.card_active_billions", DEEPSEEK_CARD_ACTIVE / 1e9, fmt="{:.1f}")
    out.check("deepseek-card-closest-without-input",
              abs(no_input - DEEPSEEK_CARD_ACTIVE) < abs(ds_count.active - DEEPSEEK_CARD_ACTIVE)
              and round(ds_count.active / 1e8) != round(DEEPSEEK_CARD_ACTIVE / 1e8),
              f"DeepSeek-V3's documented {DEEPSEEK_CARD_ACTIVE / 1e9:.1f}B differs from the site's active count and "
              f"is closest to the count without the input table")

    # DeepSeek-V3's router, as the module built from its configuration holds it
    ds = build_model(zoo.get("deepseek-v3").config)
    router = ds.model.layers[ds.arch.dense_first].mlp.gate
    out.fact("deepseek-v3.groups", router.groups)
    out.fact("deepseek-v3.group_size", router.n_experts // router.groups)
    out.fact("deepseek-v3.groups_kept", router.groups_kept)
    out.fact("deepseek-v3.routed_scale", router.run.routed_scale, fmt="{:g}")
    out.fact("deepseek-v3.dense_layers", ds.arch.dense_first)
    out.fact("deepseek-v3.shared", ds.arch.shared_ffn // ds.arch.expert_ffn)  # shared experts, each an expert wide


def tiny_mixture(out, width_rows: list[list]) -> dict:
    """The tiny mixture trained in three variants, and the widths table (its last row is the tiny mixture)."""
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
    # The tiny mixture's widths, read from the modules trained here, against the dense tiny model's
    tiny_dense, _ = routing.mlp_widths(DENSE.build(len(text.chars), CONFIG.context, seed=0))
    _, tiny_experts = routing.mlp_widths(SIZE.build(len(text.chars), CONFIG.context, seed=0))
    out.check("tiny-experts-half-width", 2 * min(tiny_experts) == max(tiny_dense),
              "the tiny mixture's experts are half as wide as the dense model's MLP")
    width_rows.append(["tiny mixture (below)", min(tiny_experts), "the tiny dense model of Training", max(tiny_dense)])
    out.fact("tiny.expert_width", min(tiny_experts))
    out.fact("tiny.dense_width", max(tiny_dense))
    out.table("widths", ["Model", "Expert width", "Dense model", "Its MLP width"], width_rows)
    return runs


def outcomes(out, runs: dict) -> dict:
    """Outcomes the page's prose states, each bound to its sentence; and the variants' table."""
    load = {key: (run.load.min().item() / run.top_k, run.load.max().item() / run.top_k) for key, run in runs.items()}
    out.check("balancing-evens-load", load["k2-unbalanced"][0] < load["k2"][0], "balancing evens the load")
    out.check("unbalanced-almost-idle", load["k2-unbalanced"][0] < 0.05, "without balancing an expert is almost idle")
    out.check("unbalanced-busiest", load["k2-unbalanced"][1] > max(load["k2"][1], load["k1"][1]),
              "without balancing the busiest expert is busier than any with it")
    losses = [run.held_out_loss for run in runs.values()]
    out.check("losses-close", max(losses) - min(losses) < 0.1, "the variants' held-out losses are within 0.1")
    out.fact("tiny.loss_spread", max(losses) - min(losses), fmt="{:.2f}")
    main = runs["k2"]
    for i, kind in enumerate(routing.KINDS):
        share, expert = main.kinds[i].max(dim=0)
        out.fact(f"tiny.kind.{name_part(kind, '_')}.expert", int(expert) + 1)
        out.fact(f"tiny.kind.{name_part(kind, '_')}.share", share.item(), fmt="{:.0%}")

    out.table("tiny.variants", ["Variant", "k", "Balancing", "Active", "Busiest", "Idlest", "Loss"], [
        [LABELS[key], run.top_k, f"{run.balance:g}" if run.balance else "off", run.active_params,
         f"{run.load.max().item() / run.top_k:.0%}", f"{run.load.min().item() / run.top_k:.0%}",
         f"{run.held_out_loss:.3f}"]
        for key, run in runs.items()])
    return load


def load_figure(out, runs: dict, load: dict) -> None:
    def draw_load(phone: bool = False):
        """The variants side by side; on a phone one above the other. The layers' legend above them all."""
        import matplotlib.pyplot as plt
        shape, size = ((len(runs), 1), style.figsize(7.4, PHONE_IN)) if phone else ((1, len(runs)), style.figsize(3.3))
        fig, axes = plt.subplots(*shape, figsize=size, sharey=True)
        hatches = ["", "//", "xx", ".."]
        for ax, (key, run) in zip(axes, runs.items()):
            width = 0.8 / run.load.shape[0]
            for layer, row in enumerate(run.load / run.top_k):
                xs = [e + layer * width for e in range(N_EXPERTS)]
                ax.bar(xs, row.tolist(), width=width, color=style.kind_color("experts"), hatch=hatches[layer],
                       edgecolor=plt.rcParams["text.color"], linewidth=0.5, label=f"layer {layer + 1}")
            ax.axhline(1 / N_EXPERTS, color=plt.rcParams["text.color"], ls="--", lw=0.8)
            ax.set_xticks([e + 0.4 - width / 2 for e in range(N_EXPERTS)], [str(e + 1) for e in range(N_EXPERTS)])
            ax.set_title(f"k = {run.top_k}, " + ("balanced" if run.balance else "no balancing"))
            ax.set_xlabel("expert")
            ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
            if phone or ax is axes[0]:
                ax.set_ylabel("share of routed slots")
        handles, labels = axes[0].get_legend_handles_labels()
        legend = fig.legend(handles, labels, loc="upper center", ncols=len(labels), bbox_to_anchor=(0.5, 1.0))
        fig.draw_without_rendering()
        # the panels below the legend: its height, as a fraction of the figure's, and a little air
        top = 1 - legend.get_window_extent().height / fig.bbox.height - 0.02
        fig.tight_layout(rect=(0, 0, 1, top))
        return fig

    out.figure("load", draw_load, alt=(
        f"Three bar charts, one per trained variant, of the share of held-out tokens each of {N_EXPERTS} experts "
        f"receives in each layer; the dashed line marks an even share of {1 / N_EXPERTS:.0%}. With balancing, "
        f"every expert gets {load['k2'][0]:.0%} to {load['k2'][1]:.0%} (k = {VARIANTS['k2'][0]}) and "
        f"{load['k1'][0]:.0%} to {load['k1'][1]:.0%} (k = {VARIANTS['k1'][0]}); without it one gets "
        f"{load['k2-unbalanced'][0]:.0%}."))


def kinds_figure(out, main) -> None:
    def draw_kinds(phone: bool = False):
        """The heat map with each cell's share written in it; on a phone the experts by number, each kind's count
        under its name and the colour bar below, so that the cells are wide enough for their words."""
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=style.figsize(4.6, PHONE_IN) if phone else style.figsize(3.6))
        im = ax.imshow(main.kinds.numpy(), vmin=0, vmax=1, cmap=style.SEQUENTIAL, aspect="auto")
        ax.set_xticks(range(N_EXPERTS), [f"{e + 1}" if phone else f"expert {e + 1}" for e in range(N_EXPERTS)])
        ax.set_yticks(range(len(routing.KINDS)),
                      [f"{k}\n({n:,})" if phone else f"{k} ({n:,})" for k, n in zip(routing.KINDS, main.kind_counts)])
        if phone:
            ax.set_xlabel("expert")
        for i in range(len(routing.KINDS)):
            for e in range(N_EXPERTS):
                v = main.kinds[i, e].item()
                ax.text(e, i, f"{v:.0%}", ha="center", va="center", fontsize=style.MIN_PT,
                        color="black" if v > 0.5 else "white")
        cb = fig.colorbar(im, ax=ax, label="share of that kind",
                          **(dict(location="bottom", pad=0.2, aspect=30) if phone else {}))
        (cb.ax.xaxis if phone else cb.ax.yaxis).set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
        title = f"First-choice expert in layer {SIZE.num_hidden_layers} (k = 2, balanced)"
        ax.set_title(title.replace(" (", "\n(") if phone else title)
        fig.tight_layout()
        return fig

    out.figure("kinds", draw_kinds, alt=(
        "Heat map with a colour bar: for each kind of character (space, line break, vowel, consonant, capital, "
        "punctuation), the share sent first to each expert in the last layer of the trained mixture."))
