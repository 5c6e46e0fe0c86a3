"""Producer names a page's `{{ ... }}` must never claim: the globals that MkDocs' templates, mkdocs-macros and Jinja
itself give every page. A producer named `page` would turn mkdocs-macros' `{{ page.title }}` into an unknown fact."""

# MkDocs' template context (mkdocs.commands.build.get_context and the page's), mkdocs-macros' variables, filters
# and functions, Jinja's own globals and names, and this generator's own keywords.
RESERVED = frozenset({
    "page", "config", "nav", "base_url", "files", "pages", "extra_css", "extra_javascript", "mkdocs_version",
    "build_date_utc",
    "extra", "environment", "plugin", "macros", "filters", "git", "navigation", "now", "fix_url", "context",
    "include", "render_file", "macros_info", "filters_builtin", "pretty", "relative_url",
    "range", "lipsum", "dict", "cycler", "joiner", "namespace", "loop", "self", "super", "caller", "varargs",
    "kwargs", "true", "false", "none", "True", "False", "None",
    "figure", "check",
})


def clashes(producers: dict, taken: set[str] = frozenset()) -> list[str]:
    """The producers (by name) whose name is a global above or in `taken` (mkdocs-macros' `extra:` variables)."""
    return sorted(name for name in producers if name in RESERVED or name in taken)


def message(name: str, where: str) -> str:
    """One line: the producer's file, the clash and what to do."""
    return (f"{where}:1: producer name '{name}' is a Jinja/mkdocs-macros global, so {{{{ {name}.… }}}} stays "
            f"theirs: rename the file (e.g. {name}_facts.py) and its markers")
