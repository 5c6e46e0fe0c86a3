"""The glossary's short entries: at least 100 terms, each with its own id on the A-Z index, a
tooltip and search keywords; read from the real docs/glossary/index.md front matter."""
import re

import pytest

from paramscope.glossary import meta, model, plugin as hooks, search

from support import PROJECT

REQUIRED = ["MLP", "Softmax", "Logit", "Residual stream", "KV cache", "Activation function", "Tokenizer", "Vocabulary",
            "Loss", "Gradient", "Gradient descent", "Backpropagation", "Learning rate", "Batch size", "Epoch",
            "Context window", "Attention head", "Perplexity", "Dropout", "Layer normalization", "Quantization",
            "Precision", "Activation"]


def _glossary():
    pages = {p.slug: p for p in meta.load_glossary(PROJECT.docs, PROJECT.root) if p.term}
    index = meta.load_index(PROJECT.docs, PROJECT.root)
    return pages, index, model.terms([*pages.values(), index])


def test_the_glossary_has_at_least_100_terms_including_the_required_ones():
    _, index, terms = _glossary()
    names = {t.name for t in terms}
    assert len(terms) >= 100 and len(index.entries) > 0, len(terms)
    assert not [n for n in REQUIRED if n not in names], [n for n in REQUIRED if n not in names]


def test_every_term_has_its_own_id_on_the_index_and_its_link_exists():
    pages, _, terms = _glossary()
    ids = [t.index_id for t in terms]
    assert len(set(ids)) == len(ids)
    for term in terms:
        assert term.slug == "index" or term.slug in pages, (term.name, term.slug)


def test_the_built_index_has_an_anchor_per_term(site):
    html = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    _, _, terms = _glossary()
    assert not [t.name for t in terms if t.index_id not in ids]


def test_every_term_and_alias_has_a_tooltip():
    _, _, terms = _glossary()
    tips = hooks.abbreviations(terms)
    missing = [n for t in terms for n in [t.name, *t.aliases] if tips.get(n) is None]
    assert not missing, missing
    assert all(tips[t.name] == t.summary for t in terms)


def test_every_term_is_some_pages_search_keyword():
    pages, index, terms = _glossary()
    words = search.keywords(pages, index.entries)
    for term in terms:
        owner = words.get(term.slug, [])
        assert set(search._words(term.name)) & set(owner), (term.name, term.slug)


def test_the_built_search_index_carries_the_keywords(site):
    import json
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    tags = {d["location"]: set(d.get("tags") or []) for d in docs}
    assert {"dropout", "perplexity"} <= tags["glossary/"] | tags["glossary/training/"]
    assert "softmax" in tags["glossary/generation-settings/"]


def test_the_built_search_index_splits_queries_on_the_glossarys_separator(site):
    """mkdocs.yml gives the search plugin's documented `separator` option the glossary's (lunr's stop words out)."""
    import json
    config = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert config["separator"] == search.separator()


@pytest.mark.parametrize(("entry", "message"), [
    ("- {term: X, summary: An x.}", None),
    ("- {term: X, summary: An x., see: nowhere}", "must name a glossary page"),
    ("- {term: X, summary: An x., seee: a.md}", "did you mean 'see'"),
    ("- {term: X, summary: An x has 2048 parts.}", None),
])
def test_an_entry_is_read_with_its_line(entry, message):
    text = f"---\nentries:\n  {entry}\n---\n# Glossary\n"
    page, problems = meta.read_page(text, "docs/glossary/index.md", model.INDEX)
    if message is None:
        assert not problems and page.entries[0].slug == "index" and page.entries[0].anchor == "x"
    else:
        assert any(message in p.message and p.line == 3 for p in problems), problems
