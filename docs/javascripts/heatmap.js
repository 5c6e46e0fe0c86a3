/* An attention map drawn on a canvas: who attends to whom in one layer and head, a square per (query, key) pair in
 * the theme's link colour, as strong as the weight. The live map (live-attention.js) and the overview's large map
 * (attention-overview.js) both draw with it.
 */
import { el } from "./page.js";

// A token as the widgets show it: quoted, so that a leading space or a newline shows.
export function quoted(token) {
  return JSON.stringify(token);
}

// r: {tokens, shape: [L, H, T, T], data: the weights, flat}. Returns the drawing's geometry {pad, cell, T}, for
// finding the square under the pointer.
export function heatmap(canvas, r, layer, headIndex) {
  const T = r.tokens.length, H = r.shape[1], base = (layer * H + headIndex) * T * T;
  const style = getComputedStyle(canvas);
  const ink = style.getPropertyValue("--md-default-fg-color").trim() || "#000";
  const hot = style.getPropertyValue("--ps-heat-color").trim() || "#4051b5";   // attention-overview.css
  const ctx = canvas.getContext("2d"), font = "12px " + (style.fontFamily || "sans-serif");
  ctx.font = font;
  const labels = r.tokens.map((t) => { const s = quoted(t); return s.length > 14 ? s.slice(0, 13) + "…\"" : s; });
  const pad = 4 + Math.max(...labels.map((l) => ctx.measureText(l).width));
  const width = canvas.parentNode.clientWidth || 600;
  const cell = Math.max(3, Math.min(28, Math.floor((width - pad) / T)));
  const dpr = window.devicePixelRatio || 1;
  const w = pad + T * cell, h = pad + T * cell;
  canvas.width = w * dpr; canvas.height = h * dpr;
  canvas.style.width = w + "px"; canvas.style.height = h + "px";
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.font = font;
  ctx.clearRect(0, 0, w, h);
  ctx.fillStyle = hot;
  for (let q = 0; q < T; q++) {
    for (let k = 0; k <= q; k++) {
      ctx.globalAlpha = Math.min(1, r.data[base + q * T + k]);
      ctx.fillRect(pad + k * cell, pad + q * cell, cell, cell);
    }
  }
  ctx.globalAlpha = 0.25;
  ctx.strokeStyle = ink;
  ctx.strokeRect(pad + 0.5, pad + 0.5, T * cell - 1, T * cell - 1);
  ctx.globalAlpha = 1;
  if (cell >= 8) labelAxes(ctx, labels, pad, cell, ink);
  return { pad, cell, T };
}

// Token labels: queries down the left, keys along the top.
function labelAxes(ctx, labels, pad, cell, ink) {
  ctx.fillStyle = ink;
  ctx.textBaseline = "middle";
  ctx.textAlign = "right";
  labels.forEach((l, i) => ctx.fillText(l, pad - 4, pad + (i + 0.5) * cell));
  labels.forEach((l, i) => {
    ctx.save();
    ctx.translate(pad + (i + 0.5) * cell, pad - 4);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = "left";
    ctx.fillText(l, 0, 0);
    ctx.restore();
  });
}

// The colour key shared by the maps: from the page's background (a share of 0) to the scheme's full heat colour (a
// share of 1), so a larger share always stands out more, in light and dark alike.
export function heatScale() {
  const p = el("p", { class: "ps-heat-scale" });
  p.append(document.createTextNode("share 0 "), el("span", { class: "ps-heat-scale__bar", "aria-hidden": "true" }),
           document.createTextNode(" 1"));
  return p;
}
