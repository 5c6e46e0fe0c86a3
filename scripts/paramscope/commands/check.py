"""`paramscope check`: validate the site sources; print every problem as `path:line: message`."""
import sys
import time
from pathlib import Path

from paramscope import paths


def add_arguments(parser) -> None:
    parser.add_argument("--root", type=Path, default=paths.ROOT, help="project root (default: this checkout)")
    parser.add_argument("--no-outputs", action="store_true",
                        help="know facts and figures from producer sources only, not from the current outputs")


def run(args) -> int:
    from paramscope.glossary.check import check_site

    start = time.perf_counter()
    problems = check_site(args.root.resolve(), stored=not args.no_outputs)
    for problem in problems:
        print(problem)
    seconds = time.perf_counter() - start
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        print(f"paramscope check: {len(problems)} {noun} (see CONTRIBUTING.md)", file=sys.stderr)
        return 2
    print(f"paramscope check: no problems ({seconds:.2f} s)", file=sys.stderr)
    return 0
