"""Sampling hyperparameters as pure functions: temperature, top-k, top-p, min-p, then one seeded draw.

Order of application (the same as Hugging Face `transformers` `generate`): temperature, then top-k, then top-p,
then min-p. Each filter sees the distribution left by the previous ones, renormalised over the tokens still kept.
Every token is ranked by its logit, highest first, and among equal logits the lower token id ranks first; top-k keeps
exactly k tokens by that ranking, and top-p fills its mass in that order. The filters work on each row of a batch
(..., V) along its last dimension and keep at least `min_tokens_to_keep` tokens per row, as transformers' do.

Filters work on logits and return logits with removed tokens set to -inf, so they chain; `process` returns the final
probabilities. Everything runs in float64 and in log-space: dividing by a temperature of 0.01 multiplies the logits
by 100, and exp() of those overflows unless the maximum is subtracted first.
"""
import math
from collections.abc import Callable, Sequence

import torch


def _number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)  # True is an int to Python, not a setting


def validate(*, temperature: float = 1.0, top_k: int | None = None, top_p: float | None = None,
             min_p: float | None = None) -> None:
    """Raise ValueError with a one-line message for a setting outside its range."""
    if not (_number(temperature) and math.isfinite(temperature) and temperature >= 0):
        raise ValueError(f"temperature must be a number >= 0, got {temperature}")
    if top_k is not None and (isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 1):
        raise ValueError(f"top-k must be an integer >= 1, got {top_k}")
    if top_p is not None and not (_number(top_p) and 0 <= top_p <= 1):
        raise ValueError(f"top-p must be in [0, 1], got {top_p}")
    if min_p is not None and not (_number(min_p) and 0 <= min_p <= 1):
        raise ValueError(f"min-p must be in [0, 1], got {min_p}")


def _check(logits: torch.Tensor, min_tokens_to_keep: int) -> None:
    if logits.dim() == 0:
        raise ValueError("logits must have a vocabulary dimension (..., V), got a scalar")
    if isinstance(min_tokens_to_keep, bool) or not isinstance(min_tokens_to_keep, int) or min_tokens_to_keep < 1:
        raise ValueError(f"min_tokens_to_keep must be an integer >= 1, got {min_tokens_to_keep}")


def rank(logits: torch.Tensor) -> torch.Tensor:
    """Token ids (..., V) from most to least likely along the last dimension; equal logits keep ascending id order."""
    return torch.sort(logits, dim=-1, descending=True, stable=True).indices


def _keep(logits: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
    """logits where keep is True, -inf elsewhere."""
    return torch.where(keep, logits, torch.full_like(logits, -math.inf))


def _keep_first(keep: torch.Tensor, order: torch.Tensor, n: int) -> torch.Tensor:
    """keep (..., V) with the first n tokens of each row's ranking forced on: the floor min_tokens_to_keep sets."""
    return keep.scatter(-1, order[..., :n], True)


# --8<-- [start:temperature]
def apply_temperature(logits: torch.Tensor, temperature: float) -> torch.Tensor:
    """Divide logits (..., V) by the temperature, each row's maximum shifted to 0; temperature 0 keeps the argmax."""
    logits = logits.to(torch.float64)
    if temperature == 0:
        # Greedy: the limit of T -> 0. argmax returns the first maximum, i.e. the lowest id among ties.
        return _keep(torch.zeros_like(logits), torch.zeros_like(logits, dtype=torch.bool).scatter(
            -1, logits.argmax(dim=-1, keepdim=True), True))
    # Shift first, then divide: each row's largest becomes exp(0) = 1 and the rest go towards exp(-inf) = 0, so
    # nothing overflows at T = 0.01 (or at any T > 0). A row with no finite logit is left as it is.
    top = logits.amax(dim=-1, keepdim=True)
    return (logits - torch.where(torch.isfinite(top), top, 0.0)) / temperature
# --8<-- [end:temperature]


# --8<-- [start:top_k]
def apply_top_k(logits: torch.Tensor, k: int, min_tokens_to_keep: int = 1) -> torch.Tensor:
    """Keep exactly max(k, min_tokens_to_keep) highest logits per row; at a tie on the cut, lower ids stay."""
    _check(logits, min_tokens_to_keep)
    order = rank(logits)
    keep = torch.zeros_like(logits, dtype=torch.bool)
    return _keep(logits, _keep_first(keep, order, min(max(k, min_tokens_to_keep), logits.shape[-1])))
# --8<-- [end:top_k]


# --8<-- [start:top_p]
def apply_top_p(logits: torch.Tensor, p: float, min_tokens_to_keep: int = 1) -> torch.Tensor:
    """Keep each row's smallest run of top-ranked tokens holding at least p (never fewer than min_tokens_to_keep)."""
    _check(logits, min_tokens_to_keep)
    order = rank(logits)
    probs = torch.softmax(logits.to(torch.float64).gather(-1, order), dim=-1)  # (..., V) in rank order
    # A token stays if the tokens ranked above it hold less than p, i.e. if it and the tokens below it hold more
    # than 1 - p. Summing from the tail up keeps tiny probabilities from being lost to rounding, and p = 1 keeps
    # every token (transformers computes it the same way). p = 0 keeps the first token: the floor below.
    tail = torch.flip(torch.cumsum(torch.flip(probs, [-1]), dim=-1), [-1])
    keep = torch.zeros_like(logits, dtype=torch.bool).scatter(-1, order, tail > 1 - p)
    return _keep(logits, _keep_first(keep, order, min(min_tokens_to_keep, logits.shape[-1])))
# --8<-- [end:top_p]


# --8<-- [start:min_p]
def apply_min_p(logits: torch.Tensor, m: float, min_tokens_to_keep: int = 1) -> torch.Tensor:
    """Keep tokens at least m times as likely as their row's most likely one (never fewer than min_tokens_to_keep)."""
    _check(logits, min_tokens_to_keep)
    # p_i >= m * p_max  <=>  logit_i - logit_max >= log(m), with no softmax needed; the maximum is per row.
    threshold = logits.amax(dim=-1, keepdim=True) + (math.log(m) if m > 0 else -math.inf)
    keep = logits >= threshold
    return _keep(logits, _keep_first(keep, rank(logits), min(min_tokens_to_keep, logits.shape[-1])))
# --8<-- [end:min_p]


# --8<-- [start:process]
def process(logits: torch.Tensor, *, temperature: float = 1.0, top_k: int | None = None,
            top_p: float | None = None, min_p: float | None = None, min_tokens_to_keep: int = 1) -> torch.Tensor:
    """Probabilities (..., V) after temperature, top-k, top-p and min-p, renormalised over each row's kept tokens."""
    validate(temperature=temperature, top_k=top_k, top_p=top_p, min_p=min_p)
    _check(logits, min_tokens_to_keep)
    z = apply_temperature(logits, temperature)
    if top_k is not None:
        z = apply_top_k(z, top_k, min_tokens_to_keep)
    if top_p is not None:
        z = apply_top_p(z, top_p, min_tokens_to_keep)
    if min_p is not None:
        z = apply_min_p(z, min_p, min_tokens_to_keep)
    return torch.softmax(z, dim=-1)  # exp(-inf) = 0: removed tokens get exactly zero
# --8<-- [end:process]


# --8<-- [start:sample]
def sample(probs: torch.Tensor, generator: torch.Generator) -> int:
    """Draw one token id from probs (V,); the same generator state always gives the same id."""
    if probs.dim() != 1:
        raise ValueError(f"sample draws one token from one distribution (V,), got shape {tuple(probs.shape)}")
    return int(torch.multinomial(probs, num_samples=1, generator=generator).item())
# --8<-- [end:sample]


# A step of a model: step(tokens, pos, total) -> the logits (V,) of the token after `tokens`, which stand at
# positions pos..pos+len(tokens)-1 of a sequence that will grow to at most `total` positions. The positions are the
# caller's to say (as gpt-fast's input_pos): a model with a KV cache runs only `tokens`; pos 0 starts a sequence.
Step = Callable[[list[int], int, int], torch.Tensor]


# --8<-- [start:generate]
def generate(step: Step, ids: Sequence[int], *, generator: torch.Generator, max_new_tokens: int,
             stop_ids: Sequence[int] = (), **settings) -> list[int]:
    """Extend ids one sampled token at a time: the prompt in one step, then each new token at its position."""
    ids = list(ids)
    total = len(ids) + max_new_tokens
    new: list[int] = []
    logits = step(ids, 0, total) if max_new_tokens > 0 else None
    for _ in range(max_new_tokens):
        token = sample(process(logits, **settings), generator)
        new.append(token)
        if token in stop_ids or len(new) == max_new_tokens:
            break
        logits = step([token], len(ids) + len(new) - 1, total)
    return new
# --8<-- [end:generate]


# --8<-- [start:beam_search]
def beam_search(lm, ids: list[int], width: int, steps: int) -> tuple[list[int], float]:
    """The continuation of `steps` tokens that beam search finds, and its log-probability under the model.

    Every kept continuation is extended by each of its `width` most likely next tokens; of those candidates, the
    `width` whose whole continuation is most probable (the sum of its tokens' log-probabilities) are kept. With a
    width of one this is greedy decoding. Each step reruns the whole sequence: short, and nothing to cache wrongly.
    """
    beams = [([], 0.0)]
    for _ in range(steps):
        candidates = []
        for new, score in beams:
            logp = torch.log_softmax(lm.logits(ids + new)[-1].double(), dim=-1)
            candidates += [(new + [int(i)], score + float(logp[i])) for i in rank(logp)[:width]]
        beams = sorted(candidates, key=lambda c: -c[1])[:width]  # stable: among equal scores, the earlier stays
    return beams[0]
# --8<-- [end:beam_search]


def whole_sequence(next_logits: Callable[[list[int]], torch.Tensor]) -> Step:
    """A Step for a model without a cache: keeps the sequence by position and runs next_logits(sequence) on it."""
    sequence: list[int] = []

    def step(tokens: list[int], pos: int, total: int) -> torch.Tensor:
        del sequence[pos:]
        sequence.extend(tokens)
        return next_logits(list(sequence))

    return step


def entropy(probs: torch.Tensor) -> float:
    """Shannon entropy in bits of one distribution (V,); zero-probability tokens contribute nothing."""
    if probs.dim() != 1:
        raise ValueError(f"entropy takes one distribution (V,), got shape {tuple(probs.shape)}")
    p = probs[probs > 0].to(torch.float64)
    return float(-(p * torch.log2(p)).sum())


def total_variation(p: torch.Tensor, q: torch.Tensor) -> float:
    """Half the L1 distance of two distributions (V,): the largest difference in probability they give one event."""
    return 0.5 * float((p - q).abs().sum())


def temperature_last(logits: torch.Tensor, temperature: float, top_k=None, top_p=None, min_p=None) -> torch.Tensor:
    """The same filters in llama.cpp's default order: top-k, top-p and min-p on the raw logits, temperature last."""
    z = logits.to(torch.float64)
    if top_k is not None:
        z = apply_top_k(z, top_k)
    if top_p is not None:
        z = apply_top_p(z, top_p)
    if min_p is not None:
        z = apply_min_p(z, min_p)
    return torch.softmax(apply_temperature(z, temperature), dim=-1)


@torch.no_grad()
def continuations(model, ids: list[int], temperatures: list[float], eos: int, max_new_tokens: int,
                  seed: int = 0) -> list[list[int]]:
    """`generate` at each temperature, each with its own generator seeded `seed`, run as one batch of rows.

    A step's cost is reading the weights, so five rows cost little more than one. Each row draws from its own
    generator and is cut after its first end-of-text token, so it is what `generate` gives for it alone
    (tests/test_sampling.py compares them row by row).
    """
    generators = [torch.Generator().manual_seed(seed) for _ in temperatures]
    cache = model.new_cache(len(ids) + max_new_tokens, batch=len(temperatures))
    x = torch.tensor([ids] * len(temperatures))  # (rows, T): the prompt once per row
    new: list[list[int]] = [[] for _ in temperatures]
    pos = 0  # where x's tokens stand: the prompt at 0, then each newest token after it
    for _ in range(max_new_tokens):
        logits = model(x, cache=cache, input_pos=pos, last_only=True)[:, -1]  # (rows, V)
        pos += x.shape[1]
        for row, t, g, scores in zip(new, temperatures, generators, logits):
            row.append(sample(process(scores, temperature=t), g))
        x = torch.tensor([[row[-1]] for row in new])  # (rows, 1): each row's newest token
        if all(eos in row for row in new):
            break
    return [row[:row.index(eos) + 1] if eos in row else row for row in new]
