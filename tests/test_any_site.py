"""The generator on sites that are not this one (tests/sample_sites/): a site without markers builds byte for byte
as without the plugin (sitemap included); `{{ ... }}` that are not ours stay as written wherever they stand; figures
show one colour variant on any theme with no Markdown extension; errors are one line each, all of them at once."""
import datetime
import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from paramscope_generator.rendering.figure_html import FIGURE_CSS, TOGGLE_CSS

from support import ROOT, tree_digest

SAMPLES = ROOT / "tests" / "sample_sites"
SITES = sorted(p.name for p in SAMPLES.iterdir() if (p / "mkdocs.yml").is_file())


EPOCH = "1700000000"   # the same build time for two builds to compare (the built-in theme writes it in each page)


def _env(epoch: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return env if epoch is None else dict(env, SOURCE_DATE_EPOCH=epoch)


def _build(root: Path, config: str, site: str, epoch: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config, "-d", site],
                          cwd=root, env=_env(epoch), capture_output=True, text=True)


def _copy(name: str, tmp_path: Path) -> Path:
    return shutil.copytree(SAMPLES / name, tmp_path / name, ignore=shutil.ignore_patterns(".cache", "site"))


def _without_plugin(root: Path) -> str:
    text = (root / "mkdocs.yml").read_text()
    plain = "\n".join(line for line in text.splitlines()
                      if "paramscope" not in line and "producers: producers" not in line) + "\n"
    (root / "plain.yml").write_text(plain)
    return "plain.yml"


def _macros(root: Path) -> bool:
    return "  - macros\n" in (root / "mkdocs.yml").read_text()


def _digest(site: Path) -> dict[str, str]:
    """Every file's digest; the gzipped sitemap by its content (gzip's header holds the second it was written)."""
    digest = tree_digest(site)
    sitemap = site / "sitemap.xml.gz"
    if sitemap.is_file():
        digest["sitemap.xml.gz"] = gzip.decompress(sitemap.read_bytes()).decode()
    return digest


@pytest.mark.parametrize("name", SITES)
def test_a_site_without_markers_builds_as_without_the_plugin(name, tmp_path):
    root = _copy(name, tmp_path)
    plain = _build(root, _without_plugin(root), "plain", EPOCH)
    assert plain.returncode == 0, plain.stderr
    built = _build(root, "mkdocs.yml", "with", EPOCH)
    assert built.returncode == 0, built.stderr
    first, second = _digest(root / "plain"), _digest(root / "with")
    differ = sorted(k for k in first.keys() | second.keys() if first.get(k) != second.get(k))
    assert not differ, f"the plugin changed {differ}"
    index = (root / "with" / "index.html").read_text()
    if _macros(root):   # mkdocs-macros renders every `{{ ... }}` the generator left; it ran, beside the generator
        assert "Release 2.1, built by mkdocs-macros" in index and "{{ config." not in index, index
    else:
        assert "{{ config." in index, "a Jinja variable in prose was not kept"
    # Without SOURCE_DATE_EPOCH the sitemap is dated by the build, as MkDocs dates it: the plugin sets no date.
    assert _build(root, "mkdocs.yml", "undated").returncode == 0
    sitemap = gzip.decompress((root / "undated" / "sitemap.xml.gz").read_bytes()).decode()
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    assert f"<lastmod>{today}</lastmod>" in sitemap, sitemap


def test_markers_and_mkdocs_macros_on_one_page(tmp_path):
    """The generator resolves its markers first (its on_page_markdown runs at priority 100); mkdocs-macros then
    renders every other `{{ ... }}` as Jinja, and `\\{{ ... }}` reaches it as text it leaves alone."""
    root = _copy("macros", tmp_path)
    (root / "docs" / "both.md").write_text("# Both\n\nThe answer is {{ sample.answer }} on {{ config.site_name }}, "
                                           "release {{ release }}.\n\n"
                                           # the documented way to show a literal marker beside mkdocs-macros
                                           "{% raw %}\n```text\n{{ sample.answer }}\n```\n{% endraw %}\n")
    built = _build(root, "mkdocs.yml", "site", EPOCH)
    assert built.returncode == 0, built.stderr
    html = (root / "site" / "both" / "index.html").read_text()
    assert "The answer is 42 on Macros sample, release 2.1." in html, html
    assert '<code class="language-text">{{ sample.answer }}\n</code>' in html, html


def test_the_plugin_leaves_the_process_environment_alone(tmp_path):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = _copy("mkdocs_theme", tmp_path)
    before = dict(os.environ)
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
    assert dict(os.environ) == before


def test_house_rules_apply_only_with_the_glossary_plugin(tmp_path):
    """`paramscope check` on a site without `paramscope-glossary`: the generator's checks only (the sample's prose
    has a bare number, '3.10+', the glossary's rules would report)."""
    from paramscope_generator.commands.check import check_site

    root = _copy("material", tmp_path)
    assert [str(p) for p in check_site(root, stored=False)] == [
        "producers/sample.py:1: producer 'sample' is not used by any page: show one of its facts or figures with a "
        "marker, or delete it"]
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text().replace(
        "      producers: producers\n", "      producers: producers\n  - paramscope-glossary\n"))
    assert any("3.10+" in str(p) for p in check_site(root, stored=False))


def test_a_printing_producer_is_a_house_rule_only(tmp_path):
    """Printing is any site's business (serve shows a slow producer's last line); the glossary forbids it."""
    from paramscope_generator.commands.check import check_site

    root = _copy("material", tmp_path)
    (root / "producers" / "noisy.py").write_text(
        '"""A producer that reports its progress."""\n\n\ndef produce(out):\n    print("working")\n'
        '    out.fact("answer", 42)\n')
    (root / "docs" / "noisy.md").write_text("# Noisy\n\nThe answer is {{ noisy.answer }}.\n")
    assert not [p for p in check_site(root, stored=False) if "noisy" in str(p)]
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text().replace(
        "      producers: producers\n", "      producers: producers\n  - paramscope-glossary\n"))
    assert any(str(p).startswith("producers/noisy.py:5: producer prints") for p in check_site(root, stored=False))


FIGURE = '''\
"""A figure."""


def produce(out):
    def draw():
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(2, 1))
        ax.plot([0, 1], [0, 1])
        return fig
    out.fact("answer", 42)
    out.figure("line", draw, alt="A line rising")
'''


def _with_figure(name: str, tmp_path: Path, options: str = "") -> Path:
    root = _copy(name, tmp_path)
    (root / "producers" / "drawn.py").write_text(FIGURE)
    (root / "docs" / "figure.md").write_text("# Figure\n\nThe answer is {{ drawn.answer }}.\n\n"
                                             "{{ figure drawn.line }}\n")
    if options:
        (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text().replace(
            "      producers: producers\n", f"      producers: producers\n{options}"))
    if "nav:" in (root / "mkdocs.yml").read_text():
        with open(root / "mkdocs.yml", "a") as f:
            f.write("  - Figure: figure.md\n")
    return root


def test_figures_show_one_variant_on_any_theme(tmp_path):
    """Material: both variants, its #only-light/#only-dark show one; the built-in theme: both, and CSS following
    its toggle; any other theme: a <picture> that follows prefers-color-scheme; by option, one variant alone.
    No attr_list: no `{ ... }` shown as text."""
    material = _with_figure("material", tmp_path / "a")
    assert _build(material, "mkdocs.yml", "site").returncode == 0
    html = (material / "site" / "figure" / "index.html").read_text()
    assert html.count("#only-light") == 1 and html.count("#only-dark") == 1 and "<picture>" not in html
    assert "The answer is 42." in html and "{ " not in html.split("<article")[1]

    builtin = _with_figure("mkdocs_theme", tmp_path / "b")
    built = _build(builtin, "mkdocs.yml", "site")
    assert built.returncode == 0, built.stderr
    html = (builtin / "site" / "figure" / "index.html").read_text()
    # The built-in theme's toggle sets data-bs-theme: both variants, and CSS that shows one (tests/browser).
    assert html.count(TOGGLE_CSS.strip()) == 1 and html.count('class="ps-figure ps-only-dark"') == 1
    assert html.count('class="ps-figure ps-only-light"') == 1 and "<picture>" not in html and "#only-" not in html

    plain = _with_figure("mkdocs_theme", tmp_path / "d")
    (plain / "mkdocs.yml").write_text((plain / "mkdocs.yml").read_text().replace("name: mkdocs", "name: readthedocs"))
    built = _build(plain, "mkdocs.yml", "site")
    assert built.returncode == 0, built.stderr
    html = (plain / "site" / "figure" / "index.html").read_text()
    assert ('<picture><source media="(prefers-color-scheme: dark)" srcset="../assets/figures/drawn/line-dark.svg">'
            '<img alt="A line rising" class="ps-figure"') in html
    # One style element, the figures' own (scaling with the column), and no toggle CSS for a theme without one.
    assert "#only-" not in html and "loading=lazy" not in html and html.count("<style>") == 1
    assert FIGURE_CSS in html and TOGGLE_CSS not in html

    single = _with_figure("mkdocs_theme", tmp_path / "c", "      figures: dark\n")
    assert _build(single, "mkdocs.yml", "site").returncode == 0
    html = (single / "site" / "figure" / "index.html").read_text()
    assert html.count("<img") == 1 and 'src="../assets/figures/drawn/line-dark.svg"' in html
    assert not (single / "site" / "assets" / "figures" / "drawn" / "line-light.svg").exists()


def test_every_marker_error_is_reported_at_once(tmp_path):
    root = _with_figure("mkdocs_theme", tmp_path)
    (root / "docs" / "more.md").write_text("# More\n\n{{ drawn.answr }} and {{ figure drawn.lines }}\n\n"
                                           "{{ drawn.answer:.2q }}\n")
    built = _build(root, "mkdocs.yml", "site")
    assert built.returncode == 1
    errors = [line for line in built.stderr.splitlines() if line.startswith("ERROR")]
    assert "docs/more.md:3: unknown fact 'drawn.answr'; did you mean 'drawn.answer'?" in errors[0]
    assert "docs/more.md:3: unknown figure 'drawn.lines'; did you mean 'drawn.line'?" in errors[1]
    assert "docs/more.md:5: fact 'drawn.answer': format '.2q' does not apply" in errors[2]
    assert "3 marker error(s)" in built.stderr
    assert not (root / "site").exists(), "a page was written"


def test_notebooks_without_mkdocs_jupyter_is_one_line(tmp_path):
    root = _copy("mkdocs_theme", tmp_path)
    config = root / "mkdocs.yml"
    text, option = config.read_text(), "      producers: producers\n"
    assert option in text, "the sample site's generator options moved: notebooks not turned on"
    config.write_text(text.replace(option, option + "      notebooks: true\n"))
    built = _build(root, "mkdocs.yml", "site")
    assert built.returncode == 1
    assert [line for line in built.stderr.splitlines() if line.startswith("ERROR")] == [
        "ERROR   -  paramscope: `notebooks: true` needs the mkdocs-jupyter plugin "
        "(include: [\"notebooks/*.ipynb\"], execute: false)"], built.stderr


def test_a_command_needing_the_site_extra_says_so_in_one_line(monkeypatch, capsys):
    """This site's command line names its extra; the generator's alone names the missing package, for any site."""
    from paramscope import cli as site_cli
    from paramscope_generator import dispatch
    from paramscope_generator.commands import facts

    def needs_torch(args):
        raise ModuleNotFoundError("No module named 'torch'", name="torch")

    monkeypatch.setattr(facts, "run", needs_torch)
    assert site_cli.main(["facts"]) == 2
    assert capsys.readouterr().err == ("paramscope facts: needs the site extra (torch is not installed): "
                                       "pip install 'paramscope[site]'\n")
    assert dispatch.main(["facts"]) == 2
    assert capsys.readouterr().err == "paramscope facts: needs torch, which is not installed in this environment\n"


def test_a_missing_generator_module_is_a_traceback_not_a_line(monkeypatch):
    from paramscope_generator import dispatch
    from paramscope_generator.commands import facts

    def broken(args):
        raise ModuleNotFoundError("No module named 'paramscope_generator.gone'", name="paramscope_generator.gone")

    monkeypatch.setattr(facts, "run", broken)
    with pytest.raises(ModuleNotFoundError):
        dispatch.main(["facts"])


COEXIST = '''\
# Page

Ours: {{ demo.answer }}; not ours: {{ config.site_name }}, {{ page.title | upper }}, {{ demo_other.x }}.
Escaped: \\\\{{ demo.answer }}.

!!! note

    In an admonition: {{ demo.answer }}.

        {{ demo.indented_in_admonition }}

??? tip "Details"

    In details: {{ demo.answer }}.

=== "Tab"

    In a tab: {{ demo.answer }}.

- In a list: {{ demo.answer }}.

    ```
    {{ demo.fenced_in_list }}
    ```

> ```
> {{ demo.fenced_in_quote }}
> ```

    {{ demo.indented }}

<pre>{{ demo.pre }}</pre>

{% raw %}
{{ demo.raw }}
{% endraw %}
'''


def test_markers_coexist_with_other_braces_and_code():
    from paramscope_generator.cache.store import Store
    from paramscope_generator.pages import markers

    store = Store(facts={"demo.answer": {"value": 42, "display": "42"}})
    out, used, errors = markers.resolve(COEXIST, store, "index.md", producers={"demo"})
    assert errors == [] and used == {"demo.answer"}
    for where in ("Ours: 42;", "In an admonition: 42.", "In details: 42.", "In a tab: 42.", "In a list: 42."):
        assert where in out, where
    for kept in ("{{ config.site_name }}", "{{ page.title | upper }}", "{{ demo_other.x }}",
                 "\\\\{{ demo.answer }}", "{{ demo.indented_in_admonition }}", "{{ demo.fenced_in_list }}",
                 "{{ demo.fenced_in_quote }}", "{{ demo.indented }}", "{{ demo.pre }}", "{{ demo.raw }}"):
        assert kept in out, kept
    # Byte for byte, the page is its source with exactly our markers replaced.
    escaped = "\\{{ demo.answer }}"
    assert out == COEXIST.replace(escaped, "@").replace("{{ demo.answer }}", "42").replace("@", escaped)


def test_every_marker_error_of_a_page_is_returned():
    from paramscope_generator.cache.store import Store
    from paramscope_generator.pages import markers

    store = Store(facts={"demo.answer": {"value": 42, "display": "42"}})
    page = "{{ demo.answr }} and {{ demo }}\n\n{{ figure demo.nope }}\n\nFine: {{ demo.answer }}\n"
    out, _, errors = markers.resolve(page, store, "index.md", producers={"demo"})
    assert [(e.line, str(e)) for e in errors] == [
        (1, "unknown fact 'demo.answr'; did you mean 'demo.answer'?"),
        (1, "malformed marker '{{ demo }}': write {{ producer.fact }}, {{ producer.fact:fmt }} or "
            "{{ figure producer.name }}"),
        (3, "unknown figure 'demo.nope'; is producer 'demo' computed? run `paramscope compute --only demo`")]
    assert "Fine: 42" in out and "{{ demo.answr }}" in out


def test_an_unknown_fact_of_a_computed_producer_names_what_it_wrote():
    """The producer ran; the name is none of its facts and near none: the error lists the facts it has."""
    from paramscope_generator.cache.store import Store
    from paramscope_generator.pages import markers

    store = Store(facts={f"waves.{k}": {"value": 1, "display": "1"} for k in ("peak", "samples")})
    _, _, errors = markers.resolve("{{ waves.nosuch }}\n", store, "index.md", producers={"waves"})
    assert [str(e) for e in errors] == ["unknown fact 'waves.nosuch'; producer 'waves' wrote 2: peak, samples"]


def test_only_the_figures_a_page_shows_are_published(tmp_path):
    """A producer's figure no page shows is not published: with none shown, the site is the plugin-less one (no
    empty assets/figures/); a page showing it publishes its two variants, and nothing else of the store."""
    root = _copy("mkdocs_theme", tmp_path)
    (root / "producers" / "drawn.py").write_text(FIGURE)
    plain = _build(root, _without_plugin(root), "plain", EPOCH)
    assert plain.returncode == 0, plain.stderr
    built = _build(root, "mkdocs.yml", "with", EPOCH)
    assert built.returncode == 0, built.stderr
    assert _digest(root / "plain") == _digest(root / "with")
    assert not (root / "with" / "assets").exists()

    (root / "producers" / "more.py").write_text(FIGURE.replace('"line"', '"other"'))
    (root / "docs" / "figure.md").write_text("# Figure\n\n{{ figure drawn.line }}\n")
    assert _build(root, "mkdocs.yml", "shown", EPOCH).returncode == 0
    published = sorted(p.relative_to(root / "shown").as_posix() for p in (root / "shown" / "assets").rglob("*.svg"))
    assert published == ["assets/figures/drawn/line-dark.svg", "assets/figures/drawn/line-light.svg"]


def test_a_producer_named_like_a_jinja_global_is_refused(tmp_path):
    """A producer `page` would claim mkdocs-macros' `{{ page.title }}`: one line naming the file and what to do;
    renamed, the page's `{{ page.title }}` is mkdocs-macros' again. An `extra:` key is taken under macros too."""
    root = _copy("macros", tmp_path)
    (root / "producers" / "page.py").write_text('"""Page."""\n\n\ndef produce(out):\n    out.fact("title", 1)\n')
    (root / "docs" / "title.md").write_text("# Title\n\nThis page is {{ page.title }}.\n")
    built = _build(root, "mkdocs.yml", "site")
    assert built.returncode == 1
    assert [line for line in built.stderr.splitlines() if line.startswith("ERROR")] == [
        "ERROR   -  producers/page.py:1: producer name 'page' is a Jinja/mkdocs-macros global, so {{ page.… }} "
        "stays theirs: rename the file (e.g. page_facts.py) and its markers"], built.stderr
    (root / "producers" / "page.py").rename(root / "producers" / "page_facts.py")
    (root / "producers" / "release.py").write_text('"""R."""\n\n\ndef produce(out):\n    out.fact("x", 1)\n')
    built = _build(root, "mkdocs.yml", "site")
    assert built.returncode == 1 and "producers/release.py:1: producer name 'release'" in built.stderr
    (root / "producers" / "release.py").unlink()
    built = _build(root, "mkdocs.yml", "site")
    assert built.returncode == 0, built.stderr
    assert "This page is Title." in (root / "site" / "title" / "index.html").read_text()


def test_figure_style_draws_another_sites_figures_in_its_own_style(tmp_path):
    """`figure_style`: a .mplstyle file of the site's (or a matplotlib style name, or `none`, the default) instead of
    a hook such as this site's house style; changing it re-runs the producers that draw, and a missing file is one
    line."""
    from paramscope_generator import paths
    from paramscope_generator.cache import store
    from paramscope_generator.run import runner

    root = _with_figure("mkdocs_theme", tmp_path, "      figure_style: styles/site.mplstyle\n")
    (root / "styles").mkdir()
    (root / "styles" / "site.mplstyle").write_text("axes.facecolor: 123456\nlines.linewidth: 7\n")
    (root / "producers" / "plain.py").write_text('"""No figure."""\n\n\ndef produce(out):\n    out.fact("a", 1)\n')
    project = paths.find(root / "mkdocs.yml")
    assert project.figure_style == "styles/site.mplstyle"
    assert not runner.compute(project, echo=lambda line: None).failed
    svg = store.load(project).figures["drawn.line"].file("light").read_text()
    assert "#123456" in svg and "stroke-width: 7" in svg

    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text().replace("styles/site.mplstyle", "none"))
    said = []
    result = runner.compute(paths.find(root / "mkdocs.yml"), echo=said.append)
    assert "compute: drawn (figure_style styles/site.mplstyle -> none)" in said, said
    assert "plain" in result.fresh, "a producer that draws nothing re-ran"
    svg = store.load(project).figures["drawn.line"].file("light").read_text()
    assert "#123456" not in svg and "stroke-width: 1.5" in svg      # matplotlib's default line width

    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text().replace("figure_style: none",
                                                                               "figure_style: gone.mplstyle"))
    built = _build(root, "mkdocs.yml", "site")
    assert [line for line in built.stderr.splitlines() if line.startswith("ERROR")] == [
        "ERROR   -  mkdocs.yml: paramscope: figure_style file 'gone.mplstyle' does not exist (a path relative to "
        "mkdocs.yml, a matplotlib style name, a hook `module:function` or `none`)"], built.stderr


def test_enabled_false_builds_as_without_the_plugins(tmp_path):
    """Both plugins' `enabled: false` (Material's convention) pass every event's input through: a site with markers
    and a glossary builds byte for byte as with neither plugin listed."""
    root = shutil.copytree(ROOT / "tests" / "glossary_site", tmp_path / "site",
                           ignore=shutil.ignore_patterns(".cache", "site"))
    text = (root / "mkdocs.yml").read_text()
    assert "  - paramscope:\n" in text and "  - paramscope-glossary\n" in text
    (root / "disabled.yml").write_text(text.replace("  - paramscope:\n", "  - paramscope:\n      enabled: false\n")
                                       .replace("  - paramscope-glossary\n",
                                                "  - paramscope-glossary:\n      enabled: false\n"))
    (root / "plain.yml").write_text(text.replace("  - paramscope:\n      producers: scripts/producers\n", "")
                                    .replace("  - paramscope-glossary\n", ""))
    assert "- paramscope" not in (root / "plain.yml").read_text()
    for config, site in (("plain.yml", "plain"), ("disabled.yml", "disabled")):
        built = _build(root, config, site, EPOCH)
        assert built.returncode == 0, built.stderr
    first, second = _digest(root / "plain"), _digest(root / "disabled")
    assert first, "nothing was built"
    differ = sorted(k for k in first.keys() | second.keys() if first.get(k) != second.get(k))
    assert not differ, f"a disabled plugin changed {differ}"
    assert not (root / ".cache").exists() and not (root / "scripts" / ".cache").exists(), "a disabled generator ran"


def test_an_older_mkdocs_stops_with_one_line(tmp_path):
    """MkDocs 1.3 has no event_priority: loading the plugin raises MkDocs' PluginError (not SystemExit, so a tool
    importing it is not ended), which `mkdocs build` prints in one line saying which MkDocs and what to install
    (tests/test_wheel.py loads it on the real 1.4.3, 1.5.3 and 1.6.1)."""
    root = _copy("mkdocs_theme", tmp_path)
    script = ("import sys, mkdocs, mkdocs.plugins as p\n"
              "del p.event_priority; mkdocs.__version__ = '1.3.1'\n"
              "from mkdocs.__main__ import cli\n"
              "cli(['build', '-q', '-f', 'mkdocs.yml', '-d', 'site'])\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=root,
                         env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")})
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == [
        "Error: paramscope: the plugin needs MkDocs 1.4 or later, and this is MkDocs 1.3.1: "
        "pip install 'mkdocs>=1.4,<2'"], run.stderr
    importing = subprocess.run([sys.executable, "-c", script.split("from")[0] + (
        "from mkdocs.exceptions import PluginError\n"
        "try:\n    import paramscope_generator.mkdocs.plugin\n"
        "except PluginError:\n    print('PluginError')\n")], capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")})
    assert importing.stdout == "PluginError\n", importing.stderr


@pytest.mark.parametrize("fork, spawned, warm", [(True, 0, 1), (False, 1, 0)])
def test_producers_run_forked_from_a_warm_worker_or_each_in_a_new_process(tmp_path, fork, spawned, warm):
    """The fast path forks each producer from a worker that imported `warm_imports` once; `fork: false` (and
    Windows, which has no os.fork) runs each in a new Python process instead, with the same outputs."""
    from paramscope_generator import paths
    from paramscope_generator.cache import store
    from paramscope_generator.run import runner

    root = _copy("mkdocs_theme", tmp_path)
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text().replace(
        "      producers: producers\n",
        f"      producers: producers\n      warm_imports: [colorsys]\n      fork: {str(fork).lower()}\n"))
    (root / "producers" / "where.py").write_text(
        '"""How this producer was started."""\nimport sys\n\n\ndef produce(out):\n'
        '    out.fact("spawned", int("--job" in sys.argv))\n'
        '    out.fact("warm", int("colorsys" in sys.modules))\n')
    project = paths.find(root / "mkdocs.yml")
    assert (project.fork, project.warm_imports) == (fork, ("colorsys",))
    assert not runner.compute(project, echo=lambda line: None).failed
    facts = store.load(project).facts
    assert (facts["where.spawned"]["value"], facts["where.warm"]["value"], facts["sample.answer"]["value"]) == (
        spawned, warm, 42), facts
