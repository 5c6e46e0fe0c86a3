"""Parameter counts against independent oracles: published counts of real checkpoints, and transformers' own
classes on the meta device for every model type; the formula against our torch modules; bad input refused."""
import json
import subprocess
import sys
import time

import pytest
import torch

from paramscope import arch
from paramscope.arch import ConfigError, counting, zoo
from paramscope.arch.config import load, read_json
from paramscope.models import build_model, count

from support_counting import CONFIGS, ORACLES, TABLE, hf_counts, hf_model


def test_the_oracles_are_there():
    assert TABLE and len(CONFIGS) >= 30, "tests/oracles is empty: the parametrised oracle tests would test nothing"


@pytest.mark.parametrize("name", TABLE or ["<empty table>"])
def test_oracle_config_counts_exactly(name):
    entry = TABLE[name]
    got = counting.count(load(ORACLES / entry["config"]))
    assert (got.total, got.active) == (entry["total"], entry.get("active", entry["total"]))


@pytest.mark.parametrize("name", TABLE or ["<empty table>"])
def test_zoo_entry_counts_like_the_oracle(name):
    entry = TABLE[name]
    got = counting.count(zoo.get(name).config)
    assert (got.total, got.active) == (entry["total"], entry.get("active", entry["total"]))


BIG = {"llama-3-70b", "mixtral-8x7b", "gpt3-175b", "llama-2-70b", "llama-3.1-405b", "deepseek-v3",
       "bloom-defaults", "gpt-neox-defaults", "cohere-defaults", "phimoe-defaults"}


def slow_if_big(names):
    return [pytest.param(n, marks=pytest.mark.slow) if n in BIG else n for n in names]


@pytest.mark.parametrize("name", slow_if_big(CONFIGS))
def test_real_config_counts_like_transformers(name):
    """Every model type: total and active equal transformers' own model for the config on the meta device."""
    cfg = read_json(CONFIGS[name])
    got = counting.count(cfg, str(CONFIGS[name]))
    assert (got.total, got.active) == hf_counts(cfg)
    assert sum(got.breakdown.values()) == got.total
    assert set(got.breakdown) <= set(counting.KINDS) and min(got.breakdown.values()) > 0  # only the kinds it has
    assert sum(got.by_layer) + got.breakdown["embeddings"] <= got.total


@pytest.mark.parametrize("name", slow_if_big(zoo.ZOO))
def test_zoo_entry_counts_like_transformers(name):
    cfg = zoo.get(name).config
    got = counting.count(cfg)
    assert (got.total, got.active) == hf_counts(cfg)


def test_gpt2_untied_head_is_counted():
    """The issue's case: tie_word_embeddings false adds GPT-2's output head (transformers: 163,037,184)."""
    cfg = {**zoo.get("gpt2").config, "tie_word_embeddings": False}
    assert counting.count(cfg).total == 163_037_184 == hf_counts(cfg)[0]


def small_shapes() -> dict:
    from test_models import SMALL  # the odd shapes the forward tests use
    return SMALL


@pytest.mark.parametrize("name", small_shapes())
def test_formula_equals_our_module_and_transformers(name):
    """Where the site runs a torch module, the formula equals that module, tensor by tensor, and transformers."""
    cfg = small_shapes()[name]
    got = counting.count(cfg)
    module = count.count_module(build_model(cfg))
    assert (got.total, got.active, got.breakdown) == (module.total, module.active, module.breakdown)
    assert list(got.by_layer) == module.by_layer
    assert got.total == hf_counts(cfg)[0]


@pytest.mark.parametrize("name", ["gpt2", "all-minilm-l6-v2", "smollm2-135m", "llama-3-8b", "mixtral-8x7b",
                                  "gemma-2-9b", "phi-3-mini", "qwen2-7b", "deepseek-v3"])
def test_formula_equals_our_module_on_zoo_models(name):
    cfg = zoo.get(name).config
    got, module = counting.count(cfg), count.count_module(build_model(cfg))
    assert (got.total, got.active, got.breakdown, list(got.by_layer)) == \
        (module.total, module.active, module.breakdown, module.by_layer)


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
    hf = hf_model(cfg)
    embed = hf.get_input_embeddings().weight
    head = hf.get_output_embeddings().weight
    assert got.breakdown["embeddings"] == embed.numel()
    assert got.breakdown.get("output head", 0) == (0 if head is embed else head.numel())
    layers = hf.model.layers
    assert list(got.by_layer) == [sum(p.numel() for p in layer.parameters()) for layer in layers]
    attention = sum(p.numel() for layer in layers for n, p in layer.self_attn.named_parameters())
    assert got.breakdown["attention"] + got.breakdown.get("biases", 0) == attention
    experts = sum(p.numel() for layer in layers for n, p in layer.named_parameters() if ".experts." in f".{n}")
    assert got.breakdown.get("experts", 0) == experts


@pytest.mark.parametrize("name", ["gpt2", "mixtral-8x7b"])
def test_memory_equals_transformers_tensors_in_each_dtype(name):
    import transformers
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


def test_depth_does_not_change_the_time_and_counts_stay_exact():
    """10^12 blocks: counted as fast as one, exactly (per-block growth is the same block each time)."""
    base = zoo.get("llama-3-8b").config
    start = time.perf_counter()
    one, many = counting.count({**base, "num_hidden_layers": 1}), counting.count({**base, "num_hidden_layers": 10**12})
    assert time.perf_counter() - start < 0.5
    assert many.total - one.total == (10**12 - 1) * one.by_layer[0]
    assert len(many.by_layer) == 10**12 and many.by_layer[10**12 - 1] == one.by_layer[0]


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
        assert (out["total"], out["active"]) == (46702792704, 12879925248)  # the oracle table
        assert sum(out["breakdown"].values()) == out["total"]
        assert {"fp32", "bf16", "fp8", "int4"} <= set(out["memory"])


def test_count_process_imports_no_torch():
    code = ("import sys; from paramscope.cli import main; main(['count', 'deepseek-v3', '--json']); "
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'numpy', 'transformers')); "
            "assert not bad, bad")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr


def test_count_table_is_readable(capsys):
    out = run_count(capsys, "gpt2")[1]
    assert "124,439,808" in out and "bf16" in out


BAD = {
    "unreadable-file": (None, "cannot read"),
    "invalid-json": ('{"model_type": "llama",\n', ":2: invalid JSON"),
    "not-an-object": ('[1, 2]', ": expected a JSON object"),
    "unknown-model_type": ('{"model_type": "rwkv"}', ": model_type: unknown"),
    "missing-model_type": ('{"hidden_size": 64}', ": model_type: missing"),
    "missing-field": ('{"model_type": "llama", "hidden_size": 64, "num_attention_heads": 4, "vocab_size": 9}',
                      ": num_hidden_layers: missing"),
    "non-positive-field": ('{"model_type": "gpt2", "n_embd": 64, "n_head": 4, "n_layer": 0, "vocab_size": 9}',
                           ": n_layer: must be a positive integer"),
    "string-field": ('{"model_type": "bert", "hidden_size": "64", "num_attention_heads": 4, "num_hidden_layers": 1,'
                     ' "vocab_size": 9}', ": hidden_size: must be a positive integer"),
    "heads-not-dividing": ('{"model_type": "llama", "hidden_size": 64, "num_attention_heads": 5,'
                           ' "num_hidden_layers": 2, "vocab_size": 9}', ": num_attention_heads: 5 does not divide"),
    "kv-heads-not-dividing": ('{"model_type": "mistral", "hidden_size": 64, "num_attention_heads": 4,'
                              ' "num_key_value_heads": 3, "num_hidden_layers": 2, "vocab_size": 9}',
                              ": num_key_value_heads: 3 does not divide"),
    "absurd-width": ('{"model_type": "gpt2", "n_embd": 1000000000000000000000000000000, "n_head": 4, "n_layer": 2,'
                     ' "vocab_size": 9}', ": n_embd: absurd"),
    "unsupported-switch": ('{"model_type": "gpt2", "n_embd": 64, "n_head": 4, "n_layer": 2, "vocab_size": 9,'
                           ' "add_cross_attention": true}', ": add_cross_attention: true is not supported"),
    "null-switch": ('{"model_type": "mpt", "d_model": 64, "n_heads": 4, "n_layers": 2, "vocab_size": 9,'
                    ' "expansion_ratio": null}', ": expansion_ratio: null is not supported: transformers refuses it"),
    "bad-tie": ('{"model_type": "qwen3", "hidden_size": 64, "num_attention_heads": 4, "num_hidden_layers": 2,'
                ' "vocab_size": 9, "tie_word_embeddings": "yes"}', ": tie_word_embeddings: must be true or false"),
    "more-experts-than-exist": ('{"model_type": "mixtral", "hidden_size": 64, "num_attention_heads": 4,'
                                ' "num_key_value_heads": 4, "num_hidden_layers": 2, "vocab_size": 9,'
                                ' "num_experts_per_tok": 9}',
                                ": num_experts_per_tok: 9 is more than the 8 experts"),
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


# 32 heads: every default number of key/value heads (32, 16, 8, 4, 2) divides it.
MINIMAL = {mt: dict(model_type=mt, vocab_size=100, hidden_size=256, num_hidden_layers=2, num_attention_heads=32)
           for mt in ("bert", "roberta", "llama", "mistral", "mixtral", "qwen2", "phi3", "gemma2", "gemma",
                      "gemma3_text", "qwen3", "olmo2", "granite", "cohere", "stablelm", "starcoder2", "phi",
                      "gpt_neox")}
MINIMAL["gpt2"] = dict(model_type="gpt2", vocab_size=100, n_embd=128, n_layer=2, n_head=8)
MINIMAL["phi3"]["pad_token_id"] = 0  # transformers' default padding id (32000) lies outside this small vocabulary


@pytest.mark.parametrize("model_type", MINIMAL)
def test_missing_fields_take_the_reference_defaults(model_type):
    cfg = MINIMAL[model_type]
    assert counting.count(cfg).total == hf_counts(cfg)[0]


def test_every_model_type_of_the_issue_is_counted():
    wanted = {"gpt_neox", "opt", "bloom", "falcon", "phi", "qwen3", "qwen3_moe", "qwen2_moe", "olmo2", "olmoe",
              "phimoe", "gemma", "gemma3_text", "granite", "cohere", "stablelm", "starcoder2", "mpt", "deepseek_v2",
              "t5", "roberta", "distilbert", "gpt2", "bert", "llama", "mistral", "qwen2", "phi3", "gemma2",
              "mixtral", "deepseek_v3"}
    assert wanted <= set(arch.published()["model_types"])
    assert wanted <= {read_json(p)["model_type"] for p in CONFIGS.values()}


# Encoders: the base model (with its pooler) is the total; the task head `architectures` names is counted apart.
TASKS = {"BertForMaskedLM": "bert", "BertForSequenceClassification": "bert", "RobertaForMaskedLM": "roberta",
         "RobertaForSequenceClassification": "roberta", "DistilBertForMaskedLM": "distilbert",
         "DistilBertForSequenceClassification": "distilbert"}


def task_config(head: str) -> dict:
    base = {"bert": "all-minilm-l6-v2", "roberta": "roberta-defaults", "distilbert": "distilbert-defaults"}
    cfg = json.loads(CONFIGS[base[TASKS[head]]].read_text())
    return {**cfg, "architectures": [head], "num_hidden_layers": 2, "n_layers": 2,
            "id2label": {"0": "neg", "1": "neutral", "2": "pos"}}


@pytest.mark.parametrize("head", TASKS)
def test_task_head_counts_like_transformers_class(head):
    import transformers
    cfg = task_config(head)
    got = counting.count(cfg)
    kw = {k: v for k, v in cfg.items() if k != "model_type"}
    with torch.device("meta"):
        model = getattr(transformers, head)(transformers.AutoConfig.for_model(cfg["model_type"], **kw))
    with_head = sum(p.numel() for p in model.parameters())
    assert got.task == head
    assert got.total + got.task_head == with_head


def test_our_gpt2_module_refuses_an_untied_head_rather_than_building_a_tied_one():
    with pytest.raises(ConfigError, match="tie_word_embeddings"):
        build_model({**zoo.get("gpt2").config, "tie_word_embeddings": False})
