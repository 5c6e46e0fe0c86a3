"""One display of a token for every page (paramscope.lessons.tokens.token_label)."""
import pytest

from paramscope.lessons.tokens import token_label


@pytest.mark.parametrize("text, shown", [
    (" Paris", "“ Paris”"), ("\n", "“↵”"), ("a\tb", "“a\\tb”"), (" ", "a space"), ("   ", "3 spaces"), ("", "“”"),
])
def test_a_token_shows_its_spaces_and_breaks(text, shown):
    assert token_label(text) == shown
