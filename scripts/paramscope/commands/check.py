"""`paramscope check`: validate the site sources; print every problem as `path:line: message`.

Runs before any producer (it reads producers' source, not their outputs), so it is fast and needs no torch. It reads
the site as MkDocs does (paramscope.mkdocs.sources: mkdocs.yml, nav, exclude_docs, the page files), runs the
generator's checks on any site (paramscope.pipeline.source_checks: markers, bound checks, producers) and, only where
mkdocs.yml turns the `paramscope-glossary` plugin on, the glossary's house rules (paramscope.glossary.house_rules).
"""
import sys
import time
from pathlib import Path

from paramscope.commands import project


def add_arguments(parser) -> None:
    project.add_argument(parser)
    parser.add_argument("--no-outputs", action="store_true",
                        help="know facts and figures from producer sources only, not from the current outputs")


def load(root: Path, stored: bool = True):
    """(the files MkDocs lists, the generator's sources, the glossary's Site or None where its plugin is off)."""
    from paramscope.mkdocs import sources
    from paramscope.pipeline import source_checks

    files = sources.read(root)
    generic = source_checks.load(files, stored)
    if not files.glossary_on:
        return files, generic, None
    from paramscope.glossary import site   # this site's library: only where its plugin is on

    return files, generic, site.load(files, generic)


def check_site(root: Path, stored: bool = True) -> list:
    """All problems, sorted by file and line. `stored=False` ignores the current producer outputs (tests)."""
    from paramscope.pipeline import source_checks

    files, generic, glossary = load(root, stored)
    problems = files.problems + source_checks.check(generic)
    if glossary is not None:
        from paramscope.glossary import house_rules

        problems += house_rules.check(glossary)
    return sorted(set(problems))


def run(args) -> int:
    found = project.find(args)
    start = time.perf_counter()
    problems = check_site(found.root, stored=not args.no_outputs)
    for problem in problems:
        print(problem)
    seconds = time.perf_counter() - start
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        print(f"paramscope check: {len(problems)} {noun} (see CONTRIBUTING.md)", file=sys.stderr)
        return 2
    print(f"paramscope check: no problems in {found.root} ({seconds:.2f} s)", file=sys.stderr)
    return 0
