"""Our torch modules from a Hugging Face config.json: read, defaulted and validated once by paramscope.arch
(`describe(..., run=True)`: the count's fields and how the model computes); each family's config dataclass takes
the description (`from_arch`) and FAMILIES says which dataclass and module a model_type gets. Bad input fails in
paramscope.arch with the same one-line ConfigError as `paramscope count`; only the families with a `run` section
(paramscope.arch.adapters.run) have a module.
"""
from paramscope.arch import Arch, describe
from paramscope.models import bert, deepseek_v3, gpt2, llama

# model_type -> (config dataclass, torch module): the one place that says which module runs a family
FAMILIES: dict[str, tuple[type, type]] = {
    "gpt2": (gpt2.GPT2Config, gpt2.GPT2),
    "bert": (bert.BertConfig, bert.Bert),
    "deepseek_v3": (deepseek_v3.DeepseekV3Config, deepseek_v3.DeepseekV3),
    **{family: (llama.LlamaConfig, llama.Llama) for family in llama.FAMILY_OPTIONS},
}
MODULES: dict[type, type] = dict(FAMILIES.values())  # config dataclass -> torch module


def from_hf(data: dict, source: str = "config"):
    """Our torch module's config for a config.json dict; ConfigError on bad input or a family we do not run."""
    return module_config(describe(data, source, run=True))


def module_config(a: Arch):
    """The config of our torch module for the description `a` (read with run=True): the same facts, named as the
    module's parameters are (Hugging Face's names)."""
    return FAMILIES[a.model_type][0].from_arch(a)
