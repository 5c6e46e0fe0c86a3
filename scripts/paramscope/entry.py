"""What the distribution's entry points name (pyproject.toml), the same for the generator's wheel and this checkout's
editable install, so each stands where either is installed:

- `main`, the `paramscope` command (and `python -m paramscope`): this site's command line (paramscope.cli) where
  the checkout has it, else the generator's alone (paramscope.generator.cli);
- `GlossaryPlugin`, the `paramscope-glossary` MkDocs plugin: this site's own (paramscope.glossary.plugin), loaded
  when MkDocs asks for it; where only the wheel is installed, `- paramscope-glossary` stops MkDocs with one line
  saying so instead of a traceback.
"""


def main(argv: list[str] | None = None) -> int:
    try:
        from paramscope.cli import main as site_main   # this site's commands too, from the checkout
    except ModuleNotFoundError as missing:
        if missing.name != "paramscope.cli":
            raise
        from paramscope.generator.cli import main as generator_main

        return generator_main(argv)
    return site_main(argv)


def __getattr__(name: str):
    """`GlossaryPlugin`, imported only when asked for (PEP 562): `paramscope check` never pays for it."""
    if name != "GlossaryPlugin":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    try:
        from paramscope.glossary.plugin import GlossaryPlugin
    except ModuleNotFoundError as missing:
        if not (missing.name or "").startswith("paramscope"):
            raise
        raise SystemExit("paramscope-glossary: this is the Paramscope site's own glossary plugin, not part of the "
                         "generator's wheel; remove it from mkdocs.yml's plugins (the generator is `- paramscope`), "
                         "or build from the paramscope checkout, where `bash scripts/setup.sh` installs it") from None
    return GlossaryPlugin
