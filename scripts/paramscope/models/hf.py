"""Our torch modules from a Hugging Face config.json: read, defaulted and validated once by paramscope.arch
(`describe(..., run=True)`: the count's fields and, in `arch.run`, how the model computes); every module takes that
one description, and FAMILIES says which module a model_type gets. Bad input fails in paramscope.arch with the same
one-line ConfigError as `paramscope count`; only the families with a `run` section (paramscope.arch.adapters.run)
have a module.
"""
from paramscope.arch import Arch, describe
from paramscope.models import bert, deepseek_v3, gpt2, llama

# model_type -> torch module: the one place that says which module runs a family
FAMILIES: dict[str, type] = {
    "gpt2": gpt2.GPT2,
    "bert": bert.Bert,
    "deepseek_v3": deepseek_v3.DeepseekV3,
    **{family: llama.Llama for family in llama.FAMILY_OPTIONS},
}


def from_hf(data: dict, source: str = "config") -> Arch:
    """The description our torch modules are built from, for a config.json dict (`arch.run` read too); ConfigError
    on bad input or a family we do not run."""
    return describe(data, source, run=True)
