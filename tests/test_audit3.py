"""The third outside audit's findings (issue 23), each guarded so it cannot come back: removed wordings are checked on
the built pages, cited statements by the page citing its source, computed statements against the counts."""
import html
import re
from pathlib import Path

import pytest
import yaml

from paramscope.tables import accelerators
from paramscope.arch import counting, zoo
from support import ROOT

DOCS = ROOT / "docs"


def source(page: str) -> str:
    return (DOCS / "glossary" / f"{page}.md").read_text()


def front(page: str) -> dict:
    return yaml.safe_load(source(page).split("---", 2)[1])


def aliases(page: str, term: str | None = None) -> list[str]:
    """The aliases of a page's term, or of one of its sections."""
    meta = front(page)
    if term is None:
        return meta.get("aliases", [])
    return next(s for s in meta.get("sections", []) if s["term"] == term).get("aliases", [])


INLINE = re.compile(r"</?(?:abbr|a|em|strong|code|span|sub|sup)\b[^>]*>")


def plain(markup: str) -> str:
    """HTML as plain text: inline tags dropped, other tags a space, one space between words."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", INLINE.sub("", markup))))


def text(site: Path, page: str) -> str:
    """A built page's article as plain text."""
    raw = (site / "glossary" / page / "index.html").read_text() if page else (site / "index.html").read_text()
    return plain(raw[raw.find("<article"): raw.find("</article>")])


def cites(page: str, key: str, sentence_part: str) -> bool:
    """The page lists `key` under sources and cites it in the sentence that holds `sentence_part`."""
    body = source(page).split("---", 2)[2]
    sentence = next((s for s in re.split(r"(?<=[.!?])\s", " ".join(body.split())) if sentence_part in s), "")
    return key in front(page).get("sources", {}) and f"[^{key}]" in sentence


# Removed wordings: none may come back on any built page.
GONE = {
    "at least 97%": "1: Mixtral's experts hold 96.56%, a lower bound must not round up",
    "become weights that sum to one": "2: attention weights are activations, not the Weight page's parameters",
    "Mixtral, like the Switch Transformer": "5: the Mixtral paper publishes no balancing loss",
    "an inference from the arithmetic, not something the authors state": "6: OpenAI's README states the error",
    "Nothing else in the model is learned": "7: the tokenizer's vocabulary is learned too",
    "are whole words written in plain letters": "10: word-start tokens include fragments",
    "because each tokenizer learned its pieces from its own training text": "11: the algorithms differ too",
    "stack of identical layers": "12: layers share a shape at most, never their parameters",
    "identical blocks": "12: the Layer summary, shown in the glossary",
    "one row of a weight matrix plus its bias": "13: the Neuron page counts the outgoing weights too",
    "one row of weights plus its bias": "13: the home page's Neuron entry",
    "the situation in which soft targets were found to help most": "19: Hinton et al. show it helps a lot",
    "In an ordinary transformer every token passes through every parameter.": "20: not the other embedding rows",
    # The fourth audit (this issue's own loop, round 1).
    "the angle between two rows,": "r1: cosine similarity is the cosine of the angle, 1 at angle 0",
    "and so without an untied output head": "r1: Kaplan's rule is the tables; an untied head is this site's extension",
    "and an untied output head, a vocabulary table too": "r1: the same on the Scaling page",
    "Both start with a normalisation that rescales": "r1: post-norm models (BERT, MiniLM) normalise after",
    "LoRA works because the change": "r1: the low-rank update is the LoRA paper's hypothesis",
    "the parameters are the model's knowledge": "r1: architecture, tokenizer and settings shape behaviour too",
    "Mixtral is Mistral 7B with": "r2: Mixtral shares Mistral 7B's shapes; being initialised from it is unpublished",
    "which the claim forgets": "r2: the textbook neuron owns only its incoming weights and bias",
    "Every layer of a model has the same number of MLP neurons": "r2: true of the two models shown, not of all",
    "every earlier token offers a label": "r3: a token attends to itself too (and both ways in an encoder)",
    "so a width needs to divide into them": "r3: any width runs; tile multiples run fastest",
    "never changes them": "r4: DeepSeek-V3's routing correction is a buffer its own rule changes in training",
    "is itself a hyperparameter": "r4: the count follows from width, depth and vocabulary",
    "A learned vector for each position": "r4: sinusoidal position encodings are fixed",
    'scales and shifts (the "norm" row)': "r4: the norm row holds the scales only",
    "a real teacher, SmolLM2-135M, for": "r4: the teacher is the Instruct model's Q4_1 file",
    "each with its own queries, keys and values": "r4: grouped-query heads share keys and values",
    "every parameter takes part in processing every token, as": "r4: a token reads one embedding row",
    "pathspec>=0.11, lower bounds only, for": "r4: mkdocs keeps its <2",
    "Most of a small model is its embedding table": "r5: the layers hold most of SmolLM2 too",
    "each on its own slice of the vector": "r5: a head slices the projected queries, keys and values",
    "a running average of the size of its gradients": "r5: Adam divides by the root of the mean squared gradient",
    'everything the model "knows" is in them': "r6: the vocabulary and the prompt are not in the parameters",
    "so they hold everything the model knows": "r6: the same on the Parameter page",
    "such as GPT-2's original code or JAX": "r6: JAX has no layout; Flax's Dense is (in, out); nn.Linear only",
    "so they sit on positive values": "r6: norm scales start at one; multiplying forces no sign",
    "deeper ones are sparser": "r6: measured entropy has large exceptions (layers 11, 17)",
    "a small integer plus a scale": "r6: fp8 and MXFP4 are small floats",
    'Qwen\'s "A3B" leaves out both': "r6: Qwen does not say what A3B counts",
    "big model's soft targets": "r6: Hinton's soft targets come from the same model on all the data",
    "Also called: forward pass": "r6: training runs forward passes too; Forward pass has its own entry",
}


@pytest.mark.parametrize("wording", GONE, ids=[v.split(":")[0] for v in GONE.values()])
def test_removed_wording_stays_gone(site: Path, wording: str):
    pages = [p for p in site.rglob("*.html") if "notebooks" not in p.parts]
    found = [str(p.relative_to(site)) for p in pages if wording in plain(p.read_text())]
    assert not found, f"{GONE[wording]}; found on {found}"


def test_moe_expert_share_is_a_true_lower_bound(site: Path):
    """1: the page's "at least" share of the MLPs in the mixtures is never above the smallest computed share."""
    shown = re.search(r"the MLPs, experts included, hold at least ([\d.]+)%", text(site, "parameter"))
    assert shown, "the Parameter page no longer states the experts' share"
    shares = [sum(c.breakdown.get(k, 0) for k in counting.MLP_KINDS) / c.total for c in (counting.count(e.config) for e in zoo.ZOO.values())
              if c.active < c.total]
    assert float(shown[1]) / 100 <= min(shares)


def test_attention_weights_are_not_an_alias_of_attention_and_are_called_activations(site: Path):
    """2: "attention weights" names a section saying they are computed, not a synonym of attention."""
    assert "attention weights" not in [a.lower() for a in aliases("attention")]
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
    computed = re.search(r"Tens of thousands of neurons per layer.*?Computed: (.*?)\.(?=\s)", page)[1]
    assert computed.count(":") == 5 and "SmolLM2-135M: 1,536" in computed


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


def test_weight_page_splits_the_layer_into_matrix_weights_and_norm_scales(site: Path):
    """8: 3,540,096 are parameters: matrix weights plus norm scales."""
    m = re.search(r"which holds ([\d,]+) parameters: ([\d,]+) weights in its matrices and ([\d,]+) scales",
                  text(site, "weight"))
    assert m, "the Weight page no longer splits the layer's parameters"
    total, weights, scales = (int(x.replace(",", "")) for x in m.groups())
    assert total == weights + scales and scales > 0


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
    """13: in and out, as the page counts 1,728 per gated neuron; the textbook neuron owns only what feeds it."""
    summary = front("neuron")["summary"]
    assert "weights into it" in summary and "read it out" in summary
    assert "1,728 weights per neuron" in text(site, "neuron")


def test_inference_and_scaling_name_which_n(site: Path):
    """14, 15: Kaplan's N is non-embedding; the Scaling page uses the total and shows both."""
    assert "non-embedding" in text(site, "inference")
    page = text(site, "scaling")
    assert "Non-embedding (Kaplan's N)" in page and "This page uses the total, Chinchilla's N" in page


def test_generation_parameters_are_not_hyperparameter_aliases(site: Path):
    """16 and the missing concept: the request settings APIs call parameters, on three pages and in the glossary."""
    assert "sampling settings" not in aliases("hyperparameter")
    assert {"sampling settings", "generation parameters"} <= set(aliases("generation-settings"))
    assert "generation settings" in text(site, "parameter").lower()
    assert "Generation settings" in (site / "glossary" / "index.html").read_text()


def test_perplexity_is_not_called_the_loss():
    """18: perplexity is e to the loss, not another name for it."""
    assert "perplexity" not in aliases("training", "Loss")


def test_mi300x_reports_what_rocm_smi_reports(site: Path):
    """Rounds 3-5: rocm-smi reports 205,822,885,888 bytes on the MI300X VF (bare metal 206,141,652,992); the smaller,
    shown in GiB as the vendor's "192 GB" means (issue 21): 191.7 GiB, never the nominal 192.0."""
    assert accelerators.get("AMD Instinct MI300X").bytes == 205_822_885_888
    page = text(site, "model-size")
    assert "191.7 GiB" in page and "192.0 GiB" not in page and "206.1 GB" not in page


def test_deepseek_active_difference_is_named(site: Path):
    """Also note: the makers' 36.7B against the site's one definition of active."""
    page = text(site, "mixture-of-experts")
    assert re.search(r"gives 36\.7 billion activated.*This site counts 37\.55 billion", page)


def test_parameter_page_states_the_missing_concepts(site: Path):
    """Activations, non-embedding counts, tied heads, padding, what a card's total includes, release precision."""
    page = text(site, "parameter")
    for words in ("are all activations", "Non-embedding counts", "Tied or separate output head", "Padded tables",
                  "multi-token-prediction module", "Makers of mixtures of experts"):
        assert words in page, words
    assert "activations, not parameters" in text(site, "neuron")
    assert re.search(r"they are activations( \([^)]*\))?, not parameters", text(site, "embedding"))  # a gloss may stand
    assert "activations" in text(site, "inference")
    assert "released in FP8" in text(site, "model-size")


def test_the_attention_cost_counts_values_too():
    """Kaplan's context term counts the query-key scores only; the page adds the value sum (Hoffmann et al.)."""
    assert cites("inference", "chinchilla-flops", "costs as much again")
    assert "parameters.smollm2.attention_flops" in source("inference")


def test_a_tight_fit_is_flagged_in_the_fits_table(site: Path):
    """A T4's 15,360 MiB holds Llama 3 8B's bf16 weights with 43 MiB to spare (15,360 MiB − 2 × 8,030,261,248
    bytes; in MiB beside the GiB capacities, issue 21): said, not shown as a plain fit."""
    assert "43 MiB to spare: too tight to run" in text(site, "model-size")


def test_gemma_2_9b_is_released_in_fp32():
    """r2: google/gemma-2-9b's safetensors are float32 (34.4 GB for 9.24B parameters); only the -it model is bf16."""
    from paramscope.arch import zoo
    assert zoo.get("gemma-2-9b").release == "fp32"


def test_moe_compute_share_leaves_out_the_input_table(site: Path):
    """r4: a looked-up embedding row multiplies nothing: the compute share is active/total without the input table."""
    page = text(site, "mixture-of-experts")
    for name in ("mixtral-8x7b", "deepseek-v3"):
        c = counting.count(zoo.get(name).config)
        table = c.breakdown["embeddings"]
        share = f"{(c.active - table) / (c.total - table):.1%}"
        assert f"costs about {share}" in page or f"{share} of what a dense model" in page or f"and in {zoo.get(name).label} {share}" in page, (name, share)
