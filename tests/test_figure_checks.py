"""The generator's `figure_checks` option: hooks `module:function` run on every figure a producer draws, after it is
saved; any problem they return fails the figure with its name (this site names paramscope.figures.overlap)."""
import dataclasses

import pytest

from paramscope_generator.rendering import drawing

from support import PROJECT


def colliding():
    """Two labels written on the same spot: paramscope.figures.overlap reports them."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1], [0, 1])
    ax.text(0.5, 0.5, "first label")
    ax.text(0.5, 0.5, "second label")
    return fig


def clear():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1], [0, 1], label="a line")
    ax.text(0.1, 0.8, "one label")
    return fig


def legend_clear_only_when_wide():
    """The scaling page's tokens-per-parameter bars as a reader found them: at 6.9 in the legend in the lower right
    lies clear of the bars and of the dashed line; re-laid out for a phone the axes narrow and it covers both."""
    import matplotlib.pyplot as plt

    ratios = [1.7, 29.0, 1868.0]
    fig, ax = plt.subplots(figsize=(6.9, 2.6))
    ax.barh(["GPT-3 175B", "Llama 2 70B", "Llama 3 8B"], ratios)
    ax.axvline(20, ls="--", label="compute-optimal, about 20")
    ax.set_xscale("log")
    ax.set_xlim(1, max(ratios) * 4)
    ax.set_xlabel("training tokens per parameter (log scale)")
    for y, v in enumerate(ratios):
        ax.text(v, y, f" {v:,.1f}", va="center", fontsize=9)
    ax.legend(loc="lower right")
    fig.tight_layout()
    return fig


def test_this_site_checks_every_figure_for_overlap():
    assert PROJECT.figure_checks == ("paramscope.figures.overlap:problems",)


def test_a_figure_whose_labels_collide_fails_with_its_name(tmp_path):
    with pytest.raises(drawing.FigureCheckFailed, match=r"figure 'chart': texts collide: 'first label' / 'second "
                                                          r"label' \(paramscope.figures.overlap:problems\)"):
        drawing.render(colliding, tmp_path / "chart", "svg", project=PROJECT)


def test_a_clear_figure_passes_and_an_exempt_one_is_not_checked(tmp_path):
    assert len(drawing.render(clear, tmp_path / "clear", "svg", project=PROJECT)) >= 2
    assert len(drawing.render(colliding, tmp_path / "exempt", "svg", project=PROJECT, checks=False)) >= 2


def test_the_phone_relayout_is_checked_too(tmp_path):
    """A figure clear at its width whose generic phone variant puts its legend over the data fails, named as the
    narrow variant (the check once ran on the producers' own phone drawings only, and missed this one)."""
    from paramscope.figures import overlap

    assert overlap.problems(legend_clear_only_when_wide()) == []
    with pytest.raises(drawing.FigureCheckFailed, match=r"figure 'chart-narrow': .*legend over bars, line "
                                                          r"'compute-optimal, about 20'"):
        drawing.render(legend_clear_only_when_wide, tmp_path / "chart", "svg", project=PROJECT)


def test_a_project_without_figure_checks_checks_nothing(tmp_path):
    plain = dataclasses.replace(PROJECT, figure_checks=())
    assert len(drawing.render(colliding, tmp_path / "plain", "svg", project=plain)) >= 2


def test_checking_does_not_change_the_saved_figure(tmp_path):
    """The hooks measure the figure after it is saved: the bytes are those of a run without checks."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    checked = drawing.render(clear, tmp_path / "a" / "fig", "svg", project=PROJECT)
    plain = drawing.render(clear, tmp_path / "b" / "fig", "svg", project=dataclasses.replace(PROJECT, figure_checks=()))
    assert [p.read_bytes() for p in checked] == [p.read_bytes() for p in plain]
