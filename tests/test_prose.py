"""The site's small prose helpers (paramscope.text.prose)."""
from paramscope.text.prose import listed, table_cell


def test_listed_joins_with_commas_and_a_final_and():
    assert [listed(["a"]), listed([1, 2]), listed([0.5, 1, 2])] == ["a", "1 and 2", "0.5, 1 and 2"]


def test_a_table_cell_shows_breaks_and_escapes_markdown():
    assert table_cell("a|b\n*c* \\") == "a\\|b ⏎ \\*c\\* \\\\"
    assert table_cell("  \n") == "⏎"
    assert table_cell(" ") == "(nothing)"
