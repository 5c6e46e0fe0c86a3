"""How parameters get their values: a small, seeded training loop for next-token prediction.

Every parameter starts random; each step computes the loss on a batch of text, backpropagation gives the gradient
of that loss with respect to every parameter, and AdamW nudges each parameter against its gradient. The loop
records what the site shows: the loss curve, a few individual parameters' values at every step, and samples.
"""
import math
from dataclasses import dataclass, field
from typing import Callable

import torch
import torch.nn.functional as F
from torch import nn

from paramscope.lessons import sampling
from paramscope.models import build_model, init_weights


@dataclass
class TrainConfig:
    steps: int = 300            # optimiser updates: every parameter is changed once per step
    batch_size: int = 16        # sequences per step; more averages out noise in the gradient
    context: int = 64           # tokens per sequence the model sees at once
    lr: float = 3e-3            # peak learning rate; tiny models tolerate a large one
    warmup: int = 20            # steps of linear warm-up: Adam's early estimates are noisy
    min_lr_ratio: float = 0.1   # cosine decay ends at this fraction of the peak
    weight_decay: float = 0.01  # AdamW's pull of every weight towards zero
    grad_clip: float = 1.0      # cap on the gradient's norm, so one bad batch cannot wreck the weights
    eval_every: int = 25        # steps between held-out evaluations
    eval_batches: int = 4       # batches averaged for each held-out loss
    seed: int = 0               # seeds the batches; the model's initial weights are seeded by its caller


@dataclass
class TinyLM:
    """The language model trained in the build: a Llama from paramscope.models, small enough for seconds on a CPU."""

    hidden_size: int = 64         # width of every token's vector
    intermediate_size: int = 176  # MLP hidden width, about 8/3 of hidden_size as in Llama
    num_hidden_layers: int = 2    # two layers already learn spelling and short words
    num_attention_heads: int = 4  # head_dim 16
    init_std: float = 0.02        # every weight starts as a draw from N(0, 0.02^2), as in GPT-2 and Llama
    num_local_experts: int = 0    # > 0: a mixture of experts in place of each MLP (paramscope.lessons.routing)
    num_experts_per_tok: int = 2  # top-k of the mixture

    def build(self, vocab_size: int, context: int, seed: int) -> nn.Module:
        """A freshly initialised model: every weight random, every norm gain 1."""
        config = dict(  # a config.json, read as any other; norm epsilon and rotary base as Llama's defaults
            model_type="llama", vocab_size=vocab_size, hidden_size=self.hidden_size,
            intermediate_size=self.intermediate_size, num_hidden_layers=self.num_hidden_layers,
            num_attention_heads=self.num_attention_heads, num_key_value_heads=self.num_attention_heads,
            max_position_embeddings=context, rms_norm_eps=1e-6, rope_theta=10000.0)
        if self.num_local_experts:
            config.update(model_type="mixtral", num_local_experts=self.num_local_experts,
                          num_experts_per_tok=self.num_experts_per_tok)
        return init_weights(build_model(config, device="cpu"), std=self.init_std, seed=seed)


@dataclass
class History:
    """What happened during training, for figures and facts."""

    steps: list[int] = field(default_factory=list)           # 1..steps
    loss: list[float] = field(default_factory=list)          # training loss of each step's batch
    lr: list[float] = field(default_factory=list)
    eval_steps: list[int] = field(default_factory=list)      # 0 (before any update), eval_every, ..., steps
    eval_loss: list[float] = field(default_factory=list)     # held-out loss at those steps
    watched: dict[str, list[float]] = field(default_factory=dict)  # "name[i, j]" -> value before step 1 and after each
    updates: int = 0          # optimiser steps taken: how many times each parameter was changed
    tokens: int = 0           # training tokens the model predicted


def logits_of(model: nn.Module, ids: torch.Tensor) -> torch.Tensor:
    """(B, T) token ids -> (B, T, V) logits, whether the model returns a tensor or an object with `.logits`."""
    out = model(ids)
    return out if isinstance(out, torch.Tensor) else out.logits


def windows(n_tokens: int, batch_size: int, context: int, generator: torch.Generator) -> torch.Tensor:
    """Random start offsets of `batch_size` windows of context+1 tokens (inputs plus the next token)."""
    return torch.randint(0, n_tokens - context - 1, (batch_size,), generator=generator)


def batch(ids: torch.Tensor, starts: torch.Tensor, context: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Inputs x and targets y, each (B, T): y is x shifted by one token, the text's own next token."""
    rows = torch.stack([ids[s : s + context + 1] for s in starts.tolist()])  # (B, T+1)
    return rows[:, :-1], rows[:, 1:]


def random_batches(ids: torch.Tensor, cfg: TrainConfig) -> Callable[[torch.Generator], tuple]:
    """The sampler `train` draws from: each call, cfg.batch_size windows of `ids` at random starts (from the
    generator it is given), as inputs and targets of cfg.context tokens (`batch`)."""
    def sample(g: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
        return batch(ids, windows(len(ids), cfg.batch_size, cfg.context, g), cfg.context)
    return sample


def next_token_loss(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy of the true next token: how surprised the model is by the real text."""
    logits = logits_of(model, x)  # (B, T, V)
    return F.cross_entropy(logits.reshape(-1, logits.size(-1)), y.reshape(-1))


def learning_rate(step: int, cfg: TrainConfig) -> float:
    """Linear warm-up, then cosine decay to min_lr_ratio of the peak."""
    if step <= cfg.warmup:
        return cfg.lr * step / cfg.warmup
    progress = (step - cfg.warmup) / max(1, cfg.steps - cfg.warmup)
    return cfg.lr * (cfg.min_lr_ratio + (1 - cfg.min_lr_ratio) * 0.5 * (1 + math.cos(math.pi * progress)))


def pick_watched(model: nn.Module, n: int, generator: torch.Generator) -> list[tuple[str, tuple[int, ...]]]:
    """n individual numbers to follow: one random element from each of n matrices spread through the model."""
    matrices = [name for name, p in model.named_parameters() if p.dim() == 2]
    chosen = [matrices[round(i * (len(matrices) - 1) / max(1, n - 1))] for i in range(n)]
    params = dict(model.named_parameters())
    picks = []
    for name in chosen:
        shape = params[name].shape
        picks.append((name, tuple(int(torch.randint(0, s, (1,), generator=generator)) for s in shape)))
    return picks


def label(name: str, index: tuple[int, ...]) -> str:
    return f"{name}[{', '.join(map(str, index))}]"


def train(
    model: nn.Module,
    cfg: TrainConfig,
    sample: Callable[[torch.Generator], tuple],
    loss_fn: Callable[..., torch.Tensor],
    evaluate: Callable[[], float] | None = None,
    watch: list[tuple[str, tuple[int, ...]]] = (),
) -> History:
    """Run cfg.steps AdamW updates of `loss_fn(model, *sample(generator))`; record losses and watched values."""
    generator = torch.Generator().manual_seed(cfg.seed)
    params = dict(model.named_parameters())
    # Norm gains and biases are not decayed: pulling a gain towards zero would switch its feature off.
    decay = [p for p in params.values() if p.dim() >= 2]
    no_decay = [p for p in params.values() if p.dim() < 2]
    optimiser = torch.optim.AdamW(
        [{"params": decay, "weight_decay": cfg.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=cfg.lr, betas=(0.9, 0.95),
    )
    history = History(watched={label(n, i): [params[n][i].item()] for n, i in watch})

    def record_eval(step: int) -> None:
        if evaluate is not None:
            history.eval_steps.append(step)
            history.eval_loss.append(evaluate())

    record_eval(0)
    # --8<-- [start:loop]
    for step in range(1, cfg.steps + 1):
        model.train()
        lr = learning_rate(step, cfg)
        for group in optimiser.param_groups:
            group["lr"] = lr
        inputs = sample(generator)
        loss = loss_fn(model, *inputs)
        optimiser.zero_grad(set_to_none=True)
        loss.backward()  # backpropagation: d loss / d parameter for every parameter at once
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
        optimiser.step()  # gradient descent: every parameter moves a little against its gradient
        history.steps.append(step)
        history.loss.append(loss.item())
        history.lr.append(lr)
        history.updates += 1
        history.tokens += inputs[0].numel()
        for n, i in watch:
            history.watched[label(n, i)].append(params[n][i].item())
        if step % cfg.eval_every == 0 or step == cfg.steps:
            record_eval(step)
    # --8<-- [end:loop]
    model.eval()
    return history


@torch.no_grad()
def held_out_loss(model: nn.Module, ids: torch.Tensor, context: int, n_batches: int, batch_size: int) -> float:
    """Mean next-token loss on fixed, evenly spaced windows of held-out text (the same windows every call)."""
    was_training = model.training
    model.eval()
    n = n_batches * batch_size
    starts = torch.linspace(0, len(ids) - context - 2, n).long()
    losses = [next_token_loss(model, *batch(ids, s, context)).item() for s in starts.split(batch_size)]
    model.train(was_training)
    return sum(losses) / len(losses)


@torch.no_grad()
def write(model: nn.Module, prompt: list[int], n_new: int, context: int, seed: int,
          temperature: float = 0.8) -> list[int]:
    """What the model writes after `prompt`: n_new tokens drawn with paramscope.lessons.sampling from a seeded
    generator."""
    was_training = model.training
    model.eval()
    generator = torch.Generator().manual_seed(seed)
    def next_logits(ids):
        return logits_of(model, torch.tensor(ids[-context:])[None])[0, -1]  # (V,)
    new = sampling.generate(sampling.whole_sequence(next_logits), prompt, generator=generator, max_new_tokens=n_new,
                            temperature=temperature)
    model.train(was_training)
    return new
