"""`paramscope facts [PATTERN]`: every fact and table the producers wrote, with its value and its producer."""
import fnmatch
import sys

from paramscope_generator.commands import project


def add_arguments(parser) -> None:
    project.add_argument(parser)
    parser.add_argument("pattern", nargs="?", default="*",
                        help="names to list, e.g. 'parameters.*' or '*total*' (default: all)")


def run(args) -> int:
    from paramscope_generator.cache import store

    found = project.find(args)
    current = store.load(found)
    pattern = args.pattern if any(c in args.pattern for c in "*?[") else f"*{args.pattern}*"
    rows = [(name, fact["display"]) for name, fact in current.facts.items()]
    rows += [(name, f"table, {len(t['rows'])} rows") for name, t in current.tables.items()]
    rows += [(f"figure {name}", fig.alt) for name, fig in current.figures.items()]
    rows = sorted(r for r in rows if fnmatch.fnmatchcase(r[0].removeprefix("figure "), pattern))
    if not rows:
        print(f"paramscope facts: nothing matches '{args.pattern}' (run `paramscope compute` if the cache is empty)",
              file=sys.stderr)
        return 1
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        producer = name.removeprefix("figure ").split(".")[0]
        print(f"{name:<{width}}  {value}  [{found.relative(found.producers)}/{producer}.py]")
    return 0
