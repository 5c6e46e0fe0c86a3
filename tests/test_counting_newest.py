"""The families of 2025 against transformers 5.23 on the meta device: every new model type on its class defaults and
on seeded variants (depth, vocabulary, tying, switches, layer schedules given or left to the class), block by block;
multimodal wrappers by their text model; the newest zoo entries against the counts their makers publish."""
import json
import random
import time

import pytest

from paramscope.arch import counting, published, zoo

from support_counting import CONFIGS, hf_counts, hf_model
from test_counting_fuzz import shrink  # the class defaults with small shapes, per-layer lists dropped

NEW_TYPES = ("gpt_oss", "llama4_text", "qwen3_next", "smollm3", "glm4_moe", "glm4", "mamba2", "jamba", "falcon_h1",
             "granitemoe", "granitemoehybrid", "exaone4", "ernie4_5_moe", "hunyuan_v1_moe", "seed_oss", "olmo3",
             "lfm2", "cohere2", "apertus", "minimax_m2")
WRAPPERS = {"llama4": "llama4_text", "gemma3": "gemma3_text", "mistral3": "mistral"}

# The layer types each family accepts in `layer_types` (or `layers_block_type`), for explicit schedules.
LAYER_TYPES = {"qwen3_next": ["linear_attention", "full_attention"], "granitemoehybrid": ["mamba", "attention"],
               "lfm2": ["conv", "full_attention"], "jamba": ["mamba", "attention"]}


def defaults(mt: str) -> dict:
    return json.loads(CONFIGS[f"{mt.replace('_', '-')}-defaults"].read_text())


def test_every_new_type_has_an_adapter_and_an_oracle_config():
    assert set(NEW_TYPES) <= set(published()["model_types"])
    assert {f"{mt.replace('_', '-')}-defaults" for mt in NEW_TYPES} <= set(CONFIGS)
    assert set(WRAPPERS) <= set(published()["wrappers"])


def variants(mt: str, n: int = 6) -> list[dict]:
    """Seeded variants of the class defaults: depth, vocabulary, tying, each boolean switch the adapter reads, and
    an explicit layer schedule where the family has one."""
    rng = random.Random(mt)
    base = shrink(defaults(mt))
    reads = published()["adapters"][mt]["read"]
    out = []
    for _ in range(n):
        cfg = {**base, "num_hidden_layers": rng.randint(1, 6), "pad_token_id": 0}
        vocab = next((f[0] for name, _, f, _ in reads if name == "vocab"), "vocab_size")
        cfg[vocab] = rng.randint(40, 200)
        for name, t, fields, _ in reads:
            if t == "bool" and rng.random() < 0.5:
                cfg[fields[0]] = rng.random() < 0.5
        if mt in LAYER_TYPES and rng.random() < 0.6:
            cfg["layer_types"] = [rng.choice(LAYER_TYPES[mt]) for _ in range(cfg["num_hidden_layers"])]
        out.append(cfg)
    return out


# (a type without its oracle config fails test_every_new_type_has_an_adapter_and_an_oracle_config)
CASES = [pytest.param(cfg, id=f"{mt}-{i}") for mt in NEW_TYPES if f"{mt.replace('_', '-')}-defaults" in CONFIGS
         for i, cfg in enumerate(variants(mt))]


@pytest.mark.parametrize("cfg", CASES)
def test_a_seeded_variant_counts_like_transformers_block_by_block(cfg):
    try:
        expected = hf_counts(cfg)
    except Exception:  # transformers refuses this combination: so must we, in one line naming a field
        with pytest.raises(ValueError, match=r"^config: [\w.]+: "):
            counting.count(cfg)
        return
    got = counting.count(cfg)
    assert (got.total, got.active) == expected
    model = hf_model(cfg)
    blocks = getattr(getattr(model, "model", None), "layers", None) or model.backbone.layers
    assert list(got.by_layer) == [sum(p.numel() for p in b.parameters()) for b in blocks]
    assert sum(got.breakdown.values()) == got.total


@pytest.mark.parametrize("wrapper", WRAPPERS)
def test_a_multimodal_wrapper_counts_its_text_model_and_says_so(wrapper):
    for cfg in ({"model_type": wrapper, "text_config": {"num_hidden_layers": 2}},):
        got = counting.count(cfg)
        assert (got.total, got.active) == hf_counts(cfg)
        assert "vision tower" in got.note and "not counted" in got.note


def test_a_deep_hybrid_counts_in_bounded_time():
    """10^12 blocks of a periodic schedule (Qwen3-Next's 3 linear, 1 full attention): exact, and instant."""
    cfg = {**defaults("qwen3_next"), "num_hidden_layers": 4 * 10**12}
    cfg.pop("layer_types", None)
    start = time.perf_counter()
    many, four = counting.count(cfg), counting.count({**cfg, "num_hidden_layers": 4})
    assert time.perf_counter() - start < 0.5
    def layers(c):
        return c.total - c.breakdown["embeddings"] - c.breakdown.get("output head", 0) - c.breakdown["norms"]
    assert layers(many) == 10**12 * layers(four)


def published_digits(x: float) -> int:
    return len(f"{x / 1e9:g}".partition(".")[2])


@pytest.mark.parametrize("name", zoo.NEWEST)
def test_a_newest_zoo_entry_matches_its_makers_counts_under_their_convention(name):
    """Equal when rounded to the precision the makers publish; "active" as each maker counts it (gpt-oss's card
    leaves the input embedding table out)."""
    e = zoo.get(name)
    got = counting.count(e.config)
    assert (got.total, got.active) == hf_counts(e.config)
    left_out = {"all": (), "no input embeddings": ("embeddings",),
                "no embeddings or head": ("embeddings", "output head")}
    if e.published is not None:
        total = got.total - sum(got.breakdown.get(k, 0) for k in left_out[e.total_convention])
        assert round(total / 1e9, published_digits(e.published)) == round(e.published / 1e9,
                                                                          published_digits(e.published))
    if e.published_active is not None:
        active = got.active - sum(got.breakdown.get(k, 0) for k in left_out[e.active_convention])
        assert round(active / 1e9, published_digits(e.published_active)) == \
            round(e.published_active / 1e9, published_digits(e.published_active))


def test_gpt_oss_counts_the_model_card():
    """OpenAI's gpt-oss model card (arXiv 2508.10925, section 2.1): 20.9B total, 3.6B active for gpt-oss-20b;
    116.8B and 5.1B for gpt-oss-120b, the active counts leaving the input embedding table out."""
    for name, total, active in (("gpt-oss-20b", 20.9, 3.6), ("gpt-oss-120b", 116.8, 5.1)):
        got = counting.count(zoo.get(name).config)
        assert round(got.total / 1e9, 1) == total
        assert round((got.active - got.breakdown["embeddings"]) / 1e9, 1) == active
        assert round(got.active / 1e9, 1) != active  # with the table, as this site counts, it is not the card's


def test_falcon_h1_zoo_entry_keeps_its_config_json():
    """The zoo's Falcon-H1-0.5B is the count-deciding part of the Instruct checkpoint's config.json in the oracles
    (tests/oracles/configs/falcon-h1-0.5b-instruct.json): each field it keeps as the file has it, the same count."""
    real = json.loads(CONFIGS["falcon-h1-0.5b-instruct"].read_text())
    e = zoo.get("falcon-h1-0.5b")
    assert {k: real[k] for k in e.config} == e.config
    assert counting.count(e.config).total == counting.count(real).total == 521_411_104


def test_the_readme_states_how_many_model_types_are_counted():
    import re

    from support import ROOT
    stated = re.search(r"for (\d+) model types", (ROOT / "README.md").read_text())
    assert stated and int(stated.group(1)) == len(published()["model_types"])


# Per-block lists a real config may hold where transformers takes one value (Hunyuan-A13B's moe_topk).
LISTED = {
    "hunyuan-topk-list": {"model_type": "hunyuan_v1_moe", "head_dim": 16, "hidden_size": 64, "num_attention_heads": 4,
                          "num_key_value_heads": 2, "num_hidden_layers": 3, "vocab_size": 100,
                          "intermediate_size": 32, "num_experts": 4, "moe_topk": [2, 2, 2]},
}


@pytest.mark.parametrize("name", LISTED)
def test_a_per_block_list_of_equal_values_counts_and_unequal_ones_are_refused(name):
    cfg = LISTED[name]
    got = counting.count(cfg)
    assert (got.total, got.active) == hf_counts(cfg)
    listed = next(k for k, v in cfg.items() if isinstance(v, list))
    with pytest.raises(ValueError, match=rf"^config: {listed}: .*not modelled"):
        counting.count({**cfg, listed: [1] + cfg[listed][1:]})
