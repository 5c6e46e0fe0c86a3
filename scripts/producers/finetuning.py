"""Parameter-efficient fine-tuning: how many parameters LoRA trains on the real SmolLM2, against full fine-tuning."""
import torch

from paramscope.arch import counting
from paramscope.checkpoints import minilm, smollm2
from paramscope.data import prompts
from paramscope.lessons import lora
from paramscope.models.count import parameters_in
from paramscope_generator.api import expect

RANKS = (4, 8, 16, 64)
TARGETS = {"qv": lora.ATTENTION_QV, "all": lora.ALL_LINEAR}
LABELS = {"qv": "attention query and value", "all": f"all {len(lora.ALL_LINEAR)} matrices of each layer"}
PROMPT = prompts.CAPITAL


def produce(out):
    lm = smollm2.load(cache=out.project.cache)
    model = lm.model
    full = lora.trainable(model.requires_grad_(True))
    ids = torch.tensor([lm.encode(PROMPT)])
    with torch.no_grad():
        before = model(ids)

    rows, counts = [], {}
    for key, targets in TARGETS.items():
        for rank in RANKS:
            expected = lora.formula(model, rank, targets)
            adapted = lora.add_lora(model, rank, targets)
            added = lora.trainable(adapted)
            expect(added == expected, f"LoRA rank {rank} on {targets}: module {added} != formula {expected}")
            counts[key, rank] = added
            out.fact(f"lora.{key}.r{rank}", added)
            out.fact(f"lora.{key}.r{rank}.share", added / full, fmt="{:.2%}")
            rows.append([LABELS[key], rank, added, f"{added / full:.2%}"])
            if key == "qv" and rank == 8:
                with torch.no_grad():
                    out.fact("lora.start_difference", (adapted(ids) - before).abs().max().item(), fmt="{:g}")
            model = lm.model = lora.remove_lora(adapted)
    shapes_and_memory(out, model, full, counts, rows)
    bitfit(out, model)


def shapes_and_memory(out, model, full: int, counts: dict, rows: list) -> None:
    """The matrices LoRA adapts, the rank tables, and training memory with and without it."""
    n_layers = len(model.model.layers)
    attn = model.model.layers[0].self_attn
    out.fact("full", full)
    out.fact("layers", n_layers)
    out.fact("hidden", attn.q_proj.in_features)
    out.fact("q_out", attn.q_proj.out_features)
    out.fact("v_out", attn.v_proj.out_features)
    out.fact("matrices.qv", 2 * n_layers)
    out.fact("matrices.all", len(lora.ALL_LINEAR) * n_layers)
    out.fact("bytes_per_param.training", counting.TRAINING_BYTES_PER_PARAM)
    # Training memory for weights and optimiser, activations aside: everything at 16 bytes for full fine-tuning;
    # with LoRA the frozen weights are only read (2 bytes each in bf16) and the adapters take the 16.
    added = counts["qv", 8]
    out.fact("memory.full_gib", full * counting.TRAINING_BYTES_PER_PARAM / 2 ** 30, fmt="{:.2f}")  # GiB, as Model size
    frozen = full * counting.BYTES_PER_PARAM["bf16"]
    out.fact("memory.lora_gib", (frozen + added * counting.TRAINING_BYTES_PER_PARAM) / 2 ** 30, fmt="{:.2f}")
    out.table("ranks", ["Matrices adapted", "Rank r", "Trainable", "Share of full"], rows)
    # The page's short table: rank 8 on either set of matrices, and the highest rank on all of them
    out.table("ranks.short", ["Matrices adapted", "Rank r", "Trainable", "Share of full"],
              [row for row in rows if row[1] == 8 or row[1] == RANKS[-1] and row[0] == LABELS["all"]])


def bitfit(out, model) -> None:
    # BitFit trains only existing parameters, the biases: on MiniLM, every tensor named "bias" (as on the Bias page)
    mini = minilm.load(out.project.cache).model
    mini_total = parameters_in(mini)
    mini_biases = sum(p.numel() for n, p in mini.named_parameters() if n.endswith(".bias"))
    smol_biases = sum(p.numel() for n, p in model.named_parameters() if n.endswith(".bias"))
    out.check("bitfit-which-model", mini_biases > 0 and smol_biases == 0, "MiniLM has biases and SmolLM2 has none")
    out.fact("bitfit.minilm", mini_biases)
    out.fact("bitfit.minilm.share", mini_biases / mini_total, fmt="{:.3%}")
    out.fact("bitfit.smollm2", smol_biases)

