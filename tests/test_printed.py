"""Small numbers as the pages print them (paramscope.figures.printed): a true minus sign, no break inside a vector."""
from paramscope.figures.printed import number, vector


def test_a_number_prints_short_with_a_true_minus_sign():
    assert [number(x) for x in (3.0, 0.5, -1.0, 2)] == ["3", "0.5", "\u22121", "2"]


def test_negative_zero_prints_as_zero():
    assert number(-0.0) == "0" and number(1.0 + -1.0) == "0"


def test_a_vector_never_breaks_inside():
    text = vector([1.0, 2.0, -1.0])
    assert text == "(1,\u00a02,\u00a0\u22121)" and " " not in text
