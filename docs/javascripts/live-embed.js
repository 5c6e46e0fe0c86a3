/* The live embedding widget (the Embedding page): MiniLM's embedding of the reader's text, placed among the page's
 * words on their two principal axes (the projection the build computed, data/live/projection.json), with its nearest
 * words and the cosine similarity of two more texts. The model runs in the worker (live-client.js). The nearest
 * words are ranked among MiniLM's own first 3,000 whole words, embedded by the build (scripts/producers/vocabulary.py,
 * int8 rows, 1.6 MB in base64, fetched when the reader first embeds a text, not with the page).
 */
import { embed, liveJson } from "./live-client.js";
import { loader } from "./live-loading.js";
import { el, fetchJson, uniqueId } from "./page.js";

const NEIGHBOURS = 5;
const VOCAB = new URL("../data/vocabulary/", import.meta.url).href;
let vocabulary = null;   // a promise of {words, dim, rows: Int8Array}, on first use

function loadVocabulary() {
  if (!vocabulary) {
    vocabulary = fetchJson(VOCAB + "words.json").then((d) => {
      const bytes = atob(d.rows), rows = new Int8Array(bytes.length);
      for (let i = 0; i < bytes.length; i++) rows[i] = bytes.charCodeAt(i);   // two's complement: 255 -> -1
      return { words: d.words, dim: d.dim, rows };
    }).catch((e) => { vocabulary = null; throw e; });
  }
  return vocabulary;
}

// The n vocabulary words nearest to the unit vector v (cosine: a row's dot product times its scale, over its norm),
// leaving out the text itself.
function nearest(vocab, v, text, n) {
  const out = [], d = vocab.dim;
  for (let i = 0; i < vocab.words.length; i++) {
    if (vocab.words[i] === text.toLowerCase()) continue;
    let s = 0, q = 0;
    for (let j = 0; j < d; j++) { const x = vocab.rows[i * d + j]; s += x * v[j]; q += x * x; }
    out.push([vocab.words[i], s / Math.sqrt(q)]);
  }
  return out.sort((x, y) => y[1] - x[1]).slice(0, n);
}
const SVG = "http://www.w3.org/2000/svg";
// Words are drawn at their CSS size: the picture is as wide as its column (343 px on a 375 px phone, at most
// 640), one unit a CSS pixel, so a 13 px label stays 13 px; on a narrow column it is square, for more room.
const WORD_PX = 13, GAP_PX = 2;   // label size, and the room kept between two labels
let ruler = null;

// A label's width in CSS px, measured in the page's font (bold for the reader's text).
function textWidth(text, bold) {
  if (!ruler) ruler = document.createElement("canvas").getContext("2d");
  ruler.font = (bold ? "700 " : "400 ") + WORD_PX + "px " + getComputedStyle(document.body).fontFamily;
  return ruler.measureText(text).width + GAP_PX;
}

function dot(a, b) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function svgEl(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const k of Object.keys(attrs)) node.setAttribute(k, attrs[k]);
  if (text != null) node.textContent = text;
  return node;
}

// A vector's coordinates on the projection's axes.
function place(proj, v) {
  return proj.axes.map((axis) => {
    let s = 0;
    for (let i = 0; i < v.length; i++) s += (v[i] - proj.mean[i]) * axis[i];
    return s;
  });
}

// Greedy: each label right of its point, else left, below or above, the first spot that overlaps no label yet
// placed and stays inside the picture; returns [x, y, anchor] for each, or null where no spot is free (that word
// is shown on hover or tap instead: no label is drawn over another).
function placeLabels(spots, W, H) {
  const taken = [];
  return spots.map((s) => {
    const w = textWidth(s.text, s.you), tries = [];
    for (const dy of [-4, 15, -20, 31, 4, -36, 47]) {      // beside the point first, then further above and below
      tries.push([s.x + 6, s.y + dy, "start"], [s.x - 6, s.y + dy, "end"]);
    }
    tries.push([s.x - w / 2, s.y - 9, "start"], [s.x - w / 2, s.y + 22, "start"]);
    // a label's box: its glyphs reach about WORD_PX above the baseline and a third of it below
    const box = (t) => { const x = t[2] === "end" ? t[0] - w : t[0]; return [x, t[1] - WORD_PX, x + w, t[1] + 5]; };
    const clash = (b) => taken.filter((o) => b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]).length +
      (b[0] < 0 || b[2] > W || b[1] < 0 || b[3] > H ? 100 : 0);
    const best = tries.map((t) => [clash(box(t)), t]).sort((a, b) => a[0] - b[0])[0];
    if (best[0] > 0 && !s.you) return null;
    taken.push(box(best[1]));
    return best[1];
  });
}

// A thin line from a point to its label when the label had to move away from it (further than beside it).
function leader(svg, spot, at) {
  const w = textWidth(spot.text, spot.you), left = at[2] === "end" ? at[0] - w : at[0];
  const x = Math.min(Math.max(spot.x, left), left + w), y = Math.min(Math.max(spot.y, at[1] - WORD_PX + 3), at[1] + 2);
  if (Math.hypot(x - spot.x, y - spot.y) > 10)
    svg.append(svgEl("line", { x1: spot.x, y1: spot.y, x2: x, y2: y, class: "ps-live__leader" }));
}

// A tap (or click) on a point without a label shows its word beside it, on a plate, until the next tap.
function tapToName(svg, W) {
  let tip = null;
  svg.addEventListener("click", (e) => {
    if (tip) { tip.remove(); tip = null; }
    const dot_ = e.target.closest ? e.target.closest("circle.ps-live__unlabelled") : null;
    if (!dot_) return;
    const x = Number(dot_.getAttribute("cx")), y = Number(dot_.getAttribute("cy")), word = dot_.textContent;
    const w = textWidth(word, false) + 6, left = Math.min(Math.max(0, x - w / 2), W - w);
    tip = svgEl("g", { class: "ps-live__tip" });
    tip.append(svgEl("rect", { x: left, y: y - 26, width: w, height: 18, rx: 3 }),
               svgEl("text", { x: left + 3, y: y - 12, class: "ps-live__word" }, word));
    svg.append(tip);
  });
}

// [svg, legend]: the page's words as points coloured by group, and the reader's text (point) marked with a cross.
// The picture's size for a column width, and its scales from the projection's coordinates to CSS px (each axis
// stretched to fill the picture, so the drawn distances are the ones a reader sees).
function frame(proj, point, width) {
  const W = Math.round(Math.max(300, Math.min(640, width || 640)));
  const H = W < 560 ? W : 360, pad = W < 560 ? 24 : 40;
  const all = proj.coords.concat(point ? [point] : []);
  const xs = all.map((c) => c[0]), ys = all.map((c) => c[1]);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  return { W, H, sx: (x) => pad + (x - x0) / (x1 - x0 || 1) * (W - 2 * pad),
           sy: (y) => H - pad - (y - y0) / (y1 - y0 || 1) * (H - 2 * pad) };
}

function picture(proj, point, label, width) {
  const { W, H, sx, sy } = frame(proj, point, width);
  const groups = proj.groups.filter((g, i) => proj.groups.indexOf(g) === i);
  const svg = svgEl("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, class: "ps-live__plot", role: "img",
                             "aria-label": "The page's words on their two principal axes" + (point ? ", with your text marked" : "") });
  const spots = [];
  if (point) spots.push({ x: sx(point[0]), y: sy(point[1]), text: label, you: true });
  const dots = proj.coords.map((c, i) => {
    const dot_ = svgEl("circle", { cx: sx(c[0]), cy: sy(c[1]), r: 4, class: "ps-live__g" + groups.indexOf(proj.groups[i]) });
    dot_.append(svgEl("title", {}, proj.words[i]));
    svg.append(dot_);
    spots.push({ x: sx(c[0]), y: sy(c[1]), text: proj.words[i] });
    return dot_;
  });
  if (point) {
    svg.append(svgEl("path", { d: "M" + (sx(point[0]) - 7) + " " + sy(point[1]) + "h14M" + sx(point[0]) + " " + (sy(point[1]) - 7) + "v14",
                               class: "ps-live__you" }));
  }
  let unlabelled = 0;
  placeLabels(spots, W, H).forEach((at, i) => {   // your text first: it gets the best spot
    if (at === null) { unlabelled++; dots[i - (point ? 1 : 0)].classList.add("ps-live__unlabelled"); return; }
    const cls = "ps-live__word" + (spots[i].you ? " ps-live__you-label" : "");
    leader(svg, spots[i], at);
    svg.append(svgEl("text", { x: at[0], y: at[1], "text-anchor": at[2], class: cls }, spots[i].text));
  });
  tapToName(svg, W);
  const legend = el("p", { class: "ps-live__legend" });
  groups.forEach((g, i) => {
    legend.append(el("span", { class: "ps-live__key ps-live__g" + i }), document.createTextNode(" " + g + "  "));
  });
  if (unlabelled)
    legend.append(document.createTextNode(unlabelled + (unlabelled === 1 ? " point has" : " points have") +
      " no label, for want of room (ringed): hover or tap it for its word."));
  return [svg, legend];
}

// What the picture gets wrong for this text: the page's word whose point lies nearest the text's in the picture,
// against the page's word nearest over all the numbers (by cosine), said in one sentence beside the picture.
function distortion(proj, point, v, words, width) {
  const { sx, sy } = frame(proj, point, width);
  // A text that is one of the page's words lies on its own point (cosine 1): its nearest is another word.
  const self = proj.words.findIndex((w) => w.toLowerCase() === words.trim().toLowerCase());
  const d = proj.coords.map((c, i) => i === self ? Infinity : Math.hypot(sx(c[0]) - sx(point[0]), sy(c[1]) - sy(point[1])));
  const inPicture = d.indexOf(Math.min(...d));
  const cos = proj.vectors.map((w) => dot(v, w));
  const others = cos.map((c, i) => i === self ? -Infinity : c);
  const inFull = others.indexOf(Math.max(...others));
  const n = v.length, q = (i) => JSON.stringify(proj.words[i]) + " (cosine " + cos[i].toFixed(2) + ")";
  const where = (self >= 0 ? JSON.stringify(words) + " is one of the page's words; of the others, in the picture it"
                           : "In the picture " + JSON.stringify(words)) + " lies nearest to " + q(inPicture);
  const why = "The picture squeezes " + n + " numbers onto two and distorts distances; the lists below use all " + n +
    ", never the picture.";
  if (inPicture === inFull)
    return where + ", also its nearest of the page's words over all " + n + " numbers, which need not be so. " + why;
  return where + ", but over all " + n + " numbers its nearest of the page's words is " + q(inFull) + ". " + why;
}

export function setup(container) {
  container.textContent = "";
  const form = el("form", { class: "ps-live__form", "aria-label": "Your own text" });
  const id = uniqueId("ps-live");
  const row = el("div", { class: "ps-live__prompt" });
  const text = el("input", { id: id + "-text", type: "text", class: "ps-live__text", value: container.dataset.text || "" });
  row.append(el("label", { for: id + "-text" }, "Your text"), text);
  const pair = el("div", { class: "ps-live__pair" });
  const a = el("input", { id: id + "-a", type: "text", class: "ps-live__text", value: "table" });
  const b = el("input", { id: id + "-b", type: "text", class: "ps-live__text", value: "chair" });
  pair.append(el("label", { for: id + "-a" }, "Compare"), a, el("label", { for: id + "-b" }, "with"), b);
  const go = el("button", { type: "submit", class: "ps-live__action" }, "Embed");
  form.append(row, pair, go);
  const plot = el("div", { class: "ps-live__figure" });
  const caveat = el("p", { class: "ps-live__caveat", "aria-live": "polite" });
  const neighbours = el("p", { class: "ps-live__summary", "aria-live": "polite" });
  const comparison = el("p", { class: "ps-live__summary", "aria-live": "polite" });
  const result = el("div", { class: "ps-live__result" });
  result.append(form, plot, caveat, neighbours, comparison);
  let proj = null;   // the page's words and their axes, once the model is loaded

  // Empty or blank text is refused in one line, without running the model (a reader's finding: "" was placed in
  // the picture and given neighbours): the picture keeps the page's words only.
  function refuse(message) {
    plot.textContent = "";
    plot.append(...picture(proj, null, "", plot.clientWidth));
    caveat.textContent = "";
    caveat.hidden = true;   // its frame, empty, would stand between the picture and the message
    neighbours.textContent = message;
    comparison.textContent = "";
  }

  function update() {
    if (!proj) return;
    const words = text.value.trim();
    if (!words) { refuse("The text is empty: type at least one word."); return; }
    if (!a.value.trim() || !b.value.trim()) { refuse("A text to compare is empty: type a word in both."); return; }
    Promise.all([embed(words), embed(a.value), embed(b.value), loadVocabulary()]).then((v) => {
      plot.textContent = "";
      const point = place(proj, v[0]), width = plot.clientWidth;
      plot.append(...picture(proj, point, words, width));
      caveat.textContent = distortion(proj, point, v[0], words, width);
      caveat.hidden = false;
      const near = proj.words.map((w, i) => [w, dot(v[0], proj.vectors[i])])
        .sort((x, y) => y[1] - x[1]).slice(0, NEIGHBOURS);
      const far = nearest(v[3], v[0], words, NEIGHBOURS);
      neighbours.textContent = "Nearest to " + JSON.stringify(words) + " among MiniLM's " +
        v[3].words.length.toLocaleString("en") + " most common whole words (the first of its own vocabulary, each " +
        "embedded by the same model; cosine similarity over all 384 numbers): " +
        far.map((n) => n[0] + " (" + n[1].toFixed(2) + ")").join(", ") + ". Of the page's 24 words in the picture: " +
        near.map((n) => n[0] + " (" + n[1].toFixed(2) + ")").join(", ") + ".";
      comparison.textContent = "Cosine similarity of " + JSON.stringify(a.value) + " and " + JSON.stringify(b.value) + ": " +
        dot(v[1], v[2]).toFixed(3) + ".";
    }).catch((e) => { neighbours.textContent = "The model failed (" + (e && e.message ? e.message : e) + ")."; });
  }

  form.addEventListener("submit", (e) => { e.preventDefault(); update(); });
  loader(container, "minilm", "MiniLM", () => {
    liveJson("projection.json").then((p) => {
      proj = p;
      if (!text.value) text.value = p.example;   // the producer's opening text, on which the picture and the list agree
      container.append(result); update();
    }).catch((e) => {
      neighbours.textContent = "Could not load the projection (" + e.message + "). Reload the page to try again.";
      container.append(neighbours);
    });
  });
}
