"""Parameter counts: the zoo table, bars by kind, GPT-2's 117M, GPT-3 from its paper, growth with width and depth."""
from paramscope import counting, zoo
from paramscope.config import from_hf
from paramscope.models import build_model

# GPT-1's byte-pair vocabulary size (openai-community/openai-gpt config.json), tried as the explanation of the
# GPT-2 paper's smaller counts.
GPT1_VOCAB = 40478
GPT2_SIZES = ("gpt2", "gpt2-medium", "gpt2-large", "gpt2-xl")
KIND_LABELS = {"embeddings": "Embeddings", "output head": "Output head", "attention": "Attention",
               "mlp": "MLP / experts", "router": "Router", "biases": "Biases", "norms": "Norms", "pooler": "Pooler"}
# The growth sweep: GPT-2's architecture and vocabulary at several widths and depths.
WIDTHS = (256, 512, 768, 1024, 1536, 2048, 3072, 4096, 6144, 8192, 12288)
DEPTHS = (6, 12, 24, 48, 96)


def slug(name: str) -> str:
    return name.replace(".", "-")


def quoted(n: float) -> str:
    """A count the way papers quote it: 117M, 1542M, 7B, 46.7B."""
    return f"{n / 1e6:.0f}M" if n < 2e9 else f"{round(n / 1e9, 1):g}B"


def produce(out):
    counts = {name: counting.count(entry.config) for name, entry in zoo.ZOO.items()}
    for name, c in counts.items():
        entry, key = zoo.get(name), slug(name)
        out.fact(f"{key}.label", entry.label)
        out.fact(f"{key}.total", c.total)
        out.fact(f"{key}.active", c.active)
        out.fact(f"{key}.billions", c.total / 1e9, fmt="{:.1f}")
        out.fact(f"{key}.millions", c.total / 1e6, fmt="{:.0f}")
        if entry.published is not None:
            out.fact(f"{key}.published", quoted(entry.published))

    order = sorted(zoo.ZOO, key=lambda n: counts[n].total)
    out.table("zoo", ["Model", "Family", "Parameters", "Active per token", "Quoted as", "Configuration"], [
        [zoo.get(n).label, zoo.get(n).config["model_type"], counts[n].total,
         counts[n].active if counts[n].active != counts[n].total else "all",
         quoted(zoo.get(n).published) if zoo.get(n).published else "",
         f"[source]({zoo.get(n).source.split('; ')[0].split(' ')[-1]})" if "http" in zoo.get(n).source else ""]
        for n in order])

    # GPT-2: the paper's counts against the released weights, and the same architecture with GPT-1's vocabulary.
    rows = []
    for name in GPT2_SIZES:
        entry = zoo.get(name)
        with_gpt1_vocab = counting.count({**entry.config, "vocab_size": GPT1_VOCAB}).total
        rows.append([entry.label, quoted(entry.published), counts[name].total, with_gpt1_vocab,
                     quoted(with_gpt1_vocab)])
        out.fact(f"{name}.gpt1_vocab_total", with_gpt1_vocab)
    out.table("gpt2-sizes", ["Model", "Paper says", "Released weights", "Same with GPT-1's vocabulary", "Rounded"],
              rows)
    out.fact("gpt1.vocab", GPT1_VOCAB)
    gpt2 = from_hf(zoo.get("gpt2").config)
    out.fact("gpt2.vocab", gpt2.vocab_size)
    out.fact("gpt2.gap", counts["gpt2"].total - int(zoo.get("gpt2").published))
    out.fact("gpt2.embeddings", counts["gpt2"].breakdown["embeddings"])
    out.fact("gpt2.positions", gpt2.n_positions * gpt2.n_embd)
    out.fact("gpt2.non_embedding", counts["gpt2"].total - counts["gpt2"].breakdown["embeddings"])
    out.fact("gpt2.vocab_gap_params", (gpt2.vocab_size - GPT1_VOCAB) * gpt2.n_embd)

    # GPT-3 from the paper's Table 2.1 configuration.
    gpt3 = from_hf(zoo.get("gpt3-175b").config)
    out.fact("gpt3.layers", gpt3.n_layer)
    out.fact("gpt3.width", gpt3.n_embd)
    out.fact("gpt3.heads", gpt3.n_head)
    out.fact("gpt3.head_dim", gpt3.n_embd // gpt3.n_head)
    out.fact("gpt3.context", gpt3.n_positions)
    out.fact("gpt3.per_layer", counts["gpt3-175b"].by_layer[0])
    out.fact("gpt3.layers_total", sum(counts["gpt3-175b"].by_layer))
    out.fact("gpt3.layer_share", sum(counts["gpt3-175b"].by_layer) / counts["gpt3-175b"].total, fmt="{:.1%}")
    out.fact("gpt3.approx_12ld2", 12 * gpt3.n_layer * gpt3.n_embd ** 2)

    # The breakdown of SmolLM2 (the model the site runs), for prose.
    smol = counts["smollm2-135m"]
    for kind, n in smol.breakdown.items():
        out.fact(f"smollm2.kind.{kind.replace(' ', '_')}", n)
        out.fact(f"smollm2.kind.{kind.replace(' ', '_')}.share", n / smol.total, fmt="{:.0%}")

    # One layer of SmolLM2, for the architecture pages (layer, attention, transformer, inference).
    sc = from_hf(zoo.get("smollm2-135m").config)
    layer = build_model(sc).model.layers[0]
    out.fact("smollm2.layers", sc.num_hidden_layers)
    out.fact("smollm2.width", sc.hidden_size)
    out.fact("smollm2.heads", sc.num_attention_heads)
    out.fact("smollm2.kv_heads", sc.num_key_value_heads)
    out.fact("smollm2.head_dim", sc.head_dim)
    out.fact("smollm2.mlp_width", sc.intermediate_size)
    out.fact("smollm2.vocab", sc.vocab_size)
    out.fact("smollm2.context", sc.max_position_embeddings)
    out.fact("smollm2.per_layer", smol.by_layer[0])
    out.fact("smollm2.layers_share", sum(smol.by_layer) / smol.total, fmt="{:.0%}")
    for part in ("self_attn", "mlp", "input_layernorm"):
        out.fact(f"smollm2.layer.{part}", sum(p.numel() for p in getattr(layer, part).parameters()))
    attn = layer.self_attn
    out.fact("smollm2.layer.q", attn.q_proj.weight.numel())
    out.fact("smollm2.layer.kv", attn.k_proj.weight.numel() + attn.v_proj.weight.numel())
    out.fact("smollm2.layer.o", attn.o_proj.weight.numel())
    out.fact("smollm2.layer.mha_kv", 2 * sc.hidden_size * sc.num_attention_heads * sc.head_dim)
    # Inference: a forward pass does about one multiply and one add per weight used by a token (Kaplan et al. 2020).
    non_embedding = smol.total - smol.breakdown["embeddings"]
    out.fact("smollm2.non_embedding", non_embedding)
    out.fact("smollm2.flops_per_token", 2 * non_embedding + 2 * sc.vocab_size * sc.hidden_size)
    out.fact("smollm2.kv_bytes_per_token", 2 * sc.num_hidden_layers * sc.num_key_value_heads * sc.head_dim * 2)
    mixtral = counts["mixtral-8x7b"]
    out.fact("mixtral.total", mixtral.total)
    out.fact("mixtral.active", mixtral.active)
    out.fact("mixtral.active_share", mixtral.active / mixtral.total, fmt="{:.0%}")

    def draw_kinds():
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(7, 5))
        labels = [zoo.get(n).label for n in order]
        left = [0.0] * len(order)
        for i, kind in enumerate(counting.KINDS):
            shares = [counts[n].breakdown.get(kind, 0) / counts[n].total for n in order]
            if not any(shares):
                continue
            ax.barh(labels, shares, left=left, color=f"C{i}", label=KIND_LABELS[kind])
            left = [a + b for a, b in zip(left, shares)]
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(1.0))
        ax.set_xlabel("share of the model's parameters")
        ax.legend(ncols=4, loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False, fontsize="small")
        fig.tight_layout()
        return fig

    out.figure("zoo-by-kind", draw_kinds, alt="Stacked horizontal bars, one per zoo model from smallest to largest, "
               "splitting its parameters into embeddings, output head, attention, MLP or experts, router, biases, "
               "norms and pooler. Small models are mostly embeddings; large ones mostly MLP weights.")

    # Growth: the same architecture at several widths and depths.
    sweep = {L: [counting.count({**zoo.get("gpt2").config, "n_embd": d, "n_layer": L, "n_head": d // 64}).total
                 for d in WIDTHS] for L in DEPTHS}
    base = {**zoo.get("gpt2").config, "n_embd": 1024, "n_layer": 24, "n_head": 16}
    n0 = counting.count(base).total
    out.fact("growth.base_width", 1024)
    out.fact("growth.base_depth", 24)
    out.fact("growth.base_total", n0)
    out.fact("growth.double_width", counting.count({**base, "n_embd": 2048, "n_head": 32}).total / n0, fmt="{:.2f}")
    out.fact("growth.double_depth", counting.count({**base, "n_layer": 48}).total / n0, fmt="{:.2f}")
    out.fact("growth.per_layer_12d2", 12 * 1024 ** 2)
    out.fact("growth.per_layer", counting.count(base).by_layer[0])
    out.data("growth-sweep", {"widths": list(WIDTHS), "depths": list(DEPTHS),
                              "totals": {str(k): v for k, v in sweep.items()}})

    def draw_growth():
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(7, 4))
        for i, L in enumerate(DEPTHS):
            ax.plot(WIDTHS, sweep[L], marker="o", ms=3, color=f"C{i}", label=f"{L} layers")
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        ax.set_xticks(WIDTHS[::2], [str(w) for w in WIDTHS[::2]])
        ax.set_xlabel("width (hidden size)")
        ax.set_ylabel("parameters")
        ax.grid(True, which="major", alpha=0.3)
        ax.legend(frameon=False)
        fig.tight_layout()
        return fig

    out.figure("growth", draw_growth, alt=f"Log-log lines of parameter count against width for depths "
               f"{DEPTHS[0]} to {DEPTHS[-1]} layers of GPT-2's architecture: each line steepens towards slope two "
               f"as width grows (quadratic in width), and doubling the depth roughly doubles the count.")
