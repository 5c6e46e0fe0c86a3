"""No `var` in the site's JavaScript (docs/javascripts/) or the Node tests (tests/js/): `const` and `let` only, so
that a name lives in its block and cannot be read before it is set. Comments, strings, template literals and regular
expressions are skipped, so a sentence that says "var " is not a declaration."""
import re

import pytest

from support import ROOT

SOURCES = sorted((ROOT / "docs" / "javascripts").glob("*.js")) + sorted((ROOT / "tests" / "js").glob("*.mjs"))

# One token of what is not code, each alternative anchored where the scanner stands.
NOT_CODE = re.compile(r"""
    //[^\n]*                                  # line comment
  | /\*.*?\*/                                 # block comment
  | '(?:\\.|[^'\\\n])*'                       # strings
  | "(?:\\.|[^"\\\n])*"
  | `(?:\\.|[^`\\])*`                         # template literal (its ${...} parts skipped with it)
""", re.S | re.X)
REGEX = re.compile(r"/(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n\[])+/[a-z]*")
# A "/" here starts a regular expression, not a division.
BEFORE_REGEX = re.compile(r"(?:[(,=:\[!&|?{};+\-*%<>~^]|\breturn|\btypeof|^)\s*$")
VAR = re.compile(r"(?<![\w$.])var\s+[\w$\[{]")


def code_only(text: str) -> str:
    """text with comments, strings, template literals and regular expressions blanked (newlines kept)."""
    out, at = [], 0
    while at < len(text):
        m = NOT_CODE.match(text, at)
        if m is None and text[at] == "/" and BEFORE_REGEX.search(text[max(0, at - 40):at]):
            m = REGEX.match(text, at)
        if m:
            out.append(re.sub(r"[^\n]", " ", m.group()))
            at = m.end()
        else:
            out.append(text[at])
            at += 1
    return "".join(out)


def var_lines(text: str) -> list[int]:
    code = code_only(text)
    return [code.count("\n", 0, m.start()) + 1 for m in VAR.finditer(code)]


@pytest.mark.parametrize("snippet, lines", [
    ("var a = 1;", [1]),
    ("let a = 1;\nfor (var i = 0; i < 2; i++) {}", [2]),
    ("function f() {\n  var {x, y} = p;\n}", [2]),
    ("// var a = 1\n/* var b */ const s = 'var c', t = \"var d\", u = `var ${e}`;", []),
    ("const r = /var x/g, q = a / b / c; const v = variable;", []),
    ("const o = {var: 1}; o.var = 2; const n = x.var + 1;", []),
], ids=["plain", "loop", "destructuring", "comments-strings", "regex-division", "property"])
def test_the_scanner_finds_declarations_only(snippet, lines):
    assert var_lines(snippet) == lines


def test_no_var_in_the_javascript():
    assert SOURCES, "no JavaScript found under docs/javascripts/"
    found = [f"{p.relative_to(ROOT)}:{n}: `var` declaration: use const (or let when it is reassigned)"
             for p in SOURCES for n in var_lines(p.read_text(encoding="utf-8"))]
    assert not found, "\n".join(found)
