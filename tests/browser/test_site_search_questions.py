"""Search answers questions: a reader types a question, not a term, and gets the page that
answers it first. Material turns each query word into a prefix ("a*" matched "adapter"), so the search separator
drops lunr's stop words (paramscope.glossary.search.separator) and the glossary's keywords carry the terms that
decide."""
import re

import pytest

from test_site_search_first import _search

pytestmark = pytest.mark.browser

QUESTIONS = [
    ("what is a parameter", "glossary/parameter/"),
    ("what is a weight", "glossary/weight/"),
    ("What is a bias?", "glossary/bias/"),
    ("how many parameters does GPT-3 have", "glossary/parameter/"),
    ("what does temperature do", "glossary/generation-settings/"),
    ("what is softmax", "glossary/generation-settings/"),
    ("what is the KV cache", "glossary/inference/"),
    ("what is perplexity", "glossary/training/"),
    ("how does quantization save memory", "glossary/model-size/"),
    ("what is an epoch", "glossary/training/"),
    ("what is dropout", "glossary/"),
    # more questions a reader types
    ("what is a bias in a neural network", "glossary/bias/"),
    ("how does top-p work", "glossary/generation-settings/"),
    ("what is LoRA", "glossary/fine-tuning/"),
    ("what is mixture of experts", "glossary/mixture-of-experts/"),
    ("why is the KV cache big", "glossary/inference/"),
    ("how much memory does a 7B model need", "glossary/model-size/"),
    ("what is distillation", "glossary/distillation/"),
    ("what is quantization", "glossary/model-size/"),
    ("what is an embedding", "glossary/embedding/"),
    ("what is a neuron", "glossary/neuron/"),
    ("what is a hyperparameter", "glossary/hyperparameter/"),
    ("what is fine-tuning", "glossary/fine-tuning/"),
    ("what is a neural network", "glossary/neuron/"),
]


def test_a_question_finds_the_page_that_answers_it(visit):
    v = visit("")
    wrong = []
    for query, expected in QUESTIONS:
        results = _search(v.page, query)
        first = results[0].split("#")[0] if results else "(nothing)"
        if first != expected:
            wrong.append(f"{query!r}: first result {results[:1]}, expected {expected} (then {results[1:4]})")
        v.page.keyboard.press("Escape")
    assert not wrong, f"{len(wrong)} of {len(QUESTIONS)} questions miss:\n" + "\n".join(wrong)
    assert not v.problems()


# A question whose answer is one section: that section is listed before any other page's result, with the words
# that answer it in its snippet (the page's title alone, with no snippet, does not answer it).
SECTION_QUESTIONS = [
    ("how many parameters does GPT-3 have", "glossary/parameter/#gpt-3", r"\b175(\.0)? billion parameters\b"),
]


def test_a_question_lists_the_section_that_answers_it(visit):
    v = visit("")
    wrong = []
    for query, expected, words in SECTION_QUESTIONS:
        _search(v.page, query)
        items = v.page.eval_on_selector_all(".md-search-result__item a", """as => as.map(a => {
            const url = new URL(a.href); return [url.pathname + url.hash, a.textContent, a.checkVisibility()]; })""")
        root = v.page.evaluate("new URL(document.querySelector('[data-md-component=logo]').href).pathname")
        results = [(link.removeprefix(root), text, shown) for link, text, shown in items]
        links = [link for link, _, _ in results]
        page = expected.split("#")[0]
        at = links.index(expected) if expected in links else len(links)
        before = [link for link in links[:at] if link.split("#")[0] != page]
        if at == len(links) or before:
            wrong.append(f"{query!r}: {expected} not listed before another page's result: {links[:5]}")
        elif not results[at][2]:
            wrong.append(f"{query!r}: {expected} is folded under its page's result: {results[at][1][:80]!r}")
        elif not re.search(words, " ".join(results[at][1].split())):
            wrong.append(f"{query!r}: {expected} is listed without the text that answers it: {results[at][1]!r}")
        v.page.keyboard.press("Escape")
    assert not wrong, "\n".join(wrong)
    assert not v.problems()
