"""Model size and memory: bytes per parameter per format, Llama 3 70B at 16-bit, what fits on which accelerator.

Units: GiB = 2³⁰ bytes wherever weights meet devices (vendors' "80 GB" of HBM is binary-sized: the device reports
79.6 GiB); GB = 10⁹ bytes only for claims quoted in decimal units. Accelerator capacities are the bytes each device
reports (paramscope.data.accelerators); "fits" compares bytes with bytes, weights only.
"""
from paramscope.arch import counting, kv_bytes, release, zoo
from paramscope.checkpoints import modelfiles, storage
from paramscope.data import accelerators, popular
from paramscope.data.accelerators import GB, GIB, MIB
from paramscope.figures import layout, marks_clear, style
from paramscope_generator.api import expect, name_part

MODELS = ("smollm2-135m", "phi-3-mini", "llama-3-8b", "gemma-2-9b", "mixtral-8x7b", "llama-3-70b",
          "llama-3.1-405b", "deepseek-v3")
TIGHT = GIB  # less than this left beside the weights cannot hold a runtime, a KV cache and activations
CLAIM_GB = popular.LLAMA3_70B_GB  # "about 140 GB at 16-bit, 35 GB at 4-bit", from 70 billion parameters
# The formats drawn in the figure and listed in the fits table: the ideal formats and one real 4-bit file format.
DRAWN = ("bf16", "fp8", "Q4_1", "int4")
MARKERS = ("o", "s", "^", "D")   # the formats' dots: a shape each, besides a colour each


def weight_bytes(counts: dict, name: str, fmt: str) -> int:
    """A model's weights in a format: the ideal formats from counting, the GGUF ones from their block layout."""
    c = counts[name]
    return c.memory[fmt] if fmt in c.memory else storage.layout(fmt).bytes_for(c.total)


def produce(out):
    real = formats(out)
    counts = {name: counting.count(zoo.get(name).config) for name in MODELS}
    out.fact("models", len(MODELS))    # the figure's and the tables' models, from the smallest to the largest
    weights(out, counts)
    llama_70b(out, counts)
    fits(out, counts)
    smollm2_file(out, counts, real)
    weights_figure(out, counts)


def formats(out) -> dict[str, float]:
    """Bytes per parameter: the ideal formats from counting, and real GGUF block formats from their block layout."""
    real = {name: storage.layout(name).bits for name in storage.SHOWN}
    formats = [[fmt, f"{8 * b:g}", f"{b:g}", "ideal: no scales stored"]
               for fmt, b in counting.BYTES_PER_PARAM.items()]
    for name in storage.SHOWN:
        block, block_bytes = storage.layout(name).block_size, storage.layout(name).block_bytes
        formats.append([f"{name} (GGUF)", f"{real[name]:g}", f"{real[name] / 8:g}",
                        f"blocks of {block} in {block_bytes} bytes"])
    out.table("formats", ["Format", "Bits", "Bytes", "Layout"], formats)
    out.fact("training.bytes_per_param", counting.TRAINING_BYTES_PER_PARAM)
    for name, bits in real.items():
        out.fact(f"{name.lower()}.bits", bits, fmt="{:g}")
    out.fact("int4.bits", 8 * counting.BYTES_PER_PARAM["int4"], fmt="{:g}")
    out.check("real-4-bit-costs-more", 8 * counting.BYTES_PER_PARAM["int4"] < real["Q4_0"] < real["Q4_1"],
              "real 4-bit formats cost more than 4 bits, Q4_1 more than Q4_0")
    return real


def weights(out, counts: dict) -> None:
    """Every model's weights in each format, and DeepSeek-V3's as released."""
    for name in counts:
        key = name_part(name)
        out.fact(f"{key}.label", zoo.get(name).label)
        for fmt in (*counting.BYTES_PER_PARAM, "Q4_1"):
            out.fact(f"{key}.{fmt.lower()}_gb", weight_bytes(counts, name, fmt) / GB, fmt="{:,.1f}")
            out.fact(f"{key}.{fmt.lower()}_gib", weight_bytes(counts, name, fmt) / GIB, fmt="{:,.1f}")
    out.table("weights", ["Model", "Params (B)", "Released in", "bf16", "fp8", "int4", "Q4_1", "Adam"],
              [[zoo.get(n).label, c.total / 1e9, zoo.get(n).release,
                *(weight_bytes(counts, n, f) / GIB for f in ("bf16", "fp8", "int4", "Q4_1")),
                c.memory["training"] / GIB] for n, c in counts.items()],
              fmt={"Params (B)": "{:,.2f}", **dict.fromkeys(("bf16", "fp8", "int4", "Q4_1"), "{:,.1f}"),
                   "Adam": "{:,.0f}"})
    # DeepSeek-V3 is released in FP8 blocks, not bf16: its bytes as released, against the table's columns.
    ds = counts["deepseek-v3"]
    out.check("deepseek-v3-fp8", zoo.get("deepseek-v3").release == "fp8 blocks",
              "DeepSeek-V3 is released in FP8 with block scales")
    ds_release = release.release_bytes(ds, "fp8 blocks")
    out.fact("deepseek-v3.release_gib", ds_release / GIB, fmt="{:,.1f}")  # as the table beside it
    out.fact("deepseek-v3.fp8_share", sum(ds.breakdown.get(k, 0) for k in release.FP8_KINDS) / ds.total, fmt="{:.1%}")
    out.fact("fp8.block", f"{int(release.FP8_BLOCK ** 0.5)} × {int(release.FP8_BLOCK ** 0.5)}")


def llama_70b(out, counts: dict) -> None:
    """Llama 3 70B at 16 bits: the count times two bytes, against "70 billion times two"; on an H200 and H100s."""
    llama, named = counts["llama-3-70b"], zoo.get("llama-3-70b").published
    bf16 = llama.memory["bf16"]
    out.fact("llama3-70b.total", llama.total)
    out.fact("llama3-70b.billions", llama.total / 1e9, fmt="{:.2f}")
    out.fact("llama3-70b.bf16_bytes", bf16)
    out.fact("llama3-70b.bf16_gb", bf16 / GB, fmt="{:.1f}")
    out.fact("llama3-70b.bf16_gib", bf16 / GIB, fmt="{:.1f}")
    out.fact("llama3-70b.claim_gb", CLAIM_GB["bf16"])
    out.fact("llama3-70b.claim_int4_gb", CLAIM_GB["int4"])
    out.fact("llama3-70b.extra_gb", bf16 / GB - CLAIM_GB["bf16"], fmt="{:.1f}")
    out.fact("llama3-70b.extra_params", llama.total - int(named))
    out.fact("llama3-70b.named_billions", named / 1e9, fmt="{:g}")
    out.fact("llama3-70b.training_gib", llama.memory["training"] / GIB, fmt="{:,.0f}")
    out.fact("llama3-70b.int4_gb", llama.memory["int4"] / GB, fmt="{:.1f}")
    out.fact("llama3-70b.q4_1_gb", weight_bytes(counts, "llama-3-70b", "Q4_1") / GB, fmt="{:.1f}")
    out.check("more-than-claimed", bf16 / GB > CLAIM_GB["bf16"], "the real weights take more than the claimed 140 GB")

    h100, h200 = accelerators.get("NVIDIA H100 SXM"), accelerators.get("NVIDIA H200 SXM")
    for key, a in (("h100", h100), ("h200", h200)):
        out.fact(f"{key}.marketed", a.marketed)
        out.fact(f"{key}.reported", a.reported_as)
        out.fact(f"{key}.gb", a.bytes / GB, fmt="{:.1f}")
        out.fact(f"{key}.gib", a.bytes / GIB, fmt="{:.1f}")
    # The page: on an H200 the 16-bit weights fit with little room left; on H100s they need two devices.
    out.check("fits-h200", accelerators.fits(bf16, h200), "Llama 3 70B's bf16 weights fit on one H200")
    out.check("overflows-h100", not accelerators.fits(bf16, h100), "Llama 3 70B's bf16 weights overflow one H100")
    out.fact("llama3-70b.h200_left_gib", (h200.bytes - bf16) / GIB, fmt="{:.1f}")
    out.fact("llama3-70b.h100s_bf16", accelerators.devices_needed(bf16, h100))
    kv_per_token = kv_bytes.per_token(zoo.get("llama-3-70b").config, kv_bytes.VALUE_BYTES["bf16"])
    out.fact("llama3-70b.kv_bytes_per_token", kv_per_token)
    out.fact("llama3-70b.h200_left_tokens", (h200.bytes - bf16) // kv_per_token)


def fits(out, counts: dict) -> None:
    """What fits on one accelerator, and Llama 3.1 405B on an MI300X."""
    # What fits on one accelerator: the largest model whose weights alone fit, in each format; a cell with less than
    # TIGHT left says so (a runtime needs memory of its own before any KV cache or activations).
    def largest(a: accelerators.Accelerator, fmt: str) -> str:
        fitting = [n for n in MODELS if accelerators.fits(weight_bytes(counts, n, fmt), a)]
        if not fitting:
            return "none of these"
        best = max(fitting, key=lambda n: counts[n].total)
        left = a.bytes - weight_bytes(counts, best, fmt)
        return zoo.get(best).label + (f" ({left / MIB:,.0f} MiB to spare: too tight to run)" if left < TIGHT else "")

    rows = [[f"[{a.name}]({a.url})", a.marketed, f"{a.bytes / GIB:,.1f} GiB",
             *(largest(a, fmt) for fmt in ("bf16", "int4", "Q4_1"))] for a in accelerators.ACCELERATORS]
    out.table("fits", ["Accelerator", "Sold as", "Reports", "bf16", "int4", "Q4_1"], rows)
    # "Will it run on my machine?": a reader's own devices, and Llama 3 8B on them in bf16 and in a 4-bit file
    mac, card = accelerators.get("Apple MacBook, M1, 16 GB"), accelerators.get("NVIDIA GeForce RTX 4090")
    for key, a in (("macbook", mac), ("rtx4090", card)):
        out.fact(f"{key}.gib", a.bytes / GIB, fmt="{:.1f}")
        out.fact(f"{key}.name", a.name)
        out.fact(f"{key}.marketed", a.marketed)
    bf16_8b, q4_8b = weight_bytes(counts, "llama-3-8b", "bf16"), weight_bytes(counts, "llama-3-8b", "Q4_1")
    out.check("8b-bf16-card-not-mac", accelerators.fits(bf16_8b, card) and not accelerators.fits(bf16_8b, mac),
              "Llama 3 8B's bf16 weights fit an RTX 4090 but not a 16 GB MacBook's graphics share")
    out.check("8b-q4-1-fits-mac", accelerators.fits(q4_8b, mac), "Llama 3 8B in Q4_1 fits a 16 GB MacBook")
    mi300x = accelerators.get("AMD Instinct MI300X")
    out.fact("mi300x.gib", mi300x.bytes / GIB, fmt="{:.1f}")
    out.fact("llama-3-1-405b.fits_mi300x_int4", accelerators.fits(counts["llama-3.1-405b"].memory["int4"], mi300x))
    q4_1 = weight_bytes(counts, "llama-3.1-405b", "Q4_1")
    out.fact("llama-3-1-405b.fits_mi300x_q4_1", accelerators.fits(q4_1, mi300x))
    # The page: 405B fits an MI300X at the ideal 4 bits, not at Q4_1's real 5.
    out.check("405b-int4-fits-mi300x", accelerators.fits(counts["llama-3.1-405b"].memory["int4"], mi300x),
              "Llama 3.1 405B at an ideal 4 bits fits an MI300X")
    out.check("405b-q4-1-overflows-mi300x", not accelerators.fits(q4_1, mi300x),
              "Llama 3.1 405B in Q4_1 does not fit an MI300X")


def smollm2_file(out, counts: dict, real: dict[str, float]) -> None:
    """Quantization in a real file: the SmolLM2-135M-Instruct GGUF the site loads, tensor by tensor."""
    import gguf

    path = modelfiles.locate(modelfiles.SMOLLM2_GGUF)
    out.input(path)
    reader = gguf.GGUFReader(path)
    by_type: dict[str, list[int]] = {}
    for t in reader.tensors:
        n, b = by_type.setdefault(t.tensor_type.name, [0, 0, 0]), int(t.n_bytes)
        n[0] += 1
        n[1] += int(t.n_elements)
        n[2] += b
    embedding = next(t for t in reader.tensors if t.name == "token_embd.weight")
    out.check("embedding-q8-0", embedding.tensor_type.name == "Q8_0", "the embedding table is stored as Q8_0")
    smol = counts["smollm2-135m"]
    expect(sum(v[1] for v in by_type.values()) == smol.total, "the file holds exactly the counted parameters")
    tensor_bytes = sum(v[2] for v in by_type.values())
    for name, (_, e, b) in by_type.items():
        if name in real:
            expect(8 * b / e == real[name], f"{name} in the file costs its block layout's bits")
    out.fact("smollm2.file", modelfiles.SMOLLM2_GGUF.relpath)
    out.fact("smollm2.file_bytes", path.stat().st_size)
    out.fact("smollm2.tensor_bytes", tensor_bytes)
    out.fact("smollm2.bits_per_param", 8 * tensor_bytes / smol.total, fmt="{:.2f}")
    out.fact("smollm2.bf16_bytes", smol.memory["bf16"])
    out.fact("smollm2.total", smol.total)          # the page's first example: count × bytes each
    out.fact("bf16.bytes", counting.BYTES_PER_PARAM["bf16"], fmt="{:g}")
    out.check("smollm2-bf16", smol.memory["bf16"] == smol.total * counting.BYTES_PER_PARAM["bf16"],
              "SmolLM2-135M's bf16 weights take its count times two bytes")
    out.fact("smollm2.vs_bf16", tensor_bytes / smol.memory["bf16"], fmt="{:.0%}")
    block, block_bytes = storage.layout("Q4_1").block_size, storage.layout("Q4_1").block_bytes
    out.fact("q4_1.block", block)
    out.fact("q4_1.block_bytes", block_bytes)
    out.table("smollm2-file", ["Tensor type", "Tensors", "Parameters", "Bytes", "Bits per parameter"],
              [[name, n, e, b, f"{8 * b / e:.2f}"] for name, (n, e, b) in sorted(by_type.items())])


def weights_figure(out, counts: dict) -> None:
    # Each model's weights in each format are dots on the log axis, a model's four joined by a thin line: a dot's
    # height is the size, where bars would have drawn lengths from an arbitrary origin (a reader's finding: bars on a
    # log axis, whose lengths mean nothing). Each device's dashed line carries its own label, in the
    # lines' order and no further from it than a line of text needs (layout.spread). On the desktop the labels stand
    # right of the plot, a leader to each line. On a phone each label leads its line from the left, over the
    # smallest models' dots, which stay below it, and the line starts where the label ends: no leaders (a reader's
    # finding: seven labels stacked top left, their leaders merged into one grey wedge, no telling which line was
    # the H100), and no margin beside the plot (an earlier finding: a 150 px wide plot beside the labels). The
    # phone's labels leave the unit to the axis.
    def draw(phone: bool = False):
        import math

        import matplotlib.pyplot as plt
        from matplotlib import rcParams
        fig, ax = plt.subplots(figsize=style.figsize(6.2, style.PHONE_WIDTH_IN) if phone else style.figsize(4.6))
        labels = [zoo.get(n).label for n in MODELS]
        width = 0.8 / len(DRAWN)
        xs = {fmt: [j + (i - (len(DRAWN) - 1) / 2) * width for j in range(len(MODELS))] for i, fmt in enumerate(DRAWN)}
        gib = {fmt: [weight_bytes(counts, n, fmt) / GIB for n in MODELS] for fmt in DRAWN}
        for j in range(len(MODELS)):   # a model's group: its dots joined by a thin line, bf16 down to int4
            ax.plot([xs[f][j] for f in DRAWN], [gib[f][j] for f in DRAWN], color=rcParams["grid.color"], lw=0.8,
                    zorder=1)
        for i, fmt in enumerate(DRAWN):
            ax.scatter(xs[fmt], gib[fmt], s=22 if phone else 28, marker=MARKERS[i], color=style.SERIES[i], zorder=3,
                       label=f"{fmt} (ideal 4 bits)" if fmt == "int4" else fmt)
        ax.set_yscale("log")
        ymin, ymax = 0.03, 3000
        ax.set_ylim(ymin, ymax)
        xmin, xmax = -1.3 if phone else -0.6, len(MODELS) - 0.4   # a phone: room to the left for the labels
        ax.set_xlim(xmin, xmax)
        marks = [a.bytes / GIB for a in accelerators.ACCELERATORS]
        muted = style.MUTED["dark" if rcParams["text.color"] == style.INK["dark"] else "light"]
        names = [f"{a.short}: {m:,.0f}" + ("" if phone else " GiB") for a, m in zip(accelerators.ACCELERATORS, marks)]
        ax.set_xticks(range(len(MODELS)), labels, rotation=90 if phone else 35, ha="center" if phone else "right")
        ax.set_ylabel("GiB (2³⁰ bytes) to hold the weights")
        ax.legend(ncols=2 if phone else len(DRAWN), loc="lower center", bbox_to_anchor=(0.5, 1.0))
        if not phone:
            heights = layout.spread([math.log10(m) for m in marks], 0.25)  # about 12 pt between labels
            for m, h, name in zip(marks, heights, names):
                ax.axhline(m, color=muted, lw=0.8, ls="--")
                ax.annotate(name, xy=(1.0, m), xycoords=("axes fraction", "data"), xytext=(1.02, 10 ** h),
                            textcoords=("axes fraction", "data"), va="center", ha="left", fontsize=style.MIN_PT,
                            color=muted, arrowprops=dict(arrowstyle="-", color=muted, lw=0.6))
            fig.tight_layout(rect=(0, 0, 0.84, 1))  # the right margin: the devices' labels
            return fig
        fig.tight_layout()
        # One line of text in decades of the axis as laid out (the least distance between two labels' centres), and
        # an inch in units of x (where a label ends, so that its line starts there).
        line = 1.25 * style.MIN_PT / 72 * fig.dpi / ax.bbox.height * math.log10(ymax / ymin)
        x_per_in = (xmax - xmin) * fig.dpi / ax.bbox.width
        heights = layout.spread([math.log10(m) for m in marks], line)
        expect(all(abs(h - math.log10(m)) < line / 2 for m, h in zip(marks, heights)),
               "each device's label on the phone sits within half a line of its own dashed line")
        texts = []
        for m, h, name in zip(marks, heights, names):
            texts.append(ax.text(xmin + 0.05, 10 ** h, name, va="center", ha="left", fontsize=style.MIN_PT,
                                 color=muted))
            ax.hlines(m, xmin + 0.05 + (layout.width(name, style.MIN_PT) + 0.04) * x_per_in, xmax, color=muted,
                      lw=0.8, ls="--")
        hidden = [c for c in marks_clear.texts_over_points(fig) if any(c.startswith(repr(t.get_text())) for t in texts)]
        expect(not hidden, f"the phone's device labels lie on dots: {hidden}")
        return fig

    sizes = [a.bytes / GIB for a in accelerators.ACCELERATORS]
    out.figure("weights-vs-accelerators", draw, alt=(
        f"Dots on a log scale, a group per model joined by a thin line: GiB (2³⁰ bytes) to hold each model's weights "
        f"at {', '.join(DRAWN[:-1])} and ideal 4-bit int4, from {zoo.get(MODELS[0]).label} to "
        f"{zoo.get(MODELS[-1]).label}, with dashed lines at the memory {len(sizes)} accelerators report, from "
        f"{min(sizes):,.1f} to {max(sizes):,.1f} GiB."))
