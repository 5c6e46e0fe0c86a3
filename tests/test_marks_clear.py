"""paramscope.figures.marks_clear against geometry worked out by hand: a text and dots at known points and sizes."""
from paramscope.figures import marks_clear, overlap


def test_a_text_over_a_dot_and_texts_beside_dots(fig):
    """Axes over the whole figure with limits 0 to 1: a data unit is 400 px. "MMMM" at (0.1, 0.5) spans about
    40-88 px across and 200-214 px up; a dot of s = 36 (6 pt across, about 8 px) at (0.15, 0.52), 60 px and 208 px,
    is inside it; one 24 px below the words and one 32 px past their end are not. problems() leaves it alone."""
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.text(0.1, 0.5, "MMMM", fontsize=10)
    ax.scatter([0.15, 0.3], [0.44, 0.5], s=36, label="apart")
    assert marks_clear.texts_over_points(fig) == []
    ax.scatter([0.15], [0.52], s=36, label="under")
    assert marks_clear.texts_over_points(fig) == ["'MMMM' over 'under'"]
    assert overlap.problems(fig) == []
