"""The `paramscope` command: a thin dispatcher to one module per command."""
import argparse
import importlib
import sys

# command name -> (its module, one-line help): the generator's own commands, which any site runs. A site adds its own
# table (`main(commands=...)`; this site's is paramscope.cli).
COMMANDS = {
    "compute": ("paramscope_generator.commands.compute", "run every figure/number producer that is out of date"),
    "merge-cache": ("paramscope_generator.commands.merge_cache",
                    "combine the caches of `compute --shard K/N` runs into this one"),
    "build": ("paramscope_generator.commands.build", "check, compute, then mkdocs build --strict into site/"),
    "serve": ("paramscope_generator.commands.serve", "compute, then serve with live reload"),
    "check": ("paramscope_generator.commands.check",
              "validate the site sources; report every problem as path:line: message"),
    "facts": ("paramscope_generator.commands.facts", "list the facts the producers wrote: name, value, producer"),
}


def missing(command: str, error: ModuleNotFoundError) -> str | None:
    """The one line for a command that needs a package this environment lacks (a site's figure style needs
    matplotlib, say), or None when the missing module is one of ours: that is a bug, and its traceback says where.
    A site passes its own `explain` to main() to name its install command instead."""
    name = error.name or ""
    if not name or name.startswith("paramscope_generator"):
        return None
    return f"paramscope {command}: needs {name.partition('.')[0]}, which is not installed in this environment"


def main(argv: list[str] | None = None, commands: dict[str, tuple[str, str]] = COMMANDS, explain=missing) -> int:
    """Run the command `argv` names (sys.argv by default) from `commands`: name -> (its module, one-line help);
    `explain(command, error)` turns a missing module into one line (or None: the traceback)."""
    parser = argparse.ArgumentParser(prog="paramscope", description=__doc__)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    argv = sys.argv[1:] if argv is None else argv
    # Import only the module of the command asked for: `paramscope check` must not pay for torch.
    wanted = next((a for a in argv if not a.startswith("-")), None)
    modules = {}
    for name, (module, help_) in commands.items():
        p = sub.add_parser(name, help=help_, description=help_)
        if name == wanted:
            try:
                modules[name] = importlib.import_module(module)
            except ModuleNotFoundError as error:
                if (line := explain(name, error)) is None:
                    raise
                print(line, file=sys.stderr)
                return 2
            modules[name].add_arguments(p)
    args = parser.parse_args(argv)
    try:
        return int(modules[args.command].run(args) or 0)
    except KeyboardInterrupt:
        print("paramscope: interrupted", file=sys.stderr)
        return 130
    except ModuleNotFoundError as error:
        if (line := explain(args.command, error)) is None:
            raise
        print(line, file=sys.stderr)
        return 2
