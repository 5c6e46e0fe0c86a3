"""Training compute from the 6 x parameters x tokens rule, and tokens per parameter against the ~20 rule of thumb.

Training a dense transformer costs about 6 floating-point operations per parameter per training token: 2 for the
forward pass (a multiply and an add per weight) and about 4 for the backward pass (Kaplan et al. 2020, section 2.1).
Parameter counts come from the project's counting code; the token counts below are what the model makers published.
"""
from dataclasses import dataclass

FLOPS_PER_PARAM_PER_TOKEN = 6          # forward 2 + backward 4 (Kaplan et al. 2020, https://arxiv.org/abs/2001.08361)
INFERENCE_FLOPS_PER_PARAM = 2          # one multiply and one add per weight for each generated token
COMPUTE_OPTIMAL_TOKENS_PER_PARAM = 20  # Hoffmann et al. 2022 (Chinchilla), https://arxiv.org/abs/2203.15556
QUADRILLION = 10**15


@dataclass(frozen=True)
class Run:
    """A published training run: which model, how many tokens it was trained on, and where that is stated."""

    model: str   # key of the model in the project's zoo
    tokens: int  # training tokens, as published
    source: str  # footnote key
    citation: str
    batch_tokens: int | None = None  # tokens per optimizer step, where published


RUNS = [
    Run("gpt3-175b", 300 * 10**9, "gpt3-paper",
        "Brown et al. (2020), Language Models are Few-Shot Learners, Table 2.2 and Appendix D: 300 billion training "
        "tokens; Table 2.1: batch size 3.2M tokens for the 175B model. https://arxiv.org/abs/2005.14165",
        batch_tokens=3_200_000),
    Run("llama-2-70b", 2 * 10**12, "llama2-paper",
        "Touvron et al. (2023), Llama 2: Open Foundation and Fine-Tuned Chat Models, Table 1: 2.0T tokens. "
        "https://arxiv.org/abs/2307.09288"),
    Run("llama-3-8b", 15 * 10**12, "llama3-card",
        "Meta (2024), Llama 3 model card: pretrained on over 15T tokens. "
        "https://github.com/meta-llama/llama3/blob/main/MODEL_CARD.md"),
]


def training_flops(n_params: int, n_tokens: int) -> int:
    """Approximate training compute of a dense model: 6 * N * D floating-point operations."""
    return FLOPS_PER_PARAM_PER_TOKEN * n_params * n_tokens


def inference_flops_per_token(n_active_params: int) -> int:
    """Approximate compute to produce one token: 2 operations per parameter the token passes through."""
    return INFERENCE_FLOPS_PER_PARAM * n_active_params


def run_of(model: str) -> Run:
    """The published run of a zoo model (an error if none is listed)."""
    found = [run for run in RUNS if run.model == model]
    if not found:
        raise KeyError(f"no published training run of {model!r} in paramscope.data.compute_budget.RUNS")
    return found[0]


def optimizer_steps(run: Run) -> int:
    """How many times each parameter is updated: one optimizer step per batch of training tokens."""
    return run.tokens // run.batch_tokens


def tokens_per_param(n_params: int, n_tokens: int) -> float:
    return n_tokens / n_params
