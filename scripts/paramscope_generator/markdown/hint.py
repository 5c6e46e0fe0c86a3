"""`hint`: the "; did you mean X?" that a message naming an unknown name ends with."""
import difflib


def hint(name: str, known: list[str], cutoff: float = 0.6) -> str:
    """'; did you mean X?' for a similar name, or one that extends it, else nothing."""
    close = difflib.get_close_matches(name, known, n=1, cutoff=cutoff)
    close = close or [k for k in known if k.startswith(name) or name.startswith(k)][:1]
    return f"; did you mean '{close[0]}'?" if close else ""
