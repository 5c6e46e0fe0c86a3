"""Real embeddings: a four-word table shrunk from SmolLM2's, the numbers of "hello", the similarities of a dozen
words of three themes, word groups in 2-D, nearest neighbours, king - man + woman, split words, and where a
token's position comes from (a learned table or rotary)."""

from itertools import accumulate

import torch

from paramscope.arch import zoo
from paramscope.checkpoints import minilm, smollm2, storage
from paramscope.figures import style
from paramscope.figures.style import PHONE_WIDTH_IN as PHONE_IN
from paramscope.lessons import word_vectors
from paramscope.lessons.tokens import tokenizer_kind
from paramscope.models import build_model
from paramscope.models.count import parameters_in
from paramscope.models.hf import from_hf
from paramscope.models.layers import apply_rope
from paramscope.text import printed
from paramscope_generator.api import expect

GROUPS = {
    "furniture": ["table", "chair", "bed", "desk", "shelf", "lamp"],
    "space": ["moon", "planet", "star", "rocket", "astronaut", "galaxy"],
    "fruit": ["apple", "banana", "orange", "grape", "cherry", "lemon"],
    "royalty": ["king", "queen", "prince", "princess", "throne", "crown"],
}
# The main text's heat map: a dozen common words of three themes, listed theme by theme so that each theme is a
# block along the diagonal; fruit and animals as in the tiny table, and space.
THEMES = {
    "fruit": ["apple", "banana", "grape", "lemon"],
    "space": ["moon", "planet", "star", "galaxy"],
    "animals": ["cat", "dog", "horse", "cow"],
}
# The page's first example: four of SmolLM2's words, in alphabetical order so that their ids in the tiny table are
# 0-3, two fruits and two animals; TINY_LOOKUP is the one looked up in the text.
TINY = ["apple", "banana", "cat", "dog"]
TINY_LOOKUP = "cat"
# Two sentences of the same tokens in another order: the rows alone cannot tell them apart
WORD_ORDER = ("the dog bites the man", "the man bites the dog")
# (query position, key position): the same gap of three twice, then a gap of seven
ROPE_AT = {"near": (5, 2), "moved": (15, 12), "farther": (9, 2)}
NEIGHBOUR_WORDS = ["king", "astronaut", "apple", "hello", "table"]  # the table opens on a row both models get right
NEIGHBOURS = 5
FIRST = 8  # values of "hello" quoted in the prose
RARE = "antidisestablishmentarianism"
SPLIT_WORDS = ["hello", "unbelievable", "photosynthesis", RARE]
MODELS = ("minilm", "smollm2")
PAGE = "docs/glossary/embedding.md"
TITLES = {"minilm": "all-MiniLM-L6-v2", "smollm2": storage.model_name()}
CLAIMED_WIDTH = 4096  # the claim checked: "embeddings have 4,096 dimensions because that is a power of two"
TABLE_NAMES = ("embed_tokens.weight", "wte.weight", "word_embeddings.weight")  # the token table in each family
# Qwen2's tokenizer: 151,643 regular tokens and 3 control tokens (Yang et al. 2024, Qwen2 Technical Report,
# section 3.1, https://arxiv.org/abs/2407.10671); its embedding table has more rows, padded.
QWEN2_TOKENS = 151_643 + 3


def table_shape(model) -> tuple[int, int]:
    """(vocabulary, width) of a built model's token embedding table."""
    shapes = [tuple(p.shape) for n, p in model.named_parameters() if n.endswith(TABLE_NAMES)]
    expect(len(shapes) == 1, f"expected one token embedding table, found {len(shapes)}")
    return shapes[0]


def power_of_two_factor(n: int) -> int:
    """The largest power of two that divides n."""
    return n & -n


def numbers(values: torch.Tensor) -> str:
    return printed.fixed_list(values.tolist(), 4)


def listing(pairs: list[tuple[str, float]]) -> str:
    return ", ".join(f"{w} ({s:.2f})" for w, s in pairs)


def produce(out):
    mini, lm = minilm.load(out.project.cache), smollm2.load(cache=out.project.cache)
    # the whole-word rows (no ## pieces, no [unused] slots); SmolLM2's word tokens with a leading space (" table",
    # stored as "Ġtable"), its rows centred on the mean of all 49,152
    vocabs = {"minilm": word_vectors.vocabulary(mini.model.embeddings.word_embeddings.weight.detach(),
                                                mini.tokenizer.get_vocab()),
              "smollm2": word_vectors.vocabulary(word_vectors.centred(lm.model.model.embed_tokens.weight.detach()),
                                                 lm.tokenizer.get_vocab(), marker="Ġ")}
    tables = {"minilm": mini.model.embeddings.word_embeddings.weight.detach(),
              "smollm2": lm.model.model.embed_tokens.weight.detach()}
    tiny_table(out, lm, tables["smollm2"])
    sizes(out, lm, vocabs, tables)
    positions(out, mini, lm)
    zoo_table(out)
    hello_figure(out, mini, lm, tables)
    similarity_figure(out, vocabs)
    pca_figure(out, vocabs)
    neighbours(out, vocabs)
    analogy(out, vocabs)
    tokens(out, mini, lm, vocabs)


def signed(value: float) -> str:
    """One decimal with a real minus sign, and no "-0.0"."""
    return f"{round(value, 1) + 0.0:.1f}".replace("-", "\N{MINUS SIGN}")


def tiny_table(out, lm, table: torch.Tensor) -> None:
    """The TINY words' rows of SmolLM2's table turned into three numbers each: their coordinates on the three axes
    that four points span, which keep every distance between them; shown to one decimal."""
    ids = [lm.encode(" " + w) for w in TINY]
    expect(all(len(i) == 1 for i in ids), f"{PAGE}: a word of {TINY} is not one SmolLM2 token: {ids}")
    full = table[[i[0] for i in ids]].double()  # (4, 576)
    coords, _ = word_vectors.pca(full, len(TINY) - 1)  # (4, 3)
    shown = torch.tensor([[round(float(v), 1) for v in row] for row in coords], dtype=torch.float64)
    out.table("tiny", ["Id", "Token", f"Its row ({len(TINY) - 1} numbers)"],
              [[i, w, ", ".join(signed(v) for v in row.tolist())] for i, (w, row) in enumerate(zip(TINY, shown))])
    lookup = TINY.index(TINY_LOOKUP)
    out.fact("tiny.word", TINY_LOOKUP)
    out.fact("tiny.id", lookup, fmt="{}")
    out.fact("tiny.row", ", ".join(signed(v) for v in shown[lookup].tolist()))
    out.fact("tiny.real_id", ids[lookup][0], fmt="{}")
    out.fact("tiny.words", len(TINY))
    out.fact("tiny.numbers", len(TINY) - 1)
    out.check("tiny-keeps-distances", torch.allclose(torch.cdist(coords, coords), torch.cdist(full, full), atol=1e-6),
              "the three numbers per word keep every distance between the four words' full rows")

    def nearest_of(x: torch.Tensor) -> list[str]:
        d = torch.cdist(x, x)
        d.fill_diagonal_(float("inf"))
        return [TINY[int(j)] for j in d.argmin(dim=1)]

    partners = ["banana", "apple", "dog", "cat"]  # fruit with fruit, animal with animal
    out.check("tiny-neighbours", nearest_of(full) == nearest_of(shown) == partners,
              f"each word's nearest row is its partner's {partners}, in the full rows and in the numbers shown "
              f"(full: {nearest_of(full)}, shown: {nearest_of(shown)})")
    first = shown[:, 0].sign().tolist()
    out.check("tiny-first-number-splits", first[0] == first[1] == -first[2] == -first[3] != 0,
              f"the first number has one sign for the fruits and the other for the animals (signs {first})")


def positions(out, mini, lm) -> None:
    """Where a token's position comes from: MiniLM and GPT-2 learn a table of positions (parameters); SmolLM2
    rotates each query and key by an angle set by the position (RoPE), with no parameters."""
    ids = {"minilm": [mini.encode(t) for t in WORD_ORDER], "smollm2": [lm.encode(t) for t in WORD_ORDER]}
    out.check("same-rows-other-order", all(a != b and sorted(a) == sorted(b) for a, b in ids.values()),
              f"{WORD_ORDER} look up the same rows in another order in both models ({ids})")
    out.fact("order.first", WORD_ORDER[0])
    out.fact("order.second", WORD_ORDER[1])
    learned = {n: p for n, p in mini.model.named_parameters() if "position" in n}
    expect(len(learned) == 1, f"{PAGE}: expected one position table in MiniLM, found {list(learned)}")
    (mini_table,) = learned.values()
    out.fact("positions.minilm.rows", mini_table.shape[0])
    out.fact("positions.minilm.params", mini_table.numel())
    gpt2 = from_hf(zoo.get("gpt2").config)
    gpt2_positions = build_model(zoo.get("gpt2").config).transformer.wpe.weight  # (positions, d_model), meta device
    out.fact("positions.gpt2.rows", gpt2_positions.shape[0])
    out.fact("positions.gpt2.params", gpt2_positions.numel())
    out.check("learned-positions-are-parameters",
              mini_table.shape[1] == mini.model.embeddings.word_embeddings.weight.shape[1] and gpt2.positions > 0,
              "MiniLM's and GPT-2's position tables are parameters, one row per position as long as a token's row")
    named = [n for n, _ in lm.model.named_parameters() if "position" in n or "rotary" in n]
    out.check("rope-no-parameters", not named and not list(lm.model.rotary.parameters())
              and from_hf(zoo.get("smollm2-135m").config).positions == 0,
              f"SmolLM2 has no position parameters (found {named})")
    out.fact("smollm2.rope_theta", lm.model.arch.run.rope_theta, fmt="{:,.0f}")
    rope_relative(out, lm)


def rope_relative(out, lm) -> None:
    """RoPE's point, on SmolLM2's own first layer."""
    # RoPE's point: after rotating a query at position m and a key at n, their product depends only on m - n.
    # Layer 0's first query head reads " cat", its first key head " dog".
    block, head_dim = lm.model.model.layers[0], lm.model.arch.head_dim
    cat, dog = (lm.model.model.embed_tokens.weight[lm.encode(" " + w)[0]].detach() for w in ("cat", "dog"))
    with torch.no_grad():
        q = block.self_attn.q_proj(block.input_layernorm(cat))[:head_dim]
        k = block.self_attn.k_proj(block.input_layernorm(dog))[:head_dim]

    def score(m: int, n: int) -> float:
        cos, sin = lm.model.rotary(torch.tensor([m, n]), torch.float32)  # (2, head_dim) each
        return float((apply_rope(q, cos[0], sin[0]) * apply_rope(k, cos[1], sin[1])).sum())

    scores = {name: score(*at) for name, at in ROPE_AT.items()}
    for name, (m, n) in ROPE_AT.items():
        out.fact(f"rope.{name}.score", scores[name], fmt="{:.2f}")
        out.fact(f"rope.{name}.query_at", m)
        out.fact(f"rope.{name}.key_at", n)
    near, moved, farther = scores["near"], scores["moved"], scores["farther"]
    out.check("rope-relative", abs(near - moved) < 1e-3 * abs(near) and abs(near - farther) > 0.01 * abs(near),
              f"a rotated query-key product is the same at {ROPE_AT['near']} and {ROPE_AT['moved']} ({near:.4f}, "
              f"{moved:.4f}) and differs at {ROPE_AT['farther']} ({farther:.4f})")


def sizes(out, lm, vocabs: dict, tables: dict) -> None:
    """Each table's rows and width, SmolLM2's share, and the other widths inside a layer."""
    for name, table in tables.items():
        V, D = table.shape
        out.fact(f"{name}.vocab", V)
        out.fact(f"{name}.dim", D)
        out.fact(f"{name}.table", V * D)
        out.fact(f"{name}.words", len(vocabs[name].words))
    total = parameters_in(lm.model)
    out.fact("smollm2.table_share", tables["smollm2"].numel() / total, fmt="{:.0%}")
    out.fact("smollm2.model", storage.model_name())

    # Inside a layer the width changes: SmolLM2's MLP and its keys and values, read from the module
    block = lm.model.model.layers[0]
    out.fact("smollm2.mlp_width", block.mlp.gate_proj.out_features)
    out.fact("smollm2.kv_width", block.self_attn.k_proj.out_features)
    out.check("other-widths-inside", block.mlp.gate_proj.out_features != tables["smollm2"].shape[1]
              != block.self_attn.k_proj.out_features, "SmolLM2's MLP and key widths differ from its embedding width")


def zoo_table(out) -> None:
    """Every model of the zoo, built on the meta device: its vocabulary and width, and whether the width is a
    power of two (a common claim: "embeddings have 4,096 dimensions because that is a power of two")."""
    zoo_rows, vocab_sizes, widths = [], [], []
    for name, entry in zoo.ZOO.items():
        V, D = table_shape(build_model(entry.config))
        vocab_sizes.append(V)
        widths.append(D)
        factor = power_of_two_factor(D)
        zoo_rows.append([entry.label, V, D, "yes" if factor == D else f"no: {factor:,} × {D // factor}"])
    out.table("zoo", ["Model", "Embedding rows", "Width", "Power of two?"], zoo_rows)
    qwen2_rows = table_shape(build_model(zoo.get("qwen2-7b").config))[0]
    out.check("qwen2-padded", qwen2_rows > QWEN2_TOKENS,
              f"Qwen2 7B's table ({qwen2_rows:,} rows) is padded past its {QWEN2_TOKENS:,} tokens")
    out.fact("qwen2.rows", qwen2_rows)
    out.fact("qwen2.tokens", QWEN2_TOKENS)
    out.fact("qwen2.padding", qwen2_rows - QWEN2_TOKENS)
    powers = sum(power_of_two_factor(D) == D for D in widths)
    out.fact("zoo.models", len(widths))
    out.fact("zoo.vocab_min", min(vocab_sizes))
    out.fact("zoo.vocab_max", max(vocab_sizes))
    out.fact("zoo.vocab_max_model", zoo_rows[vocab_sizes.index(max(vocab_sizes))][0])
    out.fact("zoo.width_min", min(widths))
    out.fact("zoo.width_max", max(widths))
    out.fact("zoo.powers", powers)
    out.fact("zoo.claimed_width", CLAIMED_WIDTH)
    out.fact("zoo.width_claimed_count", sum(D == CLAIMED_WIDTH for D in widths))
    out.fact("zoo.common_factor", min(power_of_two_factor(D) for D in widths))
    out.check("largest-vocabulary", 100_000 <= max(vocab_sizes) < 1_000_000,
              "the largest vocabulary is a few hundred thousand")
    out.check("smallest-vocabulary", min(vocab_sizes) >= 10_000, "the smallest vocabulary is tens of thousands")
    out.check("powers-a-minority", 0 < powers < len(widths) / 2, "powers of two are a minority of the zoo's widths")
    out.check("multiples-of-64", min(power_of_two_factor(D) for D in widths) >= 64,
              "every width is a multiple of 64")


def hello_figure(out, mini, lm, tables: dict) -> None:
    """The embedding of "hello", one token in each vocabulary (SmolLM2's with its leading space, as in a sentence)."""
    hello = {"minilm": mini.encode("hello")[1:-1], "smollm2": lm.encode(" hello")}
    expect(all(len(ids) == 1 for ids in hello.values()), f"'hello' is not one token in each vocabulary: {hello}")
    rows = {name: tables[name][ids[0]] for name, ids in hello.items()}
    for name, row in rows.items():
        out.fact(f"hello.{name}.id", hello[name][0], fmt="{}")
        out.fact(f"hello.{name}.first", numbers(row[:FIRST]))
        out.fact(f"hello.{name}.all", numbers(row))
        out.fact(f"hello.{name}.min", float(row.min()), fmt="{:.3f}")
        out.fact(f"hello.{name}.max", float(row.max()), fmt="{:.3f}")
    out.fact("first", FIRST)

    def draw_hello():
        import matplotlib.pyplot as plt
        fig, axes = plt.subplots(2, 1, figsize=style.figsize(3.0), gridspec_kw={"hspace": 1.2})
        for ax, name in zip(axes, MODELS):
            row = rows[name].numpy()
            lim = float(abs(row).max())
            # One pixel per number, scaled up without smoothing (interpolation "none": the SVG keeps the 1 × n
            # picture and asks for pixelated scaling): sharp at any zoom, a few KB instead of a path per cell.
            im = ax.imshow(row[None, :], aspect="auto", interpolation="none", cmap=style.DIVERGING, vmin=-lim,
                           vmax=lim, extent=(-0.5, row.size - 0.5, 0, 1))
            ax.set_yticks([])
            shown = "hello" if name == "minilm" else " hello"
            ax.set_title(f'{TITLES[name]}: "{shown}", token {hello[name][0]}', loc="left")
            ax.set_xlabel("dimension")
            style.colorbar(fig, im, ax, "value")
        return fig

    out.figure("hello", draw_hello,
               alt=f'Two colour strips with colour bars, one cell per number: the embedding of "hello" in '
                   f'all-MiniLM-L6-v2 ({rows["minilm"].numel()} numbers) and in {TITLES["smollm2"]} '
                   f'({rows["smollm2"].numel()} numbers). Red cells are positive, blue negative; no pattern is '
                   'visible to the eye.')


def similarity_figure(out, vocabs: dict) -> None:
    """The cosine similarity of every pair of the THEMES' words, in each model's full dimension: nothing flattened,
    so the picture keeps the real similarities, and the themes show as brighter blocks along the diagonal."""
    sims = {name: word_vectors.theme_similarities(vocabs[name], THEMES) for name in MODELS}
    for name, sim in sims.items():
        out.fact(f"similar.{name}.within", sim.within, fmt="{:.2f}")
        out.fact(f"similar.{name}.across", sim.across, fmt="{:.2f}")
        out.fact(f"similar.{name}.nearest", sim.nearest_in_theme)
    words = sims["minilm"].words
    out.fact("similar.words", len(words))
    out.fact("similar.themes", ", ".join(THEMES))
    out.check("themes-brighter", all(s.within > s.across for s in sims.values()),
              "in both models, words of one theme are more similar on average than words of different themes")
    out.check("themes-nearest", all(2 * s.nearest_in_theme > len(words) for s in sims.values()),
              "in both models, most of the words have their most similar other word in their own theme")

    def draw_similar(phone: bool = False):
        """Two square heat maps, side by side (one above the other on a phone), each with its colour bar below it,
        from 0 (or its least similar pair) to its most similar pair of different words: the diagonal, each word with
        itself, is 1 and left blank, or it would squeeze every other cell into a few colours."""
        import matplotlib.pyplot as plt
        fig, axes = plt.subplots(2 if phone else 1, 1 if phone else 2, layout="constrained",
                                 figsize=style.figsize(7.8, PHONE_IN) if phone else style.figsize(4.1))
        bounds = [n - 0.5 for n in accumulate(len(m) for m in THEMES.values())][:-1]  # between the themes' blocks
        for ax, name in zip(axes, MODELS):
            shown = sims[name].matrix.clone()
            shown.fill_diagonal_(float("nan"))
            im = ax.imshow(shown.numpy(), cmap=style.SEQUENTIAL, vmin=min(0.0, sims[name].lowest),
                           vmax=sims[name].highest, interpolation="none")
            ax.set_xticks(range(len(words)), words, rotation=90)
            ax.set_yticks(range(len(words)), words if phone or name == MODELS[0] else [])
            ax.tick_params(length=0)
            for b in bounds:
                ax.axhline(b, color=plt.rcParams["text.color"], lw=0.8)
                ax.axvline(b, color=plt.rcParams["text.color"], lw=0.8)
            for side in ax.spines.values():
                side.set_visible(False)
            ax.set_title(TITLES[name], fontsize=style.TEXT_PT)
            bar = fig.colorbar(im, ax=ax, location="bottom", fraction=0.05, aspect=20)
            bar.set_label("cosine similarity", fontsize=style.MIN_PT)
        return fig

    out.figure("similar", draw_similar,
               alt=f"Two heat maps, {TITLES['minilm']} and {TITLES['smollm2']}: the cosine similarity of every pair "
                   f"of {len(words)} words ({'; '.join(f'{t}: ' + ', '.join(m) for t, m in THEMES.items())}), "
                   "computed over all of each row's numbers. Brighter cells are more similar, each map on its own "
                   f"colour scale; the diagonal is left blank. The {len(THEMES)} themes form brighter blocks along "
                   f"the diagonal: on average {sims['minilm'].within:.2f} within a theme and "
                   f"{sims['minilm'].across:.2f} across in MiniLM, {sims['smollm2'].within:.2f} and "
                   f"{sims['smollm2'].across:.2f} in SmolLM2.")


def pca_figure(out, vocabs: dict) -> None:
    """Word groups projected to 2-D (PCA fitted on these words only)."""
    words = [w for group in GROUPS.values() for w in group]
    labels = [g for g, members in GROUPS.items() for _ in members]
    projections, moved = {}, {}
    for name in MODELS:
        full = torch.stack([vocabs[name].vector(w) for w in words])
        coords, share = word_vectors.pca_2d(full)
        projections[name] = coords
        moved[name] = word_vectors.nearest_moved(full, coords)
        out.fact(f"pca.{name}.moved", moved[name])
        out.fact(f"pca.{name}.same_full", word_vectors.same_group_neighbours(full, labels))
        out.fact(f"pca.{name}.same_2d", word_vectors.same_group_neighbours(coords, labels))
        out.fact(f"pca.{name}.explained", sum(share), fmt="{:.0%}")
        out.fact(f"pca.{name}.pc1", share[0], fmt="{:.0%}")
        out.fact(f"pca.{name}.pc2", share[1], fmt="{:.0%}")
    out.fact("pca.words", len(words))
    out.check("pca-moves-neighbours", all(n > 0 for n in moved.values()),
              "in each model's picture, some word's nearest point is not its nearest word in the full dimension")
    out.fact("pca.groups", ", ".join(GROUPS))

    overlapping = {}

    def draw_pca(phone: bool = False):
        """Two panels, one above the other; each word labelled where it collides with no other label and no point,
        placed at the drawing's own size (on a phone the legend goes above the panels, not beside them)."""
        import matplotlib.pyplot as plt
        fig, axes = plt.subplots(2, 1, figsize=style.figsize(12.0, PHONE_IN) if phone else style.figsize(8.4))
        for ax, name in zip(axes, MODELS):
            xy = projections[name].numpy()
            for g, (group, members) in enumerate(GROUPS.items()):
                idx = [words.index(w) for w in members]
                ax.scatter(xy[idx, 0], xy[idx, 1], color=style.SERIES[g], label=group, s=22)
            ax.set_title(TITLES[name])
            ax.set_xlabel("first principal axis")
            ax.set_ylabel("second principal axis")
            ax.set_xticks([])
            ax.set_yticks([])
            pad_x, pad_y = 0.18 * (xy[:, 0].max() - xy[:, 0].min()), 0.15 * (xy[:, 1].max() - xy[:, 1].min())
            ax.set_xlim(xy[:, 0].min() - pad_x, xy[:, 0].max() + pad_x)
            ax.set_ylim(xy[:, 1].min() - pad_y, xy[:, 1].max() + pad_y)
        if phone:
            fig.legend(*axes[0].get_legend_handles_labels(), loc="upper center", ncols=2, bbox_to_anchor=(0.5, 1.0))
            fig.draw_without_rendering()
            fig.tight_layout(rect=(0, 0, 1, 1 - fig.legends[0].get_window_extent().height / fig.bbox.height - 0.01))
        else:
            axes[0].legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
            fig.tight_layout()
        for ax, name in zip(axes, MODELS):
            labels = word_vectors.place_labels(ax, projections[name].numpy(), words, style.MIN_PT)
            overlapping[name] = word_vectors.overlaps(labels, fig.canvas.get_renderer())
        expect(not any(overlapping.values()), f"{PAGE}: word labels overlap in the projection: {overlapping}")
        return fig

    out.figure("pca", draw_pca,
               alt=f"Two scatter plots, all-MiniLM-L6-v2 above and {TITLES['smollm2']} below: {len(words)} words in "
                   f"{len(GROUPS)} groups ({', '.join(GROUPS)}) projected on their two principal axes, one colour "
                   "per group. The text says how many words keep a neighbour from their own group, in 2-D and in full.")


def neighbours(out, vocabs: dict) -> None:
    """Nearest neighbours in the full dimension, by cosine similarity."""
    rows_nn = []
    for word in NEIGHBOUR_WORDS:
        cells = [word]
        for name in MODELS:
            v = vocabs[name]
            cells.append(listing(word_vectors.nearest(v, v.vector(word), NEIGHBOURS, exclude=(word,))))
        rows_nn.append(cells)
    out.table("neighbours", ["Word", TITLES["minilm"], TITLES["smollm2"]], rows_nn)
    out.fact("neighbours.k", NEIGHBOURS)


def analogy(out, vocabs: dict) -> None:
    """king - man + woman."""
    rows_an = []
    for name in MODELS:
        top = word_vectors.analogy(vocabs[name], "king", "man", "woman", k=3)
        out.fact(f"analogy.{name}.first", top[0][0])
        out.fact(f"analogy.{name}.cos", top[0][1], fmt="{:.2f}")
        rows_an.append([TITLES[name], listing(top)])
        queen = vocabs[name].vector("queen")
        target = vocabs[name].vector("king") - vocabs[name].vector("man") + vocabs[name].vector("woman")
        out.fact(f"analogy.{name}.queen_cos", float(word_vectors.cosine_to_all(queen[None], target)[0]), fmt="{:.2f}")
    out.table("analogy", ["Model", "Nearest to king − man + woman (cosine)"], rows_an)


def tokens(out, mini, lm, vocabs: dict) -> None:
    """A rare word splits into several tokens; common words are one; the two tokenizers' algorithms."""
    split_rows = []
    pieces = {"minilm": mini.pieces, "smollm2": lambda w: [lm.token(i) for i in lm.encode(" " + w)]}
    for word in SPLIT_WORDS:
        split_rows.append([word] + [" · ".join(p.replace(" ", "␣") for p in pieces[name](word)) for name in MODELS])
    out.table("split", ["Word", TITLES["minilm"], TITLES["smollm2"]], split_rows)
    out.fact("space_mark", "␣")
    out.fact("rare.word", RARE)
    for name in MODELS:
        out.fact(f"rare.{name}.count", len(pieces[name](RARE)))

    # The word rows are tokens that start a word and are written in letters: most are whole words, some only the
    # first piece of a longer one, as SmolLM2's first piece of "unbelievable" shows.
    split_first = {w: pieces["smollm2"](w)[0].strip() for w in SPLIT_WORDS if len(pieces["smollm2"](w)) > 1}
    fragments = {w: p for w, p in split_first.items() if p in vocabs["smollm2"].words}
    out.check("fragment-is-word-row", bool(fragments),
              "some word row of SmolLM2 is the first piece of a split word")
    word, fragment = next(iter(fragments.items()), ("", ""))
    out.fact("smollm2.fragment", fragment)
    out.fact("smollm2.fragment_of", word)
    # The two tokenizers differ in algorithm, read from their own definitions.
    kinds = {"minilm": tokenizer_kind(mini.tokenizer), "smollm2": tokenizer_kind(lm.tokenizer)}
    out.check("tokenizer-kinds", kinds == {"minilm": "lower-cased WordPiece", "smollm2": "cased byte-level BPE"},
              f"MiniLM's tokenizer is lower-cased WordPiece and SmolLM2's cased byte-level BPE (now {kinds})")
    for name, kind in kinds.items():
        out.fact(f"{name}.tokenizer", kind)
