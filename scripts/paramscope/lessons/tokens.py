"""A token as every page shows it, in prose, tables and figures: one display, so a reader learns it once."""


def token_label(text: str) -> str:
    """The token in curly quotes, so a leading space shows; a line break as ↵ and any other control character
    escaped ("\\t"); a token of spaces only is named ("a space", "3 spaces"), since empty-looking quotes read as
    nothing."""
    if text and text.strip(" ") == "":
        return "a space" if len(text) == 1 else f"{len(text)} spaces"
    shown = "".join("↵" if c == "\n" else c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                    for c in text)
    return f"“{shown}”"
