"""Numbers the build cannot compute, copied from model cards with their source: benchmark scores and training cost.

Each table is typed once here, with the card it comes from; producers compare and sum them, never retype them.
"""
from dataclasses import dataclass

LLAMA3_CARD = "https://github.com/meta-llama/llama3/blob/main/MODEL_CARD.md"
LLAMA31_CARD = "https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/MODEL_CARD.md"

# Llama 3 model card, "Base pretrained models": benchmark -> (Llama 3 8B, Llama 2 70B).
LLAMA3_BASE = {
    "MMLU (5-shot)": (66.6, 69.7),
    "AGIEval English (3-5 shot)": (45.9, 54.8),
    "CommonSenseQA (7-shot)": (72.6, 78.7),
    "Winogrande (5-shot)": (76.1, 81.8),
    "BIG-Bench Hard (3-shot, CoT)": (61.1, 65.7),
    "ARC-Challenge (25-shot)": (78.6, 85.3),
    "TriviaQA-Wiki (5-shot)": (78.5, 87.5),
    "SQuAD (1-shot)": (76.4, 82.6),
    "QuAC (1-shot, F1)": (44.4, 49.4),
    "BoolQ (0-shot)": (75.7, 73.1),
    "DROP (3-shot, F1)": (58.4, 70.2),
}
# Same card, "Instruction tuned models": benchmark -> (Llama 3 8B Instruct, Llama 2 70B Chat).
LLAMA3_INSTRUCT = {
    "MMLU (5-shot)": (68.4, 52.9),
    "GPQA (0-shot)": (34.2, 21.0),
    "HumanEval (0-shot)": (62.2, 25.6),
    "GSM-8K (8-shot, CoT)": (79.6, 57.5),
    "MATH (4-shot, CoT)": (30.0, 11.6),
}
# Same card, the Llama 3 70B column of each table: benchmark -> score. Llama 3 8B and 70B share the card's training
# data (a new mix of public online data, 15T+ tokens), so these set size apart from the data.
LLAMA3_70B_BASE = {
    "MMLU (5-shot)": 79.5,
    "AGIEval English (3-5 shot)": 63.0,
    "CommonSenseQA (7-shot)": 83.8,
    "Winogrande (5-shot)": 83.1,
    "BIG-Bench Hard (3-shot, CoT)": 81.3,
    "ARC-Challenge (25-shot)": 93.0,
    "TriviaQA-Wiki (5-shot)": 89.7,
    "SQuAD (1-shot)": 85.6,
    "QuAC (1-shot, F1)": 51.1,
    "BoolQ (0-shot)": 79.0,
    "DROP (3-shot, F1)": 79.7,
}
LLAMA3_70B_INSTRUCT = {
    "MMLU (5-shot)": 82.0,
    "GPQA (0-shot)": 39.5,
    "HumanEval (0-shot)": 81.7,
    "GSM-8K (8-shot, CoT)": 93.0,
    "MATH (4-shot, CoT)": 50.4,
}


def against_8b(eight_b: dict[str, tuple[float, float]], other: dict[str, float]) -> dict[str, tuple[float, float]]:
    """benchmark -> (Llama 3 8B, `other`), the 8B's scores read from the first column of `eight_b`."""
    return {name: (eight_b[name][0], score) for name, score in other.items()}


@dataclass(frozen=True)
class TrainingCost:
    """Pretraining cost as a model card states it."""

    label: str
    gpu_hours: float     # H100-80GB hours
    power_w: int         # the card's power per GPU: peak (TDP), adjusted for power usage efficiency
    tco2eq: float        # location-based emissions, tonnes of CO2 equivalent
    card: str


TRAINING_COSTS = [
    TrainingCost("Llama 3 8B", 1.3e6, 700, 390, LLAMA3_CARD),
    TrainingCost("Llama 3 70B", 6.4e6, 700, 1900, LLAMA3_CARD),
    TrainingCost("Llama 3.1 8B", 1.46e6, 700, 420, LLAMA31_CARD),
    TrainingCost("Llama 3.1 70B", 7.0e6, 700, 2040, LLAMA31_CARD),
    TrainingCost("Llama 3.1 405B", 30.84e6, 700, 8930, LLAMA31_CARD),
]


def energy_mwh(cost: TrainingCost) -> float:
    """GPU hours times the card's power per GPU, in megawatt-hours: the energy the card's own figures imply."""
    return cost.gpu_hours * cost.power_w / 1e6


def wins(scores: dict[str, tuple[float, float]]) -> tuple[int, int]:
    """(benchmarks the first model scores higher on, benchmarks the second scores higher on)."""
    return sum(a > b for a, b in scores.values()), sum(b > a for a, b in scores.values())
