"""How the SmolLM2 file the site runs stores its numbers: bits per parameter of each GGUF format, from gguf's layouts.

A GGUF format stores blocks of `block_size` numbers in `block_bytes` bytes (Q8_0: 32 one-byte steps and one fp16
scale, 34 bytes; Q4_1: 32 four-bit steps, an fp16 scale and an fp16 minimum, 20 bytes). The layouts are read from
the `gguf` package's own table (GGML_QUANT_SIZES), never typed here.
"""
from dataclasses import dataclass

from paramscope.checkpoints import modelfiles

# The GGUF formats the Model size page and its calculator show beside the bare ones: the two this site's file uses,
# the plainest 4-bit one, and the k-quant most 4-bit files are made of.
SHOWN = ("Q8_0", "Q4_1", "Q4_0", "Q4_K")


@dataclass(frozen=True)
class Format:
    name: str          # GGUF type name: "Q4_1", "Q8_0", "F32"
    block_size: int    # numbers per block
    block_bytes: int   # bytes per block, scales included

    @property
    def bits(self) -> float:
        """Bits per stored number, the block's scale (and minimum) shared among its numbers."""
        return 8 * self.block_bytes / self.block_size

    def bytes_for(self, numbers: int) -> int:
        """Bytes to store `numbers` numbers in this format, a partial block rounded up to a byte."""
        return -(-numbers * self.block_bytes // self.block_size)


def layout(name: str) -> Format:
    """The block layout of a GGUF type, from gguf's table."""
    from gguf.constants import GGML_QUANT_SIZES, GGMLQuantizationType

    block_size, block_bytes = GGML_QUANT_SIZES[GGMLQuantizationType[name]]
    return Format(name, block_size, block_bytes)


def shown_blocks() -> dict[str, tuple[int, int]]:
    """The SHOWN formats' layouts, name -> (numbers per block, bytes per block), for the calculator's data."""
    return {name: (layout(name).block_size, layout(name).block_bytes) for name in SHOWN}


@dataclass(frozen=True)
class FileFormats:
    """Which formats a GGUF file uses, for how many numbers, and what that averages to."""

    numbers: dict[str, int]   # format name -> numbers stored in it
    tensors: dict[str, int]   # format name -> tensors stored in it
    embedding_format: str     # the format of the token embedding table

    @property
    def total(self) -> int:
        return sum(self.numbers.values())

    @property
    def bytes(self) -> int:
        return sum(n * layout(f).block_bytes // layout(f).block_size for f, n in self.numbers.items())

    @property
    def average_bits(self) -> float:
        return 8 * self.bytes / self.total

    @property
    def main_format(self) -> str:
        """The format that holds most of the numbers."""
        return max(self.numbers, key=self.numbers.__getitem__)


def file_formats(file_tensors: list) -> FileFormats:
    """Tally a GGUF file's tensor list ([name, type, shape] per tensor, as smollm2.load() keeps it)."""
    numbers: dict[str, int] = {}
    tensors: dict[str, int] = {}
    embedding = None
    for name, kind, shape in file_tensors:
        n = 1
        for d in shape:
            n *= d
        numbers[kind] = numbers.get(kind, 0) + n
        tensors[kind] = tensors.get(kind, 0) + 1
        if name == "token_embd.weight":
            embedding = kind
    assert embedding is not None, "the GGUF file has no token_embd.weight tensor"
    return FileFormats(numbers, tensors, embedding)


def model_name() -> str:
    """The exact model the site runs, from its file's name: 'SmolLM2-135M-Instruct'."""
    return modelfiles.SMOLLM2_GGUF.relpath.split(".")[0]


def describe(formats: FileFormats) -> str:
    """'SmolLM2-135M-Instruct, stored as Q4_1 with a Q8_0 embedding table (5.74 bits per parameter on average)'."""
    return (f"{model_name()}, stored as {formats.main_format} with a {formats.embedding_format} embedding table "
            f"({formats.average_bits:.2f} bits per parameter on average)")
