"""Accelerators' memory in bytes, and whether a model's weights fit in it.

Vendors print memory as "80 GB" or "141 GB", but the HBM and GDDR behind it is built in binary sizes: an "80 GB" H100
has five 16 GiB stacks. What a program can allocate is what the driver reports as the device's total memory
(`nvidia-smi --query-gpu=memory.total`, in MiB; `rocm-smi --showmeminfo vram`, in bytes), and that is the capacity
used here. GB = 10⁹ bytes, GiB = 2³⁰ bytes.
"""
from dataclasses import dataclass

GB, GIB, MIB = 10 ** 9, 2 ** 30, 2 ** 20


@dataclass(frozen=True)
class Accelerator:
    name: str
    short: str           # for labels in figures
    marketed: str        # the memory as the vendor's page prints it
    bytes: int           # total device memory as the driver reports it
    reported_as: str     # the driver's own figure, for the page
    url: str             # the vendor's specification page


ACCELERATORS = [
    Accelerator("NVIDIA T4", "T4", "16 GB GDDR6", 15_360 * MIB, "15,360 MiB (nvidia-smi)",
                "https://www.nvidia.com/en-us/data-center/tesla-t4/"),
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
