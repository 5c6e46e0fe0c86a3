"""The glossary checker against a corpus of broken pages, each stating the exact messages it must produce.

tests/glossary_site/ is a small site with no problems; each file in tests/broken/ is dropped into a copy of it:
a .md file at docs/glossary/<name>.md (or where `<!-- place: PATH -->` says) and into the nav (unless
`<!-- nav: no -->`; `<!-- nav: add PATH -->` adds another entry), a .py file at scripts/producers/<name>.py.
Its `expect:` lines are the complete output of `paramscope check` (in any order).
"""
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from paramscope.glossary.house_rules import HOUSE_RULES
from paramscope_generator.checks.source_checks import GENERIC
from paramscope_generator.commands.check import check_site
from paramscope_generator.markdown import scan

from support import PROJECT

HERE = Path(__file__).parent
SITE = HERE / "glossary_site"
CASES = sorted(p for p in (HERE / "broken").iterdir() if p.suffix in (".md", ".py"))


def _site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    return root


def _place(case: Path, root: Path) -> list[str]:
    text = case.read_text()
    expected = re.findall(r"^(?:<!--|#) expect: (.*?)(?: -->)?$", text, re.M)
    if case.suffix == ".py":
        shutil.copy(case, root / "scripts" / "producers" / case.name)
        return expected
    place = re.search(r"<!-- place: (\S+) -->", text)
    target = root / (place.group(1) if place else f"docs/glossary/{case.name}")
    target.write_text(text)
    nav = []
    if "<!-- nav: no -->" not in text:
        nav.append(target.relative_to(root / "docs").as_posix())
    nav += re.findall(r"<!-- nav: add (\S+) -->", text)
    with open(root / "mkdocs.yml", "a") as config:
        config.writelines(f"  - {entry}\n" for entry in nav)
    return expected


def test_clean_site_has_no_problems(tmp_path):
    assert [str(p) for p in check_site(_site(tmp_path), stored=False)] == []


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_case(case, tmp_path):
    root = _site(tmp_path)
    expected = _place(case, root)
    assert expected, f"{case.name} states no expected message"
    assert sorted(str(p) for p in check_site(root, stored=False)) == sorted(expected)


def test_corpus_covers_every_check(tmp_path):
    """Each check function is the one that reports at least one message of the corpus."""
    from paramscope_generator.commands import check

    covered = set()
    for case in CASES:
        root = _site(tmp_path / case.stem)
        expected = set(_place(case, root))
        files, sources = check.load(root, stored=False)
        site = files.config["plugins"]["paramscope-glossary"].load_site(files, sources)
        for fn in GENERIC + HOUSE_RULES:
            if {str(p) for p in fn(sources if fn in GENERIC else site)} & expected:
                covered.add(fn.__name__)
        if {str(p) for p in files.problems + sources.problems + site.page_problems} & expected:
            covered.add("load")
    assert covered == {fn.__name__ for fn in GENERIC + HOUSE_RULES} | {"load"}


HEADINGS = """\
# Parameter count
## Parameter count
## What is `top_k`?
## Top-p (nucleus) sampling
## Über *emphasis* and **bold**
## Custom { #my-id }
## [A link](x.md) in a heading
## Numbers: 1,000 & 2.5%
Setext heading
--------------
## Parameter count
"""


def test_heading_anchors_match_python_markdown():
    """Our anchors equal the ids Python-Markdown's toc and attr_list give the same headings (the oracle)."""
    md = markdown.Markdown(extensions=["toc", "attr_list"])
    html = md.convert(HEADINGS)
    oracle = re.findall(r'<h\d id="([^"]+)"', html)
    ours = [h.anchor for h in scan.headings(scan.read(HEADINGS, 1))]
    assert ours == oracle


def test_command_reports_problems_and_exit_code(tmp_path):
    root = _site(tmp_path)
    case = HERE / "broken" / "listed-markers.md"
    expected = _place(case, root)
    run = subprocess.run([sys.executable, "-m", "paramscope", "check", "-f", str(root / "mkdocs.yml"), "--no-outputs"],
                         capture_output=True, text=True)
    assert run.returncode == 2
    assert sorted(run.stdout.splitlines()) == sorted(expected)
    assert "2 problems" in run.stderr
    clean = _site(tmp_path / "clean")
    run = subprocess.run([sys.executable, "-m", "paramscope", "check", "-f", str(clean / "mkdocs.yml"), "--no-outputs"],
                         capture_output=True, text=True)
    assert (run.returncode, run.stdout) == (0, "")


class _Recorder:
    """Stands in for the generator's `out`: records the names a producer writes."""

    def __init__(self):
        self.facts = {}

    def fact(self, name, value, fmt=None):
        self.facts[name] = value


def test_new_term_scaffolds_a_page_that_check_holds_until_written(tmp_path):
    root = _site(tmp_path)
    run = subprocess.run([sys.executable, "-m", "paramscope", "new-term", "Mixture of Experts",
                          "-f", str(root / "mkdocs.yml")], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    page = root / "docs" / "glossary" / "mixture-of-experts.md"
    producer = root / "scripts" / "producers" / "mixture_of_experts.py"
    assert page.is_file() and producer.is_file()
    nav = (root / "mkdocs.yml").read_text()
    # At the end of the reading path (after the last glossary entry, Beta), at the same indentation.
    assert "      - Beta: glossary/beta.md\n      - Mixture of Experts: glossary/mixture-of-experts.md\n" in nav
    # The template's placeholder summary and text are the contributor's to replace: check says so, line by line.
    problems = [str(p) for p in check_site(root, stored=False)]
    assert problems and all("the template's placeholder" in p for p in problems), problems
    assert "docs/glossary/mixture-of-experts.md:3: the template's placeholder summary is still here: replace it with " \
           "your own words about 'Mixture of Experts'" in problems
    assert "docs/glossary/mixture-of-experts.md:4: the template's placeholder text is still here: replace it with " \
           "your own words about 'Mixture of Experts'" in problems   # its line on the home page's reading path
    text = page.read_text()
    text = re.sub(r'summary: ".*"', 'summary: "A model whose layers route each token to a few of many experts."',
                  text)
    text = re.sub(r'path_line: ".*"', 'path_line: "a few of many experts for each token."', text)
    body = ("A mixture of experts sends each token to a few experts; a small layer has "
            "{{ mixture_of_experts.example }} parameters.\n")
    page.write_text(text.split("# Mixture of Experts")[0] + "# Mixture of Experts\n\n" + body)
    assert [str(p) for p in check_site(root, stored=False)] == []

    namespace = {}
    exec(compile(producer.read_text(), str(producer), "exec"), namespace)
    out = _Recorder()
    namespace["produce"](out)
    # The stub's example: nn.Linear(64, 32) has 64 * 32 weights and 32 biases.
    assert out.facts == {"example": 64 * 32 + 32}
    assert "{{ mixture_of_experts.example }}" in page.read_text()


def test_new_term_after_a_term_places_it_there_in_the_nav(tmp_path):
    """The nav alone: the home page lists the nav's reading path (the glossary plugin), so new-term leaves it."""
    root = _site(tmp_path)
    home = (root / "docs" / "index.md").read_text()
    new_term = [sys.executable, "-m", "paramscope", "new-term", "-f", str(root / "mkdocs.yml")]
    wrong = subprocess.run([*new_term, "Gamma", "--after", "Zeta"], capture_output=True, text=True)
    assert wrong.returncode == 2 and "--after 'Zeta': no such page" in wrong.stderr
    assert not (root / "docs" / "glossary" / "gamma.md").exists()  # nothing written
    run = subprocess.run([*new_term, "Gamma", "--after", "Alpha"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    nav = (root / "mkdocs.yml").read_text()
    assert "- Alpha: glossary/alpha.md\n      - Gamma: glossary/gamma.md\n      - Beta: glossary/beta.md" in nav
    assert (root / "docs" / "index.md").read_text() == home


def test_new_term_refuses_existing_terms(tmp_path):
    root = _site(tmp_path)
    for name in ("Alpha", "sampling temperature"):
        run = subprocess.run([sys.executable, "-m", "paramscope", "new-term", name, "-f", str(root / "mkdocs.yml")],
                             capture_output=True, text=True)
        assert run.returncode == 2 and "already" in run.stderr
    assert sorted(p.name for p in (root / "docs" / "glossary").iterdir()) == ["alpha.md", "beta.md", "index.md"]


def _article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


@pytest.mark.slow
def test_hook_generates_index_tooltips_related_and_footnotes(tmp_path):
    root = _site(tmp_path)
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    site = root / "site"

    index = _article((site / "glossary" / "index.html").read_text())
    assert re.findall(r'<h2 id="(\w)">', index) == ["a", "b", "t"]
    assert re.findall(r'<li><a href="([^"]+)" id="[^"]+"><strong>([^<]+)</strong></a>', index) == [
        ("alpha/", "Alpha"), ("beta/", "Beta"), ("beta/#temperature", "Temperature"), ("beta/#top-k-sampling", "Top-k")]
    assert "</a>: The first test term, which the checker's tests build on.</li>" in index
    assert "<abbr" not in index  # no tooltip beside the summary it repeats

    home = _article((site / "index.html").read_text())
    temperature = '<abbr title="How much sampling flattens or sharpens the next-token distribution.">'
    top_k = '<abbr title="Sampling only from the k most likely tokens.">'
    # The first mention of a term becomes a link to it, unless the author linked an earlier one already.
    assert f'<a href="glossary/beta/#temperature">{temperature}temperature</abbr></a>' in home
    assert '<p>Sampling temperature and' in home  # one tooltip per term and section: its first use
    assert f'<a class="ps-term" href="glossary/beta/#top-k-sampling">{top_k}top-k</abbr></a>' in home
    assert home.count('class="ps-term"') == 1
    # The reading path, from the nav and each page's path_line (the plugin fills <!-- reading-path -->).
    assert re.findall(r'<li><strong><a href="(glossary/\w+/)">.*?</a></strong>: (.*?)</li>', home) == [
        ("glossary/alpha/", "the first term, which the checker's tests build on."),
        ("glossary/beta/", "the second, with two terms as sections.")]

    alpha = _article((site / "glossary" / "alpha" / "index.html").read_text())
    beta = _article((site / "glossary" / "beta" / "index.html").read_text())
    assert '<h1 id="alpha">Alpha</h1>' in alpha  # no tooltip for the page's own term
    assert "<p><em>Also called:</em> first letter.</p>" in alpha  # 'alphas' is only a plural
    assert "<p><em>Also called:</em> sampling temperature.</p>" in beta  # under the section's heading
    for page, other in ((alpha, "beta"), (beta, "alpha")):  # alpha declares beta; the link goes both ways
        related = page[page.index('<h2 id="related-terms">'):]
        assert re.findall(r'<li><a href="\.\./(\w+)/">', related) == [other]
        assert "<abbr" not in related  # the summary is right there
    footnote = '<li id="fn:greek">\n<p>Herodotus (430 BC), Histories, Book V. <a href="https://example.org/histories">'
    assert footnote in alpha
    search = json.loads((site / "search" / "search_index.json").read_text())["docs"]
    entry = next(d for d in search if d["location"] == "glossary/beta/#temperature")
    assert "sampling temperature" in entry["text"]  # search finds a section by its alias
    assert not (root / "snippets").exists()  # tooltips come from the hook alone, no generated file


@pytest.mark.slow
def test_names_from_fstrings_are_checked_against_outputs_once_computed(tmp_path):
    """`out.fact(f"{name}.total")` can't be read statically: any `demo.*.total` passes until demo has run,
    then only the names it really wrote do."""
    root = _site(tmp_path)
    page = root / "docs" / "index.md"
    page.write_text(page.read_text() + "\nTotals: {{ demo.bert.total }} and {{ demo.gtp2.total }}.\n"
                    "A ratio as an integer: {{ demo.ratio:d }}.\n")
    check = [sys.executable, "-m", "paramscope", "check"]
    before = subprocess.run(check, cwd=root, capture_output=True, text=True)
    assert (before.returncode, before.stdout) == (0, "")
    compute = subprocess.run([sys.executable, "-m", "paramscope", "compute"], cwd=root, capture_output=True, text=True)
    assert compute.returncode == 0, compute.stderr
    after = subprocess.run(check, cwd=root, capture_output=True, text=True)
    assert after.returncode == 2
    assert after.stdout == ("docs/index.md:13: unknown fact 'demo.gtp2.total'; did you mean 'demo.gpt2.total'?\n"
                            "docs/index.md:14: format 'd' does not apply to 'demo.ratio', float 0.5: use a spec "
                            "for a float\n")
    # The producer changes and no longer writes width: its stored outputs are not trusted until it runs again.
    producer = root / "scripts" / "producers" / "demo.py"
    producer.write_text(producer.read_text().replace('out.fact("width", 768)', 'out.fact("depth", 12)'))
    stale = subprocess.run(check, cwd=root, capture_output=True, text=True)
    assert stale.returncode == 2
    assert "unknown fact 'demo.width'" in stale.stdout and "demo.gtp2.total" not in stale.stdout, stale.stdout


REQUIRED_TERMS = [
    "parameter", "weight", "bias", "neuron", "embedding", "token", "vocabulary", "dimension", "layer", "transformer",
    "attention", "hyperparameter", "temperature", "top-k", "top-p", "mixture of experts", "expert", "router",
    "training", "gradient descent", "backpropagation", "distillation", "overtraining", "scaling",
    "parameter-efficient fine-tuning", "LoRA", "quantization", "inference",
]


def test_site_glossary_covers_the_required_terms():
    """The terms a reader looks for: each is a glossary page or a section with its own anchor (by term or alias)."""
    from paramscope.glossary import meta, model

    known = {n.casefold() for t in model.terms(meta.load_glossary(PROJECT.docs, PROJECT.root))
             for n in [t.name, *t.aliases]}
    assert [t for t in REQUIRED_TERMS if t.casefold() not in known] == []


def test_ci_problem_matcher_reads_every_message():
    """CI turns each `path:line: message` into an annotation on the diff with .github/paramscope-matcher.json."""
    matcher = json.loads((HERE.parent / ".github" / "paramscope-matcher.json").read_text())
    pattern = re.compile(matcher["problemMatcher"][0]["pattern"][0]["regexp"])
    for case in CASES:
        for message in re.findall(r"^(?:<!--|#) expect: (.*?)(?: -->)?$", case.read_text(), re.M):
            match = pattern.match(message)
            assert match, message
            path, line, text = match.groups()
            assert message == f"{path}:{line}: {text}"


def test_check_in_a_copy_of_the_repository_reports_that_copys_problems(tmp_path):
    """The project is the nearest mkdocs.yml upward from the working directory, never the installed package's."""
    copy = tmp_path / "copy"
    ROOT = HERE.parent
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", ".cache", "site", "node_modules", ".git",
                                                              "__pycache__", "tests"))
    (copy / "docs" / "glossary" / "lost.md").write_text("# Lost\n\nSee [the missing page](missing.md).\n")
    with open(copy / "mkdocs.yml", "a") as config:
        config.write("  - Lost: glossary/lost.md\n")
    run = subprocess.run([sys.executable, "-m", "paramscope", "check", "--no-outputs"], cwd=copy / "docs",
                         capture_output=True, text=True)
    mine = subprocess.run([sys.executable, "-m", "paramscope", "check", "--no-outputs"], cwd=ROOT,
                          capture_output=True, text=True)
    planted = ["docs/glossary/lost.md:1: missing front matter: start the page with '---', term: and summary: "
               "(see docs/templates/glossary-term.md)",
               "docs/glossary/lost.md:3: broken link 'missing.md': no page docs/glossary/missing.md"]
    assert run.returncode == 2, run.stderr
    # The copy's own problems: this checkout's (if any), plus the two planted in the copy alone.
    assert sorted(run.stdout.splitlines()) == sorted(mine.stdout.splitlines() + planted), run.stdout
    assert "lost.md" not in mine.stdout


def test_contributings_example_term_is_one_the_glossary_lacks():
    from paramscope.glossary import meta, model
    from paramscope_generator import paths

    example = re.search(r'new-term "([^"]+)"', (HERE.parent / "CONTRIBUTING.md").read_text()).group(1)
    project = paths.find(HERE.parent / "mkdocs.yml")
    known = {n.casefold() for t in model.terms(meta.load_glossary(project.docs, project.root))
             for n in [t.name, *t.aliases]}
    assert example.casefold() not in known, f"CONTRIBUTING's example '{example}' is already a term or alias"


def test_check_asks_each_page_on_the_path_for_its_home_line_and_one_stop_at_most(tmp_path):
    """The home page's reading path is the nav's with each page's `path_line:` (the glossary plugin lists it): a page
    on the path without one, and a second `path_stop:`, are reported at the page."""
    root = _site(tmp_path)
    alpha, beta = (root / "docs" / "glossary" / f"{slug}.md" for slug in ("alpha", "beta"))
    alpha.write_text(alpha.read_text().replace('path_line: "', 'path_stop: "Stop here."\npath_line: "'))
    beta.write_text(re.sub(r'path_line: ".*"', 'path_stop: "Or here."', beta.read_text()))
    problems = [str(p) for p in check_site(root, stored=False)]
    assert problems == ["docs/glossary/beta.md:2: missing 'path_line:', the page's line on the home page's reading "
                        "path: what a reader learns here",
                        "docs/glossary/beta.md:13: a second 'path_stop:' on the reading path (the first is "
                        "docs/glossary/alpha.md): a reader stops once"], problems
