"""Numbers as the pages print them (paramscope.text.printed): a true minus sign, no break inside a vector,
powers of ten in superscript, counts in words, percentages."""
import pytest

from paramscope.text import printed
from paramscope.text.printed import number, vector


def test_a_number_prints_short_with_a_true_minus_sign():
    assert [number(x) for x in (3.0, 0.5, -1.0, 2)] == ["3", "0.5", "\u22121", "2"]


def test_negative_zero_prints_as_zero():
    assert number(-0.0) == "0" and number(1.0 + -1.0) == "0"


def test_fixed_places_print_a_true_minus_sign_and_no_negative_zero():
    assert printed.fixed(-0.0398, 3) == "\u22120.040" and printed.fixed(0.0510, 4) == "0.0510"
    assert printed.fixed(-0.0004, 3) == "0.000"  # rounds to zero: no sign a reader would read as negative
    assert printed.fixed_list([-0.058, 0.012], 3) == "\u22120.058, 0.012"
    assert printed.signed("-0.23%") == "\u22120.23%" and printed.signed("+0.75") == "+0.75"
    assert printed.signed("-0.00") == "0.00" and printed.signed("1e-05") == "1e\u221205"


def test_a_vector_never_breaks_inside():
    text = vector([1.0, 2.0, -1.0])
    assert text == "(1,\u00a02,\u00a0\u22121)" and " " not in text


def test_powers_of_ten_print_their_exponent_in_superscript():
    assert [printed.ten_to(k) for k in (15, -3, 0)] == ["10¹⁵", "10⁻³", "10⁰"]
    assert printed.power_of_ten(1e15) == "10¹⁵" and printed.power_of_ten(1e-6) == "10⁻⁶"
    with pytest.raises(ValueError):
        printed.power_of_ten(3e15)


def test_scientific_keeps_three_digits_by_default():
    assert printed.scientific(3.14e23) == "3.14 × 10²³" and printed.scientific(5e-7, digits=2) == "5.0 × 10⁻⁷"


def test_counts_in_words_as_token_counts_are_quoted():
    counts = (15e12, 3e11, 2.5e6, 1234)
    assert [printed.in_words(n) for n in counts] == ["15 trillion", "300 billion", "2.5 million", "1,234"]


def test_parameter_counts_as_papers_quote_them():
    assert [printed.paper_count(n) for n in (117e6, 1542e6, 7e9, 46.7e9)] == ["117M", "1542M", "7B", "46.7B"]


def test_percentages():
    assert [printed.percent(q) for q in (0.000016, 0.011, 0.77)] == ["0.0016%", "1.1%", "77%"]
    assert printed.percent_floor(0.9656) == "96.5%"  # rounded down: "at least 96.5%" holds


@pytest.mark.parametrize("exact, total, expected", [
    ([100 / 3, 100 / 3, 100 / 3], 100, [34, 33, 33]),   # a tie: the earlier value gets the spare one
    ([2.6, 1.3, 1.1], 5, [3, 1, 1]),                     # 2 + 1 + 1 = 4, the spare one to the largest remainder (.6)
    ([61.5, 38.5], 100, [62, 38]),
    ([4.0, 3.0], 7, [4, 3]),                             # whole already: nothing to hand out
])
def test_largest_remainder_adds_up_by_hand(exact, total, expected):
    """Worked by hand: round each down, give what is left one each to the largest remainders."""
    assert printed.largest_remainder(exact, total) == expected


def test_shape_by_hand():
    assert printed.shape((384, 1536)) == "384 × 1536" and printed.shape([49152]) == "49152"
