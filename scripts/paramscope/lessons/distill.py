"""Distillation: a small student learns from SmolLM2's next-token distributions instead of only the true next token.

The student's vocabulary is the set of SmolLM2 tokens that occur in the excerpt (training and held-out text) plus one
"other" class. The teacher's distribution is projected onto it exactly: every kept token keeps its probability and
"other" receives the rest, so nothing of the teacher's distribution is truncated or renormalised away.
"""
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from paramscope.lessons import sampling, training
from paramscope.models.count import parameters_in


def soft_labels(logits: torch.Tensor, temperature: float) -> torch.Tensor:
    """A teacher's softened distribution (Hinton et al. 2015): softmax(logits / T). T = 1 is the model's own
    distribution; a higher T flattens it, so the small probabilities, which say which wrong answers are nearly
    right, weigh more in the student's loss."""
    return torch.softmax(sampling.apply_temperature(logits, temperature), dim=-1)


# --8<-- [start:hinton_loss]
def hinton_loss(student_logits: torch.Tensor, teacher_logits: torch.Tensor, targets: torch.Tensor,
                temperature: float, weight: float) -> torch.Tensor:
    """The usual mix: `weight` x T^2 x the cross-entropy of the student's softened distribution against the
    teacher's, plus (1 - weight) x the ordinary next-token loss on the true tokens. Logits (N, V), targets (N,).
    T^2 keeps the soft term's gradients the same size whatever T is."""
    soft_teacher = soft_labels(teacher_logits, temperature)
    log_student = F.log_softmax(student_logits.double() / temperature, dim=-1)
    soft = -(soft_teacher * log_student).sum(dim=-1).mean()
    hard = F.cross_entropy(student_logits.double(), targets)
    return weight * temperature ** 2 * soft + (1 - weight) * hard
# --8<-- [end:hinton_loss]


@dataclass
class Targets:
    """Everything the teacher is asked, computed once: the text in student ids and the teacher's soft targets."""

    vocab: torch.Tensor       # (V_s - 1,) SmolLM2 ids the student can name; student id V_s - 1 is "other"
    train: torch.Tensor       # (N,) training text, student ids
    soft: torch.Tensor        # (N, V_s) teacher's probabilities for the token after each training position
    held: torch.Tensor        # (M,) held-out text, student ids
    held_teacher: torch.Tensor  # (M,) the teacher's most probable student class after each held-out position
    held_teacher_real: torch.Tensor  # (M,) the teacher's most probable real token (class "other" left out)
    teacher_held_loss: float  # teacher's cross-entropy on the true held-out tokens (same in both vocabularies)
    other_mass: float         # mean probability the teacher puts outside the student's vocabulary (training text)

    @property
    def vocab_size(self) -> int:
        return len(self.vocab) + 1


@torch.no_grad()
def teacher_probs(model: nn.Module, ids: list[int], chunk: int) -> torch.Tensor:
    """(len(ids) - 1, V) teacher probabilities for the token after each position, the text read in `chunk`s."""
    n = (len(ids) - 1) // chunk * chunk
    x = torch.tensor(ids[:n]).view(-1, chunk)  # (n / chunk, chunk)
    logits = torch.cat([model(row[None])[0] for row in x])  # (n, V), one sequence at a time to bound memory
    return torch.softmax(logits.float(), dim=-1)


def project(probs: torch.Tensor, vocab: torch.Tensor) -> torch.Tensor:
    """(N, V) teacher probabilities -> (N, V_s): kept tokens as they are, the remainder on the last ("other") class."""
    kept = probs[:, vocab]  # (N, V_s - 1)
    return torch.cat([kept, (1 - kept.sum(dim=1, keepdim=True)).clamp(min=0)], dim=1)


def teacher_targets(teacher: nn.Module, train_ids: list[int], held_ids: list[int], chunk: int = 256) -> Targets:
    """Run the teacher once over both texts (multiples of `chunk` tokens plus one) and build the student's targets."""
    vocab = torch.tensor(sorted(set(train_ids) | set(held_ids)))
    to_student = torch.full((max(max(train_ids), max(held_ids)) + 1,), -1, dtype=torch.long)
    to_student[vocab] = torch.arange(len(vocab))
    train_p, held_p = teacher_probs(teacher, train_ids, chunk), teacher_probs(teacher, held_ids, chunk)
    n, m = len(train_p), len(held_p)
    train, held = to_student[torch.tensor(train_ids[: n + 1])], to_student[torch.tensor(held_ids[: m + 1])]
    held_true = torch.tensor(held_ids[1 : m + 1])
    soft, held_soft = project(train_p, vocab), project(held_p, vocab)
    return Targets(
        vocab=vocab, train=train, soft=soft, held=held,
        held_teacher=held_soft.argmax(dim=1),
        held_teacher_real=held_soft[:, :-1].argmax(dim=1),
        teacher_held_loss=-held_p[torch.arange(m), held_true].log().mean().item(),
        other_mass=soft[:, -1].mean().item(),
    )


def soft_batch(t: Targets, starts: torch.Tensor, context: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Inputs (B, T) and the teacher's distributions for each next token (B, T, V_s)."""
    x = torch.stack([t.train[s : s + context] for s in starts.tolist()])  # (B, T)
    p = torch.stack([t.soft[s : s + context] for s in starts.tolist()])   # (B, T, V_s)
    return x, p


# --8<-- [start:soft_loss]
def soft_loss(model: nn.Module, x: torch.Tensor,
              p: torch.Tensor) -> torch.Tensor:
    """Cross-entropy with the teacher's distribution (KL + a constant)."""
    logp = F.log_softmax(training.logits_of(model, x), dim=-1)  # (B, T, V_s)
    return -(p * logp).sum(dim=-1).mean()
# --8<-- [end:soft_loss]


AGREEMENTS = ("all", "real_positions", "real_tokens")  # the three ways `evaluate` compares student and teacher


@torch.no_grad()
def evaluate(model: nn.Module, t: Targets, context: int) -> tuple[float, dict[str, float]]:
    """Held-out loss on the true next tokens, and how often the student's top class is the teacher's, three ways.

    "all": top class over every class, "other" included, at every position; "real_positions": the same, only at
    positions where the teacher's top class is a real token; "real_tokens": top real token of each (class "other"
    left out of both), at every position. The last two never reward predicting "other", which only the soft
    student was ever trained to predict.
    """
    was_training = model.training
    model.eval()
    n = (len(t.held) - 1) // context
    x = t.held[: n * context].view(n, context)          # (n, T) non-overlapping windows
    y = t.held[1 : n * context + 1].view(n, context)    # (n, T) the true next tokens
    logits = training.logits_of(model, x)              # (n, T, V_s)
    # Every true token is a real token, never "other": score both students over the real tokens only, so that
    # mass the soft student learned to put on "other" (where the teacher put it) is not counted against it.
    real = logits[..., :-1]                             # (n, T, V_s - 1)
    loss = F.cross_entropy(real.reshape(-1, real.size(-1)), y.reshape(-1)).item()
    teacher, teacher_real = t.held_teacher[: n * context], t.held_teacher_real[: n * context]  # (n*T,)
    same = logits.argmax(dim=-1).reshape(-1) == teacher  # (n*T,)
    real_top = teacher != t.vocab_size - 1               # positions whose teacher top class is a real token
    agree = {
        "all": same.float().mean().item(),
        "real_positions": same[real_top].float().mean().item(),
        "real_tokens": (real.argmax(dim=-1).reshape(-1) == teacher_real).float().mean().item(),
    }
    model.train(was_training)
    return loss, agree


def teacher_other_top(t: Targets, context: int) -> tuple[int, int]:
    """(positions whose teacher top class is "other", positions scored) on the held-out windows `evaluate` uses."""
    n = (len(t.held) - 1) // context * context
    return int((t.held_teacher[:n] == t.vocab_size - 1).sum()), n


@dataclass
class Student:
    history: training.History
    agreement: dict[str, list[float]]  # per way of AGREEMENTS: agreement with the teacher at each eval step
    params: int


def train_student(t: Targets, size: training.TinyLM, cfg: training.TrainConfig, soft: bool) -> Student:
    """Train a student from seed 0 on the training text: the teacher's distributions if `soft`, else the true tokens.

    Both students see the same windows in the same order (the batch generator is seeded alike), for the same steps.
    """
    model = size.build(t.vocab_size, cfg.context, seed=0)
    agreement: dict[str, list[float]] = {way: [] for way in AGREEMENTS}

    def sample(g):
        starts = training.windows(len(t.train), cfg.batch_size, cfg.context, g)
        return soft_batch(t, starts, cfg.context) if soft else training.batch(t.train, starts, cfg.context)

    def on_eval() -> float:
        loss, agree = evaluate(model, t, cfg.context)
        for way, value in agree.items():
            agreement[way].append(value)
        return loss

    loss_fn = soft_loss if soft else training.next_token_loss
    history = training.train(model, cfg, sample, loss_fn, on_eval)
    return Student(history, agreement, parameters_in(model))
