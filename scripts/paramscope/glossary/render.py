"""The Markdown the glossary adds to pages, as pure functions of its data (paramscope.glossary.model): the A-Z
index, the home page's reading path, "Also called" under a term's heading, "Related terms", footnotes from
`sources:`. No MkDocs here: the `paramscope-glossary` plugin only calls these from its events.
"""
import posixpath
import re

from paramscope.glossary import model, order
from paramscope_generator.api import scan

STOP_ANCHOR = "stop-here"   # the heading a page's `path_stop:` note links to: "## You can stop here {#stop-here}"


def _link(term: model.Term, from_rel: str, folder: str) -> str:
    return posixpath.relpath(f"{folder}{term.target}", posixpath.dirname(from_rel) or ".")


def index_markdown(terms: list[model.Term], pages: dict[str, model.Page], folder: str = model.FOLDER) -> str:
    """The A-Z list: a letter bar, then one heading per letter with every term and its summary."""
    letters: dict[str, list[model.Term]] = {}
    for term in terms:
        letters.setdefault(term.name[0].upper(), []).append(term)
    bar = " · ".join(f"[{letter}](#{scan.slugify(letter)})" for letter in letters)
    parts = [bar]
    for letter, group in letters.items():
        parts.append(f"## {letter}")
        rows = []
        for term in group:
            # Each line has its own id (the term's slug), so a link or a tooltip can point at the definition.
            if term.slug == "index":
                rows.append(f"- **{term.name}**{{ #{term.index_id} }}: {term.summary}")
                continue
            page = pages[term.slug].term.name
            where = f" *(in {page})*" if term.anchor or term.entry else ""
            link = _link(term, model.index_of(folder), folder)
            rows.append(f"- [**{term.name}**]({link}){{ #{term.index_id} }}{where}: {term.summary}")
        parts.append("\n".join(rows))
    return "\n\n".join(parts)


def reading_path(entries: list[tuple[str, str]], pages: dict[str, model.Page], from_rel: str = "index.md") -> str:
    """The home page's numbered reading path: the nav's (title, docs file) entries in order, each with its page's
    `path_line`, and a page's `path_stop` note after its line (a paragraph of class ps-stop, linking to the page's
    #stop-here). `pages` by docs-relative path; links relative to the page `from_rel`."""
    here = posixpath.dirname(from_rel) or "."
    rows = []
    for number, (title, rel) in enumerate(entries, 1):
        page, link = pages.get(rel), posixpath.relpath(rel, here)
        line = f"{number}. **[{title}]({link})**"
        rows.append(f"{line}: {page.path_line}" if page and page.path_line else line)
        if page and page.path_stop:
            rows[-1] += (f"\n\n    **[You can stop here]({link}#{STOP_ANCHOR}).** {page.path_stop}\n"
                         f"    {{ .ps-stop }}\n")
    return "\n".join(rows)


def _plurals(word: str) -> set[str]:
    """The word and its regular English plurals, enough to tell that an alias is only the term's plural."""
    found = {word, word + "s", word + "es"}
    if word.endswith("y"):
        found.add(word[:-1] + "ies")
    return found


def also_called(term: model.Term) -> str | None:
    """Aliases worth showing: not ones that differ from the term or an earlier alias only by case, hyphens or
    plural (those stay tooltips; search finds them anyway)."""
    def key_of(name: str) -> str:
        return re.sub(r"[\s_-]+", " ", name.casefold()).strip()

    shown, seen = [], [key_of(term.name)]
    for alias in term.aliases:
        key = key_of(alias)
        if not any(key in _plurals(other) or other in _plurals(key) for other in seen):
            shown.append(alias)
        seen.append(key)
    return f"*Also called:* {', '.join(shown)}." if shown else None


def insert_aliases(markdown: str, page: model.Page) -> str:
    """The page's Markdown with "Also called" under its title and under each section's heading."""
    lines = markdown.split("\n")
    body = scan.read(markdown, 1)
    heads = scan.headings(body)
    inserts: dict[int, str] = {}
    h1 = next((h for h in heads if h.level == 1), None)
    if page.term and (text := also_called(page.term)):
        inserts[h1.index if h1 else -1] = text
    for section in page.sections:
        head = next((h for h in heads if h.anchor == section.anchor), None)
        if head and (text := also_called(section)):
            inserts[head.index] = text
    for index in sorted(inserts, reverse=True):
        lines[index + 1:index + 1] = ["", inserts[index], ""]
    return "\n".join(lines)


def related_markdown(slug: str, pages: dict[str, model.Page], related: dict[str, list[str]]) -> str:
    """The "Related terms" section of a glossary page: its most related terms (glossary.related), strongest first."""
    others = related.get(slug, [])
    if not others:
        return ""
    rows = [f"- [{pages[o].term.name}]({o}.md): {pages[o].term.summary}" for o in others]
    return "\n\n## Related terms\n\n" + "\n".join(rows) + "\n"


def _autolink(text: str) -> str:
    return re.sub(r"(?<!<)\b(https?://[^\s>]+?)([.,;]?)(?=\s|$)", r"<\1>\2", text)


def footnotes(meta: dict, markdown: str = "") -> str:
    """Footnote definitions from a page's `sources:` (key -> citation), its URLs made links, in `reading_order`
    of the page's `markdown`: Python-Markdown numbers notes in the order of their definitions."""
    sources = meta.get("sources")
    if not isinstance(sources, dict) or not sources:
        return ""
    keys = reading_order(markdown, list(sources))
    return "\n\n" + "\n".join(f"[^{key}]: {_autolink(str(sources[key]).strip())}" for key in keys) + "\n"


def reading_order(markdown: str, keys: list[str]) -> list[str]:
    """`keys` in the order a reader meets their citations: first those cited in the open text, by first citation,
    then those cited only inside folds (`???` admonitions, `<details>`), then any not cited; so the visible notes
    count 1, 2, 3 from the top, whatever the folds above them cite."""
    body = scan.read(markdown, 1)
    hidden = order.folded(body)
    refs = scan.footnote_refs(body)
    first = {}
    for rank, (i, key) in enumerate(sorted(refs, key=lambda ref: (ref[0] in hidden, ref[0]))):
        first.setdefault(key, rank)
    return sorted(keys, key=lambda key: first.get(key, len(refs)))
