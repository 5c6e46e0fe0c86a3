/* The live attention widget (the Attention page): SmolLM2's attention on the reader's own sentence, one layer and
 * head at a time as a heat map (heatmap.js), with the tokens one row's token attends to most (the page's " it" at
 * first; the reader picks another row by tapping it or from the Token select), and the share under the pointer. The model runs in the worker (live-client.js); the page's sentence, layer and head come from the build.
 */
import { heatScale, heatmap } from "./heatmap.js";
import { call, models } from "./live-client.js";
import { busyLine, loader } from "./live-loading.js";
import { autosize, el, uniqueId } from "./page.js";
import { quoted } from "./tokens.js";

// The form: the sentence, the layer and head selects, the button and the busy line.
function attentionForm(container) {
  const form = el("form", { class: "ps-live__form", "aria-label": "Attention on your own sentence" });
  const id = uniqueId("ps-live");
  const row = el("div", { class: "ps-live__prompt" });
  // A box that wraps and grows with the sentence (a one-line field hides most of it on a phone); Enter shows it.
  const text = el("textarea", { id: id + "-text", rows: "2", class: "ps-live__text" });
  text.value = container.dataset.text || "";
  row.append(el("label", { for: id + "-text" }, "Your sentence"), text);
  const pick = el("div", { class: "ps-live__pair" });
  const layer = el("select", { id: id + "-layer", class: "ps-live__select" });
  const head = el("select", { id: id + "-head", class: "ps-live__select" });
  pick.append(el("label", { for: id + "-layer" }, "Layer"), layer, el("label", { for: id + "-head" }, "Head"), head);
  const go = el("button", { type: "submit", class: "ps-live__action" }, "Show attention");
  form.append(row, pick, go);
  // The row the caption describes, filled with the sentence's tokens once they are computed.
  const which = el("div", { class: "ps-live__pair" });
  const token = el("select", { id: id + "-token", class: "ps-live__select" });
  which.append(el("label", { for: id + "-token" }, "Row"), token);
  return { form, text, layer, head, which, token, busy: busyLine(form) };
}

// Fills the selects with every layer and head, and picks the sentence, layer and head the build chose
// (scripts/producers/live.py) unless the page's element names its own.
function choose(container, m, text, layer, head) {
  for (let i = 0; i < m.attention.layers; i++) layer.append(el("option", { value: String(i) }, String(i + 1)));
  for (let j = 0; j < m.attention.heads; j++) head.append(el("option", { value: String(j) }, String(j + 1)));
  if (!text.value) text.value = m.attention.sentence;
  pick(container, m.attention, layer, head);
}

// Sets the selects to the element's data-layer and data-head (counted from 1: the overview's pick, or the page's
// own), else to the build's choice.
function pick(container, chosen, layer, head) {
  layer.value = String(Number(container.dataset.layer || chosen.layer) - 1);
  head.value = String(Number(container.dataset.head || chosen.head) - 1);
}

// The weights of query q in layer l, head h, from r.data (L, H, T, T): the index of its row's first key.
function rowStart(r, l, h, q) {
  const T = r.tokens.length;
  return ((l * r.shape[1] + h) * T + q) * T;
}

// "token (token n) attends most to a (0.50), b (0.20), c (0.10)"
function describe(r, l, h, q) {
  const base = rowStart(r, l, h, q), order = [];
  for (let k = 0; k <= q; k++) order.push(k);
  order.sort((a, b) => r.data[base + b] - r.data[base + a]);
  return quoted(r.tokens[q]) + " (token " + (q + 1) + ") attends most to " +
    order.slice(0, 3).map((k) => quoted(r.tokens[k]) + " (" + r.data[base + k].toFixed(2) + ")").join(", ");
}

// The row the map opens on: the last token the build names (" it" in the page's sentence), else the last token.
function openingRow(tokens, query) {
  const i = tokens.lastIndexOf(query);
  return i >= 0 ? i : tokens.length - 1;
}

// Fills the row select with the sentence's tokens, numbered as the map numbers them.
function fillRows(select, tokens, row) {
  select.textContent = "";
  tokens.forEach((t, i) => select.append(el("option", { value: String(i) }, (i + 1) + " " + quoted(t))));
  select.value = String(row);
}

// One resize listener for every map set up (a page visited again sets up a new one): each redraws its map.
const resizers = new Set();
window.addEventListener("resize", () => { for (const redraw of resizers) redraw(); });

export function setup(container) {
  container.textContent = "";
  const { form, text, layer, head, which, token, busy } = attentionForm(container);
  const figure = el("div", { class: "ps-live__figure ps-live__heat" });
  const canvas = el("canvas", { class: "ps-live__canvas", role: "img" });
  figure.append(canvas);
  // A map wider than its column even at the smallest squares (a long sentence on a phone) scrolls in its box: said.
  const wide = el("p", { class: "ps-scroll-hint", "aria-hidden": "true", hidden: "" });
  const readout = el("p", { class: "ps-live__summary", "aria-live": "polite" });
  const result = el("div", { class: "ps-live__result" });
  result.append(form, wide, figure, heatScale(), which, readout);
  const state = { r: null, geometry: null, busy: false, row: 0, query: "", chosen: null };

  // Draws the map with the described row outlined, and describes that row from the weights just computed.
  function draw() {
    if (!state.r) return;
    const l = Number(layer.value), h = Number(head.value), T = state.r.tokens.length;
    const most = describe(state.r, l, h, state.row);
    state.geometry = heatmap(canvas, state.r, l, h, state.row);
    wide.hidden = state.geometry.width <= figure.clientWidth;
    wide.textContent = "The map is wider than the screen: swipe it sideways for all " + T + " columns \u2192";
    canvas.setAttribute("aria-label", "Attention weights of layer " + (l + 1) + ", head " + (h + 1) + " over " + T +
      " tokens: each row a token, each column a token it can see. " + most + ".");
    readout.textContent = "Layer " + (l + 1) + ", head " + (h + 1) + ": " + most +
      ". Tap a row or pick one above to describe it; point at a square to read its share.";
  }

  function compute() {
    if (state.busy) return;
    state.busy = true;
    busy.start();
    call("attention", [text.value], busy.show).then((r) => {
      state.r = r;
      state.row = openingRow(r.tokens, state.query);
      fillRows(token, r.tokens, state.row);
      draw();
    }).catch((e) => {
      state.r = null;
      canvas.width = 0; canvas.height = 0; canvas.style.height = "0";
      readout.textContent = e.stopped ? "Stopped." : e.message[0].toUpperCase() + e.message.slice(1) + ".";
    }).then(() => { state.busy = false; busy.end(); });
  }

  // The square under the pointer as {q, k}, or null outside the squares.
  function square(e) {
    const g = state.geometry;
    if (!g || !state.r) return null;
    const box = canvas.getBoundingClientRect();
    const k = Math.floor((e.clientX - box.left - g.left) / g.cell), q = Math.floor((e.clientY - box.top - g.top) / g.cell);
    return q < 0 || k < 0 || q >= g.T || k >= g.T ? null : { q, k };
  }

  // "\" it\" → \" animal\": 0.750."
  function share(q, k) {
    const r = state.r, base = rowStart(r, Number(layer.value), Number(head.value), q);
    return quoted(r.tokens[q]) + " → " + quoted(r.tokens[k]) + ": " +
      (k > q ? "0 (a token never sees the tokens after it)" : r.data[base + k].toFixed(3)) + ".";
  }

  canvas.addEventListener("pointermove", (e) => {
    const s = square(e);
    if (s) readout.textContent = share(s.q, s.k);
  });
  canvas.addEventListener("click", (e) => {  // a tap picks the row to describe, and keeps the square's share
    const s = square(e);
    if (!s) return;
    state.row = s.q;
    token.value = String(s.q);
    draw();
    readout.textContent += " " + share(s.q, s.k);
  });
  token.addEventListener("change", () => { state.row = Number(token.value); draw(); });
  form.addEventListener("submit", (e) => { e.preventDefault(); compute(); });
  text.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); compute(); }
  });
  text.addEventListener("input", () => autosize(text));
  layer.addEventListener("change", draw);
  head.addEventListener("change", draw);
  const redraw = () => {
    if (!container.isConnected) resizers.delete(redraw);  // left behind by instant navigation: let it go
    else if (state.r) draw();
  };
  resizers.add(redraw);
  // A map picked in the overview (attention-overview.js): shown at once once the model is loaded; before that,
  // choose() opens on it.
  container.addEventListener("ps-pick", () => {
    if (!state.chosen) return;
    pick(container, state.chosen, layer, head);
    draw();
  });
  loader(container, "attention", "SmolLM2", () => {
    models().then((m) => {
      choose(container, m, text, layer, head);
      state.chosen = m.attention;
      state.query = m.attention.query;
      container.append(result);
      autosize(text);
      compute();
    });
  });
}
