"""The `paramscope` command: a thin dispatcher to one module per command."""
import argparse
import importlib
import sys

# command name -> (its module, one-line help): the generator's own commands, which any site runs. A site adds its own
# table (`main(commands=...)`; this site's is paramscope.cli).
COMMANDS = {
    "compute": ("paramscope.generator.commands.compute", "run every figure/number producer that is out of date"),
    "merge-cache": ("paramscope.generator.commands.merge_cache",
                    "combine the caches of `compute --shard K/N` runs into this one"),
    "build": ("paramscope.generator.commands.build", "check, compute, then mkdocs build --strict into site/"),
    "serve": ("paramscope.generator.commands.serve", "compute, then serve with live reload"),
    "check": ("paramscope.generator.commands.check",
              "validate the site sources; report every problem as path:line: message"),
    "facts": ("paramscope.generator.commands.facts", "list the facts the producers wrote: name, value, producer"),
}


# What `pip install paramscope[site]` adds to the generator: a command that imports one of them without it says so.
SITE_EXTRA = {"torch", "numpy", "matplotlib", "material", "mkdocs_jupyter", "mkdocs_glightbox", "pymdownx", "gguf",
              "safetensors", "tokenizers", "onnx", "onnxscript", "nbconvert", "nbformat"}


# The site's library, which the generator's distribution leaves out: a command using it runs from a checkout.
CHECKOUT = "run it from the paramscope checkout, where `bash scripts/setup.sh` installs it editable"


def missing(command: str, error: ModuleNotFoundError) -> str | None:
    """The one line for a command that needs what is not installed, or None when it is not ours to explain."""
    name = error.name or ""
    if name.partition(".")[0] in SITE_EXTRA:
        return f"paramscope {command}: needs the site extra ({name} is not installed): pip install 'paramscope[site]'"
    if name.startswith("paramscope."):
        return f"paramscope {command}: needs this site's library ({name}), not in paramscope-generator: {CHECKOUT}"
    return None


def main(argv: list[str] | None = None, commands: dict[str, tuple[str, str]] = COMMANDS) -> int:
    """Run the command `argv` names (sys.argv by default) from `commands`: name -> (its module, one-line help)."""
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
                if (line := missing(name, error)) is None:
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
        if (line := missing(args.command, error)) is None:
            raise
        print(line, file=sys.stderr)
        return 2
