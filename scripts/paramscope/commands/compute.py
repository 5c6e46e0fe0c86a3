"""`paramscope compute`: run every producer that is out of date."""
import sys

from paramscope.commands import project


def add_arguments(parser):
    project.add_argument(parser)
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these producers (if stale)")
    parser.add_argument("--force", action="store_true", help="run even if up to date")
    parser.add_argument("--jobs", type=int, default=None, help="producers run at once (default: the plugin's, 2)")
    parser.add_argument("--cache-dir", default=None, help="cache folder (default: the plugin's, .cache/paramscope)")


def report(result, where) -> int:
    """Print the failures as path:line: message lines; the exit code for them."""
    for failure in result.failed:
        print(failure, file=sys.stderr)
    ran = sum(seconds for _, seconds in result.ran)
    print(f"compute: {len(result.ran)} ran ({ran:.1f} s of work), {len(result.fresh)} up to date, "
          f"{len(result.failed)} failed; cache in {where}")
    return 1 if result.failed else 0


def run(args) -> int:
    from paramscope.pipeline import runner

    found = project.find(args, args.cache_dir)
    try:
        result = runner.compute(found, only=args.only, force=args.force, jobs=args.jobs)
    except runner.UnknownProducer as error:
        print(f"paramscope compute: {error}", file=sys.stderr)
        return 2
    return report(result, found.relative(found.cache))
