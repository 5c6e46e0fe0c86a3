"""The generator's own checks of a site's sources, whatever the site: every marker names a producer and something
it writes (in a format that applies), every `{{ check ... }}` a check its producer declares and every check a
sentence, every producer a page that uses it, and every line the page reader takes for code is a line
Python-Markdown renders as code (markdown.rendered_code, with the site's own markdown_extensions). `paramscope check`
runs them on every site, over the files MkDocs reads (paramscope_generator.mkdocs.sources), before the glossary's
house rules where its plugin is on.
"""
import json
from dataclasses import dataclass, field
from pathlib import Path

from paramscope_generator import paths
from paramscope_generator.checks import declared
from paramscope_generator.checks.declared import Producer
from paramscope_generator.markdown import front_matter, rendered_code, scan
from paramscope_generator.markdown.hint import hint
from paramscope_generator.markdown.problem import Problem


@dataclass(frozen=True)
class PageText:
    """A page as these checks read it: its path as printed, and its body after any front matter."""
    path: str
    body: str
    body_line: int


@dataclass
class Sources:
    """What these checks read of a site (the glossary's Site, a superset, is read the same way)."""
    bodies: dict[str, scan.Body] = field(default_factory=dict)  # every page as the page reader sees it, by docs path
    pages: dict = field(default_factory=dict)                  # by docs-relative path: .path (as printed), .body
    other_files: list[Path] = field(default_factory=list)      # non-Markdown files under docs/ (data/<producer>/)
    producers: dict[str, Producer] = field(default_factory=dict)
    producers_dir: str = "scripts/producers"                   # as printed in messages
    claimed: set[str] | None = None                            # the `{{ ... }}` that are markers (None: every one)
    problems: list[Problem] = field(default_factory=list)      # the producers' declarations'
    markdown_extensions: list = field(default_factory=list)    # mkdocs.yml's, as MkDocs validated them
    mdx_configs: dict = field(default_factory=dict)            # their options


def load(files, stored: bool = True) -> Sources:
    """The pages, producers and Markdown extensions of a site whose files MkDocs listed (`files`: root, config, pages,
    other_files and glossary_on, as paramscope_generator.mkdocs.sources reads them). `stored=False` ignores the
    current outputs (tests).
    Where the glossary's house rules apply every `{{ ... }}` is a marker, so that a mistyped producer is reported,
    not left in the page as text; elsewhere only those naming a producer (or `figure`), as the plugin resolves them."""
    config = files.config or {}
    sources = Sources(other_files=list(files.other_files),
                      markdown_extensions=list(config.get("markdown_extensions") or []),
                      mdx_configs=dict(config.get("mdx_configs") or {}))
    for rel, file in files.pages.items():
        shown = file.relative_to(files.root) if file.is_relative_to(files.root) else file
        _, body, line = front_matter.split(file.read_text(encoding="utf-8"))
        sources.pages[rel] = PageText(shown.as_posix(), body, line)
        sources.bodies[rel] = scan.read(body, line)
    project = paths.find(files.root / "mkdocs.yml")   # stored outputs are read from this project's cache
    sources.producers, sources.problems = declared.read_producers(project.producers, files.root, stored, project,
                                                                  house=files.glossary_on)
    sources.producers_dir = project.relative(project.producers)
    sources.claimed = None if files.glossary_on else set(sources.producers)
    return sources


def used_markers(site: Sources, rel: str) -> list[tuple[int, str, str, str]]:
    """(file line, kind, full name, raw) of every well-formed marker; malformed ones are check_markers' to report."""
    body = site.bodies[rel]
    found = []
    for index, match, raw in scan.markers(body, site.claimed):
        if match and "." in match["name"]:
            kind = "figure" if match["figure"] else "check" if match["check"] else "fact"
            found.append((body.lineno(index), kind, match["name"], raw))
    return found


def check_markers(site: Sources) -> list[Problem]:
    """Markers name an existing producer and one of its facts or figures; figures have alt text."""
    problems = []
    for rel, body in site.bodies.items():
        path = site.pages[rel].path
        for index, match, raw in scan.markers(body, site.claimed):
            if not match or "." not in match["name"]:
                problems.append(Problem(path, body.lineno(index), f"malformed marker '{raw}': write "
                                        "{{ producer.fact }}, {{ producer.fact:fmt }} or {{ figure producer.name }}"))
            elif match["fmt"] and not format_applies(match["fmt"].strip()):
                problems.append(Problem(path, body.lineno(index), f"format '{match['fmt'].strip()}' in '{raw}' is "
                                        "not a Python format spec for a number or text: use one such as ',', "
                                        "'.3g', '.1%' or ',.0f'"))
        for line, kind, name, raw in used_markers(site, rel):
            if kind == "check":
                continue        # check_bound's
            producer_name, _, short = name.partition(".")
            producer = site.producers.get(producer_name)
            if producer is None:
                problems.append(Problem(path, line, f"unknown producer '{producer_name}': no {site.producers_dir}/"
                                        f"{producer_name}.py" + hint(producer_name, sorted(site.producers))))
                continue
            other = "figure" if kind == "fact" else "fact"
            if not producer.knows(kind, short):
                if producer.knows(other, short):
                    fix = f"{{{{ figure {name} }}}}" if other == "figure" else f"{{{{ {name} }}}}"
                    problems.append(Problem(path, line, f"'{name}' is a {other}, not a {kind}: write {fix}"))
                else:
                    known = [f"{producer_name}.{n}" for n in producer.candidates(kind)]
                    problems.append(Problem(path, line, f"unknown {kind} '{name}'" + hint(name, known)))
                continue
            fmt = scan.MARKER.fullmatch(raw) if kind == "fact" else None
            spec = (fmt["fmt"] or "").strip() if fmt else ""
            if spec and producer.stored_values.get(short) is not None and format_applies(spec):
                value = producer.stored_values[short]
                try:
                    format(value, spec)
                except (ValueError, TypeError):
                    problems.append(Problem(path, line, f"format '{spec}' does not apply to '{name}', "
                                            f"{type(value).__name__} {json.dumps(value)[:40]}: use a spec for a "
                                            f"{type(value).__name__}"))
            if kind == "figure":
                if not site.bodies[rel].lines[line - body.first_line].strip() == raw:
                    problems.append(Problem(path, line, f"figure '{name}' must stand on a line of its own"))
                if short in producer.stored_figures and not producer.stored_figures[short].strip():
                    problems.append(Problem(path, line, f"figure '{name}' has no alt text"))
    return problems


def check_bound(site: Sources) -> list[Problem]:
    """Every `{{ check producer.name }}` names a check its producer declares, and every declared check is bound to
    some page's sentence (paramscope_generator.pages.bound_checks)."""
    problems, used = [], set()
    for rel in site.bodies:
        for line, kind, name, raw in used_markers(site, rel):
            if kind != "check":
                continue
            used.add(name)
            producer_name, _, short = name.partition(".")
            producer = site.producers.get(producer_name)
            if scan.MARKER.fullmatch(raw)["fmt"]:
                problems.append(Problem(site.pages[rel].path, line, f"check '{name}' takes no format: write "
                                        f"{{{{ check {name} }}}}"))
            elif producer is None or short not in producer.checks:
                known = [f"{p.name}.{c}" for p in site.producers.values() for c in p.checks]
                problems.append(Problem(site.pages[rel].path, line, f"sentence bound to check '{name}', which no "
                                        f"producer declares with out.check(\"{short}\", ...)" + hint(name, known)))
    for producer in site.producers.values():
        for short, line in sorted(producer.checks.items(), key=lambda c: c[1]):
            if f"{producer.name}.{short}" not in used:
                problems.append(Problem(producer.path, line, f"check '{producer.name}.{short}' is bound to no "
                                        f"sentence: end the sentence it proves with {{{{ check "
                                        f"{producer.name}.{short} }}}}, or drop the check"))
    return problems


def format_applies(spec: str) -> bool:
    """Whether a marker's format spec formats some fact value (an int, a float or a string)."""
    for sample in (1234, 0.5, "text"):
        try:
            format(sample, spec)
            return True
        except (ValueError, TypeError):
            pass
    return False


def check_producers(site: Sources) -> list[Problem]:
    """Every producer is used by some page (a marker, or a page script reading data/<producer>/)."""
    used = {name.partition(".")[0] for rel in site.pages for _, _, name, _ in used_markers(site, rel)}
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in site.other_files
             if f.suffix in (".js", ".html", ".ipynb")]
    texts += [b for b in (p.body for p in site.pages.values())]
    problems = []
    for name, producer in sorted(site.producers.items()):
        if name not in used and not any(f"data/{name}/" in t for t in texts):
            problems.append(Problem(producer.path, 1, f"producer '{name}' is not used by any page: show one of its "
                                    f"facts or figures with a marker, or delete it"))
    return problems


def check_code_reading(site: Sources) -> list[Problem]:
    """The page reader's code lines (scan.code_lines) are the lines Python-Markdown, with the site's extensions,
    renders as code: which markers resolve, which sentence a check binds and which numbers are judged follow them."""
    if not site.markdown_extensions:
        return []       # mkdocs.yml could not be read: reported already
    problems = []
    for rel, body in site.bodies.items():
        for index, scanned in rendered_code.disagreements(body.lines, site.markdown_extensions, site.mdx_configs):
            reads, renders = ("code", "prose") if scanned else ("prose", "code")
            problems.append(Problem(site.pages[rel].path, body.lineno(index), f"the scanner reads this line as "
                                    f"{reads}, Markdown renders it as {renders}: write the block as mkdocs.yml's "
                                    f"markdown_extensions read it, or fix code_lines in "
                                    f"paramscope_generator/markdown/scan.py"))
    return problems


# The generator's checks, on any site: markers, checks bound to sentences, producers, the reading of code.
GENERIC = [check_markers, check_bound, check_producers, check_code_reading]


def check(sources: Sources) -> list[Problem]:
    """Every problem the generator finds in a site's sources, its producers' declarations first."""
    return sources.problems + [problem for rule in GENERIC for problem in rule(sources)]
