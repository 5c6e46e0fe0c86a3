"""House rules about prose: a number in a sentence comes from a fact marker or cites a source, and every source is
cited; no glossary page keeps the placeholder text `paramscope new-term` scaffolds from the template. A page with
`house_rules: false` is exempt.
"""
import re

from paramscope.glossary.model import Problem
from paramscope.glossary.site import Site
from paramscope_generator.api import hint, scan

TEMPLATE = "templates/glossary-term.md"  # under docs/: what `paramscope new-term` scaffolds from


NUMBER_HELP = ("use a fact marker {{ producer.name }} or cite a source: [^key] in the same sentence, "
               "key under 'sources:'")


def check_numbers(site: Site) -> list[Problem]:
    """Numbers in prose come from facts or cite a source; footnotes name sources; sources are cited."""
    problems = []
    for rel, page in site.pages.items():
        if page.broken:
            continue
        body = site.bodies[rel]
        by_hand = {key: i for i, key in scan.footnote_definitions(body)}
        for key, index in by_hand.items():
            if key in page.sources:
                problems.append(Problem(page.path, body.lineno(index), f"footnote '{key}' is written by hand and "
                                        f"generated from 'sources:'; delete this definition"))
        cited = set()
        for index, key in scan.footnote_refs(body):
            cited.add(key)
            if key not in page.sources and key not in by_hand:
                problems.append(Problem(page.path, body.lineno(index), f"unknown footnote source key '{key}': add "
                                        f"it under 'sources:' in the front matter" + hint(key, sorted(page.sources))))
        for key, (_, line) in page.sources.items():
            if key not in cited:
                problems.append(Problem(page.path, line, f"source '{key}' is never cited: add [^{key}] to the "
                                        f"sentence it supports, or remove it"))
        for number in scan.numbers(body):
            if not any(ref in page.sources for ref in number.refs):
                name = re.fullmatch(r"[A-Z][A-Za-z]+", number.previous) and "." in number.text
                glued = (f" (part of a model name? write it as one word, {number.previous}-{number.text})"
                         if name else "")
                problems.append(Problem(page.path, body.lineno(number.index), f"number '{number.text}' in prose: "
                                        + NUMBER_HELP + glued))
        for term in ([page.term] if page.term else []) + page.sections + page.entries:
            for token in scan.TOKEN.findall(term.summary):
                word = token.strip(".,;:!?'’\"_~")
                if scan.is_number(word):
                    problems.append(Problem(page.path, term.summary_line, f"number '{word}' in the summary of "
                                            f"'{term.name}': summaries cannot cite sources or use markers; "
                                            f"move the number into the page"))
    return problems


def _template_lines(site: Site) -> list[re.Pattern]:
    """The template's lines of prose, as patterns with its $placeholders matching anything."""
    try:
        text = (site.docs / TEMPLATE).read_text(encoding="utf-8")
    except OSError:
        return []
    patterns = []
    for line in text.splitlines():
        words = re.sub(r"\$\w+|\{\{.*?\}\}", "", line)
        if len(re.findall(r"[A-Za-z]{3,}", words)) < 6:   # headings, short or structural lines stay allowed
            continue
        parts = re.split(r"(\$\w+)", line.strip())
        patterns.append(re.compile("".join(".+?" if p.startswith("$") else re.escape(p) for p in parts)))
    return patterns


def check_placeholders(site: Site) -> list[Problem]:
    """No glossary page keeps the template's placeholder summary or text: `new-term` output is a start, not a page."""
    patterns = _template_lines(site)
    problems = []
    for page in site.glossary():
        lines = (site.root / page.path).read_text(encoding="utf-8").splitlines() if patterns else []
        for number, line in enumerate(lines, 1):
            if any(p.fullmatch(line.strip()) for p in patterns):
                what = "summary" if line.lstrip().startswith("summary:") else "text"
                about = page.term.name if page.term else page.slug
                problems.append(Problem(page.path, number, f"the template's placeholder {what} is still here: "
                                        f"replace it with your own words about '{about}'"))
    return problems
