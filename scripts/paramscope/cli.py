"""This site's `paramscope` command line: the generator's commands (paramscope_generator.dispatch) and this site's own,
one module each in paramscope.site_commands."""
from paramscope_generator import dispatch

# command name -> (its module, one-line help), after the generator's own (dispatch.COMMANDS)
COMMANDS = {
    "bench": ("paramscope.site_commands.bench",
              "the benchmark: build, counter, weights, pages, live and install budgets"),
    "new-term": ("paramscope.site_commands.new_term", "scaffold a glossary page and its producer"),
    "count": ("paramscope.site_commands.count", "count an architecture's parameters from a config.json or a zoo name"),
    "next-token": ("paramscope.site_commands.next_token", "SmolLM2's next-token distribution for a prompt"),
    "generate": ("paramscope.site_commands.generate", "sample a continuation from SmolLM2"),
    "embed": ("paramscope.site_commands.embed", "all-MiniLM-L6-v2's sentence embedding of a text"),
    "attention": ("paramscope.site_commands.attention",
                  "SmolLM2's attention weights, every layer and head, for a short text"),
}


# What `pip install paramscope[site]` adds to the generator: a command that imports one of them without it says so.
SITE_EXTRA = {"torch", "numpy", "matplotlib", "material", "mkdocs_jupyter", "mkdocs_glightbox", "pymdownx", "gguf",
              "safetensors", "tokenizers", "onnx", "onnxscript", "nbconvert", "nbformat"}


def missing(command: str, error: ModuleNotFoundError) -> str | None:
    """The one line for a command that needs this site's extra, else the generator's own explanation."""
    name = error.name or ""
    if name.partition(".")[0] in SITE_EXTRA:
        return f"paramscope {command}: needs the site extra ({name} is not installed): pip install 'paramscope[site]'"
    return dispatch.missing(command, error)


def main(argv: list[str] | None = None) -> int:
    return dispatch.main(argv, {**dispatch.COMMANDS, **COMMANDS}, explain=missing)
