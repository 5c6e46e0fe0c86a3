"""`paramscope bench`: every speed and memory target of the project, measured in one run and printed as lines.

Each area keeps its own measurements in `paramscope.bench.<area>.bench()`, which returns the lines to print.
"""
import importlib
import sys
import traceback

AREAS = ("build", "counter", "weights", "pages", "live", "install")


def add_arguments(parser):
    parser.add_argument("areas", nargs="*", metavar="AREA", help=f"only these areas ({', '.join(AREAS)}); default all")


def run(args) -> int:
    unknown = [a for a in args.areas if a not in AREAS]
    if unknown:
        print(f"paramscope bench: unknown area {', '.join(unknown)}; choose from {', '.join(AREAS)}", file=sys.stderr)
        return 2
    missed = 0
    for area in args.areas or AREAS:
        try:
            lines = importlib.import_module(f"paramscope.bench.{area}").bench()
        except Exception as error:  # a broken measurement is reported, the other areas still run
            print(f"bench {area}: could not run: {type(error).__name__}: {error}", file=sys.stderr)
            traceback.print_exc(file=sys.stderr)
            missed += 1
            continue
        for line in lines:
            print(line, flush=True)
            missed += line.rstrip().endswith("MISSED")
    print(f"bench: {'all targets met' if not missed else f'{missed} target(s) missed'}")
    return 0 if not missed else 1
