"""Numbers as a page prints them: a negative with a true minus sign (U+2212), as typography sets it, not the
hyphen-minus Python formats. Facts and table cells that are numbers pass through here, when a producer writes them
(`Output`'s display) and when a marker formats one (`{{ x.y:.2f }}`); text a producer writes itself is its own."""
import re

MINUS = "\u2212"
SIGN = re.compile(r"-(?=[0-9.])")  # a hyphen-minus before a digit: the number's sign or its exponent's


def true_minus(text: str) -> str:
    """'-0.23%' -> '−0.23%', '1e-05' -> '1e−05': a formatted number's minus signs as true minus signs; a negative
    that rounds to zero ('-0.00') prints unsigned, as 0.00, since the reader sees no negative number there."""
    if text.startswith("-") and not any(c in "123456789" for c in text):
        text = text[1:]
    return SIGN.sub(MINUS, text)
