"""Diagrams of the real modules: attention, a layer, the whole transformer, a neuron, a mixture of experts, LoRA.

Every box is read from the module the site runs (SmolLM2-135M, Mixtral 8x7B and DeepSeek-V3 built on the meta
device from the zoo's configurations), so its shape and count are the module's; each diagram's total is checked
equal to the module's own count.
"""
from functools import partial

from paramscope.arch import zoo
from paramscope.figures import style
from paramscope.figures.module_boxes import Box, Canvas, expert_boxes, pick, read, tint, total
from paramscope.lessons import lora
from paramscope.models import build_model, count
from paramscope.models.deepseek_v3 import router_groups
from paramscope_generator.api import expect

WIDE = 5.2     # inches: a tall, narrow layout that the column shows at natural size
PHONE = 3.65   # inches: the phone's drawing, whose 9 pt text is 11 CSS px in a 375 px phone's 343 px column
RANK = 8       # LoRA's rank on the fine-tuning page
LABEL = {name: zoo.get(name).label for name in ("smollm2-135m", "mixtral-8x7b", "deepseek-v3")}


def produce(out):
    smol = build_model(zoo.get("smollm2-135m").config)
    layer = smol.model.layers[0]
    diagrams = {
        "attention": attention(layer.self_attn),
        "layer": decoder_layer(layer),
        "transformer": transformer(smol),
        "neuron": neuron(layer.mlp),
        "mixture-of-experts": mixture_of_experts(build_model(zoo.get("mixtral-8x7b").config),
                                                 build_model(zoo.get("deepseek-v3").config)),
        "lora": adapters(lora.add_lora(build_model(zoo.get("smollm2-135m").config), RANK, lora.ATTENTION_QV)),
    }
    for name, (draw, alt, facts) in diagrams.items():
        out.figure(name, draw, alt=alt, narrow=partial(draw, PHONE))
        for key, value in facts.items():
            out.fact(f"{name}.{key}", value)


def attention(attn):
    """Query, key and value side by side (widths in proportion to their outputs), then scores, then output."""
    boxes = read(attn)
    q, k, v, o = (pick(boxes, w) for w in ("query", "key", "value", "output"))
    n = total(boxes)
    expect(n == sum(p.numel() for p in attn.parameters()), "attention diagram total != module count")
    width_in = q.shape[1]
    q_heads, kv_heads = f"{attn.n_head} heads × {attn.hd}", f"{attn.n_kv} heads × {attn.hd}"  # grouped-query

    def draw(W: float = WIDE):
        phone = W < WIDE        # the phone's drawing: tighter gaps, shapes written 192×576, long lines wrapped
        c = Canvas(W, 6.5 if phone else 6.0)
        gap, left = (0.08, 0.05) if phone else (0.15, 0.1)
        unit = (W - 2 * left - 2 * gap) / (q.shape[0] + k.shape[0] + v.shape[0])  # inches per output feature
        c.plain(left, 0.05, W - 2 * left, 0.42, [f"a token's vector: {width_in:,} numbers"], dashed=False)
        xs, x = [], left
        for b in (q, k, v):
            xs.append((x, b.shape[0] * unit))
            x += b.shape[0] * unit + gap
        top = 0.85
        for (x, w), b in zip(xs, (q, k, v)):
            c.arrow((x + w / 2, 0.47), (x + w / 2, top))
            if phone:
                c.matrix(x, top, w, 0.9, b, lines=[b.word, b.size.replace(" × ", "×"), f"{b.count:,}"], size=9)
            else:
                c.matrix(x, top, w, 0.9, b)
        c.text(xs[0][0] + xs[0][1] / 2, top + 1.08, q_heads + " numbers")
        c.text((xs[1][0] + xs[2][0] + xs[2][1]) / 2, top + 1.08, kv_heads + " numbers")
        # scores from query and key; value joins at the weighted sum
        s_top, s_x1 = 2.3, xs[1][0] + xs[1][1]
        for x, w in xs[:2]:
            c.arrow((x + w / 2, top + 1.25), (x + w / 2, s_top))
        scores = ["scores: each query", "against every key"] if phone else ["scores: each query against every key"]
        s_h = 0.62 + 0.18 * (len(scores) - 1)
        c.plain(left, s_top, s_x1 - left, s_h, scores + ["softmax → shares"])
        m_top = 3.3
        m_lines = ["weighted sum of the values,", "heads side by side"] if phone else \
            ["weighted sum of the values, heads side by side"]
        m_h = 0.42 + 0.18 * (len(m_lines) - 1)
        c.arrow((xs[2][0] + xs[2][1] / 2, top + 1.25), (xs[2][0] + xs[2][1] / 2, m_top))
        c.arrow(((left + s_x1) / 2, s_top + s_h), ((left + s_x1) / 2, m_top))
        c.plain(left, m_top, W - 2 * left, m_h, m_lines)
        o_w, o_top = o.shape[0] * unit, m_top + m_h + 0.33
        c.arrow((W / 2, m_top + m_h), (W / 2, o_top))
        c.matrix((W - o_w) / 2, o_top, o_w, 0.9, o)
        c.arrow((W / 2, o_top + 0.9), (W / 2, o_top + 1.15))
        r_lines = [f"{o.shape[0]:,} numbers,", "added to the token's vector"] if phone else \
            [f"{o.shape[0]:,} numbers, added to the token's vector"]
        r_x = left if phone else 0.5
        c.plain(r_x, o_top + 1.15, W - 2 * r_x, 0.42 + 0.18 * (len(r_lines) - 1), r_lines, dashed=False)
        title = f"Attention in one {LABEL['smollm2-135m']} layer: {n:,} parameters"
        if phone:
            title = title.replace(": ", ":\n")
        c.text(W / 2, c.height - 0.02, title, size=10.5, weight="bold", va="bottom")
        return c.finish()

    alt = (f"Diagram of attention in one {LABEL['smollm2-135m']} layer, read from the module. A token's vector of "
           f"{width_in} numbers goes through three matrices side by side: query {q.size} ({q.count:,} parameters), "
           f"key {k.size} ({k.count:,}) and value {v.size} ({v.count:,}); {q_heads} query numbers are compared "
           f"with {kv_heads} key numbers to give softmax shares, which mix the values; the output matrix "
           f"{o.size} ({o.count:,}) maps the result back. Total {n:,} parameters.")
    return draw, alt, {"total": n, **{b.word: b.count for b in (q, k, v, o)}}


def decoder_layer(layer):
    """Norm, attention, residual add, norm, MLP, residual add, with the residual stream drawn on the left."""
    boxes = read(layer)
    norms = [b for b in boxes if b.word == "RMSNorm"]
    attn = [pick(boxes, w) for w in ("query", "key", "value", "output")]
    mlp = [pick(boxes, w) for w in ("gate", "up", "down")]
    n = total(boxes)
    expect(n == sum(p.numel() for p in layer.parameters()), "layer diagram total != module count")
    expect(len(norms) == 2 and total(norms + attn + mlp) == n, "a layer box is missing from the diagram")
    d = norms[0].shape[0]

    def draw(W: float = WIDE):
        phone = W < WIDE        # the phone's drawing: a wider column, shapes written 576×576, the title wrapped
        c = Canvas(W, 7.8 if phone else 7.65)
        spine, x0, x1 = (0.3, 0.6, W - 0.05) if phone else (0.38, 0.75, W - 0.05)  # residual stream on the left
        mid = (x0 + x1) / 2
        c.plain(x0, 0.05, x1 - x0, 0.42, [f"each token: {d:,} numbers" if phone else
                                           f"each token's vector: {d:,} numbers"], dashed=False)
        c.line((x0, 0.26), (spine, 0.26))

        def sublayer(y, norm, group, kind, title, note):
            c.arrow((mid, y - 0.28), (mid, y))
            c.matrix(mid - 0.9, y, 1.8, 0.42, norm, lines=[f"RMSNorm · {norm.count:,}"])
            g_top = y + 0.68
            c.arrow((mid, y + 0.42), (mid, g_top + 0.06))
            c.frame(x0, g_top, x1 - x0, 1.75, kind)
            c.text(x0 + 0.12, g_top + 0.2, f"{title} · {total(group):,}", size=10.5, weight="bold", ha="left")
            bw = (x1 - x0 - 0.24 - 0.1 * (len(group) - 1)) / len(group)
            for i, b in enumerate(group):
                lines = [b.word, b.size.replace(" × ", "×"), f"{b.count:,}"] if phone else None
                c.matrix(x0 + 0.12 + i * (bw + 0.1), g_top + 0.42, bw, 0.85, b, lines, size=9 if phone else 10)
            c.text(mid, g_top + 1.5, note)
            return g_top + 1.75

        def residual(y_from, y_add):
            c.arrow((mid, y_from), (mid, y_add), (spine + 0.14, y_add))
            c.add(spine, y_add)

        a_end = sublayer(0.75, norms[0], attn, "attention", "attention", "tokens mix: queries meet earlier keys")
        y1 = a_end + 0.32
        residual(a_end, y1)
        c.line((spine, 0.26), (spine, y1 - 0.13))
        c.text(spine - 0.2, (0.26 + y1) / 2, "residual stream", color=c.muted, style_="italic", rotation=90)
        c.line((spine, y1 + 0.13), (spine, y1 + 0.25), (mid, y1 + 0.25))
        m_end = sublayer(y1 + 0.53, norms[1], mlp, "mlp", "MLP", "each token alone: down(SiLU(gate)×up)" if phone
                         else "each token alone: down(SiLU(gate) × up)")
        y2 = m_end + 0.32
        residual(m_end, y2)
        c.line((spine, y1 + 0.13), (spine, y2 - 0.13))
        inset = 0.15 if phone else 0.3
        c.arrow((spine, y2 + 0.13), (spine, y2 + 0.3), (x0 + inset, y2 + 0.3))
        c.plain(x0 + inset, y2 + 0.09, x1 - x0 - inset, 0.42, [f"{d:,} numbers, to the next layer"], dashed=False)
        title = f"One {LABEL['smollm2-135m']} layer: {n:,} parameters"
        c.text(W / 2, c.height - 0.02, title.replace(": ", ":\n") if phone else title, size=10.5, weight="bold",
               va="bottom")
        return c.finish()

    alt = (f"Diagram of one {LABEL['smollm2-135m']} layer, read from the module. A token's vector of {d} numbers "
           f"goes through RMSNorm ({norms[0].count}) and attention ({total(attn):,}: "
           + ", ".join(f"{b.word} {b.size}" for b in attn) + "), is added back onto itself (the residual "
           f"connection), then through a second RMSNorm ({norms[1].count}) and the MLP ({total(mlp):,}: "
           + ", ".join(f"{b.word} {b.size}" for b in mlp) + f"), and is added back again. Total {n:,} parameters.")
    return draw, alt, {"total": n, "attention": total(attn), "mlp": total(mlp), "norms": total(norms)}


def transformer(model):
    """Embeddings, the stack of layers, the final norm and the output head, with the model's total."""
    boxes = read(model)
    embed, final = pick(boxes, "embeddings"), [b for b in boxes if b.name == "model.norm.weight"][0]
    layers = model.model.layers
    per_layer = total(read(layers[0]))
    expect(all(total(read(layer)) == per_layer for layer in layers), "layers differ in size")
    tied = model.lm_head.weight is model.model.embed_tokens.weight
    head = Box("output head", "output head", tuple(model.lm_head.weight.shape), 0 if tied else
               model.lm_head.weight.numel(), "lm_head.weight")
    n = total(boxes)
    expect(n == embed.count + len(layers) * per_layer + final.count + head.count, "transformer boxes != total")
    expect(n == count.count_module(model).total, "transformer diagram total != counting")
    kinds = {w: total([b for b in read(layers[0]) if b.kind == k]) for w, k in
             (("attention", "attention"), ("MLP", "mlp"), ("2 RMSNorms", "norms"))}
    vocab, d = embed.shape

    def draw(W: float = WIDE):
        phone = W < WIDE        # the phone's drawing: boxes from the left edge, long lines and the title wrapped
        c = Canvas(W, 6.88 if phone else 6.63)
        x, w = (0.05, W - 0.45) if phone else (0.3, W - 0.9)
        lane, lane_text = (W - 0.06, W - 0.19) if phone else (W - 0.12, W - 0.3)   # the tied matrix's dashed line
        mid = x + w / 2
        c.plain(mid - 1.5, 0.05, 3.0, 0.42, ["text → tokenizer → token ids"], dashed=False)
        c.arrow((mid, 0.47), (mid, 0.7))
        row = [f"{embed.size}:", "one row per token id"] if phone else [f"{embed.size}: one row per token id"]
        c.matrix(x, 0.7, w, 0.9, embed, lines=["embeddings", *row, f"{embed.count:,}"])
        c.arrow((mid, 1.6), (mid, 1.95))
        top, h = 1.95, 1.75
        for shift in (0.1, 0.05):  # the edges of the cards behind: more identical layers
            c.line((x + w, top + shift), (x + w + shift, top + shift), (x + w + shift, top + h + shift),
                   (x + shift, top + h + shift), (x + shift, top + h))
        c.plain(x, top, w, h, [], dashed=False)
        c.text(mid, top + 0.24, f"layer × {len(layers)}", size=11, weight="bold")
        pad, gap = (0.05, 0.05) if phone else (0.1, 0.1)
        cw = (w - 2 * pad - 2 * gap) / 3
        for i, (word, kind) in enumerate((("attention", "attention"), ("MLP", "mlp"), ("2 RMSNorms", "norms"))):
            part = Box(word, kind, (), kinds[word], "")
            c.matrix(x + pad + i * (cw + gap), top + 0.48, cw, 0.62, part, lines=[word, f"{kinds[word]:,}"],
                     size=9 if phone else 10)
        c.text(mid, top + 1.32, f"{per_layer:,} per layer", size=10)
        c.text(mid, top + 1.56, f"{len(layers)} × {per_layer:,} = {len(layers) * per_layer:,}", size=10)
        y = top + h + 0.25
        c.arrow((mid, top + h + 0.16), (mid, y))
        c.matrix(mid - 0.9, y, 1.8, 0.42, final, lines=[f"RMSNorm · {final.count:,}"])
        y += 0.42
        c.arrow((mid, y), (mid, y + 0.25))
        y += 0.25
        again = [f"{head.size}:", "the embeddings again (tied)"] if phone else \
            [f"{head.size}: the embeddings again (tied)"]
        head_lines = ["output head", *again, "0 new parameters"] if tied \
            else ["output head", head.size, f"{head.count:,}"]
        if tied:  # one matrix, used at both ends
            c.line((x + w, 1.15), (lane, 1.15), (lane, y + 0.45), (x + w, y + 0.45),
                   color=style.kind_color("embeddings"), ls=(0, (3, 2)))
            c.text(lane_text, (1.15 + y + 0.45) / 2, "same matrix", color=style.kind_color("embeddings"), rotation=90)
        c.matrix(x, y, w, 0.9, Box("output head", "output head", head.shape, head.count, head.name,
                                   frozen=tied), lines=head_lines)
        y += 0.9
        c.arrow((mid, y), (mid, y + 0.25))
        c.plain(max(x, mid - 1.8), y + 0.25, min(w, 3.6), 0.6,
                [f"{vocab:,} scores, one per entry", "softmax → next-token probabilities"], dashed=False)
        title = f"{LABEL['smollm2-135m']}: {n:,} parameters"
        c.text(mid, c.height - 0.02, title.replace(": ", ":\n") if phone else title, size=10.5, weight="bold",
               va="bottom")
        return c.finish()

    alt = (f"Diagram of the whole {LABEL['smollm2-135m']}, read from the module, top to bottom: the tokenizer cuts "
           f"a text into token ids, which pick rows "
           f"of the embeddings ({embed.size}, {embed.count:,} parameters); {len(layers)} identical layers of "
           f"{per_layer:,} parameters each (attention {kinds['attention']:,}, MLP {kinds['MLP']:,}, two RMSNorms "
           f"{kinds['2 RMSNorms']:,}); a final RMSNorm ({final.count}); the output head"
           + (", which reuses the embedding matrix (tied, no new parameters)" if tied else f" ({head.count:,})")
           + f", giving {vocab:,} scores that a softmax turns into next-token probabilities. Total {n:,} parameters.")
    return draw, alt, {"total": n, "embeddings": embed.count, "per_layer": per_layer, "layers": len(layers)}


def neuron(mlp):
    """The MLP's three matrices, with one neuron's weights in each: its row of gate and up, its column of down."""
    boxes = read(mlp)
    gate, up, down = (pick(boxes, w) for w in ("gate", "up", "down"))
    n = total(boxes)
    expect(n == sum(p.numel() for p in mlp.parameters()), "neuron diagram total != module count")
    units, d = gate.shape  # (hidden units, model width)
    per_neuron = n // units
    expect(per_neuron * units == n and per_neuron == gate.shape[1] + up.shape[1] + down.shape[0],
           f"a neuron's share {per_neuron} × {units} != {n}, or != one gate and up column and one down row")

    def draw(W: float = WIDE):
        from matplotlib.patches import Circle, Rectangle

        phone = W < WIDE        # the phone's drawing: a wider first box, the totals on four lines
        c = Canvas(W, 6.05 if phone else 5.5)
        pos, strip = 0.84, 0.07  # where the highlighted neuron sits among the hidden units; its strip's width
        half = (W - 0.35) / 2
        inset = 0.3 if phone else 1.0
        c.plain(inset, 0.05, W - 2 * inset, 0.42, [f"a token's vector: {d:,} numbers"], dashed=False)
        top, h = 0.8, 0.85
        hx = 0.1 + pos * (W - 0.2)  # the neuron among the hidden units, and its weights in down
        for i, b in enumerate((gate, up)):
            x = 0.1 + i * (half + 0.15)
            c.arrow((W / 2 + (i - 0.5) * 1.2, 0.47), (x + half / 2, top))
            c.matrix(x, top, half, h, b)
            sx = x + pos * half
            # a matrix of (hidden units) x (model width) rows: one neuron's weights are one row, drawn across
            c.ax.add_patch(Rectangle((x, top + pos * h - strip / 2), half, strip, color=c.ink, zorder=3, lw=0))
            c.arrow((sx, top + h), (hx, top + h + 0.75))
        first, second = f"one neuron's weights: {gate.shape[1]:,} in gate,", f"{up.shape[1]:,} in up"
        if phone:   # the arrows from the narrow strips cross further left
            first, second = "one neuron's weights:", f"{gate.shape[1]:,} in gate, {up.shape[1]:,} in up"
        c.text(0.1, top + h + 0.3, first, ha="left")
        c.text(0.1, top + h + 0.52, second, ha="left")
        hid = top + h + 0.75
        c.plain(0.1, hid, W - 0.2, 0.42, [])
        c.text(0.25, hid + 0.21, f"{units:,} neurons: SiLU(gate) × up", ha="left", weight="bold", size=10)
        c.ax.add_patch(Circle((hx, hid + 0.21), 0.13, facecolor=c.ink, edgecolor=c.ink, zorder=3))
        dtop = hid + 0.75
        c.arrow((W / 2, hid + 0.42), (W / 2, dtop))
        c.matrix(0.1, dtop, W - 0.2, h, down)
        c.ax.add_patch(Rectangle((hx - strip / 2, dtop), strip, h, color=c.ink, zorder=3, lw=0))
        c.line((hx, hid + 0.34), (hx, dtop), color=c.ink, lw=1.3)
        c.text(hx, dtop + h + 0.18, f"its {down.shape[0]:,} weights in down", ha="right")
        out_x = 0.9 if phone else W / 2     # on a phone, left of the label above
        c.arrow((out_x, dtop + h), (out_x, dtop + h + 0.4))
        c.plain(out_x - 0.8 if phone else 1.0, dtop + h + 0.4, 1.6 if phone else W - 2.0, 0.42,
                [f"{down.shape[0]:,} numbers out"], dashed=False)
        one = f"One neuron: {gate.shape[1]:,} + {up.shape[1]:,} + {down.shape[0]:,} = {per_neuron:,} parameters"
        whole = f"{units:,} neurons × {per_neuron:,} = the whole MLP, {n:,}"
        if phone:
            one, whole = one.replace(" = ", "\n= "), whole.replace(" = ", "\n= ")
        c.text(W / 2, c.height - 0.58 if phone else 5.2, one, size=10.5, weight="bold", va="bottom")
        c.text(W / 2, c.height - 0.02, whole, size=10.5, weight="bold", va="bottom")
        return c.finish()

    alt = (f"Diagram of the MLP of one {LABEL['smollm2-135m']} layer, read from the module: the "
           f"gate and up matrices ({gate.size} each) side by side, then {units:,} hidden units, then the down matrix "
           f"({down.size}). One neuron's weights, highlighted, are {gate.shape[1]} in gate, {up.shape[1]} in up and "
           f"{down.shape[0]} in down: "
           f"{per_neuron:,} parameters. {units:,} neurons × {per_neuron:,} = {n:,}, the whole MLP.")
    return draw, alt, {"total": n, "per_neuron": per_neuron, "neurons": units}


def mixture_of_experts(mixtral, deepseek):
    """A token's path through one mixture-of-experts layer of Mixtral and of DeepSeek-V3: router, chosen experts."""
    m_moe = mixtral.model.layers[0].mlp
    d_moe = deepseek.model.layers[deepseek.arch.dense_first].mlp
    panels = []
    for label, moe in ((LABEL["mixtral-8x7b"], m_moe), (LABEL["deepseek-v3"], d_moe)):
        boxes = read(moe)
        router = pick(boxes, "router")
        expert = expert_boxes(moe)
        shared = [b for b in boxes if b.name.startswith("shared_experts.")]
        routed = total([b for b in boxes if b.name.startswith("experts.")])
        expect(routed == moe.n_experts * total(expert), f"{label}: experts are not {moe.n_experts} equal slices")
        n = total(boxes)
        expect(n == router.count + routed + total(shared) == sum(p.numel() for p in moe.parameters()),
               f"{label}: router, experts and shared experts do not add up to the module's count")
        active = router.count + moe.top_k * total(expert) + total(shared)
        panels.append(dict(label=label, moe=moe, router=router, expert=expert, shared=shared, total=n,
                           active=active))
    groups = router_groups(deepseek.arch)

    def draw(W: float = WIDE):
        c = Canvas(W, 10.4 if W < WIDE else 9.75)
        y = 0.0
        for p in panels:
            y = moe_panel(c, y, p, groups if p["moe"] is d_moe else None, W) + 0.35
        return c.finish()

    def describe(p):
        e = p["expert"]
        return (f"{p['label']}: the router ({p['router'].size}, {p['router'].count:,} parameters) scores "
                f"{p['moe'].n_experts} experts of {total(e):,} parameters each (gate {e[0].size}, up {e[1].size}, "
                f"down {e[2].size}) and sends the token to {p['moe'].top_k} of them (filled squares, an example)"
                + (", plus one shared expert every token uses" if p["shared"] else "")
                + f"; router and experts hold {p['total']:,} parameters (the layer's attention comes on top) and a "
                f"token uses {p['active']:,} of them.")

    alt = "Diagram of one mixture-of-experts layer in two models, read from the modules. " + " ".join(
        describe(p) for p in panels)
    facts = {}
    for key, p in zip(("mixtral", "deepseek-v3"), panels):
        facts.update({f"{key}.total": p["total"], f"{key}.active": p["active"], f"{key}.expert": total(p["expert"]),
                      f"{key}.router": p["router"].count})
    return draw, alt, facts


def moe_panel(c: Canvas, y: float, p: dict, groups: tuple[int, int] | None, W: float) -> float:
    """One model's layer: token, router, the grid of experts with the chosen ones filled, the mix; returns the
    bottom."""
    from matplotlib.patches import FancyBboxPatch

    moe, router, expert = p["moe"], p["router"], p["expert"]
    mid, phone = W / 2, W < WIDE      # the phone's drawing: boxes across the width, long lines wrapped
    c.text(0.05, y + 0.15, p["label"], size=11, weight="bold", ha="left")
    width = expert[0].shape[1]
    c.plain(0.1 if phone else 2.2, y + 0.35, W - (0.2 if phone else 2.3), 0.4,
            [f"a token's vector: {width:,} numbers"], dashed=False)
    c.arrow((mid + (0 if phone else 1.1), y + 0.75), (mid + (0 if phone else 1.1), y + 0.95))
    c.matrix(0.1, y + 0.95, W - 0.2, 0.45, router,
             lines=[f"router · {router.size} · {router.count:,}"])
    c.arrow((mid, y + 1.4), (mid, y + 1.65))
    # the experts: one square each; with groups, one row per group and only the best groups eligible
    n, k = moe.n_experts, moe.top_k
    rows = groups[0] if groups else 1
    per_row = n // rows
    gap = 0.06 if rows == 1 else 0.025
    side = min(0.5, (W - 0.2 - gap * (per_row - 1)) / per_row)
    eligible, chosen = example_choice(n, k, groups)
    gx0 = (W - (per_row * side + (per_row - 1) * gap)) / 2
    top = y + 1.65
    color = style.kind_color("experts")
    if groups:  # the groups the router kept: a band behind each row
        for r in eligible:
            c.ax.add_patch(FancyBboxPatch((gx0 - 0.04, top + r * (side + gap) - 0.012), per_row * (side + gap)
                                          - gap + 0.08, side + 0.024, boxstyle="round,pad=0,rounding_size=0.04",
                                          lw=0, facecolor=color, alpha=0.3, zorder=1))
    centres = [(gx0 + (e % per_row) * (side + gap) + side / 2, top + (e // per_row) * (side + gap) + side / 2)
               for e in range(n)]
    if n <= 16:  # a few large squares, rounded
        for e, (x, y_e) in enumerate(centres):
            c.ax.add_patch(FancyBboxPatch((x - side / 2, y_e - side / 2), side, side, lw=1.0, zorder=2,
                                          boxstyle=f"round,pad=0,rounding_size={side * 0.15}", edgecolor=color,
                                          facecolor=color if e in chosen else "none"))
    else:  # many small ones: one marker drawn once and reused, which keeps the SVG small
        xs, ys = zip(*centres)
        c.ax.scatter(xs, ys, s=(side * 72 * 0.95) ** 2, marker="s", linewidths=0.6, edgecolors=color, zorder=2,
                     facecolors=[color if e in chosen else "none" for e in range(n)])
    grid_bottom = top + rows * side + (rows - 1) * gap
    chosen_note = f"{k} of {n} experts per token (filled: an example)"
    if groups:
        chosen_note = f"{k} of {n}, within the best {groups[1]} of {groups[0]} groups (shaded rows)"
    e = expert
    shapes = [f"each expert: gate {e[0].size}, up {e[1].size}, down {e[2].size}"]
    if phone:
        chosen_note = chosen_note.replace(" (", "\n(")
        shapes = [f"each expert: gate {e[0].size},", f"up {e[1].size}, down {e[2].size}"]
    for line in chosen_note.split("\n"):
        grid_bottom += 0.24
        c.text(mid, grid_bottom - 0.06, line, size=10)
    for line in shapes + [f"= {total(e):,} parameters"]:
        grid_bottom += 0.22
        c.text(mid, grid_bottom - 0.04, line, size=9)
    y2 = grid_bottom + 0.12
    if p["shared"]:
        shared = p["shared"]
        lines = ["shared expert, every token", f"{total(shared):,}"] if phone else \
            [f"shared expert, every token · {total(shared):,}"]
        c.matrix(0.1, y2, W - 0.2, 0.45 + 0.18 * (len(lines) - 1), shared[0], lines=lines)
        y2 += 0.45 + 0.18 * (len(lines) - 1)
    c.arrow((mid, y2), (mid, y2 + 0.2))
    inset = 0.1 if phone else 0.6
    c.plain(inset, y2 + 0.2, W - 2 * inset, 0.4, ["outputs mixed by the router's shares"])
    y3 = y2 + 0.8
    held = f"router + experts: {p['total']:,}" if phone else f"router and experts: {p['total']:,} parameters"
    c.text(mid, y3, held, size=10.5, weight="bold")
    c.text(mid, y3 + 0.24, f"one token uses {p['active']:,}", size=10.5, weight="bold")
    return y3 + 0.35


def example_choice(n: int, k: int, groups: tuple[int, int] | None) -> tuple[list[int], set[int]]:
    """(groups kept, experts chosen): an example obeying group-limited routing; a fixed seed, not a real token."""
    import random

    rng = random.Random(0)
    if groups is None:
        return [], set(rng.sample(range(n), k))
    n_group, top_groups = groups
    per_group = n // n_group
    kept = sorted(rng.sample(range(n_group), top_groups))
    # at least one expert from each kept group (a group is kept for its best experts), the rest anywhere in them
    chosen = {g * per_group + rng.randrange(per_group) for g in kept}
    while len(chosen) < k:
        chosen.add(rng.choice(kept) * per_group + rng.randrange(per_group))
    return kept, chosen


def adapters(model):
    """LoRA on one layer's query and value: the frozen matrix beside its trained A and B, key and output untouched."""
    attn = model.model.layers[0].self_attn
    boxes = read(attn)
    trained = [b for b in boxes if not b.frozen]
    expect(all(b.kind == "lora" for b in trained), "only LoRA's A and B should be trainable")
    per_layer = total(trained)
    whole = lora.trainable(model)
    n_layers = len(model.model.layers)
    expect(whole == n_layers * per_layer, f"LoRA: {whole} trainable != {n_layers} × {per_layer}")
    by_target = {}
    for word in ("query", "value"):
        base = [b for b in boxes if b.word == word and b.name.endswith("base_layer.weight")][0]
        prefix = base.name.rsplit(".", 2)[0]
        a, b = (next(x for x in boxes if x.name == f"{prefix}.{ab}.weight") for ab in ("lora_A", "lora_B"))
        by_target[word] = (base, a, b)
    untouched = [b for b in boxes if b.word in ("key", "output")]
    rank = by_target["query"][1].shape[0]
    d = max(max(a.shape[1], b.shape[0]) for _, a, b in by_target.values())  # the widest side of A or B

    def draw(W: float = WIDE):
        from matplotlib.patches import Polygon

        phone = W < WIDE        # the phone's drawing: a narrower frozen matrix, "= query" under its sum, totals wrapped
        c = Canvas(W, 7.4 if phone else 6.3)
        y, color = 0.0, style.kind_color("lora")
        wx, ww = (0.1, 1.2) if phone else (0.1, 1.6)            # the frozen matrix
        ax0, ax1 = (2.45 if phone else 3.1), W - 0.1            # A and B, their labels to the left
        axm, unit = (ax0 + ax1) / 2, (ax1 - ax0) / d
        for word, (base, a, b) in by_target.items():
            c.text(0.05, y + 0.15, f"{word}: {base.shape[1]:,} numbers in, {base.shape[0]:,} out", size=10.5,
                   weight="bold", ha="left")
            c.line((wx + ww / 2, y + 0.42), (wx + ww / 2, y + 0.32), (axm, y + 0.32))
            c.arrow((wx + ww / 2, y + 0.32), (wx + ww / 2, y + 0.5))
            c.arrow((axm, y + 0.32), (axm, y + 0.5))
            top = y + 0.5
            c.matrix(wx, top, ww, 1.3, base, lines=[f"{word}", "(frozen)", base.size, f"{base.count:,}"])
            # A narrows from the input to the rank, B widens to the output: trapezoids as in the paper's figure 1
            a_half, b_half, r_half = a.shape[1] * unit / 2, b.shape[0] * unit / 2, 0.1
            c.ax.add_patch(Polygon([(axm - a_half, top), (axm + a_half, top), (axm + r_half, top + 0.52),
                                    (axm - r_half, top + 0.52)], facecolor=tint(color, 0.3), edgecolor=color,
                                   lw=1.4, zorder=2))
            c.ax.add_patch(Polygon([(axm - r_half, top + 0.78), (axm + r_half, top + 0.78),
                                    (axm + b_half, top + 1.3), (axm - b_half, top + 1.3)],
                                   facecolor=tint(color, 0.3), edgecolor=color, lw=1.4, zorder=2))
            c.line((axm, top + 0.52), (axm, top + 0.78), color=color)
            c.text(axm + (-0.15 if phone else 0.15), top + 0.65, f"rank {rank}", ha="right" if phone else "left",
                   color=c.muted)
            for y_label, m, name in ((top + 0.2, a, "A"), (top + 1.1, b, "B")):
                c.text(ax0 - 0.1, y_label - 0.1, f"{name} · {m.size}", ha="right", weight="bold", size=9.5)
                c.text(ax0 - 0.1, y_label + 0.1, f"{m.count:,}", ha="right", size=9.5)
            c.arrow((wx + ww / 2, top + 1.3), (wx + ww / 2, top + 1.62), (axm - 0.14, top + 1.62))
            c.arrow((axm, top + 1.3), (axm, top + 1.49))
            c.add(axm, top + 1.62)
            if phone:
                c.text(axm, top + 1.9, f"= {word}", size=10)
            else:
                c.text(axm + 0.22, top + 1.62, f"= {word}", ha="left", size=10)
            y = top + (2.15 if phone else 1.95)
        c.text(0.05, y + 0.15, "key and output: frozen, no adapter", size=10.5, weight="bold", ha="left")
        bw = (W - 0.3) / 2 if phone else 2.45
        for i, b in enumerate(untouched):
            lines = [b.word, b.size] if phone else [f"{b.word} · {b.size}"]
            c.matrix(0.1 + i * (bw + 0.1), y + 0.35, bw, 0.42 + 0.18 * (len(lines) - 1), b, lines=lines, faded=True)
        one = f"trained in one layer: {per_layer:,} (A and B)"
        every = f"{n_layers} layers × {per_layer:,} = {whole:,} trained"
        if phone:
            one, every = one.replace(": ", ":\n"), every.replace(" = ", "\n= ")
        c.text(W / 2, c.height - (0.56 if phone else 0.3), one, size=10.5, weight="bold", va="bottom")
        c.text(W / 2, c.height - 0.02, every, size=10.5, weight="bold", va="bottom")
        return c.finish()

    q, v = by_target["query"], by_target["value"]
    alt = (f"Diagram of LoRA at rank {rank} on the query and value matrices of one {LABEL['smollm2-135m']} layer, "
           f"read from the adapted module. Beside the frozen query matrix ({q[0].size}, {q[0].count:,}) sit A "
           f"({q[1].size}, {q[1].count:,}) and B ({q[2].size}, {q[2].count:,}); beside the frozen value matrix "
           f"({v[0].size}, {v[0].count:,}) sit A ({v[1].size}, {v[1].count:,}) and B ({v[2].size}, "
           f"{v[2].count:,}); their outputs are added. Key and output stay frozen without adapters. One layer "
           f"trains {per_layer:,} parameters; {n_layers} layers train {whole:,}.")
    return draw, alt, {"per_layer": per_layer, "trained": whole, "rank": rank}
