"""LoRA on SmolLM2: parameters added and the adapted layer's output, against peft on transformers' Llama."""
import copy
import json
from pathlib import Path

import peft  # noqa: F401 (the LoRA oracle, pinned in the test extra: a missing peft fails, never skips)
import pytest
import torch

from paramscope.arch import zoo
from paramscope.lessons import lora
from paramscope.models import build_model

ORACLES = Path(__file__).resolve().parent / "oracles"


@pytest.mark.parametrize("rank", [4, 16])
@pytest.mark.parametrize("targets", [lora.ATTENTION_QV, lora.ALL_LINEAR], ids=["qv", "all"])
def test_lora_count_matches_peft(rank, targets):
    """Parameters LoRA adds to SmolLM2 (our module) equal peft's count on transformers' LlamaForCausalLM."""
    from peft import LoraConfig, get_peft_model
    from transformers import LlamaConfig, LlamaForCausalLM

    config = json.loads((ORACLES / "configs" / "smollm2-135m.json").read_text())
    with torch.device("meta"):
        ref = LlamaForCausalLM(LlamaConfig(**config))
    trainable, _ = get_peft_model(ref, LoraConfig(r=rank, target_modules=list(targets))).get_nb_trainable_parameters()
    ours = build_model(zoo.get("smollm2-135m").config)
    assert lora.formula(ours, rank, targets) == trainable
    assert lora.trainable(lora.add_lora(ours, rank, targets)) == trainable


def test_lora_forward_matches_peft():
    """With the same (non-zero) adapter weights our adapted layer computes what peft's does."""
    from peft import LoraConfig, get_peft_model

    torch.manual_seed(0)
    base = torch.nn.Sequential()
    base.add_module("q_proj", torch.nn.Linear(12, 6))
    ours = lora.add_lora(copy.deepcopy(base), 4, ("q_proj",), alpha=8)
    ref = get_peft_model(copy.deepcopy(base), LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj"]))
    with torch.no_grad():
        ours.q_proj.lora_B.weight.normal_()
        layer = ref.base_model.model.q_proj
        layer.lora_A["default"].weight.copy_(ours.q_proj.lora_A.weight)
        layer.lora_B["default"].weight.copy_(ours.q_proj.lora_B.weight)
    x = torch.randn(3, 12)
    torch.testing.assert_close(ours(x), ref(x))
    assert not torch.allclose(ours(x), base(x))


def test_tiny_model_lora_count_matches_peft():
    """The LoRA the Fine-tuning page trains on the tiny model: our count of trainable parameters equals peft's on
    transformers' Llama of the same shape, and so does the whole model's."""
    import sys

    from peft import LoraConfig, get_peft_model
    from transformers import LlamaConfig, LlamaForCausalLM

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts" / "producers"))
    import lorarun

    tiny = lorarun.MODEL
    ours = tiny.build(81, lorarun.PRETRAIN.context, seed=0)
    with torch.device("meta"):
        ref = LlamaForCausalLM(LlamaConfig(
            vocab_size=81, hidden_size=tiny.hidden_size, intermediate_size=tiny.intermediate_size,
            num_hidden_layers=tiny.num_hidden_layers, num_attention_heads=tiny.num_attention_heads,
            num_key_value_heads=ours.arch.kv_heads, tie_word_embeddings=ours.arch.tie,
            max_position_embeddings=lorarun.PRETRAIN.context))
    whole = sum(p.numel() for p in ours.parameters())
    assert whole == ref.num_parameters()
    trainable, _ = get_peft_model(ref, LoraConfig(r=lorarun.RANK, target_modules=list(lorarun.TARGETS))) \
        .get_nb_trainable_parameters()
    assert lora.trainable(lora.add_lora(ours, lorarun.RANK, lorarun.TARGETS)) == trainable


def test_remove_lora_puts_back_the_original_layers():
    """After add_lora and remove_lora, the model holds its very own nn.Linear objects again, and computes as before."""
    model = torch.nn.Sequential()
    model.add_module("q_proj", torch.nn.Linear(4, 4))
    model.add_module("v_proj", torch.nn.Linear(4, 3))
    before = dict(model.named_children())
    x = torch.randn(2, 4, generator=torch.Generator().manual_seed(0))
    expected = model(x)
    adapted = lora.add_lora(model, 2)
    assert all(isinstance(m, lora.LoRALinear) for m in adapted.children())
    restored = lora.remove_lora(adapted)
    assert dict(restored.named_children()) == before
    assert torch.equal(restored(x), expected)
