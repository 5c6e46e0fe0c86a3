"""Numbers and names set in the site's sentences (alt texts, facts) the way the prose writes them."""


def listed(items: list) -> str:
    """'a', 'a and b', 'a, b and c': each item as str() gives it."""
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
