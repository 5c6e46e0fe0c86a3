"""Search finds the term: the words of each glossary page's terms and aliases become its search keywords.

Material's search (lunr; English without stemming; each query word matched as a prefix) ranks sections by their
titles (weight 10^3) and text (1), so "weights" found pages that say "weights" more often than the Weight page.
It also indexes a page's `tags` at 10^6 (they are not shown without Material's tags plugin; search results hide
them, stylesheets/paramscope.css). A word is left out where another page names it more directly, so that page
wins it: "weights" is the Weight page's, not Attention's ("attention weights"). No page gets a `search: boost`:
it scales every match of a page alike, and in the measurements it cost as many first places as it gained. Sections
are boosted instead (sections_boost), so that a question's answering section is shown rather than folded.
Measured in Chromium over all 150 terms and aliases (tests/browser/test_site_search_first.py): each puts its page
first.
"""
import re

from paramscope.glossary import model

PHRASE = 3          # words in a name that a reader types whole
LETTER_REPEAT = 3   # copies of a one-letter word among its page's keywords
SEPARATOR = re.compile(r"[\s\-?!]+")   # the search separator's split (separator() below), stop words aside
# lunr's English stop words (lunr.stopWordFilter, which Material's English search runs): never matched.
STOP_WORDS = frozenset("""a able about across after all almost also am among an and any are as at be because been but
by can cannot could dear did do does either else ever every for from get got had has have he her hers him his how
however i if in into is it its just least let like likely may me might most must my neither no nor not of off often
on only or other our own rather said say says she should since so some than that the their them then there these
they this tis to too twas us wants was we were what when where which while who whom why will with would yet you
your""".split())


def separator() -> str:
    """Material's search separator (a JavaScript regex) that also takes lunr's stop words out as whole words.

    Material appends a prefix wildcard to each query word ("what is a parameter" becomes "what* is* a* parameter*"),
    and lunr skips its query pipeline, stop-word filter included, for a word with a wildcard: "a*" then matched
    "adapter" and "adaptation" and ranked Fine-tuning above Parameter. The index never holds a stop word (its
    pipeline drops them), so splitting them off as separators changes nothing there, and a question keeps only the
    words that decide it. Both cases of the first letter: Material splits the query before lower-casing it."""
    words = sorted(STOP_WORDS, key=lambda w: (-len(w), w))
    alternatives = "|".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in words)
    return rf"[\s\-?!]+|\b(?:{alternatives})\b"   # "?" and "!" too: "What is a bias?" asks for "bias"


# The search plugin's documented `separator` option takes it from mkdocs.yml:
#   - search:
#       separator: !!python/name:paramscope.glossary.search.QUERY_SEPARATOR
QUERY_SEPARATOR = separator()


def _words(name: str) -> list[str]:
    return [w for w in SEPARATOR.split(name.casefold()) if w and w not in STOP_WORDS]


def _named(page: model.Page, entries: list[model.Term]) -> list[model.Term]:
    """The terms a page's search result stands for: its own, its sections' and the index entries explained on it."""
    return ([page.term, *page.sections] if page.term else []) + entries


def _claims(page: model.Page, entries: list[model.Term]) -> dict[str, int]:
    """word -> how directly the page names it: 0 its term, 1 a section's term or an index entry explained on the
    page, 2 a one-word alias, 3 in an alias."""
    found: dict[str, int] = {}
    first = [page.term.name] if page.term else []
    for rank, names in [(0, first), (1, [s.name for s in page.sections] + [e.name for e in entries])]:
        for name in names:
            for word in _words(name):
                found[word] = min(found.get(word, rank), rank)
    for term in _named(page, entries):
        for alias in term.aliases:
            words = _words(alias)
            for word in words:
                rank = 2 if len(words) == 1 else 3
                found[word] = min(found.get(word, rank), rank)
    return found


def keywords(pages: dict[str, model.Page], entries: list[model.Term] = ()) -> dict[str, list[str]]:
    """slug -> the words of its terms and aliases, repeated as often as they occur there, except the words that
    another page names more directly (0 its term, 1 a section's term, 2 a one-word alias, 3 inside an alias).
    The index's short entries count for the page that explains them (`see:`), or for the index ("index")."""
    explained: dict[str, list[model.Term]] = {}
    for entry in entries:
        explained.setdefault(entry.slug, []).append(entry)
    pages = dict(pages)
    for slug in explained:
        pages.setdefault(slug, model.Page(model.INDEX, model.INDEX, {}, "", 1, False))
    claims = {slug: _claims(page, explained.get(slug, [])) for slug, page in pages.items()}
    best: dict[str, int] = {}
    for found in claims.values():
        for word, rank in found.items():
            best[word] = min(best.get(word, rank), rank)
    result = {}
    for slug, page in pages.items():
        names = [name for term in _named(page, explained.get(slug, [])) for name in [term.name, *term.aliases]]
        joined = {"".join(_words(name)) for name in names if len(_words(name)) == 1}
        # "pre-training" beside "pretraining": one is enough ("pre*" finds "pretraining" already).
        names = [n for n in names if len(_words(n)) == 1 or "".join(_words(n)) not in joined]
        words = [w for name in names for w in _words(name)]
        # A word another page names more directly stays once where that page has it as a term (its title and
        # text speak for it too), and goes where that page has it only as a one-word alias ("weights").
        kept = [w for i, w in enumerate(words) if claims[slug][w] == best[w]
                or (best[w] <= 1 and w not in words[:i])]
        # A name of three or more words is typed whole ("tokens per parameter"), and Material ranks first the page
        # that has every word of the query: such a name keeps all its words, once, on its page.
        kept += dict.fromkeys(w for name in names if len(_words(name)) >= PHRASE for w in _words(name)
                              if w not in kept)
        # A one-letter word ("p" of top-p) typed as a query word matches every word that starts with that letter
        # ("perplexity", "pass"): its page has it LETTER_REPEAT times, so that it outweighs them.
        result[slug] = kept + [w for w in kept if len(w) == 1] * (LETTER_REPEAT - 1)
    return result


def index_terms(meta: dict, words: list[str]) -> None:
    """Give a glossary page its keywords (from keywords()) as `tags`, after any its front matter lists."""
    meta["tags"] = [str(t) for t in meta.get("tags") or []] + words


# Material scores a result lunr's score times 1 + g², g the share of the query's words it matches, plus 1 for a page's
# own entry (its title, no text; it carries the page's keywords as every section does). A section that matches every
# word of a question the page entry matches one of ("how many parameters does GPT-3 have": 2 against 2.5625) then
# ranks below that entry, and Material folds every section below the best under "N more on this page".
SECTION_BOOST = 1.5  # such a section outranks its page's entry (3 > 2.5625); one matching as little as it does not


def sections_boost(docs: list[dict]) -> list[dict]:
    """Material's search index with each section (a location with "#") boosted by SECTION_BOOST, so that the
    section answering a question is shown, with its text, under its page's title instead of folded away; a query
    the page's entry matches as well as the section (a term's name: g 2 against 1) still shows the page first."""
    return [{**doc, "boost": doc.get("boost", 1) * SECTION_BOOST} if "#" in doc["location"] else doc for doc in docs]


def split_index(docs: list[dict], location: str, terms: list[model.Term], pages: dict[str, model.Page],
                keywords: list[str]) -> list[dict]:
    """Material's search index with the A-Z page's letter sections replaced by one section per entry.

    Material indexes a page by its headings, so the A-Z page's sections were its letters: a search for "logit"
    showed a result titled "L", and every letter section carried the page's keywords (`tags`), so a word found
    only there ("dropout") listed all the letters and highlighted nothing in them. Each entry becomes its own
    section instead: titled by its term, its summary as text, linked to its line (`index_id`). The page's first
    section keeps its keywords; an entry explained on the index itself ("index") keeps those of its own words.
    `location` is the A-Z page's URL as the search index has it ("glossary/")."""
    letters = {term.name[0].upper() for term in terms}
    own = set(keywords)
    entries = []
    for term in terms:
        where = f"(in {pages[term.slug].term.name}): " if term.slug in pages and (term.anchor or term.entry) else ""
        doc = {"location": f"{location}#{term.index_id}", "title": term.name, "text": f"<p>{where}{term.summary}</p>"}
        if term.slug == "index":
            words = [w for name in [term.name, *term.aliases] for w in _words(name) if w in own]
            if words:
                doc["tags"] = words
        entries.append(doc)
    result, placed = [], False
    for doc in docs:
        path, _, anchor = doc["location"].partition("#")
        if path == location and doc.get("title") in letters and anchor == doc["title"].lower():
            if not placed:
                result += entries
                placed = True
            continue
        result.append(doc)
    return result
