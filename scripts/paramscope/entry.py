"""This site's entry points, as pyproject.toml names them (the generator's own distribution names the generator's:
scripts/generator-dist/pyproject.toml):

- `main`, the `paramscope` command (and `python -m paramscope`): this site's command line (paramscope.cli), the
  generator's commands and the site's own;
- `GlossaryPlugin`, the `paramscope-glossary` MkDocs plugin (paramscope.glossary.plugin), imported only when MkDocs
  asks for it.
"""
from paramscope import cli

main = cli.main


def __getattr__(name: str):
    """`GlossaryPlugin`, imported only when asked for (PEP 562): `paramscope check` never pays for it."""
    if name != "GlossaryPlugin":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from paramscope.glossary.plugin import GlossaryPlugin

    return GlossaryPlugin
