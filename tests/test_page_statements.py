"""What the pages state, read on the built pages and in the glossary's front matter: computed statements against
the counts and tables they come from, and the terms each page must define.

A number a test expects is computed here from the count, the tables or transformers, or quoted from a published
source; none is copied from the page it checks."""
import re
from pathlib import Path

from paramscope.arch import counting, zoo
from paramscope.data import accelerators

from support_pages import aliases, front, text


def test_moe_expert_share_is_a_true_lower_bound(site: Path):
    """1: the page's "at least" share of the MLPs in the mixtures is never above the smallest computed share."""
    shown = re.search(r"the MLPs, experts included, hold at least ([\d.]+)%", text(site, "parameter"))
    assert shown, "the Parameter page no longer states the experts' share"
    counts = (counting.count(e.config) for e in zoo.ZOO.values())
    shares = [sum(c.breakdown.get(k, 0) for k in counting.MLP_KINDS) / c.total for c in counts if c.active < c.total]
    assert float(shown[1]) / 100 <= min(shares)


def test_attention_weights_are_not_an_alias_of_attention_and_are_called_activations(site: Path):
    """2: "attention weights" names a section saying they are computed, not a synonym of attention."""
    assert "attention weights" not in [a.lower() for a in aliases("attention")] and aliases("attention")
    section = next(s for s in front("attention")["sections"] if s["anchor"] == "attention-pattern")
    assert "attention weights" in section["aliases"] and "not parameters" in section["summary"]
    assert "Despite the name they are not parameters" in text(site, "attention")


def test_temperature_claim_reports_plain_and_chat_prompts(site: Path):
    """3: both formats of the Australia question, the chat template's answer included."""
    page = text(site, "claims")
    assert re.search(r"As plain text the model puts \"Sydney\" first", page)
    assert re.search(r"In its chat template \"Canberra\" leads with [\d]+%;", page)
    assert "greedy decoding there answers \"The capital of Australia is Canberra.\"" in page


def test_neurons_claim_is_tested_on_the_layer_claims_five_models(site: Path):
    """4: the same five models as its neighbour, SmolLM2's 1,536 among them."""
    page = text(site, "claims")
    heading = page.rfind("A layer has tens of thousands of neurons")   # the section's, after the verdicts' table
    computed = re.search(r"Computed: (.*?)\.(?=\s)", page[heading:]) if heading >= 0 else None
    assert computed, "the Claims page no longer lists the neurons per layer it computed"
    smollm2 = zoo.get("smollm2-135m").config["intermediate_size"]
    assert computed[1].count(":") == 5 and f"SmolLM2-135M: {smollm2:,}" in computed[1]


def test_weight_page_splits_the_layer_into_matrix_weights_and_norm_scales(site: Path):
    """8: a SmolLM2 layer's parameters are matrix weights plus norm scales, as transformers' own layer holds them."""
    import torch
    from transformers import LlamaConfig
    from transformers.models.llama.modeling_llama import LlamaDecoderLayer

    m = re.search(r"which holds ([\d,]+) parameters: ([\d,]+) weights in its matrices and ([\d,]+) scales",
                  text(site, "weight"))
    assert m, "the Weight page no longer splits the layer's parameters"
    total, weights, scales = (int(x.replace(",", "")) for x in m.groups())
    with torch.device("meta"):
        layer = LlamaDecoderLayer(LlamaConfig(**{k: v for k, v in zoo.get("smollm2-135m").config.items()
                                                 if k != "model_type"}), 0)
    theirs = {name: p.numel() for name, p in layer.named_parameters()}
    assert scales == sum(n for name, n in theirs.items() if "norm" in name) > 0
    assert (total, weights) == (sum(theirs.values()), sum(n for name, n in theirs.items() if "norm" not in name))


def test_vocabulary_tables_say_embedding_rows_and_name_the_padding(site: Path):
    """9: a table's rows are not the tokenizer's tokens; Qwen2's padding named."""
    assert "Embedding rows" in text(site, "parameter") and "Embedding rows" in text(site, "embedding")
    assert "padding" in next(s for s in front("embedding")["sections"] if s["anchor"] == "vocabulary")["summary"]
    assert re.search(r"so [\d,]+ rows are padding", text(site, "embedding"))


def test_embedding_page_names_fragments_and_both_tokenizer_algorithms(site: Path):
    """10, 11."""
    page = text(site, "embedding")
    assert "SmolLM2 cuts \"unbelievable\" after \"unbelie\"" in page
    assert "lower-cased WordPiece" in page and "cased byte-level BPE" in page


def test_layer_summary_no_longer_says_identical(site: Path):
    """12: the glossary index shows the Layer summary."""
    assert "identical" not in front("layer")["summary"]
    assert "own parameters" in front("layer")["summary"]
    assert re.search(r"first 3 layers have an ordinary MLP and its other 58", text(site, "layer"))


def test_neuron_summary_agrees_with_the_neuron_page(site: Path):
    """13: in and out, as the page counts 3 × 576 per gated neuron; the textbook neuron owns only what feeds it."""
    summary = front("neuron")["summary"]
    assert "weights into it" in summary and "read it out" in summary
    per_neuron = 3 * zoo.get("smollm2-135m").config["hidden_size"]   # gate's row, up's row, down's column
    assert f"{per_neuron:,} weights per neuron" in text(site, "neuron")


def test_inference_and_scaling_name_which_n(site: Path):
    """14, 15: Kaplan's N is non-embedding; the Scaling page uses the total and shows both."""
    assert "non-embedding" in text(site, "inference")
    page = text(site, "scaling")
    assert "Non-embedding (Kaplan's N)" in page and "This page uses the total, Chinchilla's N" in page


def test_generation_parameters_are_not_hyperparameter_aliases(site: Path):
    """16 and the missing concept: the request settings APIs call parameters, on three pages and in the glossary."""
    assert "sampling settings" not in [a.lower() for a in aliases("hyperparameter")] and aliases("hyperparameter")
    assert {"sampling settings", "generation parameters"} <= set(aliases("generation-settings"))
    assert "generation settings" in text(site, "parameter").lower()
    assert "Generation settings" in (site / "glossary" / "index.html").read_text()


def test_perplexity_is_not_called_the_loss():
    """18: perplexity is e to the loss, not another name for it (the Loss section exists: aliases() finds it)."""
    assert "perplexity" not in [a.lower() for a in aliases("training", "Loss")]


def test_mi300x_reports_what_rocm_smi_reports(site: Path):
    """Rounds 3-5: rocm-smi reports 205,822,885,888 bytes on the MI300X VF (bare metal 206,141,652,992); the smaller,
    shown in GiB as the vendor's "192 GB" means: 191.7 GiB, never the nominal 192.0."""
    mi300x = accelerators.get("AMD Instinct MI300X").bytes
    assert mi300x == 205_822_885_888   # the driver's reading, quoted above
    page = text(site, "model-size")
    assert f"{mi300x / 2 ** 30:.1f} GiB" == "191.7 GiB"
    assert "191.7 GiB" in page and "192.0 GiB" not in page and f"{mi300x / 1e9:.1f} GB" not in page


def test_deepseek_active_difference_is_named(site: Path):
    """Also note: the makers' 36.7B against the site's one definition of active."""
    page = text(site, "mixture-of-experts")
    ours = counting.count(zoo.get("deepseek-v3").config).active / 1e9   # the site's definition, computed here
    assert re.search(rf"gives 36\.7 billion activated.*This site counts {ours:.2f} billion", page)


def test_parameter_page_states_the_missing_concepts(site: Path):
    """Activations, non-embedding counts, tied heads, padding, what a card's total includes, release precision."""
    page = text(site, "parameter")
    for words in ("they are called activations", "Non-embedding counts", "Tied or separate output head",
                  "Padded tables", "multi-token-prediction module", "Makers of mixtures of experts"):
        assert words in page, words
    assert "activations, not parameters" in text(site, "neuron")
    # a gloss may stand between, in commas or brackets
    assert re.search(r"they are activations(, [^,.]*| \([^)]*\))?, not parameters", text(site, "embedding"))
    assert "activations" in text(site, "inference")
    assert "released in FP8" in text(site, "model-size")


def test_a_tight_fit_is_flagged_in_the_fits_table(site: Path):
    """A T4's 15,360 MiB holds Llama 3 8B's bf16 weights with 43 MiB to spare (15,360 MiB − 2 × 8,030,261,248
    bytes; in MiB beside the GiB capacities): said, not shown as a plain fit."""
    spare = accelerators.get("NVIDIA T4").bytes - 2 * counting.count(zoo.get("llama-3-8b").config).total
    assert 0 < spare < 2 ** 30 and f"{spare // 2 ** 20} MiB to spare: too tight to run" in text(site, "model-size")


def test_gemma_2_9b_is_released_in_fp32(site: Path):
    """r2: google/gemma-2-9b's safetensors are float32, 34.4 GiB for its 9.24B parameters (half that in bf16; only
    the -it model is bf16): the release the zoo records gives the files' size, and the Model size page says fp32."""
    from paramscope.arch.release import release_bytes

    gemma = zoo.get("gemma-2-9b")
    c = counting.count(gemma.config)
    assert round(release_bytes(c, gemma.release) / 2 ** 30, 1) == 34.4
    assert f"{gemma.label} {c.total / 1e9:.2f} fp32 " in text(site, "model-size")


def test_moe_compute_share_leaves_out_the_input_table(site: Path):
    """r4: a looked-up embedding row multiplies nothing: the compute share is active/total without the input table."""
    page = text(site, "mixture-of-experts")
    for name in ("mixtral-8x7b", "deepseek-v3"):
        c = counting.count(zoo.get(name).config)
        table = c.breakdown["embeddings"]
        share = f"{(c.active - table) / (c.total - table):.1%}"
        said = (f"costs about {share}", f"{share} of what a dense model", f"and in {zoo.get(name).label} {share}")
        assert any(s in page for s in said), (name, share)
