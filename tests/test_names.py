"""The size in a model's name against published counts: the producer reads names, the oracle is the makers' counts."""
import json

import pytest

from paramscope.arch import counting, zoo
from paramscope.lessons import model_names as names

from support import PROJECT

ORACLE = json.loads((PROJECT.root / "tests/oracles/parameter-counts.json").read_text())["models"]


@pytest.mark.parametrize("label,text,n", [
    ("Llama 2 7B", "7B", 7e9), ("gpt-oss-120b", "120b", 120e9), ("SmolLM2-135M", "135M", 135e6),
    ("Falcon-H1-0.5B", "0.5B", 0.5e9), ("Qwen3-Next-80B-A3B", "80B", 80e9),
])
def test_a_name_states_one_size(label, text, n):
    assert names.named_size(label) == (text, n)


@pytest.mark.parametrize("label", ["Mixtral 8x7B", "GPT-2 small", "Jamba v0.1", "Phi-3-mini", "DeepSeek-V3"])
def test_a_name_without_a_total_states_none(label):
    assert names.named_size(label) is None


@pytest.mark.parametrize("key", ["llama-2-7b", "llama-3-8b", "llama-3-70b", "mistral-7b-v0.1"])
def test_named_models_are_off_their_names_by_the_published_count(key):
    """The published count (tests/oracles, from the makers' releases) differs from the name; ours equals it."""
    published = ORACLE[key]["total"]
    _, said = names.named_size(zoo.get(key).label)
    assert counting.count(zoo.get(key).config).total == published != said
