"""A router on numbers small enough to check by hand: one token's three-number vector, four experts, the router's
four rows, their scores, the softmax, the two experts kept and their rescaled weights (computed by the site's own
Router module, the one the tiny mixture trains with)."""
import torch

from paramscope.figures import style
from paramscope.models.moe import Router
from paramscope.text.printed import number, vector
from paramscope_generator.api import expect

VECTOR = [1.0, 2.0, -1.0]          # the token's vector
ROUTER = [[1.0, 0.0, 1.0],          # one row per expert, chosen so that every score is a whole number
          [0.0, 1.0, 0.0],
          [1.0, 1.0, 0.0],
          [-1.0, 0.0, 0.0]]
TOP_K = 2
WIDTH_IN = 4.2  # narrow enough that its 10 pt text stays >= 11 px in a phone's column
FONT = 10


def produce(out):
    # The router computes its softmax in float32 (as Mixtral does), so the checks allow float32 rounding.
    router = Router(hidden_size=len(VECTOR), n_experts=len(ROUTER), top_k=TOP_K).double()
    with torch.no_grad():
        router.weight.copy_(torch.tensor(ROUTER, dtype=torch.float64))
        routing = router(torch.tensor([VECTOR], dtype=torch.float64))
    scores = routing.logits[0]                       # (4,)
    shares = torch.softmax(scores, dim=-1)           # (4,)
    chosen = [int(e) for e in routing.experts[0]]    # (2,) expert ids, best first
    weights = [float(w) for w in routing.weights[0]]
    expect([float(s) for s in scores] == [sum(a * b for a, b in zip(row, VECTOR)) for row in ROUTER],
           "the router's scores differ from each row's dot product with the vector")
    rows = []
    for e, (row, s, p) in enumerate(zip(ROUTER, scores, shares)):
        kept = e in chosen
        rows.append([f"expert {e + 1}", vector(row), number(s), float(p),
                     "kept" if kept else "—", f"{weights[chosen.index(e)]:.3f}" if kept else "—"])
    out.table("steps", ["Expert", "Router row", "Score", "Softmax share", "Top two", "Rescaled"], rows,
              fmt={"Softmax share": "{:.3f}"})
    out.fact("vector", vector(VECTOR))
    out.fact("experts", len(ROUTER))
    out.fact("top_k", TOP_K)
    out.fact("chosen", " and ".join(str(e + 1) for e in chosen))
    out.fact("mix", " and ".join(f"{w:.3f}" for w in weights))
    out.fact("used_share", TOP_K / len(ROUTER), fmt="{:.0%}")
    shares_figure(out, [float(s) for s in scores], [float(p) for p in shares], chosen, weights)
    best = sorted(range(len(ROUTER)), key=lambda e: -float(scores[e]))[:TOP_K]
    out.check("top-two-rescaled", chosen == best and abs(sum(weights) - 1) < 1e-6
              and abs(weights[0] / weights[1] - float(shares[chosen[0]] / shares[chosen[1]])) < 1e-6,
              "the experts kept are the two best scores, and their weights are their softmax shares rescaled "
              "to sum to one")


def shares_figure(out, scores: list[float], shares: list[float], chosen: list[int], weights: list[float]) -> None:
    """The routing of the one token as bars: each expert's softmax share, the kept two coloured with their
    rescaled weight written beside them."""
    rows = [f"expert {e + 1}\nscore {number(s)}" for e, s in enumerate(scores)]

    def draw():
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=style.figsize(2.3, WIDTH_IN))
        theme = "dark" if plt.rcParams["text.color"] == style.INK["dark"] else "light"
        colors = [style.kind_color("experts") if e in chosen else style.MUTED[theme] for e in range(len(shares))]
        ax.barh(range(len(shares)), shares, color=colors, height=0.6)
        for e, p in enumerate(shares):
            said = f"{p:.3f}: kept, weight {weights[chosen.index(e)]:.3f}" if e in chosen else f"{p:.3f}: idle"
            ax.text(p + 0.02, e, said, va="center", fontsize=FONT)
        ax.set_yticks(range(len(shares)), rows, fontsize=FONT)
        ax.invert_yaxis()
        ax.set_xlim(0, 1.45)
        ax.set_xticks([0, 0.5, 1])
        ax.spines["bottom"].set_bounds(0, 1)
        ax.tick_params(labelsize=FONT)
        ax.set_xlabel("softmax share of the router's scores", fontsize=FONT)
        fig.tight_layout()
        return fig

    out.figure("shares", draw, alt=(
        f"Bars of the softmax share each of {len(shares)} experts gets for the token {vector(VECTOR)}: "
        + "; ".join(f"expert {e + 1}, score {number(s)}, share {p:.3f}"
                    + (f", kept with weight {weights[chosen.index(e)]:.3f}" if e in chosen else ", idle")
                    for e, (s, p) in enumerate(zip(scores, shares))) + "."))
