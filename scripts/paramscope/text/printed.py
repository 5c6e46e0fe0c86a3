"""Small numbers as the pages print them, in facts, tables and figures alike: a true minus sign (−1, not a hyphen)
and a short vector in brackets that a line never breaks inside. The examples a reader checks by hand (the neuron and
the matrix of the weight and bias pages, the toy attention, the toy router) print their numbers through these; so do
the large and tiny numbers of prose and tables (10²³, 15 trillion, 0.0016%)."""
import math

from paramscope_generator import api

MINUS = "\u2212"
NO_BREAK_SPACE = "\u00a0"


def number(x: float) -> str:
    """0.5, 3, −1: a small number in its shortest form (`g`), with a true minus sign; negative zero prints as 0."""
    return ("0" if x == 0 else f"{float(x):g}").replace("-", MINUS)


def signed(text: str) -> str:
    """'-0.23%' -> '−0.23%': a number Python formatted, its signs (of the number and of an exponent) as true minus
    signs, as the generator prints facts (`true_minus`); a negative that rounds to zero ('-0.00') prints as 0.00."""
    return api.true_minus(text)


def fixed(x: float, places: int) -> str:
    """-0.0398 with 3 places -> '−0.040': a number to a fixed number of decimal places, through `signed`."""
    return signed(f"{float(x):.{places}f}")


def fixed_list(values, places: int) -> str:
    """'−0.058, 0.012': numbers to `places` decimals each (`fixed`), joined by commas, as prose lists them."""
    return ", ".join(fixed(x, places) for x in values)


def largest_remainder(exact: list[float], total: int) -> list[int]:
    """Whole numbers, one per value of `exact` (each >= 0), that add up to `total`: each value rounded down, then the
    ones left over given one each to the largest remainders (earlier values first on a tie). Shares printed this way
    add up as the reader sums them (hundredths to 1, squares of a waffle to its whole)."""
    whole = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: exact[i] - whole[i], reverse=True)
    for i in by_remainder[:total - sum(whole)]:
        whole[i] += 1
    return whole


def shape(dims) -> str:
    """384 × 1536: a tensor's shape as the tables print it, its sizes joined by a multiplication sign."""
    return " × ".join(str(d) for d in dims)


def vector(values) -> str:
    """(1, 2, −1): a few numbers in brackets, each printed by `number`, joined so that no line breaks inside."""
    return "(" + f",{NO_BREAK_SPACE}".join(number(x) for x in values) + ")"


# Large and tiny numbers in prose, tables and axis labels: powers of ten with superscript exponents, counts in words.
SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def ten_to(exponent: int) -> str:
    """15 -> '10¹⁵', -3 -> '10⁻³': a power of ten as plain text, its exponent in superscript digits."""
    return "10" + str(exponent).translate(SUPERSCRIPT)


def power_of_ten(x: float) -> str:
    """1e15 -> '10¹⁵': the value x, which must be a power of ten, written as one (`ten_to` takes the exponent)."""
    exponent = round(math.log10(x))
    if 10.0 ** exponent != x:
        raise ValueError(f"{x} is not a power of ten")
    return ten_to(exponent)


def scientific(x: float, digits: int = 3) -> str:
    """3.14e23 -> '3.14 × 10²³', for prose."""
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    return f"{signed(mantissa)} × {ten_to(int(exponent))}"


def in_words(n: float) -> str:
    """3e11 -> '300 billion', 1.5e13 -> '15 trillion': how token counts are usually quoted."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if n >= size:
            return f"{n / size:,.3g} {word}"
    return f"{n:,.0f}"


def paper_count(n: float) -> str:
    """A parameter count the way papers quote it: 117M, 1542M, 7B, 46.7B."""
    return f"{n / 1e6:.0f}M" if n < 2e9 else f"{round(n / 1e9, 1):g}B"


def percent(q: float) -> str:
    """A probability as a percentage to two significant digits: 0.0016%, 1.1%, 77%."""
    return signed(f"{q * 100:.2g}%")


def percent_floor(share: float) -> str:
    """A lower bound as a percentage with one decimal, rounded down: "at least 96.5%" must hold for 0.9656."""
    return f"{math.floor(share * 1000) / 10:.1f}%"
