"""`paramscope check`: validate the site sources; print every problem as `path:line: message`.

Runs before any producer (it reads producers' source, not their outputs), so it is fast and needs no torch. It reads
the site as MkDocs does (paramscope_generator.mkdocs.sources: mkdocs.yml, nav, exclude_docs, the page files), runs the
generator's checks on any site (paramscope_generator.checks.source_checks: markers, bound checks, producers) and
those of every plugin mkdocs.yml turns on that implements `SourceChecker` (paramscope_generator.api; this site's
glossary plugin: its house rules), each given what this command read.
"""
import sys
import time
from pathlib import Path

from paramscope_generator.commands import project
from paramscope_generator.mkdocs.source_checker import SourceChecker


def add_arguments(parser) -> None:
    project.add_argument(parser)
    parser.add_argument("--no-outputs", action="store_true",
                        help="know facts and figures from producer sources only, not from the current outputs")


def load(root: Path, stored: bool = True):
    """(the files MkDocs lists, the generator's sources)."""
    from paramscope_generator.checks import source_checks
    from paramscope_generator.mkdocs import sources

    files = sources.read(root)
    return files, source_checks.load(files, stored)


def check_site(root: Path, stored: bool = True) -> list:
    """All problems, sorted by file and line. `stored=False` ignores the current producer outputs (tests)."""
    from paramscope_generator.checks import source_checks

    files, generic = load(root, stored)
    problems = files.problems + source_checks.check(generic)
    plugins = files.config["plugins"].values() if files.config else ()   # as MkDocs loaded them from mkdocs.yml
    for plugin in plugins:
        if isinstance(plugin, SourceChecker):
            problems += plugin.check_sources(files, generic)
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
