"""transformers on the meta device, the oracle the counting tests compare with (a plain module for several tests)."""
import json
from pathlib import Path

ORACLES = Path(__file__).resolve().parent / "oracles"
TABLE = json.loads((ORACLES / "parameter-counts.json").read_text())["models"]
CONFIGS = {p.stem: p for p in sorted((ORACLES / "configs").glob("*.json")) if p.name != "sources.json"}
ENCODERS = ("bert", "roberta", "distilbert")


def hf_model(cfg: dict):
    """transformers' own model for a config.json dict, on the meta device: the causal LM, the bare encoder with
    its pooler, or T5ForConditionalGeneration."""
    import torch
    import transformers
    kw = {k: v for k, v in cfg.items() if k != "model_type"}
    hf_config = transformers.AutoConfig.for_model(cfg["model_type"], **kw)
    with torch.device("meta"):
        if cfg["model_type"] == "t5":
            return transformers.T5ForConditionalGeneration(hf_config)
        if cfg["model_type"] in ENCODERS:
            return transformers.AutoModel.from_config(hf_config)
        return transformers.AutoModelForCausalLM.from_config(hf_config)


def hf_counts(cfg: dict) -> tuple[int, int]:
    """(total, active) of transformers' model: unique parameter elements, minus in each mixture the experts a token
    skips (experts are stacked tensors whose first dimension is the expert)."""
    model = hf_model(cfg)
    total = sum(p.numel() for p in model.parameters())
    k = cfg.get("num_experts_per_tok")
    skipped = 0
    for name, module in model.named_modules():
        if name.endswith(".experts") and k:
            params = list(module.parameters())
            n_experts = params[0].shape[0]
            skipped += (n_experts - k) * sum(p.numel() for p in params) // n_experts
    return total, total - skipped
