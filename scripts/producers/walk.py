"""SmolLM2-135M from token ids to the next token, step by step: each step's real shape on a short prompt and the
parameters it uses, read from the module the site runs (the output head is tied to the embedding table), and one
figure that follows the prompt's last token through the whole pass with its real numbers."""
import textwrap

import torch

from paramscope.arch import counting, zoo
from paramscope.checkpoints import smollm2
from paramscope.data import prompts
from paramscope.figures import style
from paramscope.lessons.tokens import token_label
from paramscope.models import capture
from paramscope.models.count import parameters_in
from paramscope.text import printed
from paramscope_generator.api import expect

PROMPT = prompts.CAPITAL
TOP = 5  # next tokens the figure lists
# The number of each step, as the figure's panel titles and the table print it and the page's text names it (as
# facts), so the three cannot disagree; the token ids are the input, before step 1.
STEP = {"lookup": 1, "layers": 2, "norm": 3, "head": 4, "softmax": 5}


def shape(*dims: int) -> str:
    return "\u00a0×\u00a0".join(f"{d:,}" for d in dims)  # no line break inside a shape


def produce(out):
    lm = smollm2.load(cache=out.project.cache)
    m = lm.model
    ids = lm.encode(PROMPT)
    T, V, H, L = len(ids), m.arch.vocab, m.arch.d_model, m.arch.layers
    with torch.no_grad(), capture.residual_stream(m) as hidden, capture.outputs(m.blocks) as after, \
            capture.attention_outputs(m) as attended, capture.outputs(b.mlp for b in m.blocks) as mlps:
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
    n = STEP
    rows = [["Token ids", "the tokenizer cuts the text into tokens and numbers them", shape(T), "none"],
            [f"{n['lookup']}. Embedding lookup", f"each id picks one row of a {shape(V, H)} table",
             shape(*embedded.shape), f"{counts['embed']:,}"],
            [f"{n['layers']}. {L} layers", "attention and an MLP each; same shape in and out",
             shape(*hidden[1][0].shape), f"{counts['layers']:,}"],
            [f"{n['norm']}. Final norm", "rescales each vector", shape(*normed.shape), f"{counts['norm']:,}"],
            [f"{n['head']}. Output head", "each vector times the embedding table again: one score (logit) per "
             "vocabulary entry" if tied else "each vector times a matrix: one score (logit) per vocabulary entry",
             shape(*logits.shape), f"{counts['head']:,} new (tied)" if tied else f"{counts['head']:,}"],
            [f"{n['softmax']}. Next token",
             f"softmax of the last row's scores; most likely: “{word}”, {float(probs[best]):.0%}", shape(V), "none"]]
    out.table("steps", ["Step", "What happens", "Shape", "Parameters"], rows)
    pass_facts(out, m, ids, word, float(probs[best]), counts, tied, total)
    forward_pass(out, lm, ids, hidden, after, attended, mlps, logits[-1], probs)


def pass_facts(out, m, ids: list[int], word: str, p: float, counts: dict, tied: bool, total: int) -> None:
    """The prompt, the next token, and the steps' parameters against the model's count."""
    out.fact("prompt", PROMPT)
    out.fact("tokens", len(ids))
    out.fact("ids", ", ".join(str(i) for i in ids))
    out.fact("next", word)
    out.fact("next.p", p, fmt="{:.0%}")
    out.fact("embed", counts["embed"])
    out.fact("sum", sum(counts.values()))
    out.fact("step.lookup", STEP["lookup"])
    out.fact("step.layers", STEP["layers"])
    out.check("head-tied", tied and counts["head"] == 0,
              "the output head multiplies by the embedding table itself, so it adds no parameters")
    out.check("steps-add-up", sum(counts.values()) == total == parameters_in(m),
              "the steps' parameters add up to the model's count")


def forward_pass(out, lm, ids: list[int], hidden, after, attended, mlps, scores, probs) -> None:
    """One figure of the whole pass for the prompt's last token (the one whose scores predict the next token): its
    embedding row, the length of its vector in the residual stream after each layer with what attention and the
    MLP add in that layer, the final norm, its scores over the vocabulary and the softmax's top tokens."""
    m = lm.model
    L, V, H = m.arch.layers, m.arch.vocab, m.arch.d_model
    row = hidden[0][0, -1]                                        # (H,): the embedding row of the last token's id
    length = lambda x: float(x[0, -1].norm())                     # noqa: E731  (the last token's vector)
    stream = [float(row.norm())] + [length(h) for h in after]     # after the embedding, then after each layer
    adds = {"attention": [length(a) for a in attended], "mlp": [length(x) for x in mlps]}
    normed = length(hidden[-1])
    top = probs.topk(TOP)
    tops = [(token_label(lm.token(int(i))), float(q)) for q, i in zip(top.values, top.indices)]
    counts = {"embed": m.model.embed_tokens.weight.numel(), "attention": parameters_in(m.blocks[0].self_attn),
              "mlp": parameters_in(m.blocks[0].mlp), "layers": parameters_in(m.model.layers),
              "norm": m.model.norm.weight.numel()}
    expect(len(stream) == L + 1 and len(adds["mlp"]) == L == len(adds["attention"]),
           "the pass captured a different number of layers than the model has")
    expect(all(parameters_in(b.self_attn) == counts["attention"] and parameters_in(b.mlp) == counts["mlp"]
               for b in m.blocks), "layers differ in size")
    word, token_id = token_label(lm.token(ids[-1])), ids[-1]
    out.fact("follow", word)
    out.fact("follow.id", token_id)
    out.fact("stream.first", stream[0], fmt="{:.1f}")
    out.fact("stream.last", stream[-1], fmt="{:,.0f}")
    out.fact("stream.normed", normed, fmt="{:.0f}")
    out.check("stream-grows", stream[-1] > 100 * stream[0] and normed < stream[-1] / 10,
              f"the token's vector grows from length {stream[0]:.1f} to {stream[-1]:.0f} over the layers and the "
              f"final norm scales it down to {normed:.0f}")
    p = {"word": word, "id": token_id, "row": row, "stream": stream, "adds": adds, "normed": normed,
         "scores": scores.double().numpy(), "tops": tops, "counts": counts}
    n = STEP
    out.figure("pass", lambda phone=False: draw_pass(p, phone), alt=(
        f"Four panels following {word}, the last token of “{PROMPT}”, through SmolLM2-135M. {n['lookup']}: its id "
        f"{token_id} picks a row of {H} numbers from the embedding table ({counts['embed']:,} parameters), drawn as "
        f"{H} bars. {n['layers']}: the length of that vector after each of the {L} layers ({counts['layers']:,} "
        f"parameters), growing from {stream[0]:.1f} to {stream[-1]:,.0f}, with bars for what attention and the MLP "
        f"add in each layer. {n['norm']}: the final norm ({counts['norm']} parameters) scales it to {normed:.0f}. "
        f"{n['head']}: a histogram of the {V:,} scores the tied output head gives it, {tops[0][0]} highest. "
        f"{n['softmax']}: the softmax's top tokens: " + ", ".join(f"{t} {printed.percent(q)}" for t, q in tops) + "."))


def draw_pass(p: dict, phone: bool = False):
    """Four panels top to bottom, each titled with its steps and the parameters they use: the figure of
    forward_pass, from its numbers `p`."""
    import matplotlib.pyplot as plt
    word, token_id, row, stream, adds, normed, scores, tops, counts = (p[k] for k in (
        "word", "id", "row", "stream", "adds", "normed", "scores", "tops", "counts"))
    L, V, H = len(adds["mlp"]), len(scores), len(row)
    fig, axes = plt.subplots(4, 1, figsize=style.figsize(8.6 if phone else 7.2,
                                                          style.PHONE_WIDTH_IN if phone else 5.6),
                             layout="constrained", gridspec_kw={"height_ratios": [1.0, 2.4, 1.4, 1.5]})
    emb, lay, logit, soft = axes

    def title(ax, *lines: str) -> None:
        wrapped = [part for line in lines for part in textwrap.wrap(line, 40 if phone else 80)]
        ax.set_title("\n".join(wrapped), loc="left", fontsize=style.MIN_PT)

    # a bar per number, drawn as one outline (stairs), kept as a picture inside the SVG: its 2·H corners as a
    # path are most of the file; the axes and text stay vector
    emb.stairs(row.numpy(), [n - 0.5 for n in range(H + 1)], fill=True, baseline=0,
               color=style.kind_color("embeddings"), rasterized=True)
    emb.set_xlim(-1, H)
    emb.set_xticks([0, H - 1], ["1", f"{H}"])
    title(emb, f"{STEP['lookup']}. {word} (id {token_id}) picks row {token_id} of the embedding table: {H} numbers",
          f"{counts['embed']:,} parameters")

    w = 0.38
    lay.bar([n - w / 2 for n in range(1, L + 1)], adds["attention"], width=w, color=style.kind_color("attention"),
            label="attention adds")
    lay.bar([n + w / 2 for n in range(1, L + 1)], adds["mlp"], width=w, color=style.kind_color("mlp"),
            label="MLP adds")
    lay.plot(range(L + 1), stream, "o-", ms=2.5, lw=1.3, color=style.SERIES[0], label="the vector's length")
    lay.set_xlim(-0.6, L + 0.6)
    lay.set_xticks([0, 10, 20, L], ["row", "10", "20", f"{L}"])
    lay.set_xlabel("after layer", fontsize=style.MIN_PT)
    lay.set_ylabel("length", fontsize=style.MIN_PT)
    lay.legend(fontsize=style.MIN_PT, loc="upper left")
    title(lay, f"{STEP['layers']}. {L} layers, each adding attention then an MLP to the vector",
          f"{counts['layers']:,} parameters ({counts['attention']:,} in attention, {counts['mlp']:,} in "
          "the MLP, per layer)")

    logit.hist(scores, bins=80, histtype="stepfilled", color=style.kind_color("output head"), log=True)  # one outline
    best = int(scores.argmax())
    logit.annotate(tops[0][0], (scores[best], 1), xytext=(0, 14), textcoords="offset points", ha="center",
                   fontsize=style.MIN_PT,
                   arrowprops={"arrowstyle": "->", "lw": 0.8, "color": plt.rcParams["text.color"]})
    logit.set_xlabel("score (logit)", fontsize=style.MIN_PT)
    logit.set_ylabel("tokens", fontsize=style.MIN_PT)
    title(logit, f"{STEP['norm']}. final norm: length {stream[-1]:,.0f} → {normed:.0f}; "
                 f"{counts['norm']:,} parameters",
          f"{STEP['head']}. times the embedding table again: {V:,} scores, one per token; 0 new parameters (tied)")

    names = [t for t, _ in tops][::-1]
    qs = [q for _, q in tops][::-1]
    soft.barh(names, qs, color=style.SERIES[0])
    for n, q in enumerate(qs):
        soft.text(q, n, f" {printed.percent(q)}", va="center", fontsize=style.MIN_PT)
    soft.set_xlim(0, 1)
    soft.set_xticks([])
    soft.spines["bottom"].set_visible(False)
    title(soft, f"{STEP['softmax']}. softmax: the {TOP} likeliest next tokens; no parameters")
    return fig
