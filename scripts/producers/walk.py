"""SmolLM2-135M from token ids to the next token, step by step: each step's real shape on a short prompt and the
parameters it uses, read from the module the site runs (the output head is tied to the embedding table)."""
import torch

from paramscope.arch import counting, zoo
from paramscope.checkpoints import smollm2
from paramscope.data import prompts
from paramscope.models import capture
from paramscope.models.count import parameters_in
from paramscope_generator.api import expect

PROMPT = prompts.CAPITAL


def shape(*dims: int) -> str:
    return "\u00a0×\u00a0".join(f"{d:,}" for d in dims)  # no line break inside a shape


def produce(out):
    lm = smollm2.load(cache=out.project.cache)
    m = lm.model
    ids = lm.encode(PROMPT)
    T, V, H, L = len(ids), m.arch.vocab, m.arch.d_model, m.arch.layers
    with torch.no_grad(), capture.residual_stream(m) as hidden:
        logits = m(torch.tensor([ids]))[0]  # (T, V)
    embedded, normed = hidden[0][0], hidden[-1][0]  # (T, H) each: the embedding rows, the final norm's output
    probs = torch.softmax(logits[-1].double(), dim=-1)  # (V,): the next token's distribution
    best = int(probs.argmax())
    word = lm.token(best).strip()  # " Paris" decodes with its leading space
    tied = m.lm_head.weight is m.model.embed_tokens.weight
    counts = {"embed": m.model.embed_tokens.weight.numel(),
              "layers": parameters_in(m.model.layers),
              "norm": m.model.norm.weight.numel(), "head": 0 if tied else m.lm_head.weight.numel()}
    total = counting.count(zoo.get("smollm2-135m").config).total
    expect(tuple(embedded.shape) == (T, H) and tuple(normed.shape) == (T, H) and tuple(logits.shape) == (T, V),
           "a step's shape differs from (tokens, width) or (tokens, vocabulary)")
    rows = [["1. Token ids", "the tokenizer cuts the text into tokens and numbers them", shape(T), "none"],
            ["2. Embedding lookup", f"each id picks one row of a {shape(V, H)} table", shape(*embedded.shape),
             f"{counts['embed']:,}"],
            [f"3. {L} layers", "attention and an MLP each; same shape in and out", shape(*hidden[1][0].shape),
             f"{counts['layers']:,}"],
            ["4. Final norm", "rescales each vector", shape(*normed.shape), f"{counts['norm']:,}"],
            ["5. Output head", "each vector times the embedding table again: one score (logit) per vocabulary "
             "entry" if tied else "each vector times a matrix: one score (logit) per vocabulary entry",
             shape(*logits.shape), f"{counts['head']:,} new (tied)" if tied else f"{counts['head']:,}"],
            ["6. Next token", f"softmax of the last row's scores; most likely: “{word}”, {float(probs[best]):.0%}",
             shape(V), "none"]]
    out.table("steps", ["Step", "What happens", "Shape", "Parameters"], rows)
    out.fact("prompt", PROMPT)
    out.fact("tokens", T)
    out.fact("ids", ", ".join(str(i) for i in ids))
    out.fact("next", word)
    out.fact("next.p", float(probs[best]), fmt="{:.0%}")
    out.fact("embed", counts["embed"])
    out.fact("sum", sum(counts.values()))
    out.check("head-tied", tied and counts["head"] == 0,
              "the output head multiplies by the embedding table itself, so it adds no parameters")
    out.check("steps-add-up", sum(counts.values()) == total == parameters_in(m),
              "the steps' parameters add up to the model's count")
