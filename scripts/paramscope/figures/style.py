"""One visual language for every figure: a colour per kind of parameter, type sized for the column, the page's words.

Figures are shown in Material's content column, at most 688 CSS px wide. An SVG drawn `W` inches wide is shown at
min(688, 96·W) px and its viewBox is 72·W units, so text of `s` points renders at s·4/3 px while W ≤ COLUMN_IN.
With MIN_PT = 9 the smallest text is 12 px at 1280 px, above the 11 px floor the tests measure.
"""

# The widest figure that is still shown at its natural size (688 px / 96 px per inch), less a margin for
# bbox_inches="tight", which can grow a figure by a few points when a label reaches past the axes.
COLUMN_IN = 6.9
# A figure's phone variant, drawn below 600 px, is the generator's (paramscope_generator.rendering.phone_relayout).
# A figure's own phone drawing (out.figure(..., narrow=...)) is this wide: at 3.6 in, with a tight crop of a few
# points, text of MIN_PT renders above phone_relayout.MIN_PHONE_PX in the 343 px column of a 375 px phone
# (MIN_PT · 343 / 11 = 281 pt ≈ 3.9 in at most).
PHONE_WIDTH_IN = 3.6
MIN_PT = 9          # tick labels, legends, annotations: nothing smaller
TEXT_PT = 10        # axis labels
TITLE_PT = 11       # panel titles

# One colour per kind of parameter, the same on every figure of the site and in both schemes (mid-tones readable
# on Material's white and slate backgrounds). The kinds a figure shows together stay apart for readers with a
# colour-vision deficiency too (checked by simulating protanopia, deuteranopia and tritanopia): experts are light
# blue, not a second green beside the MLP's (they sit side by side on the zoo figure), and the norms a dark ochre,
# which deuteranopia no longer turns into attention's orange. LoRA stands apart.
KIND_COLORS = {
    "embeddings": "#3f6ad8",    # blue
    "attention": "#e8793a",     # orange
    "mlp": "#2e9e6b",           # green
    "experts": "#88ccee",       # light blue: each expert is a small MLP
    "router": "#c2497d",        # magenta
    "norms": "#a6761d",         # dark ochre
    "output head": "#8a6fd1",   # violet
    "biases": "#3aa6b9",        # teal
    "pooler": "#9c6b4e",        # brown
    "lora": "#d64545",          # red
    # The kinds of the hybrid and newest models: mixers that replace attention in some blocks are shades near
    # attention's orange and the norms' ochre; additions to attention and to experts are shades of their owner.
    "state-space": "#c0392b",          # brick: a Mamba mixer in place of attention
    "linear attention": "#f0a35e",     # light orange: attention computed in linear time
    "short convolutions": "#8e5a2b",   # dark brown: LFM2's convolution mixer
    "attention sinks": "#f4c542",      # yellow: one number per head, beside attention
    "output gates": "#d35400",         # dark orange: a gate on attention's output
    "expert biases": "#2f7fa0",        # dark blue-teal: biases of each expert, a shade of the experts' blue
}
# The words the pages use for each kind (legends and labels never show tensor names).
KIND_LABELS = {
    "embeddings": "Embeddings", "attention": "Attention", "mlp": "MLP", "experts": "Experts",
    "router": "Router", "norms": "Norms", "output head": "Output head", "biases": "Biases",
    "pooler": "Pooler", "lora": "LoRA adapters", "state-space": "State-space (Mamba) mixers",
    "linear attention": "Linear attention", "short convolutions": "Short convolutions",
    "attention sinks": "Attention sinks", "output gates": "Output gates", "expert biases": "Expert biases",
}

# Colours for things that are not parameter kinds (series of runs, before/after, highlights): neutral and
# distinct from the kind colours above.
INK = {"light": "#262626", "dark": "#e3e3e3"}
MUTED = {"light": "#8c8c8c", "dark": "#8f8f8f"}
GRID = {"light": "#d9d9d9", "dark": "#4a4a4a"}
SERIES = ["#4c72b0", "#dd8452", "#55a868", "#8172b3", "#937860", "#da8bc3", "#8c8c8c", "#ccb974"]
SEQUENTIAL = "viridis"      # heat maps of magnitudes; every heat map gets a colour bar
DIVERGING = "RdBu_r"        # signed values centred on zero


def kind_color(kind: str) -> str:
    """The colour of a kind of parameter; an unknown kind is an error, never a silent default."""
    try:
        return KIND_COLORS[kind]
    except KeyError:
        raise KeyError(f"no colour for parameter kind {kind!r}; "
                       "add it to paramscope.figures.style.KIND_COLORS") from None


def figsize(height_in: float, width_in: float = COLUMN_IN) -> tuple[float, float]:
    """A figure size that fits the content column (wider figures are shrunk, and their text with them)."""
    if width_in > COLUMN_IN:
        raise ValueError(f"figure {width_in} in wide: at most {COLUMN_IN} in fits the column without shrinking text")
    return (width_in, height_in)


def rc(theme: str) -> dict:
    """matplotlib settings for one scheme ('light' or 'dark'): the generator's `figure_style` hook in mkdocs.yml."""
    from cycler import cycler

    ink = INK[theme]
    return {
        "axes.prop_cycle": cycler(color=SERIES),
        "text.color": ink, "axes.labelcolor": ink, "axes.edgecolor": ink, "axes.titlecolor": ink,
        "xtick.color": ink, "ytick.color": ink, "grid.color": GRID[theme], "legend.labelcolor": ink,
        "legend.frameon": False, "axes.facecolor": "none", "figure.facecolor": "none",
        "savefig.facecolor": "none", "savefig.transparent": True,
        "axes.spines.top": False, "axes.spines.right": False,
        "font.family": "sans-serif", "font.size": TEXT_PT,
        "font.sans-serif": ["DejaVu Sans", "Arial", "sans-serif"],  # named in every SVG text: keep the list short
        "axes.titlesize": TITLE_PT, "axes.labelsize": TEXT_PT, "figure.titlesize": TITLE_PT,
        "xtick.labelsize": MIN_PT, "ytick.labelsize": MIN_PT, "legend.fontsize": MIN_PT,
        "svg.fonttype": "none",        # text stays text: smaller files, and it uses the page's font
        "svg.hashsalt": "paramscope",  # fixed ids inside the SVG: byte-identical rebuilds
        "figure.dpi": 100, "savefig.dpi": 120, "image.cmap": SEQUENTIAL,
    }


def finish(fig, ax=None, *, x: str | None = None, y: str | None = None, legend: dict | None = None):
    """The end of a draw(): the axes' labels, their legend (`legend`: its options, {} for the defaults) and a tight
    layout. Returns the figure, for `return style.finish(...)`."""
    if x is not None:
        ax.set_xlabel(x)
    if y is not None:
        ax.set_ylabel(y)
    if legend is not None:
        ax.legend(**legend)
    fig.tight_layout()
    return fig


def colorbar(fig, image, ax, label: str) -> None:
    """The colour bar every heat map gets, beside its axes, the same width on every figure."""
    fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02, label=label)
