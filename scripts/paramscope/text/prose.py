"""Numbers, names and text set in the site's sentences and tables (alt texts, facts, cells) as the prose writes them."""


def listed(items: list) -> str:
    """'a', 'a and b', 'a, b and c': each item as str() gives it."""
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def table_cell(text: str) -> str:
    """Text inside a Markdown table cell, as written: line breaks shown as ⏎, Markdown's characters escaped."""
    text = text.replace("\\", "\\\\").replace("\n", " ⏎ ")
    return text.translate({ord(ch): "\\" + ch for ch in "|*_`<>[]{}#"}).strip() or "(nothing)"
