"""One rule for every verdict on Claims, checked: a claim passes where the computed value lies in its claimed range.

A claim names a quantity, the range the claim puts it in (with where the claimed value comes from) and the cases it
is tested on. Each case passes or fails by `Range.contains`; the verdict is read off which cases passed. No verdict
is ever written by hand.
"""
import math
from dataclasses import dataclass

from paramscope.text.printed import in_words, power_of_ten

ABOUT = 0.10  # "about X" passes within ±10% of X, for every claim alike
LISTED = 3    # a partial verdict names up to this many passing cases, and counts them beyond

# The words popular texts use for sizes, as ranges [low, high).
MAGNITUDES = {"thousands": 1e3, "millions": 1e6, "billions": 1e9, "trillions": 1e12, "quadrillions": 1e15}


@dataclass(frozen=True)
class Range:
    """Values from `low` to `high`, `high` itself included only if `closed`."""

    low: float
    high: float
    closed: bool
    words: str  # how the page states the test: "within ±10% of 175,000,000,000"

    def contains(self, value: float) -> bool:
        return self.low <= value < self.high or (self.closed and value == self.high)


def number(x: float) -> str:
    """175e9 -> '175 billion', 4096 -> '4,096'."""
    return in_words(x) if x >= 1e6 else f"{x:,g}"


def about(x: float, unit: str = "") -> Range:
    return Range(x * (1 - ABOUT), x * (1 + ABOUT), True, f"within ±{ABOUT:.0%} of {number(x)}{unit}")


def exactly(x: float, unit: str = "") -> Range:
    return Range(x, x, True, f"exactly {number(x)}{unit}")


def at_least(x: float, unit: str = "") -> Range:
    return Range(x, math.inf, False, f"at least {number(x)}{unit}")


def between(low: float, high: float, words: str) -> Range:
    """From `low` up to, not including, `high`, as the claim words it ("tens of thousands")."""
    return Range(low, high, False, f"from {low:,g} up to, not including, {high:,g} (\"{words}\")")


def magnitude(word: str) -> Range:
    """'millions': from a million up to, not including, a thousand millions."""
    low = MAGNITUDES[word]
    return Range(low, low * 1000, False, f"from {power_of_ten(low)} up to, not including, {power_of_ten(low * 1000)}")


@dataclass(frozen=True)
class Case:
    label: str                  # in the page's words: "GPT-3 175B", "base models"
    value: float | None         # the computed (or cited) value; None when nobody has published it
    size: float | None = None   # the model's parameter count, to tell whether passing cases are the largest


def verdict(claimed: Range, cases: list[Case], tested: str = "") -> str:
    """The verdict on a claim from its cases, by one rule.

    No case with a value: Unverifiable. Every case passes: Holds. None: Off. Some: Holds for those, naming the
    cases it fails on too (a verdict speaks of the cases tested, never beyond them), or counting them when more
    than LISTED, as "5 of the 8 prompts tested" with `tested` naming what the cases are; when the passing cases are
    exactly the largest models tested, it says so.
    """
    known = [c for c in cases if c.value is not None]
    if not known:
        return "Unverifiable"
    passing = [c for c in known if claimed.contains(c.value)]
    failing = [c for c in known if c not in passing]
    if len(passing) == len(known):
        return "Holds"
    if not passing:
        return "Off"
    what = f"{tested} " if tested else ""
    if all(c.size is not None for c in known):
        largest = sorted(known, key=lambda c: c.size, reverse=True)[:len(passing)]
        if {c.label for c in largest} == {c.label for c in passing}:
            if len(passing) <= LISTED:
                return f"Holds only for the largest models tested ({', '.join(c.label for c in passing)})"
            return (f"Holds only for the {len(passing)} largest of the {len(known)} models tested "
                    f"({largest[-1].label} and up)")
    if len(passing) > LISTED:
        return f"Holds for {len(passing)} of the {len(known)} {what}tested"
    names = ", ".join(c.label for c in passing)
    if len(failing) > LISTED:
        return f"Holds for {names}; not for the other {len(failing)} {what}tested"
    return f"Holds for {names}; not for {', '.join(c.label for c in failing)}"
