"""Diagrams of the real modules: attention, a layer, a neuron, a mixture of experts, LoRA.

Every box is read from the module the site runs (SmolLM2-135M, Mixtral 8x7B and DeepSeek-V3 built on the meta
device from the zoo's configurations), so its shape and count are the module's; each diagram's total is checked
equal to the module's own count.
"""
from paramscope.arch import zoo
from paramscope.figures import layout, style
from paramscope.figures.layout import row
from paramscope.figures.module_boxes import Canvas, expert_boxes, pick, read, tint, total
from paramscope.lessons import lora, routing
from paramscope.models import build_model
from paramscope.models.count import parameters_in
from paramscope.models.deepseek_v3 import router_groups
from paramscope_generator.api import expect

WIDE = 5.2     # inches: a tall, narrow layout that the column shows at natural size
PHONE = 3.65   # inches: the phone's drawing, whose 9 pt text is 11 CSS px in a 375 px phone's 343 px column
EDGE = 0.1     # inches between the canvas's sides and a box across it
GAP = 0.1      # inches between boxes side by side
RANK = 8       # LoRA's rank on the fine-tuning page
LABEL = {name: zoo.get(name).label for name in ("smollm2-135m", "mixtral-8x7b", "deepseek-v3")}


def produce(out):
    smol = build_model(zoo.get("smollm2-135m").config)
    layer = smol.model.layers[0]
    attention(out, layer.self_attn)
    decoder_layer(out, layer)
    neuron(out, layer.mlp)
    mixture_of_experts(out, build_model(zoo.get("mixtral-8x7b").config), build_model(zoo.get("deepseek-v3").config))
    adapters(out, lora.add_lora(build_model(zoo.get("smollm2-135m").config), RANK, lora.ATTENTION_QV))


def publish(out, name: str, draw, alt: str, facts: dict) -> None:
    """The diagram (draw(phone=True) is the same diagram, PHONE inches wide) and its facts, as `name.key`."""
    out.figure(name, draw, alt=alt)
    for key, value in facts.items():
        out.fact(f"{name}.{key}", value)


def canvas(phone: bool) -> Canvas:
    """The column's canvas, or the phone's: each diagram is laid out for the width it is given."""
    return Canvas(PHONE if phone else WIDE)


def attention(out, attn):
    """Query, key and value side by side (widths in proportion to their outputs), then scores, then output."""
    boxes = read(attn)
    q, k, v, o = (pick(boxes, w) for w in ("query", "key", "value", "output"))
    n = total(boxes)
    expect(n == parameters_in(attn), "attention diagram total != module count")
    width_in = q.shape[1]
    q_heads, kv_heads = f"{attn.n_head} heads × {attn.hd}", f"{attn.n_kv} heads × {attn.hd}"  # grouped-query

    def draw(phone: bool = False):
        c = canvas(phone)
        W = c.width
        x0, x1 = EDGE, W - EDGE
        y = c.plain(x0, 0.05, x1 - x0, [f"a token's vector: {width_in:,} numbers"], dashed=False)
        top = y + 0.38
        spans = row(x0, x1, [b.shape[0] for b in (q, k, v)], GAP)   # widths in proportion to the outputs
        for (x, w), b in zip(spans, (q, k, v)):
            c.arrow((x + w / 2, y), (x + w / 2, top))
            bottom = c.matrix(x, top, w, b, h=0.9)
        (qx, qw), (kx, kw), (vx, vw) = spans
        c.text(qx + qw / 2, bottom + 0.18, q_heads + " numbers")
        c.text((kx + vx + vw) / 2, bottom + 0.18, kv_heads + " numbers")
        # scores from query and key; value joins at the weighted sum
        s_top = bottom + 0.55
        for x, w in spans[:2]:
            c.arrow((x + w / 2, bottom + 0.35), (x + w / 2, s_top))
        s_bottom = c.plain(x0, s_top, kx + kw - x0, ["scores: each query against every key", "softmax → shares"])
        m_top = s_bottom + 0.38
        c.arrow((vx + vw / 2, bottom + 0.35), (vx + vw / 2, m_top))
        c.arrow(((x0 + kx + kw) / 2, s_bottom), ((x0 + kx + kw) / 2, m_top))
        y = c.plain(x0, m_top, x1 - x0, ["weighted sum of the values, heads side by side"])
        o_w = o.shape[0] * qw / q.shape[0]      # as wide as query: inches per output feature
        y = c.matrix((W - o_w) / 2, c.down(W / 2, y, 0.33), o_w, o, h=0.9)
        c.plain(x0, c.down(W / 2, y), x1 - x0, [f"{o.shape[0]:,} numbers, added to the token's vector"], dashed=False)
        return c.finish(f"Attention in one {LABEL['smollm2-135m']} layer: {n:,} parameters")

    alt = (f"Diagram of attention in one {LABEL['smollm2-135m']} layer, read from the module. A token's vector of "
           f"{width_in} numbers goes through three matrices side by side: query {q.size} ({q.count:,} parameters), "
           f"key {k.size} ({k.count:,}) and value {v.size} ({v.count:,}); {q_heads} query numbers are compared "
           f"with {kv_heads} key numbers to give softmax shares, which mix the values; the output matrix "
           f"{o.size} ({o.count:,}) maps the result back. Total {n:,} parameters.")
    publish(out, "attention", draw, alt, {"total": n, **{b.word: b.count for b in (q, k, v, o)}})


def decoder_layer(out, layer):
    """Norm, attention, residual add, norm, MLP, residual add, with the residual stream drawn on the left."""
    boxes = read(layer)
    norms = [b for b in boxes if b.word == "RMSNorm"]
    attn = [pick(boxes, w) for w in ("query", "key", "value", "output")]
    mlp = [pick(boxes, w) for w in ("gate", "up", "down")]
    n = total(boxes)
    expect(n == parameters_in(layer), "layer diagram total != module count")
    expect(len(norms) == 2 and total(norms + attn + mlp) == n, "a layer box is missing from the diagram")
    d = norms[0].shape[0]

    def draw(phone: bool = False):
        c = canvas(phone)
        W = c.width
        spine, x0, x1 = 0.3, 0.6, W - 0.05   # the residual stream on the left, the sublayers right of it
        mid = (x0 + x1) / 2
        y = c.plain(x0, 0.05, x1 - x0, [f"each token's vector: {d:,} numbers"], dashed=False)
        join = (0.05 + y) / 2      # where the residual stream leaves the vector
        c.line((x0, join), (spine, join))

        def sublayer(y, norm, group, kind, title, note):
            c.arrow((mid, y - 0.28), (mid, y))
            y = c.matrix(mid - 0.9, y, 1.8, norm, lines=[f"RMSNorm · {norm.count:,}"])
            g_top = y + 0.26
            c.arrow((mid, y), (mid, g_top + 0.06))
            c.text(x0 + 0.12, g_top + 0.2, f"{title} · {total(group):,}", size=10.5, weight="bold", ha="left")
            for (x, w), b in zip(row(x0 + 0.08, x1 - 0.08, [1] * len(group), 0.06), group):
                bottom = c.matrix(x, g_top + 0.42, w, b, h=0.85)
            note_lines = layout.wrap(note, x1 - x0 - 0.24, style.MIN_PT)
            c.text(mid, bottom + 0.1, "\n".join(note_lines), va="top")
            g_bottom = bottom + 0.22 + len(note_lines) * style.MIN_PT * layout.LINE
            c.frame(x0, g_top, x1 - x0, g_bottom - g_top, kind)
            return g_bottom

        def residual(y_from, y_add):
            c.arrow((mid, y_from), (mid, y_add), (spine + 0.14, y_add))
            c.add(spine, y_add)

        a_end = sublayer(y + 0.28, norms[0], attn, "attention", "attention", "tokens mix: queries meet earlier keys")
        y1 = a_end + 0.32
        residual(a_end, y1)
        c.line((spine, join), (spine, y1 - 0.13))
        c.text(spine - 0.2, (join + y1) / 2, "residual stream", color=c.muted, style_="italic", rotation=90)
        c.line((spine, y1 + 0.13), (spine, y1 + 0.25), (mid, y1 + 0.25))
        m_end = sublayer(y1 + 0.53, norms[1], mlp, "mlp", "MLP", "each token alone: down(SiLU(gate) × up)")
        y2 = m_end + 0.32
        residual(m_end, y2)
        c.line((spine, y1 + 0.13), (spine, y2 - 0.13))
        c.arrow((spine, y2 + 0.13), (spine, y2 + 0.3), (x0 + 0.2, y2 + 0.3))
        c.plain(x0 + 0.2, y2 + 0.09, x1 - x0 - 0.2, [f"{d:,} numbers, to the next layer"], dashed=False)
        return c.finish(f"One {LABEL['smollm2-135m']} layer: {n:,} parameters")

    alt = (f"Diagram of one {LABEL['smollm2-135m']} layer, read from the module. A token's vector of {d} numbers "
           f"goes through RMSNorm ({norms[0].count}) and attention ({total(attn):,}: "
           + ", ".join(f"{b.word} {b.size}" for b in attn) + "), is added back onto itself (the residual "
           f"connection), then through a second RMSNorm ({norms[1].count}) and the MLP ({total(mlp):,}: "
           + ", ".join(f"{b.word} {b.size}" for b in mlp) + f"), and is added back again. Total {n:,} parameters.")
    publish(out, "layer", draw, alt, {"total": n, "attention": total(attn), "mlp": total(mlp), "norms": total(norms)})


def neuron(out, mlp):
    """The MLP's three matrices, with one neuron's weights in each: its row of gate and up, its column of down."""
    boxes = read(mlp)
    gate, up, down = (pick(boxes, w) for w in ("gate", "up", "down"))
    n = total(boxes)
    expect(n == parameters_in(mlp), "neuron diagram total != module count")
    units, d = gate.shape  # (hidden units, model width)
    per_neuron = n // units
    expect(per_neuron * units == n and per_neuron == gate.shape[1] + up.shape[1] + down.shape[0],
           f"a neuron's share {per_neuron} × {units} != {n}, or != one gate and up column and one down row")

    def draw(phone: bool = False):
        from matplotlib.patches import Circle, Rectangle

        c = canvas(phone)
        W = c.width
        pos, strip = 0.84, 0.07  # where the highlighted neuron sits among the hidden units; its strip's width
        in_w = min(W - 2 * EDGE, 3.2)
        c.plain((W - in_w) / 2, 0.05, in_w, [f"a token's vector: {d:,} numbers"], dashed=False)
        top, h = 0.8, 0.85
        hx = EDGE + pos * (W - 2 * EDGE)  # the neuron among the hidden units, and its weights in down
        for i, ((x, w), b) in enumerate(zip(row(EDGE, W - EDGE, [1, 1], 0.15), (gate, up))):
            c.arrow((W / 2 + (i - 0.5) * 1.2, 0.47), (x + w / 2, top))
            c.matrix(x, top, w, b, h=h)
            # a matrix of (hidden units) x (model width) rows: one neuron's weights are one row, drawn across
            c.ax.add_patch(Rectangle((x, top + pos * h - strip / 2), w, strip, color=c.ink, zorder=3, lw=0))
            c.arrow((x + pos * w, top + h), (hx, top + h + 0.75))
        # left of where the arrows from the strips cross: the narrower the canvas, the further left they cross
        c.text(EDGE, top + h + 0.2, f"one neuron's weights: {gate.shape[1]:,} in gate, {up.shape[1]:,} in up",
               ha="left", va="top", room=W / 2)
        hid = top + h + 0.75
        c.plain(EDGE, hid, W - 2 * EDGE, [], h=layout.height(1))
        c.text(0.25, hid + 0.21, f"{units:,} neurons: SiLU(gate) × up", ha="left", weight="bold", size=10)
        c.ax.add_patch(Circle((hx, hid + 0.21), 0.13, facecolor=c.ink, edgecolor=c.ink, zorder=3))
        dtop = hid + 0.75
        c.arrow((W / 2, hid + 0.42), (W / 2, dtop))
        c.matrix(EDGE, dtop, W - 2 * EDGE, down, h=h)
        c.ax.add_patch(Rectangle((hx - strip / 2, dtop), strip, h, color=c.ink, zorder=3, lw=0))
        c.line((hx, hid + 0.34), (hx, dtop), color=c.ink, lw=1.3)
        label = f"its {down.shape[0]:,} weights in down"
        c.text(hx, dtop + h + 0.18, label, ha="right")
        out_x = min(W / 2, hx - layout.width(label, style.MIN_PT) - 0.2)   # the arrow left of that label
        out_w = min(W - 2.0, 2 * (out_x - EDGE))
        c.arrow((out_x, dtop + h), (out_x, dtop + h + 0.4))
        c.plain(out_x - out_w / 2, dtop + h + 0.4, out_w, [f"{down.shape[0]:,} numbers out"], dashed=False)
        return c.finish(f"One neuron: {gate.shape[1]:,} + {up.shape[1]:,} + {down.shape[0]:,} = {per_neuron:,} "
                        "parameters", f"{units:,} neurons × {per_neuron:,} = the whole MLP, {n:,}")

    alt = (f"Diagram of the MLP of one {LABEL['smollm2-135m']} layer, read from the module: the "
           f"gate and up matrices ({gate.size} each) side by side, then {units:,} hidden units, then the down matrix "
           f"({down.size}). One neuron's weights, highlighted, are {gate.shape[1]} in gate, {up.shape[1]} in up and "
           f"{down.shape[0]} in down: "
           f"{per_neuron:,} parameters. {units:,} neurons × {per_neuron:,} = {n:,}, the whole MLP.")
    publish(out, "neuron", draw, alt, {"total": n, "per_neuron": per_neuron, "neurons": units})


def mixture_of_experts(out, mixtral, deepseek):
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
        expect(n == router.count + routed + total(shared) == parameters_in(moe),
               f"{label}: router, experts and shared experts do not add up to the module's count")
        active = router.count + moe.top_k * total(expert) + total(shared)
        panels.append(dict(label=label, moe=moe, router=router, expert=expert, shared=shared, total=n,
                           active=active))
    groups = router_groups(deepseek.arch)

    def draw(phone: bool = False):
        c = canvas(phone)
        y = 0.0
        for p in panels:
            y = draw_moe_panel(c, y, p, groups if p["moe"] is d_moe else None) + 0.35
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
    publish(out, "mixture-of-experts", draw, alt, facts)


def draw_moe_panel(c: Canvas, y: float, p: dict, groups: tuple[int, int] | None) -> float:
    """One model's layer: token, router, the grid of experts with the chosen ones filled, the mix; returns the
    bottom."""
    from matplotlib.patches import FancyBboxPatch

    moe, router, expert = p["moe"], p["router"], p["expert"]
    W = c.width
    mid = W / 2
    c.text(0.05, y + 0.15, p["label"], size=11, weight="bold", ha="left")
    width = expert[0].shape[1]
    c.plain(EDGE, y + 0.35, W - 2 * EDGE, [f"a token's vector: {width:,} numbers"], h=0.4, dashed=False)
    c.arrow((mid, y + 0.75), (mid, y + 0.95))
    c.matrix(EDGE, y + 0.95, W - 2 * EDGE, router, lines=[f"router · {router.size} · {router.count:,}"], h=0.45)
    c.arrow((mid, y + 1.4), (mid, y + 1.65))
    # the experts: one square each; with groups, one row per group and only the best groups eligible
    n, k = moe.n_experts, moe.top_k
    rows = groups[0] if groups else 1
    per_row = n // rows
    gap = 0.06 if rows == 1 else 0.025
    side = min(0.5, (W - 0.2 - gap * (per_row - 1)) / per_row)
    eligible, chosen = routing.group_limited_example(n, k, groups)
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
    lines = [(chosen_note, 10, 0.24), (f"each expert: gate {e[0].size}, up {e[1].size}, down {e[2].size}", 9, 0.22),
             (f"= {total(e):,} parameters", 9, 0.22)]      # (text, points, inches a line)
    for text, size, step in lines:
        for line in layout.wrap(text, W - 0.25, size):
            grid_bottom += step
            c.text(mid, grid_bottom - step / 4, line, size=size)
    y2 = grid_bottom + 0.12
    if p["shared"]:
        shared = p["shared"]
        y2 = c.matrix(EDGE, y2, W - 2 * EDGE, shared[0], lines=["shared expert, every token", f"{total(shared):,}"])
    mix_w = min(W - 2 * EDGE, 4.0)
    y3 = c.plain((W - mix_w) / 2, c.down(mid, y2, 0.2), mix_w, ["outputs mixed by the router's shares"], h=0.4)
    y3 = c.title(y3 + 0.12, f"router and experts: {p['total']:,} parameters", size=10.5)
    return c.title(y3 + 0.04, f"one token uses {p['active']:,}", size=10.5) + 0.05


def adapters(out, model):
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

    def draw(phone: bool = False):
        from matplotlib.patches import Polygon

        c = canvas(phone)
        W = c.width
        y, color = 0.0, style.kind_color("lora")
        wx, ww = EDGE, 0.3 * W                  # the frozen matrix
        labels = max(layout.width(f"{name} · {m.size}", 9.5, bold=True) for _, a, b in by_target.values()
                     for name, m in (("A", a), ("B", b)))
        ax0, ax1 = wx + ww + labels + 0.3, W - EDGE     # A and B, their labels to the left
        axm, unit = (ax0 + ax1) / 2, (ax1 - ax0) / d
        for word, (base, a, b) in by_target.items():
            c.text(0.05, y + 0.15, f"{word}: {base.shape[1]:,} numbers in, {base.shape[0]:,} out", size=10.5,
                   weight="bold", ha="left")
            c.line((wx + ww / 2, y + 0.42), (wx + ww / 2, y + 0.32), (axm, y + 0.32))
            c.arrow((wx + ww / 2, y + 0.32), (wx + ww / 2, y + 0.5))
            c.arrow((axm, y + 0.32), (axm, y + 0.5))
            top = y + 0.5
            c.matrix(wx, top, ww, base, lines=[f"{word}", "(frozen)", base.size, f"{base.count:,}"], h=1.3)
            # A narrows from the input to the rank, B widens to the output: trapezoids as in the paper's figure 1
            a_half, b_half, r_half = a.shape[1] * unit / 2, b.shape[0] * unit / 2, 0.1
            c.ax.add_patch(Polygon([(axm - a_half, top), (axm + a_half, top), (axm + r_half, top + 0.52),
                                    (axm - r_half, top + 0.52)], facecolor=tint(color, 0.3), edgecolor=color,
                                   lw=1.4, zorder=2))
            c.ax.add_patch(Polygon([(axm - r_half, top + 0.78), (axm + r_half, top + 0.78),
                                    (axm + b_half, top + 1.3), (axm - b_half, top + 1.3)],
                                   facecolor=tint(color, 0.3), edgecolor=color, lw=1.4, zorder=2))
            c.line((axm, top + 0.52), (axm, top + 0.78), color=color)
            c.text(axm - 0.15, top + 0.65, f"rank {rank}", ha="right", color=c.muted)
            for y_label, m, name in ((top + 0.2, a, "A"), (top + 1.1, b, "B")):
                c.text(ax0 - 0.1, y_label - 0.1, f"{name} · {m.size}", ha="right", weight="bold", size=9.5)
                c.text(ax0 - 0.1, y_label + 0.1, f"{m.count:,}", ha="right", size=9.5)
            c.arrow((wx + ww / 2, top + 1.3), (wx + ww / 2, top + 1.62), (axm - 0.14, top + 1.62))
            c.arrow((axm, top + 1.3), (axm, top + 1.49))
            c.add(axm, top + 1.62)
            beside = axm + 0.22 + layout.width(f"= {word}", 10) <= W - 0.05   # else under the sum
            if beside:
                c.text(axm + 0.22, top + 1.62, f"= {word}", ha="left", size=10)
            else:
                c.text(axm, top + 1.9, f"= {word}", size=10)
            y = top + (1.95 if beside else 2.15)
        c.text(0.05, y + 0.15, "key and output: frozen, no adapter", size=10.5, weight="bold", ha="left")
        for (x, w), b in zip(row(EDGE, W - EDGE, [1] * len(untouched), GAP), untouched):
            c.matrix(x, y + 0.35, w, b, lines=[b.word, b.size], faded=True)
        return c.finish(f"trained in one layer: {per_layer:,} (A and B)",
                        f"{n_layers} layers × {per_layer:,} = {whole:,} trained")

    q, v = by_target["query"], by_target["value"]
    alt = (f"Diagram of LoRA at rank {rank} on the query and value matrices of one {LABEL['smollm2-135m']} layer, "
           f"read from the adapted module. Beside the frozen query matrix ({q[0].size}, {q[0].count:,}) sit A "
           f"({q[1].size}, {q[1].count:,}) and B ({q[2].size}, {q[2].count:,}); beside the frozen value matrix "
           f"({v[0].size}, {v[0].count:,}) sit A ({v[1].size}, {v[1].count:,}) and B ({v[2].size}, "
           f"{v[2].count:,}); their outputs are added. Key and output stay frozen without adapters. One layer "
           f"trains {per_layer:,} parameters; {n_layers} layers train {whole:,}.")
    publish(out, "lora", draw, alt, {"per_layer": per_layer, "trained": whole, "rank": rank})
