"""The bytes of a model's weights as its makers publish them: bf16, gpt-oss's MXFP4 experts, DeepSeek-V3's FP8 blocks.

A zoo entry's `release` (in zoo.yml) names the format; everything not in the low-precision part stays bf16.
"""
from paramscope.arch import ConfigError, counting

# MXFP4 (OCP Microscaling Formats v1.0, 2023): blocks of 32 four-bit values sharing one 8-bit scale, 4.25 bits a
# value. gpt-oss ships its experts' matrices so (its config's quantization_config), everything else in bf16.
MXFP4_BITS = 4 + 8 / 32
# DeepSeek-V3's FP8 release (README_WEIGHTS.md, https://github.com/deepseek-ai/DeepSeek-V3/blob/main/README_WEIGHTS.md):
# the layers' linear weights in e4m3, one byte each, with one float32 scale per 128 x 128 block; embeddings, output
# head, norms and router in bf16.
FP8_BLOCK = 128 * 128
FP8_KINDS = ("attention", "mlp", "experts")
RELEASES = ("bf16", "fp32", "mxfp4 experts", "fp8 blocks")


def release_bytes(c: counting.Count, release: str) -> float:
    """Bytes of the weights as published (FP8 blocks: scales counted as whole blocks, ragged edges ignored)."""
    bytes_of = counting.BYTES_PER_PARAM
    if release in ("bf16", "fp32"):
        return bytes_of[release] * c.total
    if release == "mxfp4 experts":
        experts = c.breakdown.get("experts", 0)
        return experts * MXFP4_BITS / 8 + bytes_of["bf16"] * (c.total - experts)
    if release == "fp8 blocks":  # one float32 scale per block
        fp8 = sum(c.breakdown.get(k, 0) for k in FP8_KINDS)
        return bytes_of["fp8"] * fp8 + bytes_of["fp32"] * fp8 / FP8_BLOCK + bytes_of["bf16"] * (c.total - fp8)
    raise ConfigError(f"scripts/paramscope/arch/zoo.yml: release {release!r}: unknown ({', '.join(RELEASES)})")
