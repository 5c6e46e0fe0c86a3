"""Small numbers as the pages print them, in facts, tables and figures alike: a true minus sign (−1, not a hyphen)
and a short vector in brackets that a line never breaks inside. The examples a reader checks by hand (the neuron and
the matrix of the weight and bias pages, the toy attention, the toy router) print their numbers through these."""

MINUS = "\u2212"
NO_BREAK_SPACE = "\u00a0"


def number(x: float) -> str:
    """0.5, 3, −1: a small number in its shortest form (`g`), with a true minus sign; negative zero prints as 0."""
    return ("0" if x == 0 else f"{float(x):g}").replace("-", MINUS)


def vector(values) -> str:
    """(1, 2, −1): a few numbers in brackets, each printed by `number`, joined so that no line breaks inside."""
    return "(" + f",{NO_BREAK_SPACE}".join(number(x) for x in values) + ")"
