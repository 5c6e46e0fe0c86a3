"""`paramscope merge-cache DIR...`: bring the outputs of every `compute --shard K/N` into this project's cache, so
that the build after it computes nothing. All N shards must be given; a missing or damaged one is one line naming
the file, exit 1, and the cache as it was."""
import sys
from pathlib import Path

from paramscope_generator.commands import project


def add_arguments(parser):
    project.add_argument(parser)
    parser.add_argument("folders", nargs="+", metavar="DIR",
                        help="shard folders (each written by `paramscope compute --shard K/N [--out DIR]`)")
    parser.add_argument("--cache-dir", default=None, help="cache folder (default: the plugin's, .cache/paramscope)")


def run(args) -> int:
    from paramscope_generator.cache import merge, shards

    found = project.find(args, args.cache_dir)
    try:
        merged = merge.merge(found, [Path(folder).resolve() for folder in args.folders])
    except shards.ShardError as error:
        print(f"paramscope merge-cache: {error}", file=sys.stderr)
        print(f"merge-cache: nothing merged; {found.relative(found.cache)} is unchanged", file=sys.stderr)
        return 1
    failed = f"; failed in their shard, left to the build: {', '.join(merged.failed)}" if merged.failed else ""
    print(f"merge-cache: {len(merged.imported)} producer(s) merged from {len(args.folders)} shard(s) into "
          f"{found.relative(found.cache)}{failed}")
    return 0
