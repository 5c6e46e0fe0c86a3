"""The Training page's two-parameter lesson: autograd's gradient against the formula derived by hand, and gradient
descent's end point against the least-squares line in closed form (no gradient involved)."""
import torch

from paramscope.lessons import descent


def closed_form(x: list[float], y: list[float]) -> tuple[float, float]:
    """The least-squares line from the textbook formulas: slope = cov(x, y) / var(x), intercept through the means."""
    mx, my = sum(x) / len(x), sum(y) / len(y)
    slope = sum((a - mx) * (b - my) for a, b in zip(x, y)) / sum((a - mx) ** 2 for a in x)
    return slope, my - slope * mx


def test_gradient_is_the_hand_derived_formula():
    x, y = descent.X, descent.Y
    generator = torch.Generator().manual_seed(0)
    for w0, b0 in (torch.randn(20, 2, generator=generator, dtype=torch.float64) * 3).tolist():
        path = descent.descend(w0, b0, lr=0.0, steps=1)  # lr 0: one gradient, no move
        miss = [w0 * a + b0 - c for a, c in zip(x, y)]
        # L = mean(miss^2): dL/dw = 2 mean(miss * x), dL/db = 2 mean(miss)
        by_hand = (2 * sum(m * a for m, a in zip(miss, x)) / len(x), 2 * sum(miss) / len(x))
        assert torch.allclose(torch.tensor(path.grad[0]), torch.tensor(by_hand), rtol=1e-12, atol=1e-12)
        assert abs(path.loss[0] - sum(m * m for m in miss) / len(x)) < 1e-12


def test_one_step_is_lr_times_the_gradient():
    path = descent.descend(3.0, 4.0, lr=0.1, steps=1)
    gw, gb = path.grad[0]
    assert abs(path.w[1] - (3.0 - 0.1 * gw)) < 1e-12 and abs(path.b[1] - (4.0 - 0.1 * gb)) < 1e-12


def test_descent_ends_at_the_least_squares_line():
    best_w, best_b = closed_form(list(descent.X), list(descent.Y))
    path = descent.descend(3.0, 4.0, lr=0.1, steps=400)
    assert abs(path.w[-1] - best_w) < 1e-6 and abs(path.b[-1] - best_b) < 1e-6
    assert all(a >= b - 1e-15 for a, b in zip(path.loss, path.loss[1:]))  # falls until rounding


def test_surface_is_the_loss_at_each_grid_point():
    W, B, L = descent.surface((-1.0, 3.0), (-2.0, 4.0), n=7)
    x, y = descent.X, descent.Y
    i, j = 2, 5
    w, b = W[i, j].item(), B[i, j].item()
    assert abs(L[i, j].item() - sum((w * a + b - c) ** 2 for a, c in zip(x, y)) / len(x)) < 1e-12
    assert W[0, 0].item() == -1.0 and W[0, -1].item() == 3.0 and B[0, 0].item() == -2.0 and B[-1, 0].item() == 4.0
