"""`paramscope compute`: run every producer that is out of date."""
import sys

from paramscope import paths


def add_arguments(parser):
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these producers (if stale)")
    parser.add_argument("--force", action="store_true", help="run even if up to date")
    parser.add_argument("--jobs", type=int, default=2, help="producers run at once (default 2)")


def report(result) -> int:
    """Print the failures as path:line: message lines; the exit code for them."""
    for failure in result.failed:
        print(failure, file=sys.stderr)
    ran = sum(seconds for _, seconds in result.ran)
    print(f"compute: {len(result.ran)} ran ({ran:.1f} s of work), {len(result.fresh)} up to date, "
          f"{len(result.failed)} failed; cache in {paths.CACHE}")
    return 1 if result.failed else 0


def run(args) -> int:
    from paramscope.pipeline import runner

    return report(runner.compute(only=args.only, force=args.force, jobs=args.jobs))
