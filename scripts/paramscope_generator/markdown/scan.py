"""A light reader of page Markdown: what is code, headings and their anchors, links, markers, footnotes, numbers.

It is not a Markdown parser; it knows exactly as much as the checks need, and errs towards reporting.
"""
import html
import re
from dataclasses import dataclass

from markdown.extensions.toc import slugify as toc_slugify
from markdown.util import BLOCK_LEVEL_ELEMENTS

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
ATTR_LIST = re.compile(r"\{:?\s*([^}]*)\}\s*$")
ATTR_ID = re.compile(r"(?:^|\s)#([\w-]+)")
ANY_ATTR_ID = re.compile(r"\{:?[^}\n]*?(?<![\w&])#([A-Za-z][\w-]*)[^}\n]*\}")
HTML_ID = re.compile(r"<[a-zA-Z][^>]*\s(?:id|name)=[\"']([^\"']+)[\"']")
CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
MARKER = re.compile(r"\{\{\s*(?:(?P<figure>figure\s+)|(?P<check>check\s+))?"
                    r"(?P<name>[A-Za-z0-9_.\-]+)\s*(?::(?P<fmt>[^}]*?))?\s*\}\}")
ANY_MARKER = re.compile(r"\{\{.*?\}\}")
INLINE_LINK = re.compile(r"(?P<image>!?)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]"
                         r"\(\s*<?(?P<target>[^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
REF_DEF = re.compile(r"^ {0,3}\[(?!\^)([^\]]+)\]:\s*<?(\S+?)>?(?:\s+.*)?$")
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")
URL = re.compile(r"<?\b(?:https?|ftp|mailto):[^\s)>]+>?")
IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
MATH = re.compile(r"\$\$.*?\$\$|\\\(.*?\\\)|(?<![\\$\w])\$[^\s$][^$\n]*?(?<!\s)\$(?![\w$])", re.DOTALL)
ABBR_DEF = re.compile(r"^\*\[[^\]]+\]:")
SNIPPET = re.compile(r"^\s*-{1,}8<-{1,}")
LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+")
ORDERED = re.compile(r"^(\s*)\d+[.)](?=\s)")
ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)")


@dataclass
class Body:
    """A page body split into lines, with code, comments and math blanked out in `prose`."""

    lines: list[str]
    prose: list[str]  # same lines with code/comments/math replaced by spaces (offsets kept)
    first_line: int  # file line number of lines[0]

    def lineno(self, index: int) -> int:
        return self.first_line + index


def blank(text: str) -> str:
    """The text with every character but newlines turned into a space, so offsets and line numbers stay."""
    return re.sub(r"[^\n]", " ", text)


QUOTE = re.compile(r"^ {0,3}(?:> ?)+")
# List items, admonitions, details, tabs, footnote definitions and definitions (def_list): their bodies indent by 4.
CONTAINER = re.compile(r"^(\s*)(?:[-*+]|\d+[.)]|!!!|\?\?\?\+?|===\+?|:|\[\^[^\]\s]+\]:)(?=\s)")
# A raw HTML block starts at a block-level tag or a comment within three spaces of the line's start (Python-Markdown's
# own list of block-level tags); md_in_html reads the inside of a tag with a `markdown` attribute as Markdown.
HTML_BLOCK = re.compile(r"^ {0,3}(?:<(?P<tag>[A-Za-z][\w-]*)(?![\w-])(?P<attrs>[^>]*)|<!--)")
RULE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")   # a rule, or a setext `---`
SETEXT_EQUALS = re.compile(r"^ {0,3}=+[ \t]*$")   # a setext `===` under a paragraph's line
MARKDOWN_ATTR = re.compile(r"\smarkdown(?:\s*=|\s|$)")
PRE = re.compile(r"<pre\b.*?</pre>", re.DOTALL | re.I)
RAW = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.DOTALL)


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def code_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines Python-Markdown reads as code: fenced blocks (also in blockquotes and list items) and
    indented blocks, four spaces deeper than the list item, admonition, details, tab, footnote or definition they
    stand in; never a line of a raw HTML block or comment. Held to Python-Markdown itself by rendered_code."""
    code: set[int] = set()
    fence: str | None = None
    raw_html: tuple[re.Pattern, re.Pattern] | None = None   # (opens, closes) of the raw HTML block we are in
    depth = 0
    containers: list[int] = []     # body indents of the open containers
    previous_blank, previous_code = True, False
    for i, raw in enumerate(lines):
        line = raw[QUOTE.match(raw).end():] if QUOTE.match(raw) else raw
        match = FENCE.match(line)
        if fence:
            code.add(i)
            if match and match.group(1) == fence and not line[match.end():].strip():
                fence = None       # only the same fence closes it, with nothing after it
            continue
        if raw_html:
            depth += len(raw_html[0].findall(line)) - len(raw_html[1].findall(line))
            if depth <= 0:
                raw_html, previous_blank, previous_code = None, True, False   # Markdown starts a new block after it
            continue
        if not line.strip():
            previous_blank = True
            continue
        indent = _indent(line)
        base = containers[-1] if containers else 0
        if indent >= base + 4 and (previous_blank or previous_code):
            code.add(i)
            previous_blank, previous_code = False, True
            continue
        while containers and indent < containers[-1]:
            containers.pop()
        html_block = HTML_BLOCK.match(raw)
        inside = line.expandtabs(4)[containers[-1] if containers else 0:]   # the line as its container reads it
        if match:
            fence = match.group(1)
            code.add(i)
        elif SNIPPET.match(line):
            code.add(i)
        elif html_block and _raw(html_block):
            raw_html = _raw_ends(html_block)
            depth = len(raw_html[0].findall(line)) - len(raw_html[1].findall(line))
            if depth <= 0:
                raw_html, previous_blank, previous_code = None, True, False
                continue
        elif HEADING.match(inside) or RULE.match(inside) or (SETEXT_EQUALS.match(inside) and not previous_blank):
            previous_blank, previous_code = True, False    # a heading or a rule ends its block, as a blank line does
            continue
        elif CONTAINER.match(line):
            containers.append(indent + 4)
        previous_blank, previous_code = False, False
    return code


def _raw(block: re.Match) -> bool:
    """Whether an HTML line starts a raw block: a comment, or a block-level tag without md_in_html's `markdown`."""
    tag = block["tag"]
    return tag is None or (tag.lower() in BLOCK_LEVEL_ELEMENTS and not MARKDOWN_ATTR.search(block["attrs"] or ""))


def _raw_ends(block: re.Match) -> tuple[re.Pattern, re.Pattern]:
    """What opens and what closes the raw block a line starts: its tag (nested ones count), or a comment."""
    if block["tag"] is None:
        return re.compile(r"<!--"), re.compile(r"-->")
    tag = re.escape(block["tag"])
    return re.compile(rf"<{tag}(?![\w-])", re.I), re.compile(rf"</{tag}\s*>", re.I)


def read(body: str, first_line: int) -> Body:
    lines = body.split("\n")
    code = code_lines(lines)
    prose = [blank(line) if i in code else line for i, line in enumerate(lines)]
    text = "\n".join(prose)
    for pattern in (HTML_COMMENT, PRE, RAW, MATH, CODE_SPAN):
        text = pattern.sub(lambda m: blank(m.group(0)), text)
    return Body(lines, text.split("\n"), first_line)


def slugify(value: str, separator: str = "-") -> str:
    """Python-Markdown's toc slugify, the default of MkDocs and Material (imported, so anchors cannot drift)."""
    return toc_slugify(value, separator)


def heading_text(raw: str) -> str:
    """The text toc slugifies: Markdown markup and tags removed, entities decoded."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", raw)
    text = re.sub(r"`+([^`]*)`+", r"\1", text)
    text = HTML_TAG.sub("", text)
    text = re.sub(r"\*+|~~|(?<!\w)_+|_+(?!\w)", "", text)
    return html.unescape(text)


@dataclass
class Heading:
    index: int  # line index in the body
    level: int
    text: str
    anchor: str


def headings(body: Body) -> list[Heading]:
    """Headings with the ids the toc extension gives them (attr_list `{ #id }` wins; repeats get _1, _2)."""
    found, seen = [], set()
    for i, line in enumerate(body.prose):
        match = HEADING.match(line)
        if match:
            level, raw = len(match.group(1)), body.lines[i][match.start(2):match.end(2)]
        elif i > 0 and SETEXT.match(line) and _setext_text(body, i - 1, found):
            # `Title` over a line of === or --- is a heading too; it sits on the line above.
            level, raw, i = (1 if line.strip()[0] == "=" else 2), body.lines[i - 1].strip(), i - 1
        else:
            continue
        explicit = None
        attrs = ATTR_LIST.search(raw)
        if attrs:
            raw = raw[: attrs.start()].rstrip()
            id_match = ATTR_ID.search(attrs.group(1))
            explicit = id_match.group(1) if id_match else None
        anchor = explicit or slugify(heading_text(raw))
        base, n = anchor, 0
        while anchor in seen:
            n += 1
            anchor = f"{base}_{n}"
        seen.add(anchor)
        found.append(Heading(i, level, heading_text(raw).strip(), anchor))
    return found


def _setext_text(body: Body, index: int, found: list[Heading]) -> bool:
    above = body.prose[index]
    return bool(above.strip()) and not LIST_ITEM.match(above) and not (found and found[-1].index == index)


def anchors(body: Body) -> set[str]:
    """Every id a link may point at: headings, attr_list ids anywhere, HTML ids."""
    ids = {h.anchor for h in headings(body)}
    for line in body.prose:
        ids.update(ANY_ATTR_ID.findall(line))
        ids.update(HTML_ID.findall(line))
    return ids


def links(body: Body) -> list[tuple[int, str]]:
    """(line index, target) of every inline link, image and reference definition outside code."""
    found = []
    for i, line in enumerate(body.prose):
        for match in INLINE_LINK.finditer(line):
            found.append((i, match["target"]))
        ref = REF_DEF.match(line)
        if ref:
            found.append((i, ref.group(2)))
    return found


def images_without_alt(body: Body) -> list[tuple[int, str]]:
    """(line index, source) of every Markdown image with empty alt text and every <img> without alt."""
    found = []
    for i, line in enumerate(body.prose):
        for match in INLINE_LINK.finditer(line):
            if match["image"] and not match["text"].strip():
                found.append((i, match["target"]))
        for tag in IMG_TAG.findall(line):
            if not re.search(r"\salt=[\"']\s*[^\"'\s]", tag):
                src = re.search(r"\ssrc=[\"']([^\"']*)", tag)
                found.append((i, src.group(1) if src else tag))
    return found


@dataclass
class Marker:
    """One `{{ ... }}` in prose: where it stands, and its parts (match is None when it is malformed)."""

    index: int  # line index in the body
    start: int  # column span in that line
    end: int
    match: re.Match | None
    raw: str


KEYWORDS = ("figure", "check")   # `{{ figure producer.name }}`, `{{ check producer.name }}`
FIRST_NAME = re.compile(r"\{\{\s*([A-Za-z_][\w-]*)")


def ours(raw: str, producers) -> bool:
    """Whether a `{{ ... }}` is a paramscope marker: its first name is `figure`, `check` or one of the site's producers
    (`producers` None: every one is). Any other, such as mkdocs-macros' `{{ config.site_name }}`, is not."""
    if producers is None:
        return True
    first = FIRST_NAME.match(raw)
    return bool(first) and (first.group(1) in KEYWORDS or first.group(1) in producers)


def marker_spans(body: Body, producers=None) -> list[Marker]:
    """Every marker outside code, HTML comments and maths: the markers the build resolves, no more, no less.
    `\\{{ ... }}` is the escape: Markdown drops the backslash and shows the marker as written."""
    found = []
    for i, line in enumerate(body.prose):
        if "{{" not in line:
            continue
        for raw in ANY_MARKER.finditer(line):
            escaped = raw.start() > 0 and line[raw.start() - 1] == "\\"
            if not escaped and ours(raw.group(0), producers):
                found.append(Marker(i, raw.start(), raw.end(), MARKER.fullmatch(raw.group(0)), raw.group(0)))
    return found


def markers(body: Body, producers=None) -> list[tuple[int, re.Match | None, str]]:
    """(line index, match or None if malformed, raw text) of every marker outside code."""
    return [(m.index, m.match, m.raw) for m in marker_spans(body, producers)]


def footnote_definitions(body: Body) -> list[tuple[int, str]]:
    return [(i, m.group(1)) for i, line in enumerate(body.prose) if (m := FOOTNOTE_DEF.match(line))]


def footnote_refs(body: Body) -> list[tuple[int, str]]:
    found = []
    for i, line in enumerate(body.prose):
        definition = FOOTNOTE_DEF.match(line)
        found += [(i, m.group(1)) for m in FOOTNOTE_REF.finditer(line)
                  if not definition or m.start() >= definition.end()]
    return found


def prose_text(line: str) -> str:
    """Blank out everything in a line that is not prose: markers, URLs, link targets, tags, attributes."""
    if REF_DEF.match(line) or ABBR_DEF.match(line):
        return ""
    line = FOOTNOTE_DEF.sub(lambda m: blank(m.group(0)), line)  # a definition's own key is not a citation
    line = ANY_MARKER.sub(lambda m: blank(m.group(0)), line)
    line = re.sub(r"\]\([^)]*\)", lambda m: "]" + blank(m.group(0)[1:]), line)
    line = URL.sub(lambda m: blank(m.group(0)), line)
    line = HTML_TAG.sub(lambda m: blank(m.group(0)), line)
    line = re.sub(r"&#?\w+;", lambda m: blank(m.group(0)), line)
    line = re.sub(r"\{:?\s*[#.][^}]*\}|\{:?[^}]*=[^}]*\}", lambda m: blank(m.group(0)), line)
    line = ORDERED.sub(lambda m: blank(m.group(0)), line)
    line = re.sub(r"^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+", lambda m: blank(m.group(0)), line)
    return line


def blocks(body: Body) -> list[list[int]]:
    """Groups of line indexes that form one paragraph, list item, table row, heading or footnote."""
    found: list[list[int]] = []
    current: list[int] = []
    for i, line in enumerate(body.prose):
        stripped = line.strip()
        starts = (LIST_ITEM.match(line) or HEADING.match(line) or stripped.startswith("|") or ADMONITION.match(line)
                  or FOOTNOTE_DEF.match(line))
        if not stripped or starts:
            if current:
                found.append(current)
            current = [i] if stripped else []
            if stripped and (HEADING.match(line) or stripped.startswith("|")):
                found.append(current)
                current = []
        else:
            current.append(i)
    if current:
        found.append(current)
    return found


SENTENCE_END = re.compile(r"[.!?][)\]\"'’”*_]*(?:\[\^[^\]\s]+\])*(?=\s+[A-Z0-9“\"'(\[*_])")
TOKEN = re.compile(r"[^\s()\[\]{}<>\"“”|*]+")


def is_number(word: str) -> bool:
    """A word that states a number: has digits, no letters, and is not just single digits ("3", "1–3", "1/2")."""
    if not re.search(r"\d", word) or re.search(r"[^\W\d_]", word):
        return False
    return not all(re.fullmatch(r"\d?", part) for part in re.split(r"[-–—/:]", word))


@dataclass
class Number:
    index: int  # line index in the body
    text: str
    refs: list[str]  # footnote keys cited in the same sentence
    previous: str = ""  # the token before it as written, e.g. "Llama" in "Llama 3.1" ("GPUs," keeps its comma)


def numbers(body: Body) -> list[Number]:
    """Standalone numbers in prose with the footnotes of their sentence (see the contract's rule)."""
    found = []
    for block in blocks(body):
        pieces, owners = [], []
        for i in block:
            text = prose_text(body.prose[i])
            pieces.append(text)
            owners.extend([i] * (len(text) + 1))
        joined = " ".join(pieces)
        start = 0
        ends = [m.end() for m in SENTENCE_END.finditer(joined)] + [len(joined)]
        for end in ends:
            sentence = joined[start:end]
            refs = FOOTNOTE_REF.findall(sentence)
            clean = FOOTNOTE_REF.sub(lambda m: blank(m.group(0)), sentence)
            previous = ""
            for token in TOKEN.finditer(clean):
                word = token.group(0).strip(".,;:!?'’\"_~")
                if is_number(word):
                    found.append(Number(owners[start + token.start()], word, refs, previous))
                previous = token.group(0)
            start = end
    return found
