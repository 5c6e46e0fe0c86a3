"""Bits per parameter of the SmolLM2 file, against the GGUF block structs and the file's own tensor sizes."""
import pytest

from paramscope.checkpoints import modelfiles, smollm2, storage

from support import PROJECT

# The block structs of ggml (ggml-common.h, https://github.com/ggml-org/ggml/blob/master/src/ggml-common.h):
# block_q8_0 = one fp16 scale + 32 int8 steps; block_q4_1 = fp16 scale + fp16 minimum + 32 four-bit steps.
GGML_BLOCKS = {"Q8_0": (32, 2 + 32), "Q4_1": (32, 2 + 2 + 32 // 2), "F32": (1, 4)}


@pytest.mark.parametrize("name", list(GGML_BLOCKS))
def test_layouts_match_ggml_structs(name):
    f = storage.layout(name)
    assert (f.block_size, f.block_bytes) == GGML_BLOCKS[name]


def test_q8_0_is_8_5_bits_and_q4_1_is_5_bits():
    """The page says "Q8_0 = 8.5 bits per parameter", not 8; Q4_1 is 5, not 4."""
    assert storage.layout("Q8_0").bits == 8.5
    assert storage.layout("Q4_1").bits == 5.0


def test_average_bits_match_the_files_tensor_bytes():
    """Our tally of the file equals the byte sizes gguf's reader gives for every tensor in it."""
    import gguf

    reader = gguf.GGUFReader(modelfiles.locate(modelfiles.SMOLLM2_GGUF))
    n_bytes = sum(int(t.n_bytes) for t in reader.tensors)
    n_numbers = sum(int(t.n_elements) for t in reader.tensors)
    formats = storage.file_formats(smollm2.load(cache=PROJECT.cache).config["file_tensors"])
    assert (formats.bytes, formats.total) == (n_bytes, n_numbers)
    assert formats.average_bits == pytest.approx(8 * n_bytes / n_numbers)
    assert f"{formats.average_bits:.2f}" == "5.74"
    assert (formats.main_format, formats.embedding_format) == ("Q4_1", "Q8_0")


def test_model_is_named_as_the_instruct_file():
    assert storage.model_name() == "SmolLM2-135M-Instruct"
    assert storage.describe(storage.file_formats([["token_embd.weight", "Q8_0", [32, 2]]])).startswith(
        "SmolLM2-135M-Instruct, stored as Q8_0")
