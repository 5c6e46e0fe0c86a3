/* The block diagrams of the Layer and Transformer pages: one decoder layer (data-view="layer") or a whole model
 * (data-view="model") of a chosen config, each box with its parameter count and the formula that gives it, from the
 * counter the calculator uses (formula.js on data/calculator/diagrams.json: count.json cut to the zoo's adapters).
 * A box shows its formula when pointed at, focused or clicked. The parts always sum to the formula's own count of the block (or model), or the widget says so.
 *
 * <div class="ps-layer" data-view="layer" data-models="smollm2-135m gpt2" data-toy="layer">: data-toy names a toy
 * config of the data (scripts/paramscope/arch/calculator.py TOYS), shown first; data-models names zoo entries.
 */
import { blockEnvironment } from "./formula.js";
import { couldNotLoad, el, fetchJson, uniqueId } from "./page.js";

const DATA_URL = new URL("../data/calculator/diagrams.json", import.meta.url).href;

function n(x) { return BigInt(x).toLocaleString("en"); }

function part(id, label, kind, count, what, lines) {
  return { id, label, kind, count, what, lines };
}

// Lines "name: a × b = c" of a sum of matrices, and their total.
function matrices(rows) {
  const lines = [];
  let total = 0n;
  rows.forEach((r) => {
    if (!r[2]) return;
    total += r[2];
    lines.push(r[0] + ": " + r[1] + " = " + n(r[2]));
  });
  return [total, lines];
}

function attention(e) {
  let rows;
  if (e.kv_lora > 0n) {
    rows = [["queries", e.q_lora > 0n ? n(e.d_model) + " × " + n(e.q_lora) + " + " + n(e.q_lora) + " × " + n(e.heads) +
             " heads × " + n(e.head_dim) : n(e.d_model) + " × " + n(e.heads) + " heads × " + n(e.head_dim), e.latent_q],
            ["compressed keys and values (latent) and rotary key", n(e.d_model) + " × (" + n(e.kv_lora) + " + " +
             n(e.rope_dim) + ")", e.d_model * (e.kv_lora + e.rope_dim)],
            ["keys and values from the latent", n(e.kv_lora) + " × " + n(e.heads) + " heads × (" +
             n(e.head_dim - e.rope_dim) + " + " + n(e.v) + ")", e.kv_lora * e.heads * (e.head_dim - e.rope_dim + e.v)],
            ["output", n(e.heads) + " heads × " + n(e.v) + " × " + n(e.d_model), e.heads * e.v * e.d_model]];
  } else {
    rows = [["query matrix", n(e.d_model) + " × " + n(e.heads) + " heads × " + n(e.head_dim), e.d_model * e.heads * e.head_dim],
            ["key matrix", n(e.d_model) + " × " + n(e.kv_heads) + " key-value heads × " + n(e.head_dim),
             e.d_model * e.kv_heads * e.head_dim],
            ["value matrix", n(e.d_model) + " × " + n(e.kv_heads) + " key-value heads × " + n(e.v), e.d_model * e.kv_heads * e.v],
            ["output matrix", n(e.heads) + " heads × " + n(e.v) + " × " + n(e.d_model), e.heads * e.v * e.d_model]];
  }
  rows.push(["norms inside attention", "latent and query/key norms", e.attn_norms],
            ["biases", "added to the projections' outputs", e.attn_b],
            ["output gate", n(e.d_model) + " × " + n(e.q_out), e.gate_w], ["attention sinks", "one per head", e.sink]);
  const m = matrices(rows);
  return part("attention", "Attention", "attention", m[0],
              "Every token gathers information from the tokens before it: queries meet keys, values are mixed.", m[1]);
}

// The router's matrix, and what else it holds only when it holds more (a bias per expert, for instance).
function routerLine(e) {
  const matrix = e.experts * e.d_model, line = n(e.experts) + " experts × " + n(e.d_model);
  return e.router_w === matrix ? line : line + " + " + n(e.router_w - matrix) + " more";
}

function mlp(e) {
  if (e.moe_i) {
    const m = matrices([["routed experts", n(e.experts) + " experts × 3 × " + n(e.d_model) + " × " + n(e.expert_ffn),
                         e.experts * e.expert], ["shared experts", "3 × " + n(e.d_model) + " × " + n(e.shared_ffn),
                         3n * e.d_model * e.shared_ffn], ["expert biases", n(e.experts) + " experts × " + n(e.expert_b),
                         e.experts * e.expert_b], ["router", routerLine(e), e.router_w]]);
    return part("mlp", "Mixture of experts", "experts", m[0],
                "Each token's vector goes through the few experts (small MLPs) the router picks for it, top " +
                n(e.top_k) + " of " + n(e.experts) + ".", m[1]);
  }
  const m2 = matrices(e.gated ? [["gate matrix", n(e.d_model) + " × " + n(e.ffn), e.d_model * e.ffn],
                                 ["up matrix", n(e.d_model) + " × " + n(e.ffn), e.d_model * e.ffn],
                                 ["down matrix", n(e.ffn) + " × " + n(e.d_model), e.ffn * e.d_model]]
                              : [["up matrix", n(e.d_model) + " × " + n(e.ffn), e.d_model * e.ffn],
                                 ["down matrix", n(e.ffn) + " × " + n(e.d_model), e.ffn * e.d_model]]);
  const extra = matrices([["activation's own parameters", "learned", e.act_params], ["biases", "on the projections", e.mlp_b]]);
  return part("mlp", "MLP", "mlp", m2[0] + extra[0],
              "Each token's vector, on its own, goes out to " + n(e.ffn) + " hidden units and back to " + n(e.d_model) + ".",
              m2[1].concat(extra[1]));
}

function norm(e, id, label) {
  return part(id, label, "norms", e.norm, "Rescales the vector before the part that follows reads it.",
              [(e.norm === e.d_model ? "a scale per number: " : "a scale and a shift per number: ") +
               (e.norm === e.d_model ? n(e.d_model) : "2 × " + n(e.d_model)) + " = " + n(e.norm)]);
}

// One layer: norm, attention, (extra norms), norm, MLP; checked against the formula's own count of the block.
function layerParts(e) {
  if (e.mix.length !== 1 || e.mix[0] !== "attention") throw new Error("this diagram draws attention layers only");
  const parts = [norm(e, "norm1", "Norm"), attention(e), norm(e, "norm2", "Norm"), mlp(e)];
  if (e.norms > 2n)
    parts.push(part("norms", "More norms", "norms", (e.norms - 2n) * e.norm,
                    "Norms that rescale attention's and the MLP's outputs before they are added back.",
                    [n(e.norms - 2n) + " × " + n(e.norm) + " = " + n((e.norms - 2n) * e.norm)]));
  return parts;
}

function modelParts(config, data) {
  const e = blockEnvironment(config, data, 0), sizes = [];
  let layers = 0n;
  for (let i = 0; i < Number(e.layers); i++) {
    const b = blockEnvironment(config, data, i).block;
    sizes.push(b);
    layers += b;
  }
  const same = sizes.every((s) => s === sizes[0]);
  const parts = [part("embeddings", "Embedding table", "embeddings", e.k_embeddings,
                      "Each token id picks one row: the token's first vector.",
                      [n(e.vocab) + " tokens × " + n(e.d_model) + " = " + n(e.vocab * e.d_model)].concat(
                        e.k_embeddings !== e.vocab * e.d_model ? ["positions and other tables: " + n(e.k_embeddings - e.vocab * e.d_model)] : [])),
                 part("layers", n(e.layers) + " layers", "attention", layers,
                      "Each layer refines every token's vector with attention and an MLP (see the Layer page).",
                      same ? [n(e.layers) + " × " + n(sizes[0]) + " = " + n(layers)]
                           : distinct(sizes).map((g) => n(g[1]) + " layers of " + n(g[0]))
                               .concat(["together " + n(layers)])),
                 part("final", "Final norm", "norms", e.final_norm ? e.norm : 0n, "Rescales the last vectors.",
                      [e.final_norm ? n(e.norm) : "none"]),
                 part("head", e.tie ? "Output head, tied to the embedding table" : "Output head", "output head", e.k_head, "Turns each final vector into one score per token.",
                      [e.tie ? "the embedding table again (tied): no new parameters"
                             : n(e.d_model) + " × " + n(e.vocab) + " tokens = " + n(e.k_head)])];
  const rest = e.total - parts.reduce((s, p) => s + p.count, 0n);
  if (rest) parts.push(part("other", "Other", "biases", rest, "The output head's bias and other small parts.", [n(rest)]));
  return { parts, total: e.total };
}

function distinct(sizes) {
  const groups = [];
  sizes.forEach((s) => {
    const g = groups.find((x) => x[0] === s);
    if (g) g[1] += 1n; else groups.push([s, 1n]);
  });
  return groups;
}

export function setup(container) {
  const status = el("p", { role: "status" }, "Loading the counter…");
  container.textContent = "";
  container.append(status);
  fetchJson(DATA_URL).then((data) => { status.remove(); build(container, data); })
    .catch(couldNotLoad(status, "the counter's data"));
}

// One part of the stack: a button with its label, count and a bar of its share of the total, in its kind's colour;
// pointing at it, focusing or clicking it calls show().
function partBox(p, total, colors, show) {
  const li = el("li");
  const box = el("button", { type: "button", class: "ps-layer__box", "data-part": p.id, "data-count": String(p.count),
                             "aria-pressed": "false" });
  box.style.borderLeftColor = colors[p.kind];
  const bar = el("span", { class: "ps-layer__bar", "aria-hidden": "true" });
  bar.style.width = (total ? 100 * Number(p.count) / Number(total) : 0).toFixed(2) + "%";
  bar.style.background = colors[p.kind];
  box.append(el("span", { class: "ps-layer__label" }, p.label),
             el("span", { class: "ps-layer__count" }, n(p.count)), bar);
  for (const ev of ["mouseenter", "focus", "click"]) box.addEventListener(ev, show);
  li.append(box);
  return li;
}

function build(container, data) {
  const id = uniqueId("ps-layer"), view = container.dataset.view || "layer";
  const toy = container.dataset.toy ? data.toys[container.dataset.toy] : null, own = toy ? toy.config : null;
  const names = (container.dataset.models || "").split(/\s+/).filter(Boolean);
  const controls = el("div", { class: "ps-layer__controls" });
  const select = el("select", { id: id + "-model" });
  if (own) select.append(el("option", { value: "" }, toy.label));
  names.forEach((name) => { select.append(el("option", { value: name }, data.zoo[name].label)); });
  const cell = el("div");
  // One model to show: its name as text, not a select with nothing else to pick (a reader's finding).
  if (select.options.length > 1) cell.append(el("label", { for: id + "-model" }, "Model"), select);
  else cell.append(el("span", { class: "ps-layer__heading" }, "Model"),
                   el("span", { class: "ps-layer__model" }, select.options[0].textContent));
  controls.append(cell);
  const pick = el("input", { id: id + "-index", type: "number", min: "1", value: "1", inputmode: "numeric" });
  if (view === "layer") {
    const cell2 = el("div");
    cell2.append(el("label", { for: id + "-index" }, "Layer"), pick);
    controls.append(cell2);
  }
  const head = el("p", { class: "ps-layer__total", "aria-live": "polite" });
  const stack = el("ol", { class: "ps-layer__stack" });
  const detail = el("div", { class: "ps-layer__detail", "aria-live": "polite" });
  container.append(controls, head, stack, detail);
  let chosen = view === "layer" ? "attention" : "layers";

  function config() { return select.value ? data.zoo[select.value].config : own; }

  function show(p) {
    chosen = p.id;
    detail.textContent = "";
    detail.append(el("p", { class: "ps-layer__name" }, p.label + ": " + n(p.count) + " parameters"),
                  el("p", {}, p.what));
    const list = el("ul", { class: "ps-layer__lines" });
    p.lines.forEach((line) => { list.append(el("li", {}, line)); });
    detail.append(list);
    stack.querySelectorAll(".ps-layer__box").forEach((b) => {
      b.setAttribute("aria-pressed", b.dataset.part === p.id ? "true" : "false");
    });
  }

  function draw() {
    const cfg = config();
    let parts, total, label;
    if (view === "layer") {
      const layers = Number(blockEnvironment(cfg, data, 0).layers);
      pick.max = String(layers);
      const i = Math.min(Math.max(1, Math.floor(Number(pick.value)) || 1), layers);
      const e = blockEnvironment(cfg, data, i - 1);
      parts = layerParts(e);
      total = e.block;
      label = "Layer " + i + " of " + layers + " holds ";
    } else {
      const m = modelParts(cfg, data);
      parts = m.parts;
      total = m.total;
      label = "The whole model holds ";
    }
    const sum = parts.reduce((s, p) => s + p.count, 0n);
    if (sum !== total) throw new Error("the parts sum to " + n(sum) + ", the formula counts " + n(total));
    head.textContent = "";
    head.append(document.createTextNode(label), el("strong", { class: "ps-layer__sum", "data-count": String(total) },
                                                   n(total)), document.createTextNode(" parameters."));
    stack.textContent = "";
    parts.forEach((p) => {
      stack.append(partBox(p, total, data.colors, () => show(p)));
      if (view === "layer" && (p.id === "attention" || p.id === "mlp"))
        stack.append(el("li", { class: "ps-layer__add", "aria-hidden": "true" }, ""));
    });
    show(parts.find((p) => p.id === chosen) || parts[0]);
  }

  function redraw() {
    try { draw(); } catch (e) { head.textContent = "Cannot draw this model: " + e.message; stack.textContent = ""; }
  }
  select.addEventListener("change", redraw);
  pick.addEventListener("input", redraw);
  if (!own) select.value = names[0];
  redraw();
}
