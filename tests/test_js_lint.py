"""ESLint (pinned in tests/tools, its flat config tests/tools/eslint.config.mjs) on the site's JavaScript
(docs/javascripts/, ES modules; scripts/web/) and the Node tests (tests/js/*.mjs): no `var` (a name lives in its
block and cannot be read before it is set), `const` unless reassigned, no undefined or unused names. A failure lists
ESLint's own `path:line:col` lines."""
import json
import shutil
import subprocess
from pathlib import Path

from support import ROOT

TOOLS = ROOT / "tests" / "tools"
CONFIG = TOOLS / "eslint.config.mjs"
SOURCES = ["docs/javascripts", "tests/js"] + (["scripts/web"] if list((ROOT / "scripts" / "web").glob("*.js")) else [])


def eslint(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """eslint from tests/tools/node_modules, run from the project root (the config's patterns are relative to it)."""
    exe = shutil.which("node")
    assert exe, "node is missing: `bash scripts/setup.sh --test` installs it"
    cli = TOOLS / "node_modules" / "eslint" / "bin" / "eslint.js"
    assert cli.is_file(), "eslint is missing: run `bash scripts/setup.sh --test` (tests/tools/package-lock.json)"
    return subprocess.run([exe, str(cli), "--config", str(CONFIG.relative_to(ROOT)), "--no-cache", *args],
                          cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=120)


def problems(done: subprocess.CompletedProcess) -> list[str]:
    """ESLint's JSON report as `path:line:col: message (rule)` lines."""
    return [f"{Path(r['filePath']).resolve().relative_to(ROOT)}:{m.get('line', 0)}:{m.get('column', 0)}: "
            f"{m['message']} ({m.get('ruleId')})"
            for r in json.loads(done.stdout or "[]") for m in r["messages"]]


def test_eslint_finds_nothing():
    done = eslint("--format", "json", *SOURCES)
    assert done.returncode == 0, "\n".join(problems(done)) or done.stderr[-3000:]


def test_a_var_declaration_fails_with_its_line():
    """The rules are live: a page script with `var` (and a module with an undefined name) is reported at its line,
    while `var` in a comment, a string or a property name is not a declaration."""
    text = ('// var a = 1\nconst s = "var b", o = {var: 1};\nexport function f() {\n  var x = o.var + s.length;\n'
            '  return x + missing;\n}\n')
    done = eslint("--format", "json", "--stdin", "--stdin-filename", "docs/javascripts/planted.js", stdin=text)
    found = problems(done)
    assert done.returncode == 1, done.stderr[-3000:]
    where = [p.split(": ", 1)[0] for p in found]
    assert where == ["docs/javascripts/planted.js:4:3", "docs/javascripts/planted.js:5:14"], found
    assert "(no-var)" in found[0] and "(no-undef)" in found[1], found
