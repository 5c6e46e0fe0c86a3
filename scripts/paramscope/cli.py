"""The `paramscope` command: a thin dispatcher to one module per command in `paramscope.commands`."""
import argparse
import importlib
import sys

# command name -> (module under paramscope.commands, one-line help)
COMMANDS = {
    "compute": ("compute", "run every figure/number producer that is out of date"),
    "merge-cache": ("merge_cache", "combine the caches of `compute --shard K/N` runs into this one"),
    "build": ("build", "check, compute, then mkdocs build --strict into site/"),
    "serve": ("serve", "compute, then serve with live reload"),
    "bench": ("bench", "the benchmark: build, counter, weights, pages, live and install budgets"),
    "check": ("check", "validate the site sources; report every problem as path:line: message"),
    "facts": ("facts", "list the facts the producers wrote: name, value, producer"),
    "new-term": ("new_term", "scaffold a glossary page and its producer"),
    "count": ("count", "count an architecture's parameters from a config.json or a zoo name"),
    "next-token": ("next_token", "SmolLM2's next-token distribution for a prompt"),
    "generate": ("generate", "sample a continuation from SmolLM2"),
    "embed": ("embed", "all-MiniLM-L6-v2's sentence embedding of a text"),
    "attention": ("attention", "SmolLM2's attention weights, every layer and head, for a short text"),
}


# What `pip install paramscope[site]` adds to the generator: a command that imports one of them without it says so.
SITE_EXTRA = {"torch", "numpy", "matplotlib", "material", "mkdocs_jupyter", "mkdocs_glightbox", "pymdownx", "gguf",
              "safetensors", "tokenizers", "onnx", "onnxscript", "nbconvert", "nbformat"}


# The site's library, which the generator's wheel leaves out (pyproject.toml): a command using it runs from a checkout.
CHECKOUT = "run it from the paramscope checkout, where `bash scripts/setup.sh` installs it editable"


def missing(command: str, error: ModuleNotFoundError) -> str | None:
    """The one line for a command that needs what is not installed, or None when it is not ours to explain."""
    name = error.name or ""
    if name.partition(".")[0] in SITE_EXTRA:
        return f"paramscope {command}: needs the site extra ({name} is not installed): pip install 'paramscope[site]'"
    if name.startswith("paramscope."):
        return f"paramscope {command}: needs this site's library ({name}), not in the generator's wheel: {CHECKOUT}"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="paramscope", description=__doc__)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    argv = sys.argv[1:] if argv is None else argv
    # Import only the module of the command asked for: `paramscope check` must not pay for torch.
    wanted = next((a for a in argv if not a.startswith("-")), None)
    modules = {}
    for name, (module, help_) in COMMANDS.items():
        p = sub.add_parser(name, help=help_, description=help_)
        if name == wanted:
            try:
                modules[name] = importlib.import_module(f"paramscope.commands.{module}")
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
