"""The Transformer page's walk from token ids to the next token: each step's parameters against transformers' own
SmolLM2 module (built on the meta device from the zoo's config.json), the shapes against the config."""
import pytest
import torch
import transformers

from paramscope.arch import zoo
from paramscope_generator.producer.output import Output

from support import PROJECT, producer


@pytest.fixture(scope="module")
def manifest(tmp_path_factory):
    out = Output("walk", tmp_path_factory.mktemp("walk"), PROJECT)
    producer("walk").produce(out)
    out.verify()
    return out.manifest()


@pytest.mark.slow
def test_steps_are_transformers_modules(manifest):
    cfg = zoo.get("smollm2-135m").config
    hf_config = transformers.AutoConfig.for_model(cfg["model_type"],
                                                  **{k: v for k, v in cfg.items() if k != "model_type"})
    with torch.device("meta"):
        hf = transformers.AutoModelForCausalLM.from_config(hf_config)
    numel = lambda module: sum(p.numel() for p in module.parameters())  # noqa: E731
    # "1. Embedding lookup" -> row; the input, "Token ids", has no number
    rows = {r[0].split(". ", 1)[-1]: r for r in manifest["tables"]["steps"]["rows"]}
    T, V, H, L = manifest["facts"]["tokens"]["value"], cfg["vocab_size"], cfg["hidden_size"], cfg["num_hidden_layers"]
    assert rows["Embedding lookup"][3] == f"{numel(hf.model.embed_tokens):,}"
    assert rows[f"{L} layers"][3] == f"{numel(hf.model.layers):,}"
    assert rows["Final norm"][3] == f"{numel(hf.model.norm):,}"
    assert hf.lm_head.weight is hf.model.embed_tokens.weight  # tied in transformers too
    assert rows["Output head"][3].startswith("0 new")
    assert manifest["facts"]["sum"]["value"] == numel(hf)  # parameters() yields the tied tensor once
    assert rows["Embedding lookup"][2] == f"{T}\u00a0×\u00a0{H}"
    assert rows["Output head"][2] == f"{T}\u00a0×\u00a0{V:,}"
    assert manifest["facts"]["next"]["value"] == "Paris"
