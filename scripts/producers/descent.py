"""Gradient descent on two parameters: a line fitted to four points, its loss surface and the path down it."""
import numpy as np

from paramscope.figures import style
from paramscope.lessons import descent

START = (3.0, 4.0)   # (w, b) before training: a line far too steep and too high
LR = 0.1             # learning rate: each step moves by 0.1 times the gradient
STEPS = 60
PT = 11              # every text of the figure: 4.3 in wide, a phone's 343 px column shows it at 12 px
W_RANGE, B_RANGE = (-0.5, 3.5), (-1.5, 4.5)  # the part of the surface drawn


def listed(values) -> str:
    """[3.0, 5.0, 6.0, 8.0] -> '3, 5, 6 and 8'."""
    shown = [f"{v:g}" for v in values]
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def produce(out):
    x, y = descent.points()
    path = descent.descend(*START, LR, STEPS)
    # The independent answer: least squares in closed form (numpy's solver, no gradient involved)
    design = np.stack([x.numpy(), np.ones(len(x))], axis=1)  # (N, 2): columns w and b multiply
    (best_w, best_b), *_ = np.linalg.lstsq(design, y.numpy(), rcond=None)
    best_loss = float(np.mean((design @ [best_w, best_b] - y.numpy()) ** 2))
    first_step(out, x, y, path)
    out.fact("points", ", ".join(f"({a:g}, {b:g})" for a, b in zip(x.tolist(), y.tolist())))
    out.fact("n_points", len(x))
    out.fact("steps", STEPS)
    out.fact("end.w", path.w[-1], fmt="{:.2f}")
    out.fact("end.b", path.b[-1], fmt="{:.2f}")
    out.fact("end.loss", path.loss[-1], fmt="{:.3f}")
    out.fact("best.w", best_w, fmt="{:.2f}")
    out.fact("best.b", best_b, fmt="{:.2f}")
    out.fact("best.loss", best_loss, fmt="{:.3f}")
    out.check("reaches-best", abs(path.w[-1] - best_w) < 0.05 and abs(path.b[-1] - best_b) < 0.1,
              "the path ends close to the least-squares line")
    out.check("loss-falls", all(a > b for a, b in zip(path.loss, path.loss[1:])),
              "the loss falls at every step")
    surface_figure(out, path, (best_w, best_b))


def first_step(out, x, y, path) -> None:
    """The first step worked out in numbers, and autograd's gradient against the formula derived by hand."""
    w, b = START
    error = w * x + b - y  # (N,): how far the line misses each point
    by_hand = (2 * (error * x).mean().item(), 2 * error.mean().item())  # dL/dw = 2·mean(e·x), dL/db = 2·mean(e)
    out.check("grad-by-hand", np.allclose(path.grad[0], by_hand, rtol=1e-12),
              "autograd's gradient equals the formula derived by hand")
    out.fact("start.w", w, fmt="{:g}")
    out.fact("start.b", b, fmt="{:g}")
    out.fact("start.errors", listed(error.tolist()))
    out.fact("start.loss", path.loss[0], fmt="{:g}")
    out.fact("start.grad.w", path.grad[0][0], fmt="{:g}")
    out.fact("start.grad.b", path.grad[0][1], fmt="{:g}")
    out.fact("lr", LR, fmt="{:g}")
    out.fact("step1.w", path.w[1], fmt="{:.3g}")
    out.fact("step1.b", path.b[1], fmt="{:.3g}")


def surface_figure(out, path, best) -> None:
    """Above, the points with the line at the start, after one step and at the end; below, the loss surface of
    (w, b) with the path gradient descent took. Drawn narrow and stacked, so that a phone shows it at full size."""
    x, y = descent.points()
    W, B, L = descent.surface(W_RANGE, B_RANGE)

    def draw():
        import matplotlib.pyplot as plt
        from matplotlib.colors import LogNorm
        ink = plt.rcParams["text.color"]
        fig, (top, ax) = plt.subplots(2, 1, figsize=style.figsize(6.4, 4.3), height_ratios=[1, 1.9])
        xs = np.array([-0.3, 3.3])
        top.plot(x, y, "o", color=ink, ms=6, zorder=3, label="the points")
        for i, (colour, said) in [(0, (style.SERIES[1], "start")), (1, (style.SERIES[0], "after 1 step")),
                                  (-1, (style.SERIES[2], f"after {len(path.w) - 1} steps"))]:
            top.plot(xs, path.w[i] * xs + path.b[i], color=colour, lw=2, label=said)
        top.set_xlabel("x", fontsize=PT)
        top.set_ylabel("y", fontsize=PT)
        top.set_ylim(-3.5, 8)
        # Above the panel, outside the axes: inside, its dot for "the points" read as a fifth point.
        top.legend(loc="lower center", bbox_to_anchor=(0.5, 1.02), ncols=2, fontsize=PT, frameon=False)
        levels = np.geomspace(best_loss_floor(L), L.max().item(), 14)
        # the filled bands as one picture inside the SVG (their outlines are ~100 KB of paths); the lines stay lines
        ax.contourf(W, B, L, levels=levels, norm=LogNorm(), cmap=style.SEQUENTIAL, alpha=0.85).set_rasterized(True)
        ax.contour(W, B, L, levels=levels, colors=ink, linewidths=0.3, alpha=0.5)
        ax.plot(path.w, path.b, "-o", color="white", mec="black", mew=0.6, ms=3.5, lw=1.2)
        ax.plot(path.w[0], path.b[0], "o", color=style.SERIES[1], mec="black", ms=9, label="start")
        ax.plot(path.w[1], path.b[1], "o", color=style.SERIES[0], mec="black", ms=8, label="after 1 step")
        ax.plot(*best, "*", color="white", mec="black", ms=15, label="least-squares best")
        ax.set_xlabel("w (slope)", fontsize=PT)
        ax.set_ylabel("b (intercept)", fontsize=PT)
        ax.set_title("loss of each (w, b): darker is lower", fontsize=PT)
        ax.legend(loc="lower left", fontsize=PT)
        for a in (top, ax):
            a.tick_params(labelsize=PT)
        return style.finish(fig)

    out.figure("surface", draw, alt=(
        f"Two panels. Above: four points and three lines, the start (w = {path.w[0]:g}, b = {path.b[0]:g}) far "
        f"above them, after one step closer, after {len(path.w) - 1} steps through them. Below: the loss over w and "
        f"b as a coloured contour map, a long narrow valley running diagonally; the path of gradient descent drops "
        f"steeply into the valley in its first step, then creeps along the valley floor to the least-squares best "
        f"line, w = {best[0]:.2f}, b = {best[1]:.2f}."))


def best_loss_floor(L) -> float:
    """The lowest contour: just under the smallest loss on the grid (log-spaced levels need a positive floor)."""
    return 0.95 * L.min().item()
