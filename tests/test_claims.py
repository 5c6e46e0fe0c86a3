"""The one rule behind every verdict on Claims, checked: each verdict flips when an input changes.

Cases use the counts the build computes (counting.count) and the model card's scores, so the flips below are the
flips the page would show if a claimed value or a computed number moved.
"""
import ast
import re
from pathlib import Path

import pytest

from paramscope.arch import counting, zoo
from paramscope.data import accelerators, model_cards, popular
from paramscope.data.accelerators import GB, GIB
from paramscope.lessons.verdicts import Case, about, at_least, between, exactly, magnitude, verdict


def total(name: str) -> int:
    return counting.count(zoo.get(name).config).total


def layers() -> list[Case]:
    return [Case(n, len(counting.count(zoo.get(n).config).by_layer), total(n))
            for n in ("smollm2-135m", "llama-3-8b", "llama-3-70b", "gpt3-175b", "llama-3.1-405b")]


def test_about_holds_then_is_off_when_the_claimed_value_moves():
    gpt3 = [Case("GPT-3", total("gpt3-175b"))]
    assert verdict(about(175e9), gpt3) == "Holds"
    assert verdict(about(150e9), gpt3) == "Off"      # 174.6B is 16% above 150B: outside ±10%
    assert verdict(about(190e9), gpt3) == "Holds"    # 8% below 190B: inside


def test_partial_verdicts_name_the_passing_and_failing_cases_and_check_largest():
    # "About 100 layers": only GPT-3's 96 is within 10%; it is not the largest model tested (405B is).
    assert verdict(about(100), layers()) == "Holds for gpt3-175b; not for the other 4 tested"
    # Claim 126 layers: only the largest model passes, and the rule says so because it checked the sizes.
    assert verdict(about(126), layers()) == "Holds only for the largest models tested (llama-3.1-405b)"
    # Claim 85: Llama 3 70B (80) and GPT-3 (96) pass, but 405B, larger than both, does not: not "the largest".
    assert verdict(about(88), layers()) == ("Holds for llama-3-70b, gpt3-175b; "
                                          "not for smollm2-135m, llama-3-8b, llama-3.1-405b")
    # Claim 31: the two smallest pass.
    assert verdict(about(31), layers()) == ("Holds for smollm2-135m, llama-3-8b; "
                                          "not for llama-3-70b, gpt3-175b, llama-3.1-405b")
    # Every case passing, and none.
    assert verdict(at_least(30), layers()) == "Holds"
    assert verdict(exactly(1000), layers()) == "Off"


def test_without_sizes_the_rule_never_says_largest():
    cases = [Case("a", 1.0), Case("b", 5.0)]
    assert verdict(exactly(5), cases) == "Holds for b; not for a"


def test_many_passing_cases_are_counted_not_listed():
    cases = [Case(str(i), i) for i in range(10)]
    assert verdict(at_least(5), cases) == "Holds for 5 of the 10 tested"
    assert verdict(at_least(5), cases, tested="prompts") == "Holds for 5 of the 10 prompts tested"


def test_many_largest_passing_name_the_smallest_of_them():
    # Claim "at least 32 layers": the four largest pass (SmolLM2's 30 does not), counted, and the smallest of them
    # named, so a reader does not take an 8B model for one of "the largest".
    assert verdict(at_least(32), layers()) == ("Holds only for the 4 largest of the 5 models tested "
                                                   "(llama-3-8b and up)")


def test_unverifiable_when_nothing_is_published_and_flips_once_something_is():
    assert verdict(about(popular.GPT35_PARAMS), [Case("GPT-3.5", None)]) == "Unverifiable"
    assert verdict(about(popular.GPT35_PARAMS), [Case("GPT-3.5", 175e9)]) == "Holds"


def test_magnitude_words():
    seven_b = [Case("Llama 2 7B", total("llama-2-7b"))]
    assert verdict(magnitude("millions"), seven_b) == "Off"
    assert verdict(magnitude("billions"), seven_b) == "Holds"
    gpt3 = total("gpt3-175b")
    training = 6 * gpt3 * 300 * 10 ** 9   # 3.14e23
    assert verdict(magnitude("quadrillions"), [Case("GPT-3", training)]) == "Off"
    assert verdict(between(1e23, 1e24, "hundreds of sextillions"), [Case("GPT-3", training)]) == "Holds"
    assert verdict(magnitude("trillions"), [Case("GPT-3", 2 * gpt3 * 100)]) == "Holds"
    assert verdict(magnitude("trillions"), [Case("GPT-3", 2 * gpt3 * 10_000)]) == "Off"


def test_range_edges():
    assert magnitude("millions").contains(1e6) and not magnitude("millions").contains(1e9)
    assert exactly(4096).contains(4096) and not exactly(4096).contains(4095)
    assert about(100).contains(90) and about(100).contains(110) and not about(100).contains(111)


def test_llama_verdict_follows_the_model_card_scores():
    def cases(base, instruct):
        return [Case("base", float(base[0] - base[1])), Case("instruct", float(instruct[0] - instruct[1]))]

    real = cases(model_cards.wins(model_cards.LLAMA3_BASE), model_cards.wins(model_cards.LLAMA3_INSTRUCT))
    assert verdict(at_least(1), real) == "Holds for instruct; not for base"
    # Base Llama 3 8B wins only BoolQ (75.7 vs 73.1): not "all 11 lost".
    assert model_cards.wins(model_cards.LLAMA3_BASE) == (1, 10)
    swapped = {k: (b, a) for k, (a, b) in model_cards.LLAMA3_BASE.items()}
    assert verdict(at_least(1), cases(model_cards.wins(swapped), model_cards.wins(model_cards.LLAMA3_INSTRUCT))) \
        == "Holds"


@pytest.mark.parametrize("name,fmt,device,fits", [
    ("llama-3-70b", "bf16", "NVIDIA H200 SXM", True),       # 141.1 GB = 131.4 GiB in 140.4 GiB
    ("llama-3-70b", "bf16", "NVIDIA H100 SXM", False),
    ("llama-3.1-405b", "int4", "AMD Instinct MI300X", True),  # 202.9 GB = 189.0 GiB in 192 GiB
])
def test_fits_compares_bytes(name, fmt, device, fits):
    weights = counting.count(zoo.get(name).config).memory[fmt]
    assert accelerators.fits(weights, accelerators.get(device)) is fits


def test_capacities_in_units():
    # What the devices report: an H200 reports 143,771 MiB = 150.8 GB; an MI300X VF 205,822,885,888 bytes
    # (rocm-smi and HIP's totalGlobalMem), 191.7 GiB, under bare metal's 206,141,652,992 (16 MiB under 192 GiB).
    assert round(accelerators.get("NVIDIA H200 SXM").bytes / GB, 1) == 150.8
    mi300x = accelerators.get("AMD Instinct MI300X").bytes
    assert mi300x == 205_822_885_888 < 201_310_208 * 1024 == 192 * GIB - 16 * 2 ** 20
    assert round(mi300x / GIB, 1) == 191.7
    assert round(counting.count(zoo.get("llama-3-70b").config).memory["bf16"] / GIB, 1) == 131.4


def test_the_claims_producer_writes_no_verdict_of_its_own():
    source = (Path(__file__).parents[1] / "scripts" / "producers" / "claims.py").read_text()
    assert typed_verdicts(source) == [], "a verdict typed in the producer"


VERDICTS = re.compile(r"\s*(Holds|Off|Unverifiable|Depends)\b")


def typed_verdicts(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string constant in `source` (any quotes, f-string parts too) that opens with a verdict."""
    return [(node.lineno, node.value) for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and VERDICTS.match(node.value)]


@pytest.mark.parametrize("typed", ['"Holds"', "'Holds: yes'", 'f"Off by {x}"', '"""Depends"""', "'Unverifiable'"])
def test_a_typed_verdict_is_found_in_any_quotes(typed):
    assert typed_verdicts(f"def produce(out):\n    x = 1\n    out.fact('v', {typed})\n") != []


def test_llama3_70b_column_sets_size_apart_from_data():
    """The fair test of "more parameters, better": Llama 3 70B against 8B (same data) on the card's benchmarks."""
    base = model_cards.against_8b(model_cards.LLAMA3_BASE, model_cards.LLAMA3_70B_BASE)
    instruct = model_cards.against_8b(model_cards.LLAMA3_INSTRUCT, model_cards.LLAMA3_70B_INSTRUCT)
    assert set(base) == set(model_cards.LLAMA3_BASE) and set(instruct) == set(model_cards.LLAMA3_INSTRUCT)
    assert base["MMLU (5-shot)"] == (66.6, 79.5)
    assert model_cards.wins(base) == (0, 11) and model_cards.wins(instruct) == (0, 5)
    lost = model_cards.wins(model_cards.LLAMA3_BASE)[0] + model_cards.wins(model_cards.LLAMA3_INSTRUCT)[0]
    cases = [Case("same data", 0.0), Case("different data", float(lost))]
    assert verdict(exactly(0), cases) == "Holds for same data; not for different data"
