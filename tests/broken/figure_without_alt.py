"""Figures a screen reader cannot describe."""


def draw():
    import matplotlib.pyplot as plt

    return plt.figure()


def produce(out):
    out.figure("silent", draw)
    out.figure("blank", draw, alt="  ")
    out.figure("fine", draw, "Positional alt text is fine.")

# expect: scripts/producers/figure_without_alt.py:1: producer 'figure_without_alt' is not used by any page: show one of its facts or figures with a marker, or delete it
# expect: scripts/producers/figure_without_alt.py:11: figure 'silent' has no alt text: pass alt="what it shows"
# expect: scripts/producers/figure_without_alt.py:12: figure 'blank' has no alt text: pass alt="what it shows"
