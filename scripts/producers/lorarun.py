"""A tiny language model fine-tuned with LoRA on a play it never read: its next-character guesses before and after."""
import copy

import torch

from paramscope.data import corpus
from paramscope.figures import style
from paramscope.lessons import lora, training
from paramscope.models.count import parameters_in
from paramscope_generator.api import expect

MODEL = training.TinyLM()
PRETRAIN = training.TrainConfig(steps=200, batch_size=16, context=32, eval_every=200)
FINETUNE = training.TrainConfig(steps=120, batch_size=16, context=32, eval_every=120, lr=2e-2, warmup=10, seed=1)
RANK = 8
TARGETS = lora.ALL_LINEAR
SPLIT = 0.8          # the first 80% of the new play to fine-tune on, the rest to test on
PROMPT = "\nHAM"     # the start of a speaker's name in the new play: who speaks next?
NAME = "HAMLET"      # the name that line starts in the new play: its next letter is the pattern to learn
TOP = 4              # characters shown from each distribution
WIDTH_IN = 4.2
FONT = 10


def next_char(model, text: corpus.Corpus, prompt: str) -> torch.Tensor:
    """(V,) the model's probabilities for the character after `prompt`."""
    with torch.no_grad():
        return torch.softmax(training.logits_of(model, text.encode(prompt)[None])[0, -1], dim=-1)


def run(ids: torch.Tensor, model, cfg: training.TrainConfig) -> None:
    training.train(model, cfg, training.random_batches(ids, cfg), training.next_token_loss)


def produce(out):
    text = corpus.load()
    new_play = text.encode(text.held_out)
    cut = int(len(new_play) * SPLIT)
    tune_ids, test_ids = new_play[:cut], new_play[cut:]
    model = MODEL.build(text.vocab_size, PRETRAIN.context, seed=0)
    run(text.encode(text.train), model, PRETRAIN)
    total = parameters_in(model)
    def test(m):
        return training.held_out_loss(m, test_ids, PRETRAIN.context, PRETRAIN.eval_batches, PRETRAIN.batch_size)

    before, loss_before = next_char(model, text, PROMPT), test(model)
    frozen = copy.deepcopy(model.state_dict())
    expected = lora.formula(model, RANK, TARGETS)
    adapted = lora.add_lora(model, RANK, TARGETS)
    trainable = lora.trainable(adapted)
    expect(trainable == expected, f"LoRA adds {trainable} trainable parameters, the formula says {expected}")
    run(tune_ids, adapted, FINETUNE)
    after, loss_after = next_char(adapted, text, PROMPT), test(adapted)
    base_now = {k.replace(".base_layer", ""): v for k, v in adapted.state_dict().items() if "lora_" not in k}
    out.check("base-unchanged", all(torch.equal(frozen[k], base_now[k]) for k in frozen),
              "every original parameter is bit for bit what it was before fine-tuning")
    facts(out, text, total, trainable, before, after, loss_before, loss_after)
    pattern(out, text)
    bars_figure(out, text, before, after)


def facts(out, text, total: int, trainable: int, before, after, loss_before: float, loss_after: float) -> None:
    top, old = text.chars.index(NAME[len(PROMPT.strip())]), int(before.argmax())
    out.check("name-rises", top != old and after[top] > 3 * before[top] and after[old] < before[old],
              "the name's next letter, not the model's first choice before, more than triples; the old choice falls")
    out.check("name-near-top", int((after > after[top]).sum()) < 3 <= int((before > before[top]).sum()),
              "the name's letter was outside the model's first three choices before and is among them after")
    out.check("test-loss-falls", loss_after < loss_before, "the loss on unseen lines of the new play falls")
    out.fact("held_out", corpus.title(corpus.HELD_OUT))
    out.fact("params", total)
    out.fact("trainable", trainable)
    out.fact("share", trainable / total, fmt="{:.0%}")
    out.fact("rank", RANK)
    out.fact("matrices", len(TARGETS))
    out.fact("layers", MODEL.num_hidden_layers)
    out.fact("pretrain_steps", PRETRAIN.steps)
    out.fact("steps", FINETUNE.steps)
    out.fact("split", SPLIT, fmt="{:.0%}")
    out.fact("prompt", PROMPT.strip())
    out.fact("top.char", text.chars[top])
    out.fact("top.before", before[top].item(), fmt="{:.1%}")
    out.fact("top.after", after[top].item(), fmt="{:.1%}")
    out.fact("top.times", (after[top] / before[top]).item(), fmt="{:.0f}")
    out.fact("old.char", text.chars[old])
    out.fact("old.before", before[old].item(), fmt="{:.1%}")
    out.fact("old.after", after[old].item(), fmt="{:.1%}")
    out.fact("loss.before", loss_before, fmt="{:.2f}")
    out.fact("loss.after", loss_after, fmt="{:.2f}")


def pattern(out, text: corpus.Corpus) -> None:
    """How new the pattern is: lines starting with the prompt in the new play, and how many are HAMLET's name."""
    start = PROMPT.strip()
    lines = [line for line in text.held_out.split("\n") if line.startswith(start)]
    out.fact("pattern.lines", len(lines))
    out.fact("pattern.share", sum(line.startswith(NAME) for line in lines) / len(lines), fmt="{:.0%}")
    out.fact("pattern.train_lines", sum(line.startswith(start) for line in text.train.split("\n")))


def bars_figure(out, text, before: torch.Tensor, after: torch.Tensor) -> None:
    chosen = list(dict.fromkeys(after.topk(TOP).indices.tolist() + before.topk(TOP).indices.tolist()))
    labels = [f"“{text.chars[i]}”" for i in chosen]

    def draw():
        import matplotlib.pyplot as plt
        from matplotlib.ticker import PercentFormatter
        fig, ax = plt.subplots(figsize=style.figsize(0.32 * len(chosen) + 1.0, WIDTH_IN))
        y = torch.arange(len(chosen)).float()
        theme = "dark" if plt.rcParams["text.color"] == style.INK["dark"] else "light"
        ax.barh(y - 0.2, [before[i].item() for i in chosen], height=0.4, color=style.MUTED[theme],
                label="before fine-tuning")
        ax.barh(y + 0.2, [after[i].item() for i in chosen], height=0.4, color=style.kind_color("lora"),
                label="after, with LoRA")
        ax.set_yticks(y.tolist(), labels, fontsize=FONT)
        ax.invert_yaxis()
        ax.set_xlabel(f"probability of the next character after “{PROMPT.strip()}”", fontsize=FONT)
        ax.tick_params(labelsize=FONT)
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.legend(fontsize=FONT, loc="lower left", ncols=2, bbox_to_anchor=(0, 1.0))
        fig.tight_layout()
        return fig

    out.figure("next-char", draw, alt=(
        f"Paired bars: the tiny model's probability of each next character after a line starting “HAM”, before and "
        f"after LoRA fine-tuning on {corpus.title(corpus.HELD_OUT)}: "
        + ", ".join(f"“{text.chars[i]}” {before[i].item():.0%} → {after[i].item():.0%}" for i in chosen) + "."))
