"""Wordings that are wrong, each kept off every built page: the value
says why the wording is wrong.

An absence test passes vacuously when it reads no pages or when a wording could never match what it reads, so two
tests guard it: every Markdown page of docs/ is among the pages read, and every wording, written back into a
sentence and rendered by Python-Markdown (what MkDocs renders with), is found by the same reading."""
from pathlib import Path

import markdown
import pytest

from support import ROOT
from support_pages import plain

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




def pages(site: Path) -> dict[str, str]:
    """Every built page but the notebooks' (their text is the producers' code), as plain text, by site path."""
    return {p.relative_to(site).as_posix(): plain(p.read_text()) for p in site.rglob("*.html")
            if "notebooks" not in p.parts}


def found_on(texts: dict[str, str], wording: str) -> list[str]:
    return [path for path, text in texts.items() if wording in text]


def test_every_markdown_page_is_read(site: Path):
    """The pages read are the site's: every Markdown page MkDocs itself finds in docs/ (its exclusions applied)
    has its built page among them, where MkDocs writes it."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    expected = {f.dest_uri for f in get_files(config) if f.is_documentation_page() and not f.inclusion.is_excluded()}
    assert len(expected) >= 20 and expected <= set(pages(site)), sorted(expected - set(pages(site)))


@pytest.mark.parametrize("wording", GONE, ids=[v.split(":")[0] for v in GONE.values()])
def test_a_wording_that_came_back_would_be_found(wording: str):
    rendered = markdown.markdown(f"Before it, {wording} and after it.\n\nAnother paragraph.")
    assert found_on({"page": plain(rendered)}, wording) == ["page"], f"{wording!r} renders as {rendered!r}"


@pytest.mark.parametrize("wording", GONE, ids=[v.split(":")[0] for v in GONE.values()])
def test_removed_wording_stays_gone(site: Path, wording: str):
    found = found_on(pages(site), wording)
    assert not found, f"{GONE[wording]}; found on {found}"
