"""Looking at embedding tables: a word's row, nearest neighbours by cosine, analogies, the similarities of a few
words within and across themes, and a 2-D projection (PCA).

Everything runs in the table's full dimension; only `pca_2d` flattens, and it reports how much variance survives.
"""
from dataclasses import dataclass

import torch


# --8<-- [start:compare]
@dataclass
class Vocabulary:
    """The rows of an embedding table that are whole words, the only ones compared (no word pieces, no symbols)."""

    table: torch.Tensor   # (n, D) those rows as compared: centred for SmolLM2 (see `centred`)
    words: list[str]      # the word each row stands for (SmolLM2's leading-space marker removed)
    ids: list[int]        # row of each word in the model's own table

    def index(self, word: str) -> int:
        return self.words.index(word)

    def vector(self, word: str) -> torch.Tensor:
        return self.table[self.index(word)]


def centred(table: torch.Tensor) -> torch.Tensor:
    """Subtract the mean row. SmolLM2's rows share a large common direction tied to token frequency, which makes
    every cosine similarity high; without it the neighbours are the words of similar frequency, not meaning."""
    return table - table.mean(dim=0, keepdim=True)


def is_word(text: str) -> bool:
    """Two or more ASCII letters: the rows worth comparing as words."""
    return len(text) >= 2 and text.isascii() and text.isalpha()


def cosine_to_all(table: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    """Cosine similarity (V,) of v with every row of the table."""
    return (table @ v) / (table.norm(dim=1) * v.norm()).clamp_min(1e-12)


def nearest(vocab: Vocabulary, v: torch.Tensor, k: int, exclude: tuple[str, ...] = ()) -> list[tuple[str, float]]:
    """The k words closest to v by cosine in the full dimension, most similar first."""
    sims = cosine_to_all(vocab.table, v)
    for word in exclude:
        if word in vocab.words:
            sims[vocab.index(word)] = -2.0
    top = torch.topk(sims, k)
    return [(vocab.words[i], float(s)) for s, i in zip(top.values, top.indices)]


def analogy(vocab: Vocabulary, a: str, b: str, c: str, k: int = 3) -> list[tuple[str, float]]:
    """Words nearest to a - b + c ("king - man + woman"), the three input words left out as usual."""
    v = vocab.vector(a) - vocab.vector(b) + vocab.vector(c)
    return nearest(vocab, v, k, exclude=(a, b, c))


def pca(x: torch.Tensor, k: int) -> tuple[torch.Tensor, list[float]]:
    """Coordinates (n, k) of the rows on their k main axes, in float64, and the share of the variance each axis
    keeps. n rows span at most n - 1 axes once centred, so with k = n - 1 the coordinates keep every distance."""
    x = x.double() - x.double().mean(dim=0, keepdim=True)
    _, s, vt = torch.linalg.svd(x, full_matrices=False)
    var = s ** 2
    share = (var / var.sum())[:k].tolist()
    coords = x @ vt[:k].T  # (n, k)
    # an SVD's signs are arbitrary: fix each axis so its largest coordinate is positive, for a stable figure
    signs = torch.sign(coords.gather(0, coords.abs().argmax(dim=0, keepdim=True)))
    return coords * signs, share


def pca_2d(x: torch.Tensor) -> tuple[torch.Tensor, list[float]]:
    """Coordinates (n, 2) of the rows on their two main axes, and the share of the variance each axis keeps."""
    coords, share = pca(x, 2)
    return coords.float(), share
# --8<-- [end:compare]


def principal_axes(x: torch.Tensor) -> dict:
    """The two principal axes of the rows as `pca` fits them (centred, SVD, each axis signed so that its largest
    coordinate is positive), kept so that any new vector can be placed: (v - mean) @ axes.T. Returns lists:
    "mean" (D), "axes" (2, D), "coords" (n, 2) of the rows, "share" of the variance each axis keeps."""
    x = x.double()
    mean = x.mean(dim=0, keepdim=True)
    _, s, vt = torch.linalg.svd(x - mean, full_matrices=False)
    axes = vt[:2]  # (2, D)
    coords = (x - mean) @ axes.T
    signs = torch.sign(coords.gather(0, coords.abs().argmax(dim=0, keepdim=True)))  # (1, 2)
    axes = axes * signs.T
    share = (s ** 2 / (s ** 2).sum())[:2]
    return {"mean": mean[0].tolist(), "axes": axes.tolist(), "coords": ((x - mean) @ axes.T).tolist(),
            "share": share.tolist()}


def same_group_neighbours(x: torch.Tensor, groups: list[str]) -> int:
    """How many rows have their nearest other row (by cosine for full vectors, by distance in 2-D) in their group."""
    if x.shape[1] == 2:
        d = torch.cdist(x, x)
    else:
        u = x / x.norm(dim=1, keepdim=True)
        d = -(u @ u.T)
    d.fill_diagonal_(float("inf"))
    nearest = d.argmin(dim=1)
    return sum(groups[i] == groups[int(j)] for i, j in enumerate(nearest))


def nearest_moved(full: torch.Tensor, coords: torch.Tensor) -> int:
    """How many rows have a different nearest other row in the 2-D picture (by distance) than in the full dimension
    (by cosine): the words a reader would misjudge by reading neighbours off the picture."""
    u = full / full.norm(dim=1, keepdim=True)
    by_cosine = -(u @ u.T)
    by_distance = torch.cdist(coords, coords)
    by_cosine.fill_diagonal_(float("inf"))
    by_distance.fill_diagonal_(float("inf"))
    return int((by_cosine.argmin(dim=1) != by_distance.argmin(dim=1)).sum())


@dataclass
class ThemeSimilarities:
    """The cosine similarity of every pair of a few words' rows, the words listed theme by theme."""

    words: list[str]       # theme by theme, in the order given
    themes: list[str]      # each word's theme
    matrix: torch.Tensor   # (n, n) cosine similarities in the full dimension; 1 on the diagonal
    within: float          # mean over pairs of different words of one theme
    across: float          # mean over pairs of words of different themes
    nearest_in_theme: int  # words whose most similar other word is of their own theme
    lowest: float          # the least and the most similar pair of different words
    highest: float


def theme_similarities(vocab: Vocabulary, themes: dict[str, list[str]]) -> ThemeSimilarities:
    """Every pairwise cosine similarity of the themes' words (theme name -> words), with the averages within a theme
    and across themes, which say whether the blocks along the diagonal stand out."""
    words = [w for members in themes.values() for w in members]
    labels = [t for t, members in themes.items() for _ in members]
    x = torch.stack([vocab.vector(w) for w in words]).double()  # (n, D)
    u = x / x.norm(dim=1, keepdim=True)
    matrix = u @ u.T  # (n, n)
    same = torch.tensor([[a == b for b in labels] for a in labels])
    other_word = ~torch.eye(len(words), dtype=torch.bool)
    pairs = matrix[other_word]  # every pair of different words, both ways
    nearest = matrix.masked_fill(~other_word, -2.0).argmax(dim=1)  # (n,) each word's most similar other word
    return ThemeSimilarities(words, labels, matrix, float(matrix[same & other_word].mean()),
                             float(matrix[~same].mean()), int(same[torch.arange(len(words)), nearest].sum()),
                             float(pairs.min()), float(pairs.max()))


def vocabulary(table: torch.Tensor, tokens: dict[str, int], marker: str = "") -> Vocabulary:
    """The rows of `table` (V, D) for the tokens (text -> row, a tokenizer's `get_vocab()`) that are `marker` followed
    by a word (is_word), in row order; the words are listed without the marker (SmolLM2's leading-space "Ġ")."""
    words = {i: t[len(marker):] for t, i in tokens.items() if t.startswith(marker)}
    pairs = sorted((i, w) for i, w in words.items() if is_word(w))
    ids = [i for i, _ in pairs]
    return Vocabulary(table[ids], [w for _, w in pairs], ids)


# Where a label may stand around its point, nearest first: rings STEP_PT, 2·STEP_PT, ... away, in eight directions,
# as (dx, dy, ha, va) per unit of the ring: beside the point first, where a label reads as its point's, then the
# corners, then above and below.
DIRECTIONS = ((1, 0, "left", "center"), (-1, 0, "right", "center"), (1, 1, "left", "bottom"),
              (-1, 1, "right", "bottom"), (1, -1, "left", "top"), (-1, -1, "right", "top"),
              (0, 1, "center", "bottom"), (0, -1, "center", "top"))
STEP_PT = 4.0     # the first ring clears a marker of the scatter's size (s=22: a radius of 2.3 pt)
RINGS = 6
MARKER_PT = 2.5   # a point's radius, as a label should leave it free


def place_labels(ax, xy, texts: list[str], fontsize: float, margin_pt: float = 1.5, slack: float = 0.1) -> list:
    """Annotate each point xy[i] with texts[i] at the nearest place (DIRECTIONS, RINGS) where the label's box, grown
    by `margin_pt` all round and by `slack` of its width on each side (the SVG keeps its words as text, set in the
    reader's font, which may be wider than matplotlib's), meets no other label, covers no other point and stays
    inside the axes; where every place clear of the other labels covers a point or leaves the axes, the one that
    does least of that. The most crowded points choose first. Raises ValueError naming a label with no place clear
    of the others. Call after the axes' size and limits are final."""
    import numpy as np

    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    scale = fig.dpi / 72                                    # points to display pixels
    points = ax.transData.transform(np.asarray(xy, dtype=float))   # (n, 2) display coordinates
    frame = ax.get_window_extent(renderer)
    gaps = np.hypot(*(points[:, None, :] - points[None, :, :]).transpose(2, 0, 1))   # (n, n) pixels apart
    crowded = (gaps < 40 * scale).sum(axis=1)               # neighbours within 40 pt, itself included
    labels, boxes = [None] * len(texts), []
    for i in sorted(range(len(texts)), key=lambda i: (-crowded[i], i)):
        others, best = np.delete(points, i, axis=0), None   # best: (cost, label, grown box)
        for ring in range(1, RINGS + 1):
            for dx, dy, ha, va in DIRECTIONS:
                label = ax.annotate(texts[i], xy[i], xytext=(dx * ring * STEP_PT, dy * ring * STEP_PT),
                                    textcoords="offset points", fontsize=fontsize, ha=ha, va=va)
                grown = label.get_window_extent(renderer).padded(margin_pt * scale).expanded(1 + 2 * slack, 1)
                cost = _cost(grown, frame, others, scale)
                if not any(grown.overlaps(b) for b in boxes) and (best is None or cost < best[0]):
                    if best is not None:
                        best[1].remove()
                    best = (cost, label, grown)
                else:
                    label.remove()
                if best is not None and best[0] == 0:
                    break
            if best is not None and best[0] == 0:
                break
        if best is None:
            raise ValueError(f"no place for the label {texts[i]!r} within {RINGS * STEP_PT:g} pt of its point clear of "
                             "the other labels: make the figure larger, its text smaller, or label fewer points")
        labels[i] = best[1]
        boxes.append(best[2])
    return labels


def _cost(box, frame, points, scale: float) -> int:
    """What a label's (grown) box spoils: how many of the other (n, 2) display points it covers, each a disk of
    MARKER_PT, and 1 more if it leaves the axes' frame (it may run into the axis labels)."""
    r = MARKER_PT * scale
    x, y = points[:, 0], points[:, 1]
    covered = int(((x > box.x0 - r) & (x < box.x1 + r) & (y > box.y0 - r) & (y < box.y1 + r)).sum())
    inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
    return covered + (not inside)


def overlaps(labels: list, renderer) -> int:
    """How many pairs of the given text labels overlap on the drawn figure."""
    boxes = [t.get_window_extent(renderer) for t in labels]
    return sum(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
