"""A page's front matter: the `---` YAML block that may open a Markdown page, split from the body the reader scans."""
import re

FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def split(text: str) -> tuple[str | None, str, int]:
    """(the front matter's YAML or None, the body, the body's first line in the file)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return None, text, 1
    return match.group(1), text[match.end():], match.group(0).count("\n") + 1
