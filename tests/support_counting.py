"""transformers on the meta device, the oracle the counting tests compare with (a plain module for several tests)."""
import json
from pathlib import Path

ORACLES = Path(__file__).resolve().parent / "oracles"
TABLE = json.loads((ORACLES / "parameter-counts.json").read_text())["models"]
CONFIGS = {p.stem: p for p in sorted((ORACLES / "configs").glob("*.json")) if p.name != "sources.json"}
ENCODERS = ("bert", "roberta", "distilbert")


# Multimodal wrappers: transformers' config class of the whole model builds its text config, whose causal LM is
# what the site counts (the vision tower is left out, and said so).
WRAPPERS = ("llama4", "gemma3", "mistral3")
# The names families give the number of experts a token uses.
TOP_K_NAMES = ("num_experts_per_tok", "moe_k", "moe_topk", "experts_per_token")


def hf_config(cfg: dict):
    import transformers
    kw = {k: v for k, v in cfg.items() if k != "model_type"}
    config = transformers.AutoConfig.for_model(cfg["model_type"], **kw)
    return config.get_text_config() if cfg["model_type"] in WRAPPERS else config


def top_k(config) -> int:
    """Experts a token uses, as transformers' config object holds it (a list per layer: all equal)."""
    for name in TOP_K_NAMES:
        k = getattr(config, name, None)
        if isinstance(k, list):
            assert len(set(k)) == 1, k
            k = k[0]
        if k:
            return k
    return 0


def hf_model(cfg: dict):
    """transformers' own model for a config.json dict, on the meta device: the causal LM (a multimodal model's
    text model), the bare encoder with its pooler, or T5ForConditionalGeneration."""
    import torch
    import transformers
    config = hf_config(cfg)
    with torch.device("meta"):
        if cfg["model_type"] == "t5":
            return transformers.T5ForConditionalGeneration(config)
        if cfg["model_type"] in ENCODERS:
            return transformers.AutoModel.from_config(config)
        return transformers.AutoModelForCausalLM.from_config(config)


def hf_counts(cfg: dict) -> tuple[int, int]:
    """(total, active) of transformers' model: unique parameter elements, minus in each mixture the experts a token
    skips (experts are stacked tensors whose first dimension is the expert)."""
    model = hf_model(cfg)
    total = sum(p.numel() for p in model.parameters())
    k = top_k(model.config)
    skipped = 0
    for name, module in model.named_modules():
        if name.endswith(".experts") and k:
            params = list(module.parameters())
            n_experts = params[0].shape[0]
            skipped += (n_experts - k) * sum(p.numel() for p in params) // n_experts
    return total, total - skipped
