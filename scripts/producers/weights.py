"""Real weight matrices: their shapes and value histograms by kind, and one token passing through one real layer."""
from functools import partial

import torch

from paramscope.checkpoints import minilm, smollm2, storage
from paramscope.data import prompts
from paramscope.figures import style
from paramscope.lessons import one_layer as one_layer_lesson
from paramscope.text import printed, words
from paramscope_generator.api import expect, name_part

PROMPT = prompts.CAPITAL
LAYER = 0  # the first layer: the token's input is then its bare embedding row, as shown on the embedding page
FIRST = 6  # values quoted per step
BINS = 40  # histogram bins per kind of weight (more only adds SVG bytes, not shape)
TITLES = {"minilm": "all-MiniLM-L6-v2", "smollm2": storage.model_name()}


def log_tick(v: float, _) -> str:
    """1000 -> '10³' as plain text (matplotlib's default log labels draw exponents below the minimum type size)."""
    return printed.ten_to(round(torch.log10(torch.tensor(v)).item())) if v > 0 else ""


def color(names: list[str]) -> str:
    """The colour of a kind's tensors."""
    return style.kind_color(words.of(names[0]).kind)


def shapes_of(tensors: list[torch.Tensor]) -> str:
    """A kind's shapes as its table row prints them: "576 × 576", or each shape when its tensors differ
    ("576 × 576 / 192 × 576")."""
    return " / ".join(printed.shape(s) for s in sorted({tuple(t.shape) for t in tensors}))


def produce(out):
    lm, mini = smollm2.load(cache=out.project.cache), minilm.load(out.project.cache)
    states = {"smollm2": dict(lm.model.named_parameters()), "minilm": dict(mini.model.named_parameters())}
    groups = {name: words.weights_by_word(state) for name, state in states.items()}
    shapes(out, states, groups)
    corner(out, states["smollm2"], groups["smollm2"])
    file_formats(out, lm, states)
    stats, kurtosis = piles(out, states, groups)
    bell = pile_checks(out, states, groups, stats, kurtosis)
    histograms(out, groups, stats, bell)
    steps, token = one_layer(out, lm)
    steps_figure(out, steps, token)


def shapes(out, states: dict, groups: dict) -> None:
    """The tables of each model's weights by kind (how the file stores each kind is Going further's `formats`)."""
    for name, state in states.items():
        out.table(f"shapes.{name}", ["Kind", "Shape (rows × columns)", "Tensors", "Numbers"],
                  [[kind, shapes_of([state[n] for n in names]), len(names), sum(state[n].numel() for n in names)]
                   for kind, names in groups[name].items()])
        matrices = [n for ns in groups[name].values() for n in ns if states[name][n].ndim == 2]
        out.fact(f"{name}.matrices", len(matrices))
        out.fact(f"{name}.matrix_numbers", sum(states[name][n].numel() for n in matrices))
        out.fact(f"{name}.total", sum(p.numel() for p in states[name].values()))
    # what the reader should see in SmolLM2's table: the MLP's three kinds of matrix hold most of its weights
    lm_state, lm_groups = states["smollm2"], groups["smollm2"]
    matrix_numbers = sum(lm_state[n].numel() for ns in lm_groups.values() for n in ns if lm_state[n].ndim == 2)
    mlp = sum(lm_state[n].numel() for k, ns in lm_groups.items() if k.startswith("MLP") for n in ns)
    out.fact("smollm2.mlp_share", mlp / matrix_numbers, fmt="{:.0%}")
    out.check("mlp-over-half", mlp > matrix_numbers / 2, "the MLP's matrices hold more than half of SmolLM2's weights")


CORNER = 3  # rows and columns of the real matrix's corner shown beside the small one


def corner(out, state: dict, groups: dict) -> None:
    """The top-left corner of SmolLM2's first query matrix: a real grid of weights, read like the small W above it."""
    name = next(n for n in groups["attention query"] if ".0." in n)
    w = state[name].detach()
    part = w[:CORNER, :CORNER]
    out.fact("corner.rows", w.shape[0])
    out.fact("corner.columns", w.shape[1])
    out.fact("corner.size", CORNER)
    out.table("corner", ["Row", *(f"Column {j + 1}" for j in range(CORNER))],
              [[i + 1, *(float(v) for v in part[i])] for i in range(CORNER)],
              fmt={f"Column {j + 1}": "{:.3f}" for j in range(CORNER)})
    out.check("corner-small-both-signs", bool(part.abs().max() < 1) and bool((part > 0).any() and (part < 0).any()),
              "the corner's weights are all between -1 and 1, some positive and some negative")


def file_formats(out, lm, states: dict) -> None:
    """How the file stores them: each format's block layout from gguf's own table, tallied over the file's tensors."""
    # How the file stores them: each format's block layout from gguf's own table, tallied over the file's tensors
    formats = storage.file_formats(lm.config["file_tensors"])
    q4 = storage.layout(formats.main_format)
    out.fact("smollm2.model", storage.model_name())
    out.fact("smollm2.main_format", formats.main_format)
    out.fact("smollm2.embedding_format", formats.embedding_format)
    out.fact("smollm2.average_bits", formats.average_bits, fmt="{:.2f}")
    out.fact("smollm2.file_mb", formats.bytes / 1e6, fmt="{:.1f}")
    out.fact("smollm2.q4_blocks", q4.block_size)
    out.fact("smollm2.q4_block_bytes", q4.block_bytes)
    format_rows = []
    for name_, n in sorted(formats.numbers.items(), key=lambda kv: -kv[1]):
        f = storage.layout(name_)
        out.fact(f"smollm2.bits.{name_.lower()}", f.bits, fmt="{:g}")
        format_rows.append([name_, f.block_size, f.block_bytes, f"{f.bits:g}", formats.tensors[name_], n])
    out.table("formats", ["Format", "Block (numbers)", "Block (bytes)", "Bits per number", "Tensors", "Numbers"],
              format_rows)
    out.check("main-format-q4-1", formats.main_format == "Q4_1", "most matrices are stored as Q4_1")
    out.check("embedding-format-q8-0", formats.embedding_format == "Q8_0", "the embedding table is stored as Q8_0")
    q_name = f"model.layers.{LAYER}.self_attn.q_proj.weight"
    levels = int(states["smollm2"][q_name][0, : q4.block_size].unique().numel())
    out.check("at-most-sixteen", levels <= 16, f"a Q4_1 block holds at most sixteen values, not {levels}")
    out.fact("smollm2.q_levels", levels)


def piles(out, states: dict, groups: dict) -> tuple[dict, dict]:
    """Each kind's histogram, spread, largest value, mean and kurtosis."""
    stats = {}  # (model, kind) -> (bin edges, counts, number of values), counted once for both themes
    kurtosis = {}
    for name in states:
        for k, names in groups[name].items():
            values = torch.cat([states[name][n].detach().flatten() for n in names])
            lim = float(values.abs().max())
            stats[(name, k)] = (torch.linspace(-lim, lim, BINS + 1), torch.histc(values, BINS, -lim, lim),
                                values.numel())
            slug = name_part(k)
            out.fact(f"{name}.std.{slug}", float(values.std()), fmt="{:.3f}")
            out.fact(f"{name}.maxabs.{slug}", lim, fmt="{:.2f}")
            out.fact(f"{name}.mean.{slug}", float(values.mean()), fmt="{:.2f}")
            z = (values.double() - values.double().mean()) / values.double().std()
            kurtosis[(name, k)] = float((z ** 4).mean())  # 3 for a bell curve; more: longer, thinner tails
            out.fact(f"{name}.kurtosis.{slug}", kurtosis[(name, k)], fmt="{:.1f}")
            if k == "norm":
                out.fact(f"{name}.positive.norm", float((values > 0).float().mean()), fmt="{:.1%}")
    return stats, kurtosis


def pile_checks(out, states: dict, groups: dict, stats: dict, kurtosis: dict) -> list[tuple[str, str]]:
    """What the page says about these piles, checked on the data; the kinds without long tails."""
    matrices = [(name, k) for (name, k) in stats if k != "norm"]
    off_centre = []
    for name, k in matrices:
        values = torch.cat([states[name][n].detach().flatten() for n in groups[name][k]])
        if not abs(float(values.mean())) < 0.05 * float(values.std()):
            off_centre.append(f"{name} {k}")
    out.check("centred-on-zero", not off_centre, f"every kind of matrix is centred on zero; not {off_centre}")
    bell = [(name, k) for name, k in matrices if kurtosis[(name, k)] < 3.5]
    out.check("bell-only-in-minilm", len(bell) == 2 and all(name == "minilm" for name, _ in bell),
              f"the kinds without long tails are two of MiniLM's, not {bell}")
    out.fact("bell_like", " and ".join(f"{k} ({kurtosis[('minilm', k)]:.1f})" for _, k in bell))
    long = [kurtosis[key] for key in matrices if key not in bell]
    out.fact("kurtosis.min", min(long), fmt="{:.1f}")
    negative_norms = []
    for name in states:
        norms = torch.cat([states[name][n].detach().flatten() for n in groups[name]["norm"]])
        if not (norms > 0).float().mean() > 0.95:
            negative_norms.append(name)
    out.check("norms-positive", not negative_norms,
              f"every model's norm scales are mostly positive; not {negative_norms}")
    wider = []
    for k in ("attention query", "MLP up"):
        s_mini = torch.cat([states["minilm"][n].detach().flatten() for n in groups["minilm"][k]]).std()
        s_smol = torch.cat([states["smollm2"][n].detach().flatten() for n in groups["smollm2"][k]]).std()
        if not s_mini < s_smol:
            wider.append(k)
    out.check("minilm-narrower", not wider, f"MiniLM's weights are narrower than SmolLM2's; not {wider}")
    return bell


def histograms(out, groups: dict, stats: dict, bell: list[tuple[str, str]]) -> None:
    def draw_histograms(name: str, phone: bool = False):
        """Three panels a row across the column; on a phone two a row, narrower, the title wrapped."""
        import matplotlib.pyplot as plt
        kinds = list(groups[name])
        cols = 2 if phone else 3
        rows = (len(kinds) + cols - 1) // cols
        size = style.figsize(2.0 * rows + 0.7, 3.6) if phone else style.figsize(1.9 * rows + 0.5)
        fig, axes = plt.subplots(rows, cols, figsize=size, squeeze=False)
        for ax, k in zip(axes.flat, kinds):
            edges, counts, n = stats[(name, k)]
            ax.stairs(counts.numpy(), edges.numpy(), fill=True, color=color(groups[name][k]))
            ax.set_yscale("log")
            ax.yaxis.set_minor_locator(plt.NullLocator())  # minor log ticks: thousands of SVG elements
            ax.yaxis.set_major_locator(plt.LogLocator(numticks=3))
            ax.yaxis.set_major_formatter(plt.FuncFormatter(log_tick))  # plain text: mathtext shrinks exponents
            ax.xaxis.set_major_locator(plt.MaxNLocator(3 if not phone else 2, symmetric=True))
            ax.set_title(f"{k}\n{n:,} numbers", fontsize=style.MIN_PT)
        for ax in list(axes.flat)[len(kinds):]:
            ax.axis("off")
        title = f"{TITLES[name]}: every weight's value, by kind (count, log scale)"
        fig.suptitle(title.replace(": ", ":\n", 1) if phone else title)
        fig.tight_layout()
        return fig

    for name in groups:
        bell_here = [k for n_, k in bell if n_ == name]
        shape = ("every kind of matrix is centred on zero with a narrow peak and long thin tails"
                 if not bell_here else
                 f"every kind of matrix is centred on zero with a narrow peak; all but the {' and '.join(bell_here)} "
                 "have long thin tails")
        out.figure(f"histograms.{name}", partial(draw_histograms, name),
                   alt=f"Histograms of the weight values of {TITLES[name]}, one panel per kind of matrix, counts on a "
                       f"log scale: {shape}; the norms' scales sit mostly on positive values instead.")


def one_layer(out, lm) -> tuple[list, str]:
    """One token through one layer of SmolLM2, step by step, checked against the model's own forward pass."""
    ids = lm.encode(PROMPT)
    walked = one_layer_lesson.through(lm.model, ids, LAYER)
    expect(walked.matches_model, "the step-by-step layer must equal the model's")
    params = dict(lm.model.named_parameters())
    out.table("steps", ["Step", "Weights used", "Result size", f"First {FIRST} values"], [
        [s.label, printed.shape(params[s.weight].shape) if s.weight else "(none)", int(s.vector.numel()),
         printed.fixed_list(s.vector[:FIRST].tolist(), 3)]
        for s in walked.steps])
    out.fact("steps.prompt", PROMPT)
    out.fact("steps.token", lm.token(ids[-1]))
    out.fact("steps.tokens", len(ids))
    out.fact("steps.layer", LAYER + 1)  # prose counts layers from 1
    out.fact("steps.layers", lm.model.arch.layers)
    matrices, norm_scales, every = one_layer_lesson.matrices_and_norms(params, f"model.layers.{LAYER}.")
    out.check("layer-matrices-and-norms", matrices + norm_scales == every,
              "a layer's parameters are its matrix weights and its norm scales")
    out.fact("steps.layer_params", matrices + norm_scales)
    out.fact("steps.layer_matrix_weights", matrices)
    out.fact("steps.layer_norm_scales", norm_scales)
    out.fact("steps.heads", lm.model.arch.heads)
    out.fact("steps.kv_heads", lm.model.arch.kv_heads)
    out.fact("steps.first", FIRST)
    out.fact("steps.self_attention", walked.reads_itself, fmt="{:.0%}")
    out.fact("steps.change", walked.change, fmt="{:.1f}")
    return [(s.label, s.weight, s.vector) for s in walked.steps], lm.token(ids[-1])


def steps_figure(out, steps: list, token: str) -> None:
    def draw_steps(phone: bool = False):
        """One strip a step, its label to the left; on a phone the label above the strip, which takes the width."""
        import matplotlib.pyplot as plt
        from matplotlib.cm import ScalarMappable
        from matplotlib.colors import Normalize
        height = (0.62 if phone else 0.42) * len(steps) + 1.1
        widest = max(vec.numel() for _, _, vec in steps)
        fig, axes = plt.subplots(len(steps) + 1, 1, figsize=style.figsize(height, 3.6 if phone else style.COLUMN_IN),
                                 gridspec_kw={"height_ratios": [1] * len(steps) + [0.6]})
        for ax, (label, _, vec) in zip(axes, steps):
            row = vec.numpy()
            lim = float(abs(row).max())
            ax.imshow(row[None, :], aspect="auto", cmap=style.DIVERGING, vmin=-lim, vmax=lim, interpolation="none",
                      extent=(0, row.size, 0, 1))
            ax.set_xlim(0, widest)   # to scale: a strip's length is its count of numbers
            ax.set_yticks([])
            ax.set_xticks([])
            for side in ax.spines.values():
                side.set_visible(False)
            if phone:
                ax.set_title(f"{label} ({row.size})", loc="left", fontsize=style.MIN_PT, pad=2)
            else:
                ax.set_ylabel(f"{label} ({row.size})", rotation=0, ha="right", va="center", fontsize=style.MIN_PT)
        key = fig.colorbar(ScalarMappable(Normalize(-1, 1), cmap=style.DIVERGING), cax=axes[-1],
                           orientation="horizontal")
        key.set_ticks([-1, 0, 1], labels=["most negative", "0", "most positive"])
        key.set_label("each row scaled to its own largest value", fontsize=style.MIN_PT)
        if phone:   # the end labels inside the figure's width, not centred past its edges
            ends = key.ax.get_xticklabels()
            ends[0].set_horizontalalignment("left")
            ends[-1].set_horizontalalignment("right")
            fig.subplots_adjust(left=0.03, right=0.97, top=0.97, bottom=0.09, hspace=1.1)
        else:
            fig.subplots_adjust(left=0.46, right=0.96, top=0.99, bottom=0.1, hspace=0.5)
        return fig

    # SVG with interpolation="none" embeds each strip at its own resolution (one pixel a number): a few KB.
    out.figure("steps-strips", draw_steps,
               alt=f'{len(steps)} colour strips, one per step of layer {LAYER + 1} of {TITLES["smollm2"]} for the '
                   f'token '
                   f'"{token}": its embedding, the normed vector, query, key and value, the attention '
                   'output, the residual sum, the second norm, gate, up, the neurons, the MLP output and the '
                   'layer output. Each strip has as many cells as the vector has numbers and is drawn to scale, '
                   'so the key and value are shorter than the query, and the gate, up and neurons longer.')

