"""Adapters of the dense decoders of 2025 (the format: paramscope.arch.adapters): Llama-shaped blocks whose
differences are norms (where and how many), biases, query/key norms and learned activation parameters.
Layer schedules (`layer_types`: sliding or full attention) do not change their counts. Every field has its class's
default; head_dim is read from the config when given (transformers' getattr), else width / heads.
"""
from paramscope.arch.adapters.rules import BIAS, PAD_CHECK, Check, llama_like, pad, r


def dense(ffn, pad_id, rope="given", **kw):
    """A Llama-shaped decoder whose padding id must be a row of its table and whose rotary embedding needs an even
    head width above 4 (transformers' check on its config's head_dim: one the file gives ("given"), a class field
    ("always"), width / heads ("width"); None where the rotation is partial)."""
    extra = [*kw.pop("extra", ()), pad(pad_id)]
    even = {"given": "!given('hd') || hd <= 4 || hd % 2 == 0", "always": "hd <= 4 || hd % 2 == 0",
            "width": "d / heads <= 4 || d / heads % 2 == 0", None: "true"}[rope]
    checks = [PAD_CHECK, Check(field="head_dim", holds=even,
                               message="{hd} is odd: transformers' rotary embedding needs an even head_dim")]
    return llama_like(ffn, extra=extra, check=checks, **kw)


ADAPTERS = {
    "smollm3": dense(11008, 128004, kv=4, tie=True, extra=BIAS + [r("mlp_bias", "bool", "mlp_bias", False)],
                          sizes=(128256, 2048, 36, 16), qkv_bias="bias", o_bias="bias", mlp_bias="mlp_bias"),
    # GLM-4: the MLP's gate and up projections are one matrix (same count), a norm after attention and after the
    # MLP besides the usual two; biases on q, k, v only.
    "glm4": dense(13696, 151329, rope=None, kv=2, head_dim=128, extra=[r("bias", "bool", "attention_bias", True)],
                       sizes=(151552, 4096, 40, 32), qkv_bias="bias", norms="4"),
    # EXAONE 4: norms after attention and after the MLP (none before), and per-head query/key norms.
    "exaone4": dense(16384, None, sizes=(102400, 4096, 32, 32), qk_norm="2 * hd"),
    "seed_oss": dense(27648, 1, rope="always", kv=8, head_dim=128,
                           extra=[r("bias", "bool", "attention_bias", True),
                                  r("o_bias", "bool", "attention_out_bias", False),
                                  r("mlp_bias", "bool", "mlp_bias", False)],
                           sizes=(155136, 4096, 64, 80), qkv_bias="bias", o_bias="o_bias", mlp_bias="mlp_bias"),
    # OLMo 3: query and key norms over all heads, as OLMo 2.
    "olmo3": dense(11008, 1, extra=BIAS, sizes=(50304, 4096, 32, 32), qkv_bias="bias", o_bias="bias",
                        qk_norm="(heads + kv) * hd"),
    # Command R7B: one LayerNorm (no bias) per block, attention and MLP side by side; its config class sets
    # head_dim = width / heads whatever the file says.
    "cohere2": dense(22528, 0, rope="width", tie=True, extra=BIAS, sizes=(256000, 8192, 40, 64), qkv_bias="bias",
                          o_bias="bias", norms="1", head_dim="d / heads"),
    # Apertus: an up/down MLP (no gate) whose xIELU activation learns two numbers per block.
    "apertus": dense(14336, 3, extra=BIAS + [r("act", "str", "hidden_act", "'xielu'")],
                          sizes=(131072, 4096, 32, 32), qkv_bias="bias", o_bias="bias", gated="false",
                          qk_norm="2 * hd", act_params="act == 'xielu' ? 2 : 0"),
}
