"""Parameter counts against independent oracles: the shared table of published checkpoints and transformers."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
import torch
import transformers

from paramscope import counting, zoo
from paramscope.config import load

ORACLES = Path(__file__).resolve().parents[2] / "shared" / "oracles"
TABLE = json.loads((ORACLES / "parameter-counts.json").read_text())["models"] if ORACLES.exists() else {}


def hf_count(cfg: dict) -> int:
    """Unique parameter elements of transformers' own model for `cfg`, built on the meta device."""
    kw = {k: v for k, v in cfg.items() if k != "model_type"}
    hf_config = transformers.AutoConfig.for_model(cfg["model_type"], **kw)
    with torch.device("meta"):
        if cfg["model_type"] == "bert":
            model = transformers.BertModel(hf_config)
        else:
            model = transformers.AutoModelForCausalLM.from_config(hf_config)
    return sum(p.numel() for p in model.parameters())


@pytest.mark.parametrize("name", TABLE)
def test_oracle_config_counts_exactly(name):
    entry = TABLE[name]
    got = counting.count(load(ORACLES / entry["config"]))
    assert got.total == entry["total"]
    assert got.active == entry.get("active", entry["total"])


@pytest.mark.parametrize("name", TABLE)
def test_zoo_entry_counts_like_the_oracle(name):
    entry = TABLE[name]
    got = counting.count(zoo.get(name).config)
    assert (got.total, got.active) == (entry["total"], entry.get("active", entry["total"]))


@pytest.mark.parametrize("name", zoo.ZOO)
def test_zoo_entry_counts_like_transformers(name):
    cfg = zoo.get(name).config
    assert counting.count(cfg).total == hf_count(cfg)


def small_shapes() -> dict:
    from test_models import SMALL  # the odd shapes the forward tests use
    return SMALL


@pytest.mark.parametrize("name", small_shapes())
def test_small_odd_shape_counts_like_transformers(name):
    cfg = small_shapes()[name]
    assert counting.count(cfg).total == hf_count(cfg)


# The authors' own headline numbers, to the precision they quote them.
@pytest.mark.parametrize("name, digits", [("mixtral-8x7b", 1), ("gpt3-175b", 0)])
def test_counts_round_to_the_published_figures(name, digits):
    entry = zoo.get(name)
    got = counting.count(entry.config)
    assert round(got.total / 1e9, digits) == round(entry.published / 1e9, digits)
    if entry.published_active is not None:
        assert round(got.active / 1e9, digits) == round(entry.published_active / 1e9, digits)


def test_deepseek_v3_matches_its_report():
    """671B total; 37B active lies between our active count without and with the embedding table (the report does
    not say whether a token's one-row lookup counts as activating the table)."""
    entry = zoo.get("deepseek-v3")
    got = counting.count(entry.config)
    assert round(got.total / 1e9) == round(entry.published / 1e9)
    assert got.active - got.breakdown["embeddings"] <= entry.published_active <= got.active


@pytest.mark.parametrize("name", ["smollm2-135m", "llama-3-8b", "mixtral-8x7b", "gemma-2-9b", "phi-3-mini"])
def test_breakdown_against_transformers_modules(name):
    cfg = zoo.get(name).config
    got = counting.count(cfg)
    kw = {k: v for k, v in cfg.items() if k != "model_type"}
    with torch.device("meta"):
        hf = transformers.AutoModelForCausalLM.from_config(transformers.AutoConfig.for_model(cfg["model_type"], **kw))
    embed = hf.get_input_embeddings().weight
    head = hf.get_output_embeddings().weight
    assert got.breakdown["embeddings"] == embed.numel()
    assert got.breakdown.get("output head", 0) == (0 if head is embed else head.numel())
    layers = hf.model.layers
    assert got.by_layer == [sum(p.numel() for p in layer.parameters()) for layer in layers]
    attention = sum(p.numel() for layer in layers for n, p in layer.self_attn.named_parameters())
    assert got.breakdown["attention"] + got.breakdown.get("biases", 0) == attention
    assert sum(got.breakdown.values()) == got.total


@pytest.mark.parametrize("name", ["gpt2", "mixtral-8x7b"])
def test_memory_equals_transformers_tensors_in_each_dtype(name):
    cfg = zoo.get(name).config
    got = counting.count(cfg)
    kw = {k: v for k, v in cfg.items() if k != "model_type"}
    for fmt, dtype in (("fp32", torch.float32), ("bf16", torch.bfloat16)):
        with torch.device("meta"):
            hf = transformers.AutoModelForCausalLM.from_config(
                transformers.AutoConfig.for_model(cfg["model_type"], **kw), dtype=dtype)
        assert got.memory[fmt] == sum(p.numel() * p.element_size() for p in hf.parameters())
    assert got.memory["fp8"] == got.total * torch.empty(0, dtype=torch.float8_e4m3fn).element_size()
    assert got.memory["int4"] * 2 == got.total  # two 4-bit values per byte, both counts even
    assert got.memory["training"] == 16 * got.total  # ZeRO paper, section 3.1: 2 + 2 + 12 bytes


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "paramscope", "count", *args], capture_output=True, text=True,
                          timeout=120)


def run_count(capsys, *args: str) -> tuple[int, str, str]:
    """`paramscope count ARGS` in this process (exit code, stdout, stderr): fast, and a traceback fails the test."""
    from paramscope.cli import main
    code = main(["count", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_count_json_for_a_zoo_name_and_a_file(capsys):
    by_name = json.loads(cli("mixtral-8x7b", "--json").stdout)  # once through the real command line
    by_file = json.loads(run_count(capsys, str(ORACLES / "configs" / "mixtral-8x7b.json"), "--json")[1])
    for out in (by_name, by_file):
        assert (out["total"], out["active"]) == (46702792704, 12879925248)  # the shared oracle table
        assert sum(out["breakdown"].values()) == out["total"]
        assert {"fp32", "bf16", "fp8", "int4"} <= set(out["memory"])


def test_count_table_is_readable(capsys):
    out = run_count(capsys, "gpt2")[1]
    assert "124,439,808" in out and "bf16" in out


BAD = {
    "unreadable-file": (None, "cannot read"),
    "invalid-json": ('{"model_type": "llama",\n', ":2: invalid JSON"),
    "unknown-model_type": ('{"model_type": "rwkv"}', ": model_type: unknown"),
    "missing-field": ('{"model_type": "llama", "hidden_size": 64, "num_attention_heads": 4, "vocab_size": 9}',
                      ": num_hidden_layers: missing"),
    "non-positive-field": ('{"model_type": "gpt2", "n_embd": 64, "n_head": 4, "n_layer": 0, "vocab_size": 9}',
                           ": n_layer: must be positive"),
    "string-field": ('{"model_type": "bert", "hidden_size": "64", "num_attention_heads": 4, "num_hidden_layers": 1,'
                     ' "vocab_size": 9}', ": hidden_size: must be a positive integer"),
    "heads-not-dividing": ('{"model_type": "llama", "hidden_size": 64, "num_attention_heads": 5,'
                           ' "num_hidden_layers": 2, "vocab_size": 9}', ": num_attention_heads: 5 does not divide"),
    "kv-heads-not-dividing": ('{"model_type": "mistral", "hidden_size": 64, "num_attention_heads": 4,'
                              ' "num_key_value_heads": 3, "num_hidden_layers": 2, "vocab_size": 9}',
                              ": num_key_value_heads: 3 does not divide"),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_input_exits_2_with_one_line_naming_file_and_field(case, tmp_path, capsys):
    text, expected = BAD[case]
    path = tmp_path / "config.json"
    if text is None:
        path.mkdir()  # a directory cannot be read as a file
    else:
        path.write_text(text)
    code, out, err = run_count(capsys, str(path))
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(str(path)) and expected in lines[0], err


# 32 heads: every default number of key/value heads (32, 8, 4) divides it.
MINIMAL = {mt: dict(model_type=mt, vocab_size=100, hidden_size=256, num_hidden_layers=2, num_attention_heads=32)
           for mt in ("bert", "llama", "mistral", "mixtral", "qwen2", "phi3", "gemma2", "deepseek_v3")}
MINIMAL["gpt2"] = dict(model_type="gpt2", vocab_size=100, n_embd=128, n_layer=2, n_head=8)
MINIMAL["phi3"]["pad_token_id"] = 0  # transformers' default padding id (32000) lies outside this small vocabulary


@pytest.mark.parametrize("model_type", MINIMAL)
def test_missing_fields_take_the_reference_defaults(model_type):
    cfg = MINIMAL[model_type]
    assert counting.count(cfg).total == hf_count(cfg)
