"""Nothing before its definition: a page on the reading path uses only terms defined on it or on the pages before it,
unless it glosses them where they first appear; and its opening links to no page further on.

The terms are the glossary's (pages, sections and the A-Z index's entries explained on a page), in the spellings
their tooltips match (paramscope.glossary.tooltips.spellings). A term is *defined* on the page its tooltip links
to. Only the reader's main text counts: not headings, code, markers, link targets, image alt text, or anything
inside a folded block (`???`/`!!!` admonitions, `<details>`), where a reader goes on purpose.

A use is *glossed* (the reader learns what it means right there, on a phone too) when, in its sentence:
- a parenthesis follows the term: "logits (the scores before softmax)";
- a dash, a colon or an appositive comma follows it: "logits — the scores …", "logits: …", "logits, the scores …"
  (the comma followed by a, an, the, or, i.e., that is, meaning);
- a naming word comes before it: "a score called a logit" (called, named, known as, termed);
- the sentence defines it: "A logit is a …" (the term opens the sentence, then is/are/means a/an/the/what/how …);
- it is the text of a link to its entry on the glossary index (`[logits](index.md#logit)`).
Only a term's first use on the page decides: once glossed, the page may use it freely.
"""
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass

from paramscope.glossary import model, tooltips
from paramscope.glossary.model import Problem
from paramscope_generator.api import scan

DETAILS_OPEN = re.compile(r"<details\b", re.I)
DETAILS_CLOSE = re.compile(r"</details>", re.I)
QUOTES = "*_\"“”’'"
AFTER = re.compile(rf"^[{QUOTES}\]]*(?:\s*\(|\s*[—–]|\s+--?\s|\s*:\s|,\s+(?:a|an|the|or|i\.e\.|that is|meaning)\b)")
BEFORE = re.compile(rf"\b(?:called|named|known as|termed)\s+[{QUOTES}]*(?:(?:a|an|the)\s+)?[{QUOTES}\[]*$", re.I)
OPENS = re.compile(rf"^[\s{QUOTES}\[]*(?:(?:a|an|the)\s+)?[{QUOTES}\[]*$", re.I)
DEFINES = re.compile(rf"^[{QUOTES}\]]*\s+(?:is|are|means)\s+(?:a|an|the|what|how|one|each|any)\b")


@dataclass
class Use:
    index: int      # body line
    text: str       # the spelling as written
    term: model.Term
    glossed: bool


def path_entries(config: dict) -> list[tuple[str, str]]:
    """(title, docs file) of the nav's "Reading path" section, in order ([] when the nav has none)."""
    for entry in config.get("nav") or []:
        if isinstance(entry, dict) and isinstance(entry.get("Reading path"), list):
            found = []
            for item in entry["Reading path"]:
                pairs = item.items() if isinstance(item, dict) else [(posixpath.basename(str(item))[:-3], item)]
                found += [(str(t), v) for t, v in pairs if isinstance(v, str)]
            return found
    return []


def folded(body: scan.Body) -> set[int]:
    """Line indexes inside `???`/`!!!` admonitions (their indented body) and `<details>` blocks."""
    found, depth, indent = set(), 0, None
    for i, line in enumerate(body.prose):
        width = len(line) - len(line.lstrip())
        if indent is not None and (not line.strip() or width > indent):
            found.add(i)
            continue
        indent = None
        if scan.ADMONITION.match(line):
            indent = width
            found.add(i)
        depth += len(DETAILS_OPEN.findall(line))
        if depth:
            found.add(i)
        depth = max(0, depth - len(DETAILS_CLOSE.findall(line)))
    return found


def _plain(line: str) -> str:
    """A line with everything a tooltip never marks blanked: images, footnote references, link targets, markers, tags,
    attributes."""
    line = scan.INLINE_LINK.sub(lambda m: scan.blank(m.group(0)) if m["image"] else m.group(0), line)
    line = scan.FOOTNOTE_REF.sub(lambda m: scan.blank(m.group(0)), line)   # [^chinchilla] names a note, not a term
    return scan.prose_text(line) if line.strip() else line


def sentences(body: scan.Body, skip: set[int]) -> Iterator[tuple[str, str, list[int]]]:
    """(raw text, plain text, line index of every character) of each sentence outside `skip` and headings."""
    for block in scan.blocks(body):
        block = [i for i in block if i not in skip and not scan.HEADING.match(body.prose[i])]
        if not block:
            continue
        raw = " ".join(body.prose[i] for i in block)
        plain = " ".join(_plain(body.prose[i]) for i in block)
        owners = [i for i in block for _ in range(len(body.prose[i]) + 1)]
        start = 0
        for end in [m.end() for m in scan.SENTENCE_END.finditer(plain)] + [len(plain)]:
            yield raw[start:end], plain[start:end], owners[start:end]
            start = end


def _glossed(raw: str, plain: str, start: int, end: int, term: model.Term, rel: str, index: str) -> bool:
    if AFTER.match(plain[end:]) or BEFORE.search(plain[:start]):
        return True
    if OPENS.match(plain[:start]) and DEFINES.match(plain[end:]):
        return True
    for link in scan.INLINE_LINK.finditer(raw):
        if link.start("text") <= start and end <= link.end("text"):
            url, _, anchor = link["target"].partition("#")
            dest = posixpath.normpath(posixpath.join(posixpath.dirname(rel), url)) if url else rel
            return dest == index and anchor == term.index_id
    return False


def first_uses(body: scan.Body, rel: str, spellings: dict[str, model.Term], index: str = model.INDEX) -> list[Use]:
    """Each term's first use in the page's main text, in the order they come."""
    if not spellings:
        return []
    # As the abbr extension matches: the longest spelling first, whole words, case as written.
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True)) + r")\b")
    found: dict[int, Use] = {}
    for raw, plain, owners in sentences(body, folded(body)):
        for match in pattern.finditer(plain):
            term = spellings[match.group(0)]
            if id(term) not in found:
                glossed = _glossed(raw, plain, match.start(), match.end(), term, rel, index)
                found[id(term)] = Use(owners[match.start()], match.group(0), term, glossed)
    return list(found.values())


def _defined_on(term: model.Term, where: dict[str, int], folder: str) -> int | None:
    return where.get(f"{folder}{term.slug}.md") if term.slug != "index" else None


def later_terms(site, entries: list[tuple[str, str]]) -> list[Problem]:
    """Every term used on a page of the path before the page that defines it, unglossed."""
    where = {file: k for k, (_, file) in enumerate(entries)}
    index = site.pages.get(site.index)
    terms = model.terms([*site.glossary(), *([index] if index else [])])
    spellings = tooltips.spellings(terms)
    problems = []
    for k, (_, rel) in enumerate(entries):
        if rel not in site.bodies:
            continue
        for use in first_uses(site.bodies[rel], rel, spellings, site.index):
            at = _defined_on(use.term, where, site.folder)
            if at is not None and at > k and not use.glossed:
                problems.append(Problem(site.pages[rel].path, site.bodies[rel].lineno(use.index),
                                        f'"{use.text}" is defined later on the path, on {entries[at][0]}: gloss it '
                                        f"here or move it"))
    return problems


def opening_links(site, entries: list[tuple[str, str]]) -> list[Problem]:
    """Links before a page's first `## ` heading to a page further on the path."""
    where = {file: k for k, (_, file) in enumerate(entries)}
    problems = []
    for k, (_, rel) in enumerate(entries):
        body = site.bodies.get(rel)
        if body is None:
            continue
        first = next((h.index for h in scan.headings(body) if h.level == 2), len(body.lines))
        skip = folded(body)
        for i, target in scan.links(body):
            url = target.partition("#")[0]
            if i >= first or i in skip or not url.endswith(".md"):
                continue
            at = where.get(posixpath.normpath(posixpath.join(posixpath.dirname(rel), url)), -1)
            if at > k:
                problems.append(Problem(site.pages[rel].path, body.lineno(i), f"the opening links to "
                                        f"{entries[at][0]}, later on the path: move the link below the first "
                                        f"'## ' heading, or gloss the idea here"))
    return problems


def check(site, entries: list[tuple[str, str]]) -> list[Problem]:
    """Both rules: a later term used without a gloss, and an opening that links ahead."""
    return later_terms(site, entries) + opening_links(site, entries)
