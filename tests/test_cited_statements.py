"""Statements that rest on a published source cite it in the sentence that makes them (the page's `sources:`)."""
from support_pages import cites, front, source


def test_cited_statements_cite_their_sources():
    """5, 6, 9, 12, 14-17, 19, the DeepSeek and llama.cpp notes: each sentence cites its source."""
    assert cites("mixture-of-experts", "mixtral", "The Mixtral paper describes only the router")
    assert cites("parameter", "gpt2-readme", "OpenAI has since said the")
    assert cites("embedding", "qwen2-report", "rows for its tokenizer's")
    assert cites("layer", "gemma2", "Gemma 2")
    assert cites("inference", "kaplan", "non-embedding")
    assert cites("scaling", "kaplan", "non-embedding")
    assert cites("scaling", "pearce", "Chinchilla")
    assert cites("generation-settings", "hf-generation", "GenerationConfig")
    assert cites("generation-settings", "shannon", "lower bound")
    assert cites("distillation", "hinton", "44.5%")
    assert cites("distillation", "hinton", "temperature above one")
    assert cites("mixture-of-experts", "deepseek-weights", "billion activated")
    assert cites("model-size", "deepseek-weights", "released in FP8")
    assert cites("generation-settings", "llama-cpp", "DRY and top-n-sigma")
    assert "penalties, DRY, top-n-sigma, top-k" in front("generation-settings")["sources"]["llama-cpp"]
    assert "non-embedding" in front("inference")["sources"]["kaplan"]


def test_the_attention_cost_counts_values_too():
    """Kaplan's context term counts the query-key scores only; the page adds the value sum (Hoffmann et al.)."""
    assert cites("inference", "chinchilla-flops", "costs as much again")
    assert "parameters.smollm2.attention_flops" in source("inference")
