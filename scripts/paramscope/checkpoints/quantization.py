"""Bits per parameter of the GGUF block formats, read from the block layouts the gguf package defines."""


def block_layout(type_name: str) -> tuple[int, int]:
    """(parameters per block, bytes per block) of a GGUF format such as 'Q4_1'."""
    import gguf
    return gguf.GGML_QUANT_SIZES[gguf.GGMLQuantizationType[type_name]]


def bits_per_param(type_name: str) -> float:
    """8 x bytes per block / parameters per block: Q4_1 is 5.0, not 4."""
    block, block_bytes = block_layout(type_name)
    return 8 * block_bytes / block
