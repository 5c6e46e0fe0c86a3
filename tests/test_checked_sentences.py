"""Checked sentences: a page binds a sentence to a producer's named check (`{{ check producer.name }}`).

A failing check fails the build at the sentence's page line, quoting it and the producer's line, also under
`python -O`; `paramscope check` reports a check no page binds and a bound sentence no producer declares; the
site's producers hold no bare `assert` and no function over 80 lines."""
import ast
import os
import textwrap
from pathlib import Path

import pytest

from support import ROOT, paramscope

PRODUCER = '''\
"""A producer with a checked sentence."""
PARITY = 0


def produce(out):
    answer = 42
    out.fact("answer", answer)
    out.check("answer-even", answer % 2 == PARITY, "the answer is even")
'''
CHECK_LINE = 8  # of out.check(...) in PRODUCER

PAGE = '''\
# Demo

Some words first. The answer is {{ demo.answer }},
an even number.{{ check demo.answer-even }} More words follow.
'''
MARK_LINE = 4  # of {{ check demo.answer-even }} in PAGE
SENTENCE = "The answer is {{ demo.answer }}, an even number."


@pytest.fixture
def project(tmp_path: Path):
    (tmp_path / "scripts" / "producers").mkdir(parents=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "scripts" / "producers" / "demo.py").write_text(PRODUCER)
    (tmp_path / "docs" / "index.md").write_text(PAGE)
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: Test
        strict: true
        theme: {name: material, font: false}
        plugins:
          - paramscope:
              producers: scripts/producers
              cache_dir: .cache
        markdown_extensions: [attr_list, tables, md_in_html]
        """))
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}

    def run(*args, **extra):
        return paramscope(*args, env={**env, **extra}, cwd=tmp_path)

    run.root = tmp_path
    return run


def test_a_holding_check_renders_to_nothing(project):
    proc = project("build", "--skip-check")
    assert proc.returncode == 0, proc.stderr
    html = (project.root / "site" / "index.html").read_text()
    assert "The answer is 42,\nan even number. More words follow." in html
    assert "check" not in html.split("<article", 1)[1].split("</article>", 1)[0]


@pytest.mark.parametrize("optimize", ["", "1"], ids=["python", "python -O"])
def test_a_failing_check_fails_the_build_at_the_sentence(project, optimize):
    assert project("build", "--skip-check").returncode == 0
    good = (project.root / "site" / "index.html").read_text()
    producer = project.root / "scripts" / "producers" / "demo.py"
    producer.write_text(PRODUCER.replace("PARITY = 0", "PARITY = 1"))
    proc = project("build", "--skip-check", PYTHONOPTIMIZE=optimize)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    # not the log tail
    line = next(s for s in proc.stderr.splitlines() if "answer-even" in s and "docs/index.md:" in s)
    assert f"docs/index.md:{MARK_LINE}: “{SENTENCE}” is no longer true: " in line, line
    assert f"scripts/producers/demo.py:{CHECK_LINE}" in line and "the answer is even" in line, line
    assert (project.root / "site" / "index.html").read_text() == good, "a failed build leaves the last site"


def test_a_failing_check_no_page_binds_names_the_producer_line(project):
    (project.root / "docs" / "index.md").write_text(PAGE.replace("{{ check demo.answer-even }}", ""))
    (project.root / "scripts" / "producers" / "demo.py").write_text(PRODUCER.replace("PARITY = 0", "PARITY = 1"))
    proc = project("compute")
    assert proc.returncode == 1
    assert (f"scripts/producers/demo.py:{CHECK_LINE}: check 'demo.answer-even' failed (no page binds it): "
            "the answer is even") in proc.stderr


def test_an_unknown_check_marker_fails_the_build(project):
    (project.root / "docs" / "index.md").write_text(PAGE.replace("demo.answer-even", "demo.answer-odd"))
    proc = project("build", "--skip-check")
    assert proc.returncode == 1
    assert f"docs/index.md:{MARK_LINE}: unknown check 'demo.answer-odd'" in proc.stderr


def test_check_reports_an_unbound_check_and_an_orphan_mark(tmp_path):
    from paramscope_generator.checks import declared, source_checks
    from paramscope_generator.commands import check

    (tmp_path / "scripts" / "producers").mkdir(parents=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\nplugins:\n  - paramscope:\n      producers: "
                                         "scripts/producers\n")
    (tmp_path / "scripts" / "producers" / "demo.py").write_text(
        PRODUCER + '    out.check("unused", True, "no page says this")\n'
                   '    out.check(f"{answer}", True, "a name check cannot read")\n')
    (tmp_path / "docs" / "index.md").write_text(PAGE + "\nA claim nobody checks.{{ check demo.answer-odd }}\n"
                                                "Formatted.{{ check demo.answer-even:.2f }}\n")
    _, sources = check.load(tmp_path, stored=False)
    found = {(p.path, p.line): p.message for p in source_checks.check_bound(sources)}
    orphan = found.pop(("docs/index.md", MARK_LINE + 2))
    assert "'demo.answer-odd', which no producer declares" in orphan and "did you mean 'demo.answer-even'" in orphan
    assert "takes no format" in found.pop(("docs/index.md", MARK_LINE + 3))
    assert "'demo.unused' is bound to no sentence" in found.pop(("scripts/producers/demo.py", CHECK_LINE + 1))
    assert found == {}
    _, problems = declared.read_producer(tmp_path / "scripts" / "producers" / "demo.py", tmp_path)
    assert [(p.line, "string literal" in p.message) for p in problems] == [(CHECK_LINE + 2, True)]


def test_every_check_of_the_site_is_bound_and_every_mark_declared():
    from paramscope_generator.checks import source_checks
    from paramscope_generator.commands import check

    _, sources = check.load(ROOT, stored=False)
    assert source_checks.check_bound(sources) == []
    assert sum(len(p.checks) for p in sources.producers.values()) >= 60


def test_the_bound_sentence_is_the_one_the_mark_ends():
    from paramscope_generator.markdown import scan
    from paramscope_generator.pages import bound_checks

    body = scan.read("- First. Second, `code. Not an end` and {{ x.y }}.{{ check a.b }}{{ check a.c }} Third.\n"
                     "\n| Row | Cell one.{{ check a.d }} |", 1)
    got = [(name, bound_checks.sentence(body, marker)) for marker, name in bound_checks.bound(body)]
    assert got == [("a.b", "Second, `code. Not an end` and {{ x.y }}."),
                   ("a.c", "Second, `code. Not an end` and {{ x.y }}."), ("a.d", "Row | Cell one.")]


PRODUCERS = sorted((ROOT / "scripts" / "producers").glob("*.py"))


@pytest.mark.parametrize("producer", PRODUCERS, ids=lambda p: p.name)
def test_no_bare_assert_in_producers(producer):
    tree = ast.parse(producer.read_text(encoding="utf-8"))
    found = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Assert)]
    assert not found, (f"{producer.relative_to(ROOT)}:{found[0]}: a bare assert (dropped by python -O): use "
                       "out.check(...) bound to the page's sentence, or paramscope_generator.api.expect(...)")


@pytest.mark.parametrize("producer", PRODUCERS, ids=lambda p: p.name)
def test_no_producer_function_over_80_lines(producer):
    tree = ast.parse(producer.read_text(encoding="utf-8"))
    long = [(n.lineno, n.name, n.end_lineno - n.lineno + 1) for n in ast.walk(tree)
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.end_lineno - n.lineno + 1 > 80]
    assert not long, "; ".join(f"{producer.relative_to(ROOT)}:{line}: {name}() has {n} lines: split it, one "
                               f"function per figure or table" for line, name, n in long)


def test_sanity_error_names_the_callers_line():
    from paramscope_generator.api import SanityError, expect

    expect(True, "fine")
    with pytest.raises(SanityError, match=r"test_checked_sentences\.py:\d+: the module's count differs"):
        expect(0, "the module's count differs")
