"""Accelerators' memory in bytes, and whether a model's weights fit in it.

Vendors print memory as "80 GB" or "141 GB", but the HBM and GDDR behind it is built in binary sizes: an "80 GB" H100
has five 16 GiB stacks. What a program can allocate is what the driver reports as the device's total memory
(`nvidia-smi --query-gpu=memory.total`, in MiB; `rocm-smi --showmeminfo vram`, in bytes), and that is the capacity
used here. GB = 10⁹ bytes, GiB = 2³⁰ bytes.

Beside the data-centre devices, two a reader may own: a 24 GB gaming card and a laptop with 16 GB of unified memory,
where the GPU shares the memory with the operating system and macOS lets it keep only part (Metal's
recommendedMaxWorkingSetSize, which llama.cpp prints when it starts).
"""
from dataclasses import dataclass

GB, GIB, MIB = 10 ** 9, 2 ** 30, 2 ** 20


@dataclass(frozen=True)
class Accelerator:
    name: str
    short: str           # for labels in figures
    marketed: str        # the memory as the vendor's page prints it
    bytes: int           # total device memory as the driver reports it (unified memory: what the GPU may use)
    reported_as: str     # the driver's own figure, for the page
    url: str             # the vendor's specification page


ACCELERATORS = [
    # An Apple M1 with 16 GB: Metal recommends at most two thirds of it for the GPU, "recommendedMaxWorkingSetSize
    # = 10922.67 MiB" in llama.cpp's log (https://github.com/ise-uiuc/magicoder/issues/19,
    # https://github.com/abetlen/llama-cpp-python/issues/687); the rest stays with macOS and its apps.
    Accelerator("Apple MacBook, M1, 16 GB", "MacBook", "16 GB unified memory", 16 * GIB * 2 // 3,
                "10,922.67 MiB for the GPU (Metal, of 16 GiB)",
                "https://developer.apple.com/documentation/metal/mtldevice/recommendedmaxworkingsetsize"),
    Accelerator("NVIDIA T4", "T4", "16 GB GDDR6", 15_360 * MIB, "15,360 MiB (nvidia-smi)",
                "https://www.nvidia.com/en-us/data-center/tesla-t4/"),
    # nvidia-smi on two RTX 4090s: "24564MiB" each (https://github.com/RLinf/RLinf/issues/255).
    Accelerator("NVIDIA GeForce RTX 4090", "RTX 4090", "24 GB GDDR6X", 24_564 * MIB, "24,564 MiB (nvidia-smi)",
                "https://www.nvidia.com/en-us/geforce/graphics-cards/40-series/rtx-4090/"),
    Accelerator("NVIDIA L40S", "L40S", "48 GB GDDR6", 46_068 * MIB, "46,068 MiB (nvidia-smi)",
                "https://www.nvidia.com/en-us/data-center/l40s/"),
    Accelerator("NVIDIA H100 SXM", "H100", "80 GB HBM3", 81_559 * MIB, "81,559 MiB (nvidia-smi)",
                "https://www.nvidia.com/en-us/data-center/h100/"),
    Accelerator("NVIDIA H200 SXM", "H200", "141 GB HBM3e", 143_771 * MIB, "143,771 MiB (nvidia-smi)",
                "https://www.nvidia.com/en-us/data-center/h200/"),
    # Two reports are published: 205,822,885,888 bytes from rocm-smi and HIP's totalGlobalMem on the MI300X VF of
    # cloud instances (benchmark logs of 2025), and 206,141,652,992 (16 MiB under 192 GiB, rocminfo's pool of
    # 201,310,208 KB, https://github.com/ROCm/legacy-rocm-build/issues/4414) on bare metal. The smaller is used: a
    # model that fits it fits both.
    Accelerator("AMD Instinct MI300X", "MI300X", "192 GB HBM3", 205_822_885_888,
                "205,822,885,888 bytes (rocm-smi, MI300X VF; bare metal 206,141,652,992)",
                "https://www.amd.com/en/products/accelerators/instinct/mi300/mi300x.html"),
]


def get(name: str) -> Accelerator:
    for a in ACCELERATORS:
        if a.name == name:
            return a
    raise KeyError(f"no accelerator {name!r}; known: {', '.join(a.name for a in ACCELERATORS)}")


def fits(weight_bytes: int, accelerator: Accelerator) -> bool:
    """Whether the weights alone fit in the device's memory (no KV cache, activations or runtime)."""
    return weight_bytes <= accelerator.bytes


def devices_needed(weight_bytes: int, accelerator: Accelerator) -> int:
    """How many such devices hold the weights alone, split evenly."""
    return -(-weight_bytes // accelerator.bytes)
