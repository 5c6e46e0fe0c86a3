"""What counts as a gloss (paramscope.glossary.order): each form CONTRIBUTING.md names, and uses that are not."""
import pytest

from paramscope.glossary import model, order
from paramscope_generator.markdown import scan

LOGIT = model.Term("Logit", "A raw score.", "transformer", None, ["logits"], 1)
SPELLINGS = {"Logit": LOGIT, "logit": LOGIT, "logits": LOGIT, "Logits": LOGIT}


def first(text: str) -> order.Use:
    uses = order.first_uses(scan.read(text, 1), "glossary/weight.md", SPELLINGS)
    assert len(uses) == 1, uses
    return uses[0]


@pytest.mark.parametrize("text", [
    "The model turns them into logits (one score per token) and then into shares.",
    "The model turns them into *logits* (one score per token).",
    "The model turns them into logits — one score per token — and then into shares.",
    "The model turns them into logits: one score per token.",
    "The model turns them into logits, the raw scores, and then into shares.",
    "The model turns them into logits, or raw scores.",
    "The model turns them into scores called logits.",
    "The model turns them into what is known as a logit for each token.",
    "A logit is a raw score. The model makes one logit per token.",
    "Logits are the raw scores the model ends on.",
    "The model turns them into [logits](index.md#logit) and then into shares.",
])
def test_a_gloss_where_the_term_first_appears(text):
    assert first(text).glossed


@pytest.mark.parametrize("text", [
    "The model turns them into logits and then into shares.",
    "The model turns them into logits, which a softmax turns into shares.",
    "Logits are computed next. A logit (a raw score) is one number.",   # only the first use counts
    "The model turns them into [logits](transformer.md) and then into shares.",   # a link to the page is no gloss
    "Logits come next, on the next page.",
])
def test_no_gloss(text):
    assert not first(text).glossed


def test_folded_blocks_code_and_headings_are_not_the_main_text():
    text = "\n".join([
        "## Logits", "",
        "Code `logits = x` and {{ figure logits.bars }} do not count.", "",
        "??? note \"Going further\"", "    The logits, folded.", "",
        "<details><summary>More</summary>", "The logits again.", "</details>", "",
        "The logits at last."])
    use = first(text)
    assert (use.index, use.glossed) == (11, False)


def test_the_longest_spelling_wins_as_in_the_abbr_extension():
    head = model.Term("Attention head", "One of several.", "attention", None, [], 1)
    attention = model.Term("Attention", "Mixing tokens.", "attention", None, [], 1)
    spellings = {"attention head": head, "attention": attention}
    uses = order.first_uses(scan.read("Each attention head (one of several) reads.", 1), "x.md", spellings)
    assert [u.term for u in uses] == [head]
