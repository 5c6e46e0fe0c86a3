"""The Attention page's overview: every head of every layer of SmolLM2-135M-Instruct on the page's sentence, as
small maps the page draws (one byte per weight), and the heads worth a look, found by measuring every map."""
import base64

import torch

from paramscope.checkpoints import smollm2
from paramscope_generator.api import expect

# The sentence of the live attention map (scripts/producers/live.py; tests/test_attention_overview.py keeps them equal).
SENTENCE = "The animal didn't cross the street because it was too tired."
SINK = 0.5  # a head "parks" its attention on the first token when the tokens after it give it more than half


def produce(out):
    lm = smollm2.load(cache=out.project.cache)
    ids = lm.encode(SENTENCE)
    w = lm.attention(ids)  # (L, H, T, T), rows sum to one
    L, H, T, _ = w.shape
    expect(torch.allclose(w.sum(-1), torch.ones(L, H, T), atol=1e-4), "attention rows do not sum to one")
    first = w[:, :, 1:, 0].mean(-1)  # (L, H): mean weight on the first token, over the queries after it
    previous = torch.diagonal(w, offset=-1, dim1=-2, dim2=-1).mean(-1)  # (L, H): on the token just before
    sinks = (first > SINK).nonzero().tolist()
    prev = int(previous.argmax())
    pl, ph, pw = prev // H, prev % H, float(previous.flatten()[prev])
    quantized = torch.round(w * 255).to(torch.uint8).contiguous()  # one byte per weight, ±1/510 at most
    out.data("overview", {
        "sentence": SENTENCE, "tokens": [lm.token(i) for i in ids], "shape": [L, H, T, T],
        "weights": base64.b64encode(quantized.numpy().tobytes()).decode("ascii"),
        "previous": {"layer": pl, "head": ph, "weight": round(pw, 4)},
        "sinks": sinks, "first": [[round(float(x), 4) for x in row] for row in first]})
    out.fact("maps", L * H)
    out.fact("sinks", len(sinks))
    out.fact("sinks.share", len(sinks) / (L * H), fmt="{:.0%}")
    out.fact("previous.layer", pl + 1)
    out.fact("previous.head", ph + 1)
    out.fact("previous.weight", pw, fmt="{:.2f}")
    out.check("sinks-most", len(sinks) > L * H / 2, "most maps park more than half their attention on the first token")
    out.check("previous-head", pw > 0.5, "the previous-token head gives most of each token's attention to the token "
                                          "just before it")
