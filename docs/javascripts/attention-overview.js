/* The Attention page's overview: every head of every layer of SmolLM2-135M-Instruct on the page's sentence, as small
 * maps (computed at build by scripts/producers/attention.py, data/attention/overview.json). A tap on one opens it
 * large below (the live map's drawing, heatmap.js) and sets the live map's layer and head (pickLive); the heads the build
 * found notable are outlined: the previous-token head, and the heads that park their attention on the first token.
 */
import { heatAlpha, heatGamma, heatScale, heatmap } from "./heatmap.js";
import { couldNotLoad, el, fetchJson, uniqueId } from "./page.js";

const DATA_URL = new URL("../data/attention/overview.json", import.meta.url).href;

function decode(b64) {
  const raw = atob(b64), out = new Float32Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i) / 255;
  return out;
}

export function setup(container) {
  container.textContent = "";
  const status = el("p", { role: "status" }, "Loading the maps…");
  container.append(status);
  fetchJson(DATA_URL).then((d) => { status.remove(); build(container, d); })
    .catch(couldNotLoad(status, "the maps"));
}

function build(container, d) {
  const L = d.shape[0], H = d.shape[1], T = d.shape[2], data = decode(d.weights), id = uniqueId("ps-overview");
  const r = { tokens: d.tokens, shape: d.shape, data };
  const sink = {};
  d.sinks.forEach((p) => { sink[p[0] + "," + p[1]] = true; });
  const grid = el("div", { class: "ps-overview__grid", role: "grid", "aria-label": "Attention maps: " + L +
                           " layers (rows) by " + H + " heads (columns)" });
  grid.style.gridTemplateColumns = "auto repeat(" + H + ", 1fr)";
  grid.append(el("span", { class: "ps-overview__corner" }, ""));
  for (let h = 0; h < H; h++) grid.append(el("span", { class: "ps-overview__col" }, String(h + 1)));
  const detail = el("div", { class: "ps-overview__detail" });
  const title = el("p", { class: "ps-overview__title", id: id + "-title", "aria-live": "polite" });
  const big = el("canvas", { class: "ps-live__canvas", role: "img", "aria-labelledby": id + "-title" });
  const figure = el("div", { class: "ps-live__figure ps-live__heat" });
  figure.append(big);
  detail.append(title, figure);
  const buttons = [], thumbs = [];
  let shown = [d.previous.layer, d.previous.head];

  // picked: the reader tapped it (the map the build opens on leaves the live map's own choice alone).
  function open(l, h, picked) {
    buttons.forEach((b) => { b.setAttribute("aria-pressed", b.dataset.layer == l && b.dataset.head == h ? "true" : "false"); });
    const why = l === d.previous.layer && h === d.previous.head ? " — the previous-token head" :
                sink[l + "," + h] ? " — parks most of its attention on the first token" : "";
    title.textContent = "Layer " + (l + 1) + ", head " + (h + 1) + why + ".";
    shown = [l, h];
    heatmap(big, r, l, h);
    if (picked) pickLive(l, h);
  }

  for (let l = 0; l < L; l++) {
    grid.append(el("span", { class: "ps-overview__row" }, String(l + 1)));
    for (let k = 0; k < H; k++) {
      const b = el("button", { type: "button", class: "ps-overview__cell", "data-layer": String(l), "data-head": String(k),
                               "aria-label": "Layer " + (l + 1) + ", head " + (k + 1), "aria-pressed": "false" });
      if (l === d.previous.layer && k === d.previous.head) b.classList.add("ps-overview__cell--previous");
      else if (sink[l + "," + k]) b.classList.add("ps-overview__cell--sink");
      const c = el("canvas", { width: String(T), height: String(T), "aria-hidden": "true" });
      thumbs.push([c, (l * H + k) * T * T]);
      thumb(c, data, (l * H + k) * T * T, T);
      b.append(c);
      b.addEventListener("click", open.bind(null, l, k, true));
      buttons.push(b);
      grid.append(b);
    }
  }
  const key = el("p", { class: "ps-overview__key" });
  key.append(el("span", { class: "ps-overview__swatch ps-overview__swatch--previous" }),
             document.createTextNode(" the previous-token head; "),
             el("span", { class: "ps-overview__swatch ps-overview__swatch--sink" }),
             document.createTextNode(" heads that park most of their attention on the first token"));
  // The large map first; the grid of every head folded under one line, so that it does not fill two screens.
  const all = el("details", { class: "ps-overview__all" });
  all.append(el("summary", {}, "All " + L * H + " maps (" + L + " layers × " + H + " heads): tap one to show it above"),
             key, el("p", { class: "ps-overview__axes" }, "Rows: layers 1 to " + L + ", top to bottom. " +
                     "Columns: heads 1 to " + H + "."), grid);
  container.append(detail, heatScale(), all);
  open(d.previous.layer, d.previous.head);
  // The reader's switch of light and dark changes the maps' colour: draw them again in the new one.
  new MutationObserver(() => {
    thumbs.forEach(([canvas, base]) => thumb(canvas, data, base, T));
    heatmap(big, r, shown[0], shown[1]);
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
}

// The live map (live-attention.js) shows the same layer and head on the reader's own sentence: its page element's
// data-layer and data-head (counted from 1) are what it opens on once its model loads, and the "ps-pick" event
// switches it at once if it is loaded already.
function pickLive(l, h) {
  const live = document.querySelector(".ps-live-attention");
  if (!live) return;
  live.dataset.layer = String(l + 1);
  live.dataset.head = String(h + 1);
  live.dispatchEvent(new CustomEvent("ps-pick"));
}

// One map at one pixel per weight, in the scheme's heat colour and ramp (attention-overview.css, heatmap.js); the
// CSS scales it up without smoothing.
function thumb(canvas, data, base, T) {
  const style = getComputedStyle(document.body), gamma = heatGamma(style);
  const ctx = canvas.getContext("2d"), hot = style.getPropertyValue("--ps-heat-color").trim() || "#4051b5";
  ctx.clearRect(0, 0, T, T);
  ctx.fillStyle = hot;
  for (let q = 0; q < T; q++) for (let k = 0; k <= q; k++) {
    ctx.globalAlpha = heatAlpha(data[base + q * T + k], gamma);
    ctx.fillRect(k, q, 1, 1);
  }
}
