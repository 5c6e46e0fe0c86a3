"""The generator running producers: cache hits and misses, atomic outputs, error locations, markers, determinism."""
import os
import re
import textwrap
from pathlib import Path

import pytest

from support import ROOT, paramscope, tree_digest

PRODUCER = '''\
"""A small producer for tests."""
import helper

def produce(out):
    out.fact("answer", 21 * helper.FACTOR)
    out.fact("share", 0.1234, fmt="{:.1%}")
    out.table("sizes", ["Model", "Parameters"], [["tiny", 1234567]])
    assert open(helper.INPUT).read().startswith("input")   # read, not declared: the generator notices
    def draw():
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(3, 2))
        ax.plot([0, 1, 2], [0, 1, 4])
        return fig
    out.figure("curve", draw, alt="A curve rising")
'''

PAGE = '''\
---
term: Demo
---
# Demo

The answer is {{ demo.answer }}, a share of {{ demo.share }}; shown raw: `{{ demo.answer }}`.

{{ demo.sizes }}

{{ figure demo.curve }}
'''


@pytest.fixture
def project(tmp_path: Path):
    """A throwaway project: one producer importing a helper module and reading an input file, one page."""
    (tmp_path / "scripts" / "producers").mkdir(parents=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "data.txt").write_text("input v1\n")
    (tmp_path / "scripts" / "helper.py").write_text(f"FACTOR = 2\nINPUT = {str(tmp_path / 'data.txt')!r}\n")
    (tmp_path / "scripts" / "unrelated.py").write_text("X = 1\n")
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
              facts_json: true
              hard_links: true
              template_cache: true
        markdown_extensions: [attr_list, tables, md_in_html]
        """))
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}

    def run(*args):
        return paramscope(*args, env=env, cwd=tmp_path)

    run.root = tmp_path
    run.env = env
    return run


def current_facts(root: Path) -> str:
    base = root / ".cache" / "outputs" / "demo"
    return (base / (base / "current").read_text().strip() / "outputs.json").read_text()


def test_cache_miss_then_hit(project):
    first = project("compute")
    assert first.returncode == 0, first.stderr
    assert "compute: demo (no outputs yet)" in first.stdout
    second = project("compute")
    assert second.returncode == 0
    assert "0 ran" in second.stdout and "1 up to date" in second.stdout


def test_change_in_imported_module_only_reruns(project):
    project("compute")
    (project.root / "scripts" / "unrelated.py").write_text("X = 2\n")
    assert "1 up to date" in project("compute").stdout, "a module the producer never imported must not re-run it"
    (project.root / "scripts" / "helper.py").write_text(
        (project.root / "scripts" / "helper.py").read_text().replace("FACTOR = 2", "FACTOR = 3"))
    rerun = project("compute")
    assert "compute: demo (scripts/helper.py changed)" in rerun.stdout
    assert '"value": 63' in current_facts(project.root)


def test_change_in_input_file_reruns(project):
    project("compute")
    (project.root / "data.txt").write_text("input v2, longer\n")
    rerun = project("compute")
    assert "data.txt changed" in rerun.stdout, rerun.stdout


def test_crash_mid_write_keeps_previous_outputs(project):
    assert project("compute").returncode == 0
    before = current_facts(project.root)
    producer = project.root / "scripts" / "producers" / "demo.py"
    # Writes a new figure, then dies: nothing of this run may become current.
    producer.write_text(PRODUCER.replace('    out.figure("curve", draw, alt="A curve rising")',
                                         '    out.figure("curve", draw, alt="A curve rising")\n'
                                         '    raise RuntimeError("died after writing")'))
    failed = project("compute")
    assert failed.returncode == 1
    assert current_facts(project.root) == before
    leftovers = [p.name for p in (project.root / ".cache" / "outputs" / "demo").iterdir()]
    assert not [n for n in leftovers if n.startswith("tmp-")], leftovers
    # Killed outright (no chance to clean up in-process): the previous outputs still stand.
    producer.write_text(PRODUCER.replace('    out.fact("share"', '    import os, signal\n'
                                         '    os.kill(os.getpid(), signal.SIGKILL)\n    out.fact("share"'))
    killed = project("compute")
    assert killed.returncode == 1
    assert re.search(r"scripts/producers/demo\.py:\d+: producer process died \(killed by signal 9\)", killed.stderr)
    assert current_facts(project.root) == before
    # And the cache entry is intact: restoring the source is a cache hit, not a re-run.
    producer.write_text(PRODUCER)
    assert "1 up to date" in project("compute").stdout


def test_failure_names_the_producer_line_after_all_ran(project):
    (project.root / "scripts" / "producers" / "broken.py").write_text(
        '"""Broken."""\n\ndef produce(out):\n    values = []\n    out.fact("mean", sum(values) / len(values))\n')
    (project.root / "scripts" / "producers" / "badfigure.py").write_text(
        '"""A figure script that fails."""\n\ndef produce(out):\n    def draw():\n        raise ValueError("no data")\n'
        '    out.figure("x", draw, alt="x")\n')
    proc = project("compute")
    assert proc.returncode == 1
    errors = [s for s in proc.stderr.splitlines() if s.startswith("scripts/")]
    assert any(s.startswith("scripts/producers/broken.py:5: ZeroDivisionError: division by zero") for s in errors)
    # The deepest line of the producer's own file: inside draw(), not in the generator's code.
    assert any(s.startswith("scripts/producers/badfigure.py:5: ValueError: no data") for s in errors)
    assert "full log: " in errors[0]
    log = Path(errors[0].split("full log: ")[1].rstrip(")"))
    assert "Traceback" in log.read_text()
    assert "compute: demo done" in proc.stdout, "the healthy producer still runs"


def test_markers_resolve_in_built_page(project):
    proc = project("build", "--skip-check")
    assert proc.returncode == 0, proc.stderr
    html = (project.root / "site" / "index.html").read_text()
    assert "The answer is 42, a share of 12.3%" in html
    assert "<code>{{ demo.answer }}</code>" in html, "markers inside code stay as written"
    assert "1,234,567" in html
    assert 'src="assets/figures/demo/curve-light.svg#only-light"' in html
    assert 'src="assets/figures/demo/curve-dark.svg#only-dark"' in html
    assert 'alt="A curve rising"' in html
    # The browser reserves the figure's space before it arrives (no layout shift): the SVG's own size, in px.
    svg = (project.root / "site" / "assets" / "figures" / "demo" / "curve-light.svg").read_text()
    w_pt, h_pt = re.search(r'width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups()
    assert f'width="{round(float(w_pt) * 4 / 3)}"' in html and f'height="{round(float(h_pt) * 4 / 3)}"' in html
    assert (project.root / "site" / "assets" / "figures" / "demo" / "curve-dark.svg").is_file()
    facts = (project.root / "site" / "facts.json").read_text()
    assert '"demo.answer"' in facts and '"demo.sizes"' in facts


def test_unknown_fact_fails_with_page_and_line(project):
    assert project("build", "--skip-check").returncode == 0
    good = (project.root / "site" / "index.html").read_text()
    page = project.root / "docs" / "index.md"
    page.write_text(PAGE + "\nAnd {{ demo.answr }} here.\n")
    proc = project("build", "--skip-check")
    assert proc.returncode == 1
    line = PAGE.count("\n") + 2
    assert f"docs/index.md:{line}: unknown fact 'demo.answr'; did you mean 'demo.answer'?" in proc.stderr
    assert (project.root / "site" / "index.html").read_text() == good, "a failed build leaves the last site"


def test_two_clean_builds_are_byte_identical(project, tmp_path_factory):
    assert project("build", "--skip-check").returncode == 0
    first = tree_digest(project.root / "site")
    import shutil
    shutil.rmtree(project.root / ".cache")
    shutil.rmtree(project.root / "site")
    assert project("build", "--skip-check").returncode == 0
    assert tree_digest(project.root / "site") == first


def test_the_theme_templates_are_compiled_once(project):
    """The plugin keeps the theme's compiled templates in its cache (Jinja's bytecode cache): a second build reads
    them back instead of compiling them again, and writes the same site."""
    assert project("build", "--skip-check", "-d", "site-a").returncode == 0
    folder = project.root / ".cache" / "templates"
    compiled = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    assert len(compiled) >= 10, f"Material's templates were not kept: {sorted(compiled)}"
    assert project("build", "--skip-check", "-d", "site-b").returncode == 0
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == compiled, "a template was compiled again"
    assert tree_digest(project.root / "site-a") == tree_digest(project.root / "site-b")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("command", ["paramscope", "mkdocs"])
def test_serve_reruns_a_stale_producer_and_shows_a_failure(project, command):
    """Under `paramscope serve` and plain `mkdocs serve`: editing a module a producer imports re-runs it and the
    page shows the new number; a failing producer is shown on the page (the last good number stays). Nothing
    in mkdocs.yml says what to watch."""
    import subprocess
    import sys
    import time
    import urllib.request

    # No `watch:` entry: serve watches the producers and what they import and read by itself.
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", command, "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project.root, env=project.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)

    def page_says(*texts: str, seconds: float = 300) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read().decode()
                if all(t in page for t in texts):
                    return True
            except OSError:
                pass
            time.sleep(0.5)
        return False

    try:
        assert page_says("The answer is 42"), "the served page never showed the computed fact"
        helper = project.root / "scripts" / "helper.py"
        helper.write_text(helper.read_text().replace("FACTOR = 2", "FACTOR = 3"))
        assert page_says("The answer is 63"), "editing an imported module did not re-run the producer"
        helper.write_text(helper.read_text().replace("FACTOR = 3", "FACTOR = 1 / 0"))
        assert page_says("The build failed", "ZeroDivisionError", "The answer is 63"), \
            "a failing producer was not shown on the page"
    finally:
        server.terminate()
        try:
            output = server.communicate(timeout=10)[0]
        except subprocess.TimeoutExpired:
            server.kill()
            output = ""
    if command == "paramscope":
        assert f"http://127.0.0.1:{port}/" in output, "paramscope serve did not print its address"


def test_plain_mkdocs_build_equals_paramscope_build(project):
    import subprocess
    import sys

    from paramscope_generator.commands.build import source_date_epoch

    assert project("build", "--skip-check", "-d", "site-a").returncode == 0
    # `paramscope build` dates the sitemap by the last commit; plain MkDocs, whose environment the plugin leaves
    # alone, does the same given that date.
    env = dict(project.env, SOURCE_DATE_EPOCH=source_date_epoch(project.root))
    plain = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "site-b"],
                           cwd=project.root, env=env, capture_output=True, text=True)
    assert plain.returncode == 0, plain.stderr
    assert tree_digest(project.root / "site-a") == tree_digest(project.root / "site-b")


def test_plain_mkdocs_build_computes_and_fails_on_a_failing_producer(project):
    import subprocess
    import sys

    (project.root / "scripts" / "producers" / "broken.py").write_text(
        '"""Broken."""\n\ndef produce(out):\n    out.fact("x", 1 / 0)\n')
    plain = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project.root,
                           env=project.env, capture_output=True, text=True)
    assert plain.returncode == 1
    assert "compute: demo done" in plain.stderr, "the healthy producer was not computed"
    assert "scripts/producers/broken.py:4: ZeroDivisionError: division by zero" in plain.stderr


def test_fixture_site_builds_with_plain_mkdocs(tmp_path):
    """Any MkDocs site: only `search` and `paramscope`, one producer, one page."""
    import shutil
    import subprocess
    import sys

    site = shutil.copytree(ROOT / "tests" / "plugin_site", tmp_path / "site", ignore=shutil.ignore_patterns(".cache"))
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=site, capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stderr
    assert "The answer is 42." in (site / "site" / "index.html").read_text()
    facts = paramscope("facts", "demo", cwd=site)
    assert facts.returncode == 0 and "demo.answer  42  [producers/demo.py]" in facts.stdout, facts.stdout


PLANTED = '''\
---
title: Demo
---
# Demo

The answer is {{ demo.answer }}.

<!-- {{ old.comment }} -->

````markdown
```python
{{ old.inner }}
```
{{ old.after_inner_fence }}
````

$$
x = {{ old.math }}
$$

Inline $y = {{ old.inline }}$ maths.
'''


def test_checker_and_resolver_read_planted_markers_alike(tmp_path):
    """Markers in comments, in a fence inside a fence and in maths: neither checked nor resolved; the real one is
    both. What `paramscope check` accepts, the build resolves."""
    from paramscope_generator.cache.store import Store
    from paramscope_generator.commands.check import check_site
    from paramscope_generator.pages import markers

    (tmp_path / "docs").mkdir()
    (tmp_path / "producers").mkdir()
    (tmp_path / "docs" / "index.md").write_text(PLANTED)
    (tmp_path / "producers" / "demo.py").write_text('"""Demo."""\n\n\ndef produce(out):\n    out.fact("answer", 42)\n')
    # The glossary plugin on: its house rules claim every `{{ ... }}`, so a stray one is reported (a site without
    # it claims only its producers' markers: test_markers_coexist).
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nnav: [index.md]\nplugins:\n  - paramscope:\n"
                                         "      producers: producers\n  - paramscope-glossary\n")
    assert [str(p) for p in check_site(tmp_path, stored=False)] == []
    body = PLANTED.split("---\n", 2)[2]
    store = Store(facts={"demo.answer": {"value": 42, "display": "42"}})
    resolved, used, errors = markers.resolve(body, store, "index.md", first_line=4)
    assert used == {"demo.answer"} and "The answer is 42." in resolved and errors == []
    for planted in ("old.comment", "old.inner", "old.after_inner_fence", "old.math", "old.inline"):
        assert f"{{{{ {planted} }}}}" in resolved, f"{planted} was resolved"
    (tmp_path / "docs" / "index.md").write_text(PLANTED.replace("{{ old.comment }} -->", "-->{{ old.comment }}"))
    problems = [str(p) for p in check_site(tmp_path, stored=False)]
    assert problems == ["docs/index.md:8: unknown producer 'old': no producers/old.py"], problems
    _, _, errors = markers.resolve(PLANTED.replace("{{ old.comment }} -->", "-->{{ old.comment }}")
                                   .split("---\n", 2)[2], store, "index.md", first_line=4)
    assert [error.line for error in errors] == [8]


def test_a_cached_output_is_linked_into_the_site_or_copied(tmp_path, monkeypatch):
    """Producer outputs reach the site as hard links (the cache never rewrites a file in place), or as copies
    where a link cannot be made; an older file at the target is replaced either way."""
    from paramscope_generator.mkdocs.files import CachedFile

    source = tmp_path / "cache" / "assets" / "figure.svg"
    source.parent.mkdir(parents=True)
    source.write_text("<svg/>")
    published = CachedFile("assets/figure.svg", src_dir=str(tmp_path / "cache"), dest_dir=str(tmp_path / "site"),
                           use_directory_urls=True)
    target = Path(published.abs_dest_path)
    target.parent.mkdir(parents=True)
    target.write_text("old")
    published.copy_file()
    assert target.read_text() == "<svg/>" and target.stat().st_ino == source.stat().st_ino
    target.unlink()

    def cannot_link(*args):
        raise OSError("cross-device link")

    monkeypatch.setattr(os, "link", cannot_link)
    published.copy_file()
    assert target.read_text() == "<svg/>" and target.stat().st_ino != source.stat().st_ino


def test_an_installed_version_is_the_one_importlib_metadata_reads():
    """The cache key reads a distribution's version from its .dist-info folder's name (no METADATA parse): the same
    version importlib.metadata gives, for every distribution installed here."""
    import importlib.metadata

    from paramscope_generator.run import versions

    names = sorted({d.metadata["Name"] for d in importlib.metadata.distributions()})
    assert len(names) > 20, names
    assert {n: versions.installed(n) for n in names} == {n: importlib.metadata.version(n) for n in names}
    assert versions.installed("no-such-distribution-here") == "missing"
