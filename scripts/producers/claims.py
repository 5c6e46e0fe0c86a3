"""Claims, checked: popular statements about model size set beside what the build computes, with a verdict."""
from paramscope import compute_budget, counting, zoo
from paramscope.models import build_model

LAYER_MODELS = ("smollm2-135m", "llama-3-8b", "llama-3-70b", "gpt3-175b", "llama-3.1-405b")
WIDTH_MODELS = ("smollm2-135m", "llama-2-7b", "mistral-7b-v0.1", "llama-3-8b", "llama-3-70b", "gpt3-175b")
ANSWER_TOKENS = 100  # a paragraph-long answer
# The popular statements, as usually made: the numbers being checked.
CLAIMED_LAYERS = 100
CLAIMED_WIDTH = 4096
CLAIMED_GB = 140


def layers(name: str) -> int:
    return len(counting.count(zoo.get(name).config).by_layer)


def width(name: str) -> int:
    config = zoo.get(name).config
    return config.get("hidden_size") or config["n_embd"]


def produce(out):
    rows = []

    # GPT-3 has 175 billion parameters.
    gpt3 = counting.count(zoo.get("gpt3-175b").config).total
    off = gpt3 / zoo.get("gpt3-175b").published - 1
    out.fact("gpt3.claimed", compute_budget.in_words(zoo.get("gpt3-175b").published))
    out.fact("gpt3.total", gpt3)
    out.fact("gpt3.billions", gpt3 / 1e9, fmt="{:.1f}")
    out.fact("gpt3.off", off, fmt="{:+.2%}")
    verdict = "Holds" if abs(off) < 0.01 else "Off"
    out.fact("gpt3.verdict", verdict)
    rows.append([f"GPT-3 has {compute_budget.in_words(zoo.get('gpt3-175b').published)} parameters",
                 f"{gpt3:,} from its published shape", verdict])

    # "About 100 layers."
    depth = {name: layers(name) for name in LAYER_MODELS}
    for name, n in depth.items():
        out.fact(f"layers.{name}", n)
        out.fact(f"label.{name}", zoo.get(name).label)
    out.fact("layers.claimed", CLAIMED_LAYERS)
    near = [zoo.get(n).label for n, d in depth.items() if abs(d / CLAIMED_LAYERS - 1) <= 0.3]  # "about": within 30%
    out.fact("layers.near", ", ".join(near))
    verdict = "Holds" if len(near) == len(depth) else "Only for the largest models" if near else "Off"
    out.fact("layers.verdict", verdict)
    rows.append([f"Large language models have about {CLAIMED_LAYERS} layers",
                 ", ".join(f"{zoo.get(n).label} {d}" for n, d in depth.items()), verdict])

    # "Each token becomes a list of 4,096 numbers."
    widths = {name: width(name) for name in WIDTH_MODELS}
    for name, w in widths.items():
        out.fact(f"width.{name}", w)
    out.fact("width.claimed", CLAIMED_WIDTH)
    matching = [zoo.get(n).label for n, w in widths.items() if w == CLAIMED_WIDTH]
    out.fact("width.matching", ", ".join(matching))
    verdict = "Holds" if len(matching) == len(widths) else "Only for some models" if matching else "Off"
    out.fact("width.verdict", verdict)
    rows.append([f"An embedding is {CLAIMED_WIDTH:,} numbers",
                 ", ".join(f"{zoo.get(n).label} {w:,}" for n, w in widths.items()), verdict])

    # "Each neuron holds one weight per input dimension plus one bias."
    gpt2 = dict(build_model(zoo.get("gpt2").config).named_parameters())
    fc_in, fc_out = gpt2["transformer.h.0.mlp.c_fc.weight"].shape  # Conv1D stores (in, out)
    has_bias = "transformer.h.0.mlp.c_fc.bias" in gpt2
    smol = build_model(zoo.get("smollm2-135m").config)
    mlp = smol.model.layers[0].mlp
    smol_biases = sum(p.numel() for n, p in smol.named_parameters() if n.endswith("bias"))
    gated = mlp.gate_proj.in_features + mlp.up_proj.in_features + mlp.down_proj.out_features
    out.fact("neuron.gpt2.inputs", fc_in)
    out.fact("neuron.gpt2.neurons", fc_out)
    out.fact("neuron.gpt2.incoming", fc_in + int(has_bias))
    out.fact("neuron.gpt2.outgoing", gpt2["transformer.h.0.mlp.c_proj.weight"].shape[1])
    out.fact("neuron.gpt2.bias_share", counting.count(zoo.get("gpt2").config).breakdown["biases"]
             / counting.count(zoo.get("gpt2").config).total, fmt="{:.2%}")
    out.fact("neuron.smollm2.biases", smol_biases)
    out.fact("neuron.smollm2.weights", gated)
    out.fact("neuron.smollm2.width", mlp.gate_proj.in_features)
    verdict = "Holds for GPT-2, not for Llama-style models"
    out.fact("neuron.verdict", verdict)
    rows.append(["A neuron holds one weight per dimension plus one bias",
                 f"GPT-2: {fc_in:,} weights + 1 bias in, {fc_in:,} out; "
                 f"SmolLM2: {gated:,} weights, {smol_biases:,} biases",
                 verdict])

    # "A 70B model needs about 140 GB."
    c70 = counting.count(zoo.get("llama-3-70b").config)
    out.fact("memory.params", c70.total)
    for fmt_name, size in c70.memory.items():
        out.fact(f"memory.{fmt_name}_gb", size / 1e9, fmt="{:,.0f}")
    out.fact("memory.claimed_gb", CLAIMED_GB)
    verdict = "Holds for 16-bit weights" if abs(c70.memory["bf16"] / (CLAIMED_GB * 1e9) - 1) < 0.05 else "Off"
    out.fact("memory.verdict", verdict)
    rows.append([f"A 70B model needs about {CLAIMED_GB} GB",
                 f"Llama 3 70B: {c70.total:,} x 2 bytes = {c70.memory['bf16'] / 1e9:,.0f} GB (bf16); "
                 f"{c70.memory['int4'] / 1e9:,.0f} GB at 4 bits; {c70.memory['training'] / 1e9:,.0f} GB to train",
                 verdict])

    # "Trillions (or quadrillions) of calculations."
    per_token = compute_budget.inference_flops_per_token(gpt3)
    answer = per_token * ANSWER_TOKENS
    gpt3_run = next(run for run in compute_budget.RUNS if run.model == "gpt3-175b")
    training = compute_budget.training_flops(gpt3, gpt3_run.tokens)
    out.fact("flops.per_token", compute_budget.in_words(per_token))
    out.fact("flops.answer_tokens", ANSWER_TOKENS)
    out.fact("flops.answer", compute_budget.in_words(answer))
    out.fact("flops.training", compute_budget.scientific(training))
    out.fact("flops.training_quadrillions", training / compute_budget.QUADRILLION, fmt="{:,.0f}")
    verdict = "Depends on what is counted"
    out.fact("flops.verdict", verdict)
    rows.append(["Answering takes trillions of calculations; training, quadrillions",
                 f"GPT-3: {compute_budget.in_words(per_token)} per token, {compute_budget.in_words(answer)} for "
                 f"{ANSWER_TOKENS} tokens; training {compute_budget.scientific(training)}", verdict])

    out.table("table", ["Claim", "What the build computes", "Verdict"], rows)
