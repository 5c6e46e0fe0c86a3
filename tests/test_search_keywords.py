"""Search keywords of the glossary pages (paramscope.glossary.search), read from the real front matter; the ranking
itself is measured in Chromium (tests/browser/test_site_search_first.py)."""
from paramscope.glossary import meta, model, search

from support import PROJECT


def _pages() -> dict[str, model.Page]:
    return {p.slug: p for p in meta.load_glossary(PROJECT.docs, PROJECT.root) if p.term}


def test_a_word_belongs_to_the_page_that_names_it_most_directly():
    words = search.keywords(_pages())
    owners = {w: sorted(slug for slug, ws in words.items() if w in ws) for w in ("weights", "parameters")}
    assert owners == {"weights": ["weight"], "parameters": ["parameter"]}, owners
    # "size" is Model size's term; Embedding ("hidden size", "vocabulary size") keeps it once only.
    assert words["model-size"].count("size") >= 1 and words["embedding"].count("size") == 1
    assert "attention" in words["attention"] and "weight" in words["weight"]


def test_every_term_word_is_some_pages_keyword():
    pages = _pages()
    words = {w for ws in search.keywords(pages).values() for w in ws}
    names = [n for p in pages.values() for t in [p.term, *p.sections] for n in [t.name, *t.aliases]]
    missing = [n for n in names if not any(w in words for w in search._words(n))]
    assert not missing, f"terms no page's keywords cover: {missing}"


def test_index_terms_adds_tags_after_the_authors():
    pages = _pages()
    meta = {"tags": ["Hand-made"]}
    search.index_terms(meta, search.keywords(pages)["generation-settings"])
    assert meta["tags"][0] == "Hand-made" and "temperature" in meta["tags"] and "p" in meta["tags"]


def test_a_long_name_keeps_all_its_words_on_its_page():
    pages = _pages()
    words = search.keywords(pages)
    long_names = [(p.slug, n) for p in pages.values() for t in [p.term, *p.sections] for n in [t.name, *t.aliases]
                  if len(search._words(n)) >= search.PHRASE]
    assert long_names, "no name of three or more words in the glossary"
    for slug, name in long_names:
        assert set(search._words(name)) <= set(words[slug]), f"{slug}: {name!r} lost a word: {words[slug]}"


def test_a_one_letter_word_outweighs_the_words_it_is_a_prefix_of():
    words = search.keywords(_pages())
    for slug, ws in words.items():
        for letter in {w for w in ws if len(w) == 1}:
            assert ws.count(letter) >= search.LETTER_REPEAT, (slug, letter, ws)
    assert words["generation-settings"].count("p") >= search.LETTER_REPEAT


def test_the_a_to_z_letters_become_one_section_per_entry():
    """Material's index had the A-Z page's letters as sections ("L" for "logit"), each with the page's keywords;
    split_index gives every entry its own section, at its line, titled by its term."""
    pages = _pages()
    index = meta.load_index(PROJECT.docs, PROJECT.root)
    terms = model.terms([*pages.values(), index])
    keywords = search.keywords(pages, index.entries)["index"]
    tags = {"tags": keywords}
    docs = [{"location": "glossary/", "title": "Glossary", "text": "", **tags},
            *({"location": f"glossary/#{letter.lower()}", "title": letter, "text": "<ul>…</ul>", **tags}
              for letter in sorted({t.name[0].upper() for t in terms})),
            {"location": "glossary/weight/", "title": "Weight", "text": ""}]
    split = search.split_index(docs, "glossary/", terms, pages, keywords)
    titles = [d["title"] for d in split]
    assert titles[0] == "Glossary" and titles[-1] == "Weight" and len(split) == len(terms) + 2
    assert not [t for t in titles if len(t) == 1], "a letter is still a search section"
    logit = next(d for d in split if d["title"] == "Logit")
    assert logit["location"] == "glossary/#logit" and "tags" not in logit
    assert logit["text"].startswith("<p>(in Generation settings): ")
    dropout = next(d for d in split if d["title"] == "Dropout")   # explained on the index itself: its own words
    assert dropout["location"] == "glossary/#dropout" and "dropout" in dropout["tags"]
    assert "overfitting" not in dropout["tags"]


def test_sections_are_boosted_past_their_page_entry_only_when_they_match_more():
    """Material multiplies lunr's score by 1 + g², g the share of query words matched plus 1 for a page's own entry.
    A section matching all 4 words of a question its page entry matches 1 of must outscore that entry; a section
    matching no more words than the entry must not (a term's name still shows its page first)."""
    docs = [{"location": "glossary/parameter/", "title": "Parameter", "text": ""},
            {"location": "glossary/parameter/#gpt-3", "title": "How many parameters GPT-3 has", "text": "", "boost": 2}]
    boosted = search.sections_boost(docs)
    assert boosted[0] == docs[0] and boosted[1]["boost"] == 2 * search.SECTION_BOOST and docs[1]["boost"] == 2
    material = lambda share, entry, boost=1.0: boost * (1 + (share + entry) ** 2)  # noqa: E731  (equal lunr scores)
    assert material(4 / 4, 0, search.SECTION_BOOST) > material(1 / 4, 1)
    assert all(material(s, 0, search.SECTION_BOOST) < material(s, 1) for s in (1 / 4, 1 / 2, 3 / 4, 1))
