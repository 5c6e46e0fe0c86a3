"""The page's words for parameters (paramscope.text.words), against the names transformers' own models give."""
import pytest
from transformers import BertConfig, BertModel, LlamaConfig, LlamaForCausalLM

from paramscope.text import words

BLOCK = {"attention query", "attention key", "attention value", "attention output", "MLP up", "MLP down"}


def said(model) -> set[str]:
    return {words.of(name).alone for name, _ in model.named_parameters() if name.endswith("weight")}


def test_every_weight_of_a_bert_and_a_llama_has_words_and_their_blocks_share_them():
    bert = BertModel(BertConfig(vocab_size=10, hidden_size=8, num_hidden_layers=2, num_attention_heads=2,
                                intermediate_size=16, max_position_embeddings=8))
    llama = LlamaForCausalLM(LlamaConfig(vocab_size=10, hidden_size=8, num_hidden_layers=2, num_attention_heads=2,
                                         num_key_value_heads=1, intermediate_size=16, tie_word_embeddings=False))
    assert said(bert) == BLOCK | {"word embedding", "position embedding", "segment embedding", "norm", "pooler"}
    assert said(llama) == BLOCK | {"MLP gate", "embedding", "norm", "output head"}


def test_the_longest_module_name_wins():
    assert words.of("encoder.layer.3.attention.output.dense.weight").alone == "attention output"
    assert words.of("encoder.layer.3.output.dense.weight").alone == "MLP down"
    assert words.of("model.layers.0.mlp.experts.gate_up_proj").kind == "experts"


def test_an_unknown_name_is_an_error_naming_the_vocabulary():
    with pytest.raises(KeyError, match="paramscope.text.words.WORDS"):
        words.of("model.layers.0.mystery.weight")
