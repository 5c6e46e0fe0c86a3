"""Gradient descent on two parameters, small enough to follow by hand: fit a line y = w·x + b to four points.

The loss is the mean squared error of the line; torch's autograd gives its gradient with respect to w and b, and
each step moves (w, b) against that gradient, times the learning rate. The same loop as the tiny language model's
(paramscope.lessons.training), with two parameters instead of a hundred thousand, so the whole loss surface can be
drawn and the path seen on it.
"""
from dataclasses import dataclass

import torch

# Four points near the line y = 1.4·x + 0.9 (its least-squares fit), chosen so that the numbers stay small.
X = (0.0, 1.0, 2.0, 3.0)
Y = (1.0, 2.0, 4.0, 5.0)


@dataclass
class Path:
    """Where gradient descent went: (w, b) and the loss before the first step and after each one."""

    w: list[float]
    b: list[float]
    loss: list[float]
    grad: list[tuple[float, float]]  # (dL/dw, dL/db) at each point of the path but the last


def points() -> tuple[torch.Tensor, torch.Tensor]:
    """The data as float64 tensors x and y, each (N,)."""
    return torch.tensor(X, dtype=torch.float64), torch.tensor(Y, dtype=torch.float64)


def loss(w: torch.Tensor, b: torch.Tensor, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Mean squared error of the line w·x + b on the points; w and b broadcast, so a grid of them gives a grid."""
    error = w[..., None] * x + b[..., None] - y  # (..., N): how far the line misses each point
    return (error**2).mean(-1)


def descend(w0: float, b0: float, lr: float, steps: int) -> Path:
    """`steps` steps of plain gradient descent from (w0, b0): each moves both parameters by -lr times the gradient."""
    x, y = points()
    w = torch.tensor(w0, dtype=torch.float64, requires_grad=True)
    b = torch.tensor(b0, dtype=torch.float64, requires_grad=True)
    path = Path([w0], [b0], [], [])
    for _ in range(steps):
        value = loss(w, b, x, y)
        value.backward()  # autograd: w.grad = dL/dw, b.grad = dL/db
        path.loss.append(value.item())
        path.grad.append((w.grad.item(), b.grad.item()))
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        w.grad = None
        b.grad = None
        path.w.append(w.item())
        path.b.append(b.item())
    path.loss.append(loss(w.detach(), b.detach(), x, y).item())
    return path


def surface(w_range: tuple[float, float], b_range: tuple[float, float], n: int = 121):
    """The loss on an n×n grid of (w, b): (W, B, L), each (n, n), rows along b and columns along w."""
    x, y = points()
    w = torch.linspace(*w_range, n, dtype=torch.float64)
    b = torch.linspace(*b_range, n, dtype=torch.float64)
    B, W = torch.meshgrid(b, w, indexing="ij")  # (n, n) each
    return W, B, loss(W, B, x, y)
