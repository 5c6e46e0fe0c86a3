"""`paramscope check`: validate the site sources; print every problem as `path:line: message`."""
import sys
import time

from paramscope.commands import project


def add_arguments(parser) -> None:
    project.add_argument(parser)
    parser.add_argument("--no-outputs", action="store_true",
                        help="know facts and figures from producer sources only, not from the current outputs")


def run(args) -> int:
    from paramscope.glossary.house_rules import check_site

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
