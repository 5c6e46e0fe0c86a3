"""The `paramscope-glossary` entry point. The glossary plugin is this site's, and its code (glossary/, the plugin in
mkdocs/glossary/) is used from the site's checkout, not shipped in the generator's wheel; but a distribution's entry
points are the same for the wheel and the editable install. So this module, in the wheel, stands at the entry point:
from the checkout it is the plugin, and where only the wheel is installed `- paramscope-glossary` stops MkDocs with
one line saying so instead of a traceback."""
try:
    from paramscope.mkdocs.glossary.plugin import GlossaryPlugin
except ModuleNotFoundError as missing:
    if not (missing.name or "").startswith("paramscope"):
        raise
    raise SystemExit("paramscope-glossary: this is the Paramscope site's own glossary plugin, not part of the "
                     "generator's wheel; remove it from mkdocs.yml's plugins (the generator is `- paramscope`), or "
                     "build from the paramscope checkout, where `bash scripts/setup.sh` installs it") from None

__all__ = ["GlossaryPlugin"]
