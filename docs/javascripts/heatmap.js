/* An attention map drawn on a canvas: who attends to whom in one layer and head, a square per (query, key) pair in
 * the theme's link colour, as strong as the weight. The live map (live-attention.js) and the overview's large map
 * (attention-overview.js) both draw with it.
 */
import { el } from "./page.js";
import { quoted } from "./tokens.js";

// Below this width (a phone's column) the map numbers its tokens: each row reads "3 \"cat\"" on the left and the
// columns carry the same numbers, upright, along the top, so no label is turned on its side. The squares shrink
// to fit the column down to MIN_CELL (a reader's finding: a 20-token sentence lost its last columns off a 375 px
// phone), and where they are too narrow for every column's number, every second (or third ...) column carries it;
// a map wider than the column even then (a long sentence) scrolls sideways inside its box, saying so (the caller).
export const NARROW = 480;
const FONT_PX = 12;
const MIN_CELL = 11;   // the narrow layout's smallest square: a row's 11 px label still fits its height

// The labels of the tokens, as the map's rows show them: quoted and cut to `most` characters.
function labelsOf(tokens, most, numbered) {
  return tokens.map((t, i) => {
    const s = quoted(t), cut = s.length > most ? s.slice(0, most - 1) + "…\"" : s;
    return numbered ? (i + 1) + " " + cut : cut;
  });
}

// The heat colour's opacity for an attention weight w (0 to 1): w ** gamma, gamma from the scheme
// (attention-overview.css --ps-heat-gamma: 1 on white; 0.5 on slate, where a small weight in a light colour at its
// own opacity would sink into the dark background). The colour key (heatScale) draws the same ramp.
export function heatGamma(style) {
  const g = parseFloat(style.getPropertyValue("--ps-heat-gamma"));
  return g > 0 ? g : 1;
}

export function heatAlpha(w, gamma) {
  return w <= 0 ? 0 : Math.min(1, Math.pow(w, gamma));
}

// r: {tokens, shape: [L, H, T, T], data: the weights, flat}; row, if given, is the query row to outline. Returns the
// drawing's geometry {left, top, cell, T, width} (where the squares start, their size, the drawing's CSS width), for
// finding the square under the pointer.
export function heatmap(canvas, r, layer, headIndex, row) {
  const T = r.tokens.length, H = r.shape[1], base = (layer * H + headIndex) * T * T;
  const style = getComputedStyle(canvas);
  const ink = style.getPropertyValue("--md-default-fg-color").trim() || "#000";
  const hot = style.getPropertyValue("--ps-heat-color").trim() || "#4051b5";   // attention-overview.css
  const gamma = heatGamma(style);
  const ctx = canvas.getContext("2d"), font = FONT_PX + "px " + (style.fontFamily || "sans-serif");
  ctx.font = font;
  const width = canvas.parentNode.clientWidth || 600;
  const narrow = width < NARROW;
  const labels = labelsOf(r.tokens, narrow ? 11 : 14, narrow);
  const left = 4 + Math.max(...labels.map((l) => ctx.measureText(l).width));
  const top = narrow ? FONT_PX + 6 : left;
  const fit = Math.floor((width - left) / T);
  const cell = narrow ? Math.max(MIN_CELL, Math.min(28, fit)) : Math.max(3, Math.min(28, fit));
  const labelPx = narrow ? Math.min(FONT_PX, cell) : FONT_PX;   // a row's label no taller than its row
  const dpr = window.devicePixelRatio || 1;
  const w = left + T * cell, h = top + T * cell;
  canvas.width = w * dpr; canvas.height = h * dpr;
  canvas.style.width = w + "px"; canvas.style.height = h + "px";
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.font = font;
  ctx.clearRect(0, 0, w, h);
  ctx.fillStyle = hot;
  for (let q = 0; q < T; q++) {
    for (let k = 0; k <= q; k++) {
      ctx.globalAlpha = heatAlpha(r.data[base + q * T + k], gamma);
      ctx.fillRect(left + k * cell, top + q * cell, cell, cell);
    }
  }
  ctx.globalAlpha = 0.25;
  ctx.strokeStyle = ink;
  ctx.strokeRect(left + 0.5, top + 0.5, T * cell - 1, T * cell - 1);
  ctx.globalAlpha = 1;
  if (row !== undefined) outlineRow(ctx, row, left, top, cell, T, ink);
  if (cell >= 8) {
    ctx.font = labelPx + "px " + (style.fontFamily || "sans-serif");
    rowLabels(ctx, labels, left, top, cell, ink);
    if (narrow) columnNumbers(ctx, T, left, top, cell, ink);
    else columnLabels(ctx, labels, left, top, cell, ink);
  }
  return { left, top, cell, T, width: w };
}

// A frame around one query's row, from its label to the last square, so the row the caption describes stands out.
function outlineRow(ctx, row, left, top, cell, T, ink) {
  ctx.strokeStyle = ink;
  ctx.lineWidth = 2;
  ctx.strokeRect(1, top + row * cell + 1, left + T * cell - 2, cell - 2);
  ctx.lineWidth = 1;
}

// The queries down the left.
function rowLabels(ctx, labels, left, top, cell, ink) {
  ctx.fillStyle = ink;
  ctx.textBaseline = "middle";
  ctx.textAlign = "right";
  labels.forEach((l, i) => ctx.fillText(l, left - 4, top + (i + 0.5) * cell));
}

// The keys along the top, turned upright-to-the-side (the wide layout).
function columnLabels(ctx, labels, left, top, cell, ink) {
  ctx.fillStyle = ink;
  ctx.textBaseline = "middle";
  labels.forEach((l, i) => {
    ctx.save();
    ctx.translate(left + (i + 0.5) * cell, top - 4);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = "left";
    ctx.fillText(l, 0, 0);
    ctx.restore();
  });
}

// The keys' numbers along the top, level (the narrow layout): the row labels say which token each number is. Every
// step-th column (1, 1 + step, ...) is numbered, step the fewest columns the widest number needs with a gap.
function columnNumbers(ctx, T, left, top, cell, ink) {
  ctx.fillStyle = ink;
  ctx.textBaseline = "alphabetic";
  ctx.textAlign = "center";
  const step = Math.ceil((ctx.measureText(String(T)).width + 3) / cell);
  for (let i = 0; i < T; i += step) ctx.fillText(String(i + 1), left + (i + 0.5) * cell, top - 5);
}

// The colour key shared by the maps: from the page's background (a share of 0) to the scheme's full heat colour (a
// share of 1), so a larger share always stands out more, in light and dark alike.
export function heatScale() {
  const p = el("p", { class: "ps-heat-scale" });
  p.append(document.createTextNode("share 0 "), el("span", { class: "ps-heat-scale__bar", "aria-hidden": "true" }),
           document.createTextNode(" 1"));
  return p;
}
