"""`paramscope compute`: run every producer that is out of date (or, with --shard K/N, the K-th share of them)."""
import sys
from pathlib import Path

from paramscope_generator.commands import project


def add_arguments(parser):
    project.add_argument(parser)
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these producers (if stale)")
    parser.add_argument("--force", action="store_true", help="run even if up to date")
    parser.add_argument("--jobs", type=int, default=None, help="producers run at once (default: the plugin's, 2)")
    parser.add_argument("--cache-dir", default=None, help="cache folder (default: the plugin's, .cache/paramscope)")
    parser.add_argument("--shard", metavar="K/N",
                        help="run only the K-th of N balanced shares of the stale producers (CI matrices); "
                             "`paramscope merge-cache` combines the shards")
    parser.add_argument("--out", metavar="DIR",
                        help="with --shard: also write this shard's outputs and shard.json to DIR (what CI uploads); "
                             "without it, shard.json goes to the cache folder")
    parser.add_argument("-v", "--verbose", action="store_true", help="show every line producers print, as printed")


def report(result, where, shard=None) -> int:
    """Print the failures as path:line: message lines; the exit code for them."""
    for failure in result.failed:
        print(failure, file=sys.stderr)
    ran = sum(seconds for _, seconds in result.ran)
    elsewhere = f", {len(result.elsewhere)} left to other shards" if shard else ""
    print(f"compute{f' (shard {shard})' if shard else ''}: {len(result.ran)} ran ({ran:.1f} s of work), "
          f"{len(result.fresh)} up to date, {len(result.failed)} failed{elsewhere}; cache in {where}")
    return 1 if result.failed else 0


def run(args) -> int:
    from paramscope_generator.cache import merge, shards
    from paramscope_generator.run import runner

    found = project.find(args, args.cache_dir)
    try:
        shard = shards.parse(args.shard) if args.shard else None
        if args.out and not shard:
            raise shards.ShardError("--out DIR goes with --shard K/N")
        result = runner.compute(found, only=args.only, force=args.force, jobs=args.jobs, shard=shard,
                                stream=print if args.verbose else None)
    except (runner.UnknownProducer, shards.ShardError) as error:
        print(f"paramscope compute: {error}", file=sys.stderr)
        return 2
    if shard:
        ran, failed = [name for name, _ in result.ran], [f.name for f in result.failed]
        folder = Path(args.out).resolve() if args.out else found.cache
        if args.out:
            merge.export(found, ran, folder)
        record = shards.write_manifest(folder, *shard, planned=[*ran, *failed, *result.elsewhere],
                                       share=[*ran, *failed], ran=ran, failed=failed)
        print(f"compute: shard {args.shard} recorded in {found.relative(record)}")
    return report(result, found.relative(found.cache), args.shard)
