"""Training a tiny language model on Shakespeare: loss, single parameters' paths, weights before and after."""
import copy
import html
import math
import re

import torch

from paramscope.data import compute_budget, corpus
from paramscope.figures import style
from paramscope.figures.style import PHONE_WIDTH_IN as PHONE_IN
from paramscope.lessons import training
from paramscope.models.count import parameters_in
from paramscope.text import printed, words

MODEL = training.TinyLM()
CONFIG = training.TrainConfig(steps=600, batch_size=16, context=64)
WATCHED = 6              # individual parameters whose every value is recorded
MATRIX = "model.layers.1.mlp.up_proj.weight"  # the weight matrix whose histogram is drawn before and after
PROMPT = "HAMLET:\n"     # Hamlet is the held-out play: the model never trained on it
SAMPLE_CHARS = 240


def in_words(label: str) -> tuple[str, str]:
    """'model.layers.0.self_attn.v_proj.weight[12, 8]' -> ('attention value, layer 1', 'attention'): the page's
    words for a watched parameter, and its kind for the colour."""
    name = label.split("[")[0]
    found = words.of(name)
    if m := re.search(r"layers\.(\d+)\.", name):
        return f"{found.alone}, layer {int(m.group(1)) + 1}", found.kind
    return ("embedding table" if found.kind == "embeddings" else found.alone), found.kind


def lines_kept(text: str) -> str:
    """A sample as one line of Markdown that keeps its line breaks (as `<br>`, so a page's `> {{ marker }}` quote
    shows the play's short lines), with what Markdown or HTML would read as formatting escaped, so the random
    characters of the untrained model show as is."""
    lines = [html.escape(line.strip(), quote=False) for line in text.split("\n") if line.strip()]
    return re.sub(r"([\\`*_\[\]{}()#!])", r"\\\1", "\n".join(lines)).replace("\n", "<br>")


def produce(out):
    text = corpus.load()
    train_ids, held_ids = text.encode(text.train), text.encode(text.held_out)
    model = MODEL.build(text.vocab_size, CONFIG.context, seed=0)
    initial = copy.deepcopy(model)
    watch = training.pick_watched(model, WATCHED, torch.Generator().manual_seed(1))

    sample = training.random_batches(train_ids, CONFIG)

    def evaluate():
        return training.held_out_loss(model, held_ids, CONFIG.context, CONFIG.eval_batches, CONFIG.batch_size)

    history = training.train(model, CONFIG, sample, training.next_token_loss, evaluate, watch)
    n_params = parameters_in(model)
    prompt = text.encode(PROMPT).tolist()
    before = PROMPT + text.decode(training.write(initial, prompt, SAMPLE_CHARS, CONFIG.context, seed=0))
    after = PROMPT + text.decode(training.write(model, prompt, SAMPLE_CHARS, CONFIG.context, seed=0))
    facts(out, text, history, n_params, before, after)
    loss_figure(out, text, history)
    paths_figure(out, history)
    weights_figure(out, initial, model, history)


def facts(out, text, history, n_params: int, before: str, after: str) -> None:
    """The corpus, the model, the run, GPT-3's steps for scale, the losses and the samples."""
    out.fact("corpus.package", f"{corpus.PACKAGE} {corpus.VERSION}")
    out.fact("corpus.plays", len(corpus.plays()))
    out.fact("corpus.train_chars", len(text.train))
    out.fact("corpus.held_out_chars", len(text.held_out))
    out.fact("corpus.held_out", corpus.title(corpus.HELD_OUT))
    out.fact("corpus.vocab", text.vocab_size)
    run = {"model.params": n_params, "model.layers": MODEL.num_hidden_layers, "model.width": MODEL.hidden_size,
           "model.init_std": MODEL.init_std, "steps": CONFIG.steps, "batch_size": CONFIG.batch_size,
           "context": CONFIG.context}
    for name, value in run.items():
        out.fact(name, value)
    out.fact("lr", CONFIG.lr, fmt="{:g}")
    out.fact("updates_per_param", history.updates)
    # GPT-3: every parameter is updated once per step, and a step reads one batch of 3.2 million tokens
    gpt3 = compute_budget.run_of("gpt3-175b")
    gpt3_steps = compute_budget.optimizer_steps(gpt3)
    out.check("gpt3-tens-of-thousands", 10_000 <= gpt3_steps < 100_000, "GPT-3's steps are tens of thousands")
    out.fact("gpt3.tokens", printed.in_words(gpt3.tokens))
    out.fact("gpt3.batch_tokens", printed.in_words(gpt3.batch_tokens))
    out.fact("gpt3.steps", gpt3_steps, fmt="{:,.0f}")
    out.fact("tokens", history.tokens)
    out.fact("tokens_per_param", history.tokens / n_params, fmt="{:.1f}")
    out.fact("epochs", history.tokens / len(text.train), fmt="{:.2f}")
    out.fact("flops", compute_budget.training_flops(n_params, history.tokens), fmt="{:.2e}")
    out.fact("loss.uniform", math.log(text.vocab_size), fmt="{:.2f}")
    out.fact("loss.initial", history.eval_loss[0], fmt="{:.2f}")
    out.fact("loss.final_train", sum(history.loss[-20:]) / 20, fmt="{:.2f}")
    out.fact("loss.final_held_out", history.eval_loss[-1], fmt="{:.2f}")
    out.fact("perplexity.initial", math.exp(history.eval_loss[0]), fmt="{:.1f}")
    out.fact("perplexity.final", math.exp(history.eval_loss[-1]), fmt="{:.1f}")
    out.fact("sample.prompt", PROMPT.strip())
    out.fact("sample.before", lines_kept(before))
    out.fact("sample.after", lines_kept(after))
    out.fact("watched", WATCHED)
    out.fact("matrix", MATRIX)


def loss_figure(out, text, history) -> None:
    def draw_loss(phone: bool = False):
        """Training and held-out loss; the legend shows lines only (a dot in it would read as a data point), in the
        empty space right of the curves' bend, on a phone under the axes."""
        import matplotlib.pyplot as plt
        from matplotlib.lines import Line2D
        fig, ax = plt.subplots(figsize=style.figsize(4.4, PHONE_IN) if phone else style.figsize(3.2))
        ax.plot(history.steps, history.loss, color=style.SERIES[0], lw=0.8, alpha=0.7)
        ax.plot(history.eval_steps, history.eval_loss, "o-", color=style.SERIES[1], ms=3)
        ax.axhline(math.log(text.vocab_size), color=plt.rcParams["text.color"], ls="--", lw=0.8)
        handles = [Line2D([], [], color=style.SERIES[0], lw=1.6, label="training batch"),
                   Line2D([], [], color=style.SERIES[1], lw=1.6,
                          label=f"held-out ({corpus.title(corpus.HELD_OUT)}), every {CONFIG.eval_every} steps"),
                   Line2D([], [], color=plt.rcParams["text.color"], ls="--", lw=0.8,
                          label="uniform guess, ln(vocabulary)")]
        fig = style.finish(fig, ax, x="update (step)", y="loss (nats per character)",
                           legend=dict(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.22)) if phone
                           else dict(handles=handles, loc="center right"))
        return fig

    out.figure("loss", draw_loss, alt=(
        f"Line chart: training loss falls from about {history.loss[0]:.1f} to about {history.loss[-1]:.1f} nats per "
        f"character over {CONFIG.steps} updates; the held-out loss on {corpus.title(corpus.HELD_OUT)} follows it."))


def paths_figure(out, history) -> None:
    def draw_paths(phone: bool = False):
        """The watched parameters' paths; on a phone a taller plot across the column, fewer ticks, the legend in
        one column under the axes."""
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=style.figsize(5.0, PHONE_IN) if phone else style.figsize(3.8))
        steps = range(0, history.updates + 1)
        dashes = ["-", "--", ":", "-."]
        seen: dict[str, int] = {}
        for name, values in history.watched.items():
            said, kind_ = in_words(name)
            ls = dashes[seen.get(kind_, 0) % len(dashes)]
            seen[kind_] = seen.get(kind_, 0) + 1
            ax.plot(steps, values, color=style.kind_color(kind_), ls=ls, lw=1.6 if phone else 1.3, label=said)
        ax.axhline(0, color=plt.rcParams["text.color"], lw=0.5)
        if phone:
            ax.xaxis.set_major_locator(plt.MaxNLocator(3))
            ax.yaxis.set_major_locator(plt.MaxNLocator(4))
        fig = style.finish(fig, ax, x="update (step)", y="value" if phone else "value of the parameter",
                           legend=dict(ncols=1 if phone else 2, loc="upper center",
                                       bbox_to_anchor=(0.5, -0.16 if phone else -0.2)))
        return fig

    out.figure("paths", draw_paths, alt=(
        f"Line chart: {WATCHED} individual parameters, one from each of {WATCHED} matrices (coloured by kind: "
        f"attention, MLP, embedding), start near zero (random draws) and drift, each along its own path, over "
        f"{history.updates} updates."))


def weights_figure(out, initial, model, history) -> None:
    """One matrix's weights before and after training."""
    w0 = dict(initial.named_parameters())[MATRIX].detach().flatten()
    w1 = dict(model.named_parameters())[MATRIX].detach().flatten()
    out.check("weights-spread", w1.std() > w0.std(), "the matrix's weights spread out in training")
    out.fact("matrix.size", w0.numel())
    out.fact("matrix.std_before", w0.std().item(), fmt="{:.3f}")
    out.fact("matrix.std_after", w1.std().item(), fmt="{:.3f}")
    out.fact("matrix.max_after", w1.abs().max().item(), fmt="{:.2f}")
    matrix_words, matrix_kind = in_words(MATRIX)

    def draw_weights():
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=style.figsize(3.2))
        edges = torch.linspace(-w1.abs().max().item(), w1.abs().max().item(), 81)
        ax.hist(w0.numpy(), bins=edges.numpy(), color=style.MUTED["light"], alpha=0.7, label="at initialisation")
        ax.hist(w1.numpy(), bins=edges.numpy(), color=style.kind_color(matrix_kind), alpha=0.7,
                label=f"after {history.updates} updates")
        # The legend above the axes: inside, on a phone's narrower figure, it lay over the bars.
        return style.finish(fig, ax, x=f"value ({matrix_words}, {w0.numel():,} numbers)", y="how many",
                            legend=dict(loc="lower center", bbox_to_anchor=(0.5, 1.02), ncols=1, frameon=False))

    out.figure("weights", draw_weights, alt=(
        f"Two histograms of the same {w0.numel():,} weights: a narrow bell at initialisation (standard deviation "
        f"{w0.std().item():.3f}) and a wider one after training ({w1.std().item():.3f})."))
