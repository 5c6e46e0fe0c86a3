"""Model size and memory: bytes per parameter per format, Llama 3 70B at 16-bit, what fits on which accelerator."""
from paramscope import counting, modelfiles, zoo

MODELS = ("smollm2-135m", "phi-3-mini", "llama-3-8b", "gemma-2-9b", "mixtral-8x7b", "llama-3-70b",
          "llama-3.1-405b", "deepseek-v3")
FORMAT_BITS = {"fp32": 32, "bf16": 16, "fp8": 8, "int4": 4}
# Memory of one accelerator, as each vendor states it (GB, read as a billion bytes), with the page that says so.
ACCELERATORS = [
    ("NVIDIA T4", 16, "https://www.nvidia.com/en-us/data-center/tesla-t4/"),
    ("NVIDIA GeForce RTX 4090", 24, "https://www.nvidia.com/en-us/geforce/graphics-cards/40-series/rtx-4090/"),
    ("NVIDIA L40S", 48, "https://www.nvidia.com/en-us/data-center/l40s/"),
    ("NVIDIA H100", 80, "https://www.nvidia.com/en-us/data-center/h100/"),
    ("NVIDIA H200", 141, "https://www.nvidia.com/en-us/data-center/h200/"),
    ("AMD Instinct MI300X", 192, "https://www.amd.com/en/products/accelerators/instinct/mi300/mi300x.html"),
]
GB, GIB = 1e9, 2 ** 30
# The common claim "Llama 3 70B needs about 140 GB at 16-bit" (70 billion x 2 bytes), e.g.
# https://harvard-edge.github.io/cs249r_book_dev/mlsysim/blog/how-much-memory-llama3.html
CLAIM_GB = 140


def slug(name: str) -> str:
    return name.replace(".", "-")


def produce(out):
    out.table("formats", ["Format", "Bits per parameter", "Bytes per parameter"],
              [[fmt, FORMAT_BITS[fmt], f"{b:g}"] for fmt, b in counting.BYTES_PER_PARAM.items()])
    out.fact("training.bytes_per_param", counting.TRAINING_BYTES_PER_PARAM)

    counts = {name: counting.count(zoo.get(name).config) for name in MODELS}
    for name, c in counts.items():
        key = slug(name)
        out.fact(f"{key}.label", zoo.get(name).label)
        for fmt, nbytes in c.memory.items():
            out.fact(f"{key}.{fmt}_gb", nbytes / GB, fmt="{:,.1f}")
            out.fact(f"{key}.{fmt}_gib", nbytes / GIB, fmt="{:,.1f}")
    out.table("weights", ["Model", "Parameters", "fp32 (GB)", "bf16 (GB)", "fp8 (GB)", "int4 (GB)",
                          "Training with Adam (GB)"],
              [[zoo.get(n).label, c.total, *(f"{c.memory[f] / GB:,.1f}" for f in (*FORMAT_BITS, "training"))]
               for n, c in counts.items()])

    # Llama 3 70B at 16 bits: the count times two bytes, against "70 billion times two".
    llama = counts["llama-3-70b"]
    out.fact("llama3-70b.total", llama.total)
    out.fact("llama3-70b.billions", llama.total / 1e9, fmt="{:.2f}")
    out.fact("llama3-70b.bf16_bytes", llama.memory["bf16"])
    out.fact("llama3-70b.bf16_gb", llama.memory["bf16"] / GB, fmt="{:.1f}")
    out.fact("llama3-70b.bf16_gib", llama.memory["bf16"] / GIB, fmt="{:.1f}")
    out.fact("llama3-70b.extra_gb", llama.memory["bf16"] / GB - CLAIM_GB, fmt="{:.1f}")
    out.fact("llama3-70b.extra_params", llama.total - 70 * 10 ** 9)
    h100 = {d: s for d, s, _ in ACCELERATORS}["NVIDIA H100"]
    out.fact("llama3-70b.h100s_bf16", -(-llama.memory["bf16"] // (h100 * GB)))
    out.fact("llama3-70b.training_tb", llama.memory["training"] / 1e12, fmt="{:.2f}")

    # What fits on one accelerator: weights only (no KV cache, activations or runtime).
    rows = []
    for device, size, url in ACCELERATORS:
        fits = {fmt: [zoo.get(n).label for n, c in counts.items() if c.memory[fmt] <= size * GB]
                for fmt in ("bf16", "int4")}
        rows.append([f"[{device}]({url})", size, ", ".join(fits["bf16"]) or "none of these",
                     ", ".join(n for n in fits["int4"] if n not in fits["bf16"]) or "no others"])
    out.table("fits", ["Accelerator (vendor page)", "Memory (GB)", "Holds at bf16", "Also holds at int4"], rows)
    out.fact("h200.gb", {d: s for d, s, _ in ACCELERATORS}["NVIDIA H200"])
    out.fact("h100.gb", h100)

    # Quantization in a real file: the SmolLM2 GGUF the site loads, tensor by tensor.
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
    smol = counts["smollm2-135m"]
    tensor_bytes = sum(v[2] for v in by_type.values())
    out.fact("smollm2.file_bytes", path.stat().st_size)
    out.fact("smollm2.tensor_bytes", tensor_bytes)
    out.fact("smollm2.bits_per_param", 8 * tensor_bytes / smol.total, fmt="{:.2f}")
    out.fact("smollm2.bf16_bytes", smol.memory["bf16"])
    out.fact("smollm2.vs_bf16", tensor_bytes / smol.memory["bf16"], fmt="{:.0%}")
    block, block_bytes = gguf.GGML_QUANT_SIZES[gguf.GGMLQuantizationType.Q4_1]
    out.fact("q4_1.block", block)
    out.fact("q4_1.block_bytes", block_bytes)
    out.fact("q4_1.bits", 8 * block_bytes / block, fmt="{:g}")
    out.table("smollm2-file", ["Tensor type", "Tensors", "Parameters", "Bytes", "Bits per parameter"],
              [[name, n, e, b, f"{8 * b / e:.2f}"] for name, (n, e, b) in sorted(by_type.items())])

    def draw():
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(7, 4))
        labels = [zoo.get(n).label for n in MODELS]
        x = range(len(MODELS))
        width = 0.2
        for i, fmt in enumerate(FORMAT_BITS):
            ax.bar([j + (i - 1.5) * width for j in x], [counts[n].memory[fmt] / GB for n in MODELS], width,
                   color=f"C{i}", label=fmt)
        for device, size, _ in ACCELERATORS:
            ax.axhline(size, color="C7", lw=0.8, ls="--")
            ax.text(-0.45, size, f"{device.split()[-1]} {size} GB", va="bottom", ha="left", fontsize=7, color="C7")
        ax.set_yscale("log")
        ax.set_xticks(list(x), labels, rotation=30, ha="right")
        ax.set_ylabel("GB to hold the weights")
        ax.legend(ncols=4, frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0))
        fig.tight_layout()
        return fig

    sizes = [size for _, size, _ in ACCELERATORS]
    out.figure("weights-vs-accelerators", draw, alt=f"Grouped bars on a log scale: gigabytes to hold each model's "
               f"weights at fp32, bf16, fp8 and int4, from {zoo.get(MODELS[0]).label} to {zoo.get(MODELS[-1]).label}, "
               f"with dashed lines at the memory of {len(sizes)} accelerators from {min(sizes)} to {max(sizes)} GB.")
