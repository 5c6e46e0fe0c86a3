/* The models in the reader's browser, as widgets and as window.paramscope.nextToken, generate, attention and embed:
 * SmolLM2's next token and continuation, its attention on a typed sentence, and MiniLM's embedding.
 *
 * This module is the page's part only: controls, tables, the heat map. The models run in a Web Worker
 * (live-worker.js), so that a long prompt never holds up the page: it downloads the files the build exported from the
 * site's own torch modules (scripts/producers/live.py), runs them with onnxruntime-web's WebAssembly build, keeps
 * SmolLM2's KV cache and samples with sampling.js, as the explorer does. Every file comes from this site, and nothing
 * is fetched before the reader clicks "Load" (or a script calls one of the functions above).
 */
import { control, readControls, samplingSettings, samplingSliders } from "./controls.js";
import { el, everyPage, fetchJson, paramscope } from "./page.js";

var BASE = new URL("../data/live/", import.meta.url).href;
var TOP = 100;     // tokens nextToken() returns at most (at least the top 50 the interface promises)
var SHOWN = 12;    // rows in the widget's table
var NEIGHBOURS = 5;

// ---- the worker: every model file, session, tokenizer and run lives there (live-worker.js) ----
var worker = null, jobs = {}, lastId = 0;

function call(op, args, onProgress) {
  if (!worker) {
    if (typeof Worker !== "function") return Promise.reject(new Error("this browser has no Web Workers"));
    worker = new Worker(new URL("live-worker.js", import.meta.url), { type: "module" });
    worker.onmessage = function (e) {
      var job = jobs[e.data.id];
      if (!job) return;
      if (e.data.progress) { if (job.onProgress) job.onProgress(e.data.progress); return; }
      delete jobs[e.data.id];
      if (e.data.error != null) {
        var err = new Error(e.data.error);
        err.stopped = !!e.data.stopped;
        job.reject(err);
      } else job.resolve(e.data.result);
    };
    worker.onerror = function (e) {  // the worker itself failed to start (a missing file, a syntax error)
      var message = "the model worker failed (" + (e.message || "live-worker.js did not load") + ")";
      Object.keys(jobs).forEach(function (id) { jobs[id].reject(new Error(message)); delete jobs[id]; });
      worker = null;
    };
  }
  var id = ++lastId;
  return new Promise(function (resolve, reject) {
    jobs[id] = { resolve: resolve, reject: reject, onProgress: onProgress };
    worker.postMessage({ id: id, op: op, args: args });
  });
}

// Ends every job sent so far at its next step (a generation keeps what it wrote).
function stop() {
  if (worker) worker.postMessage({ id: lastId, op: "stop" });
}

function json(name) {
  return fetchJson(BASE + name, name);
}

function models() {
  return json("models.json");
}

// ---- the interface: window.paramscope.nextToken, generate, attention, embed ----
function nextToken(prompt, settings) {
  return call("nextToken", [String(prompt), settings || {}, TOP]).then(function (r) { return r.tokens; });
}

// {text, ids}: the new tokens only. settings: {maxTokens: 32, temperature: 1, topK: 0 (off), topP: 1, minP: 0, seed: 0}
function generate(prompt, settings, onProgress) {
  return call("generate", [String(prompt), settings || {}], onProgress).then(function (r) {
    return { text: r.text, ids: r.ids };
  });
}

function embed(text) {
  return call("embed", [String(text)]);
}

var tick = function () { return new Promise(function (r) { setTimeout(r, 0); }); };

// {tokens, ids, attention: [layer][head][query][key]}, built a layer at a time so that the page never waits long.
function attention(prompt) {
  return call("attention", [String(prompt)]).then(function (r) {
    var L = r.shape[0], H = r.shape[1], T = r.shape[2], out = [], l = 0;
    function layer() {
      var heads = [];
      for (var h = 0; h < H; h++) {
        var rows = [];
        for (var q = 0; q < T; q++) {
          var at = ((l * H + h) * T + q) * T;
          rows.push(Array.from(r.data.subarray(at, at + T)));
        }
        heads.push(rows);
      }
      out.push(heads);
      return ++l < L ? tick().then(layer) : { tokens: r.tokens, ids: r.ids, attention: out };
    }
    return layer();
  });
}

function dot(a, b) {
  var s = 0;
  for (var i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function percent(p) {
  if (p === 0) return "0%";
  if (p < 0.0001) return "< 0.01%";
  return (100 * p).toFixed(2) + "%";
}

function shown(token) {
  return JSON.stringify(token);  // quoted, so that a leading space or a newline shows
}

var uid = 0;

function megabytes(n) { return Math.round(n / 1e6); }

// What a job is doing, in one line: {load: {loaded, total, preparing}}, {read, of} or {written, of}.
function progressLine(p) {
  if (p.load) {
    return p.load.preparing ? "Preparing the model (decoding its weights)…"
      : "Downloading: " + megabytes(p.load.loaded) + " of " + megabytes(p.load.total) + " MB";
  }
  if (p.read != null) return "Reading the prompt: " + p.read.toLocaleString("en") + " of " + p.of.toLocaleString("en") + " tokens";
  if (p.written != null) return "Writing: " + p.written + " of " + p.of + " tokens";
  return "Working…";
}

// A "Load the model (N MB)" button, N everything it downloads (model, tokenizer, runtime), with a progress bar
// and a status line; calls ready() once the model is in the worker's memory.
function loader(container, key, label, ready) {
  var box = el("div", { class: "ps-live__loader" });
  var button = el("button", { type: "button", class: "ps-live__button" }, "Load the model");
  var bar = el("progress", { class: "ps-live__progress", max: "1", value: "0", hidden: "" });
  var status = el("p", { class: "ps-live__status", role: "status" });
  box.append(button, bar, status);
  container.append(box);
  models().then(function (m) {
    var mb = megabytes(m[key].download);
    button.textContent = "Load the model (" + mb + " MB)";
    button.setAttribute("aria-label", "Load " + label + " (" + mb + " megabytes, with its runtime)");
  }).catch(function () { /* the click reports it */ });
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    button.disabled = true;
    status.textContent = "This browser cannot run the model (no WebAssembly or Web Workers); the rest of the page works without it.";
    return;
  }
  button.addEventListener("click", function () {
    button.disabled = true;
    bar.hidden = false;
    status.textContent = "Loading…";
    call("load", [key], function (p) {
      if (p.load) bar.value = p.load.loaded / p.load.total;
      status.textContent = progressLine(p);
    }).then(function () {
      box.hidden = true;
      ready();
    }).catch(function (e) {
      bar.hidden = true;
      button.disabled = false;
      status.textContent = "Could not load the model (" + (e && e.message ? e.message : e) + ").";
    });
  });
}

// A text box as tall as its text (on a phone too): no inner scrolling, however much is generated.
function autosize(box) {
  box.style.height = "auto";
  box.style.height = (box.scrollHeight + box.offsetHeight - box.clientHeight) + "px";
}

// The busy part of a widget: a progress line and a Stop button, shown while the worker works for it.
function busyLine(form) {
  var row = el("div", { class: "ps-live__busy", hidden: "" });
  var line = el("span", { class: "ps-live__progress-line", role: "status" });
  var button = el("button", { type: "button", class: "ps-live__action ps-live__stop" }, "Stop");
  row.append(line, button);
  form.append(row);
  button.addEventListener("click", stop);
  return {
    start: function () { row.hidden = false; line.textContent = "Working…"; },
    show: function (p) { line.textContent = progressLine(p); },
    end: function () { row.hidden = true; },
  };
}

var BYTE = "\uFFFD";

function setupNext(container) {
  container.textContent = "";
  var form = el("form", { class: "ps-explorer__form ps-live__form", "aria-label": "Your own prompt" });
  var n = ++uid, pid = "ps-live-" + n + "-prompt";
  var promptRow = el("div", { class: "ps-live__prompt" });
  var text = el("textarea", { id: pid, rows: "2", class: "ps-live__text", placeholder: "Type a prompt and press Enter" });
  text.value = container.dataset.prompt || "The capital of France is";
  promptRow.append(el("label", { for: pid }, "Your prompt"), text);
  form.append(promptRow);
  var offK = 201;
  var controls = samplingSliders(form, "ps-live-" + n + "-", offK).concat([
    control(form, "ps-live-" + n + "-seed", { name: "seed", label: "Seed", hint: "the same seed draws the same tokens",
                                            attrs: { type: "number", min: 0, step: 1, value: 0, class: "ps-live__seed" },
                                            text: function () { return ""; } })]);
  var WRITE = 32;
  var buttons = el("div", { class: "ps-live__buttons" });
  var go = el("button", { type: "submit", class: "ps-live__action" }, "Next token");
  var more = el("button", { type: "button", class: "ps-live__action" }, "Continue");
  var write = el("button", { type: "button", class: "ps-live__action ps-live__write" }, "Write " + WRITE + " tokens");
  buttons.append(go, more, write);
  form.append(buttons);
  var busy = busyLine(form);
  var summary = el("p", { class: "ps-explorer__summary ps-live__summary", "aria-live": "polite" });
  var table = el("table", { class: "ps-live__table" });
  table.append(el("caption", {}, "The " + SHOWN + " most likely next tokens after the settings, computed in your browser"));
  var head = el("tr");
  head.append(el("th", { scope: "col" }, "Token"), el("th", { scope: "col", class: "ps-live__num" }, "Probability"),
              el("td", { class: "ps-live__barcell", "aria-hidden": "true" }));
  var thead = el("thead"); thead.append(head);
  var tbody = el("tbody");
  table.append(thead, tbody);
  var note = el("p", { class: "ps-live__note", hidden: "" },
                "“" + BYTE + "” is not a character the model wrote but one byte of one: letters outside English, " +
                "emoji and many symbols take two to four bytes in UTF-8, and SmolLM2's tokens can split them. " +
                "A byte alone cannot be shown; written out with the bytes that follow, it becomes the character.");
  var result = el("div", { class: "ps-live__result" });
  result.append(form, summary, table, note);  // placed once the model is loaded: no control before it can act

  // text: the prompt the table belongs to; draws: tokens Continue has drawn since (each seeded by its number)
  var state = { ready: false, text: null, draws: 0, busy: false };

  function settings() {
    var values = readControls(controls);
    return Object.assign(samplingSettings(values, offK), { seed: values.seed });
  }

  function clear(message) {
    tbody.textContent = "";
    note.hidden = true;
    state.text = null;
    summary.textContent = message;
  }

  function show(r) {
    tbody.textContent = "";
    r.tokens.slice(0, SHOWN).forEach(function (t) {
      var row = el("tr");
      row.append(el("td", {}, shown(t.token)), el("td", { class: "ps-live__num" }, percent(t.p)));
      var bar = el("div", { class: "ps-live__bar", "aria-hidden": "true" });
      bar.style.width = (100 * t.p).toFixed(2) + "%";
      var cell = el("td", { class: "ps-live__barcell", "aria-hidden": "true" }); cell.append(bar);
      row.append(cell);
      tbody.append(row);
    });
    note.hidden = !r.tokens.slice(0, SHOWN).some(function (t) { return t.token.indexOf(BYTE) >= 0; });
    var top = r.tokens[0];
    summary.textContent = r.count.toLocaleString("en") + " prompt tokens. Kept " + r.kept.toLocaleString("en") + " of " +
      r.vocabulary.toLocaleString("en") + " tokens. Most likely: " + shown(top.token) + " at " + percent(top.p) + ".";
  }

  // Runs one job with the busy line showing; failures and Stops end up in the summary, in one line.
  function work(op, args, done) {
    if (state.busy) return Promise.resolve();
    state.busy = true;
    busy.start();
    return call(op, args, busy.show).then(done).catch(function (e) {
      if (e.stopped) summary.textContent = "Stopped.";
      else clear(/empty|tokens; SmolLM2/.test(e.message) ? e.message[0].toUpperCase() + e.message.slice(1) + "."
                 : "The model failed on this prompt (" + e.message + ").");
    }).then(function () { state.busy = false; busy.end(); });
  }

  function fromText() {
    var prompt = text.value;
    state.draws = 0;
    return work("nextToken", [prompt, settings(), SHOWN], function (r) { state.text = prompt; show(r); });
  }

  function proceed() {
    if (state.text === null || state.text !== text.value) return fromText();
    return work("continue", [settings(), state.draws++, SHOWN], function (r) {
      text.value = r.text; state.text = r.text; autosize(text); show(r);
    });
  }

  function writeMore() {
    var prompt = text.value, s = settings();
    var options = { maxTokens: WRITE, temperature: s.temperature, topK: s.topK || 0, topP: s.topP == null ? 1 : s.topP,
                    minP: s.minP || 0, seed: s.seed };
    return work("generate", [prompt, options], function (r) {
      text.value = prompt + r.text; autosize(text);
      summary.textContent = (r.stopped ? "Stopped after " : "Wrote ") + r.ids.length + " tokens" +
        (r.ids.length < WRITE && !r.stopped ? " (the model ended its text)" : "") +
        ". Press Enter for the distribution of the next token.";
      tbody.textContent = ""; note.hidden = true; state.text = null;
    });
  }

  function reshape() {
    if (state.text === null || state.busy) return settings();
    call("reshape", [settings(), SHOWN]).then(show).catch(function () {});
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); if (state.ready) fromText(); });
  text.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); if (state.ready) fromText(); }
  });
  text.addEventListener("input", function () { autosize(text); });
  more.addEventListener("click", function () { if (state.ready) proceed(); });
  write.addEventListener("click", function () { if (state.ready) writeMore(); });
  controls.forEach(function (c) { c.input.addEventListener("input", reshape); });
  settings();
  loader(container, "smollm2", "SmolLM2", function () {
    state.ready = true;
    container.append(result);
    autosize(text);
    fromText();
  });
}

// ---- the embedding widget ----
var SVG = "http://www.w3.org/2000/svg";

function svgEl(tag, attrs, text) {
  var node = document.createElementNS(SVG, tag);
  Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
  if (text != null) node.textContent = text;
  return node;
}

function place(proj, v) {
  return proj.axes.map(function (axis) {
    var s = 0;
    for (var i = 0; i < v.length; i++) s += (v[i] - proj.mean[i]) * axis[i];
    return s;
  });
}

// Words are drawn at their CSS size: the picture is as wide as its column (343 px on a 375 px phone, at most
// 640), one unit a CSS pixel, so a 13 px label stays 13 px; on a narrow column it is square, for more room.
var WORD_PX = 13, CHAR_PX = 7.6;   // label size, and a generous width per character to keep labels apart

function placeLabels(spots, W, H) {
  // Greedy: each label right of its point, else left, below or above, the first spot that overlaps no label yet
  // placed and stays inside the picture; returns [x, y, anchor] for each.
  var taken = [];
  return spots.map(function (s) {
    var w = s.text.length * CHAR_PX, tries = [];
    [-4, 15, -20, 31, 4, -36, 47].forEach(function (dy) {      // beside the point first, then further above and below
      tries.push([s.x + 6, s.y + dy, "start"], [s.x - 6, s.y + dy, "end"]);
    });
    tries.push([s.x - w / 2, s.y - 9, "start"], [s.x - w / 2, s.y + 22, "start"]);
    // a label's box: its glyphs reach about WORD_PX above the baseline and a third of it below
    var box = function (t) { var x = t[2] === "end" ? t[0] - w : t[0]; return [x, t[1] - WORD_PX, x + w, t[1] + 5]; };
    var clash = function (b) {
      return taken.filter(function (o) { return b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]; }).length +
        (b[0] < 0 || b[2] > W || b[1] < 0 || b[3] > H ? 100 : 0);
    };
    var best = tries.map(function (t) { return [clash(box(t)), t]; }).sort(function (a, b) { return a[0] - b[0]; })[0][1];
    taken.push(box(best));
    return best;
  });
}

function picture(proj, point, label, width) {
  var W = Math.round(Math.max(300, Math.min(640, width || 640)));
  var H = W < 560 ? W : 360, pad = W < 560 ? 24 : 40;
  var all = proj.coords.concat(point ? [point] : []);
  var xs = all.map(function (c) { return c[0]; }), ys = all.map(function (c) { return c[1]; });
  var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
  var sx = function (x) { return pad + (x - x0) / (x1 - x0 || 1) * (W - 2 * pad); };
  var sy = function (y) { return H - pad - (y - y0) / (y1 - y0 || 1) * (H - 2 * pad); };
  var groups = proj.groups.filter(function (g, i) { return proj.groups.indexOf(g) === i; });
  var svg = svgEl("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, class: "ps-live__plot", role: "img",
                           "aria-label": "The page's words on their two principal axes" + (point ? ", with your text marked" : "") });
  var spots = [];
  if (point) spots.push({ x: sx(point[0]), y: sy(point[1]), text: label, you: true });
  proj.coords.forEach(function (c, i) {
    svg.append(svgEl("circle", { cx: sx(c[0]), cy: sy(c[1]), r: 4, class: "ps-live__g" + groups.indexOf(proj.groups[i]) }));
    spots.push({ x: sx(c[0]), y: sy(c[1]), text: proj.words[i] });
  });
  if (point) {
    svg.append(svgEl("path", { d: "M" + (sx(point[0]) - 7) + " " + sy(point[1]) + "h14M" + sx(point[0]) + " " + (sy(point[1]) - 7) + "v14",
                               class: "ps-live__you" }));
  }
  placeLabels(spots, W, H).forEach(function (at, i) {   // your text first: it gets the best spot
    var cls = "ps-live__word" + (spots[i].you ? " ps-live__you-label" : "");
    svg.append(svgEl("text", { x: at[0], y: at[1], "text-anchor": at[2], class: cls }, spots[i].text));
  });
  var legend = el("p", { class: "ps-live__legend" });
  groups.forEach(function (g, i) {
    var key = el("span", { class: "ps-live__key ps-live__g" + i });
    legend.append(key, document.createTextNode(" " + g + "  "));
  });
  return [svg, legend];
}

function setupEmbed(container) {
  container.textContent = "";
  var form = el("form", { class: "ps-live__form", "aria-label": "Your own text" });
  var id = "ps-live-" + (++uid);
  var row = el("div", { class: "ps-live__prompt" });
  var text = el("input", { id: id + "-text", type: "text", class: "ps-live__text", value: container.dataset.text || "a wooden stool" });
  row.append(el("label", { for: id + "-text" }, "Your text"), text);
  var pair = el("div", { class: "ps-live__pair" });
  var a = el("input", { id: id + "-a", type: "text", class: "ps-live__text", value: "table" });
  var b = el("input", { id: id + "-b", type: "text", class: "ps-live__text", value: "chair" });
  pair.append(el("label", { for: id + "-a" }, "Compare"), a, el("label", { for: id + "-b" }, "with"), b);
  var go = el("button", { type: "submit", class: "ps-live__action" }, "Embed");
  form.append(row, pair, go);
  var plot = el("div", { class: "ps-live__figure" });
  var neighbours = el("p", { class: "ps-live__summary", "aria-live": "polite" });
  var comparison = el("p", { class: "ps-live__summary", "aria-live": "polite" });
  var result = el("div", { class: "ps-live__result" });
  result.append(form, plot, neighbours, comparison);
  var ready = false, proj = null;

  function update() {
    if (!ready) return;
    var words = text.value.trim();
    Promise.all([embed(words), embed(a.value), embed(b.value)]).then(function (v) {
      plot.textContent = "";
      picture(proj, place(proj, v[0]), words, plot.clientWidth).forEach(function (n) { plot.append(n); });
      var near = proj.words.map(function (w, i) { return [w, dot(v[0], proj.vectors[i])]; })
        .sort(function (x, y) { return y[1] - x[1]; }).slice(0, NEIGHBOURS);
      neighbours.textContent = "Nearest of the page's words to " + JSON.stringify(words) + " (cosine similarity over all 384 numbers): " +
        near.map(function (n) { return n[0] + " (" + n[1].toFixed(2) + ")"; }).join(", ") + ".";
      comparison.textContent = "Cosine similarity of " + JSON.stringify(a.value) + " and " + JSON.stringify(b.value) + ": " +
        dot(v[1], v[2]).toFixed(3) + ".";
    }).catch(function (e) { neighbours.textContent = "The model failed (" + (e && e.message ? e.message : e) + ")."; });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
  loader(container, "minilm", "MiniLM", function () {
    json("projection.json").then(function (p) {
      proj = p; ready = true; container.append(result); update();
    }).catch(function (e) { neighbours.textContent = "Could not load the projection (" + e.message + ")."; });
  });
}

// ---- the attention widget: a heat map of who attends to whom in one layer and head ----
export function heatmap(canvas, r, layer, headIndex) {
  var T = r.tokens.length, H = r.shape[1], base = (layer * H + headIndex) * T * T;
  var style = getComputedStyle(canvas);
  var ink = style.getPropertyValue("--md-default-fg-color").trim() || "#000";
  var hot = style.getPropertyValue("--ps-heat-color").trim() || "#4051b5";   // attention-overview.css
  var ctx = canvas.getContext("2d"), font = "12px " + (style.fontFamily || "sans-serif");
  ctx.font = font;
  var labels = r.tokens.map(function (t) { var s = JSON.stringify(t); return s.length > 14 ? s.slice(0, 13) + "…\"" : s; });
  var pad = 4 + Math.max.apply(null, labels.map(function (l) { return ctx.measureText(l).width; }));
  var width = canvas.parentNode.clientWidth || 600;
  var cell = Math.max(3, Math.min(28, Math.floor((width - pad) / T)));
  var dpr = window.devicePixelRatio || 1;
  var w = pad + T * cell, h = pad + T * cell;
  canvas.width = w * dpr; canvas.height = h * dpr;
  canvas.style.width = w + "px"; canvas.style.height = h + "px";
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.font = font;
  ctx.clearRect(0, 0, w, h);
  ctx.fillStyle = hot;
  for (var q = 0; q < T; q++) {
    for (var k = 0; k <= q; k++) {
      ctx.globalAlpha = Math.min(1, r.data[base + q * T + k]);
      ctx.fillRect(pad + k * cell, pad + q * cell, cell, cell);
    }
  }
  ctx.globalAlpha = 0.25;
  ctx.strokeStyle = ink;
  ctx.strokeRect(pad + 0.5, pad + 0.5, T * cell - 1, T * cell - 1);
  ctx.globalAlpha = 1;
  if (cell >= 8) {  // token labels: queries down the left, keys along the top
    ctx.fillStyle = ink;
    ctx.textBaseline = "middle";
    ctx.textAlign = "right";
    labels.forEach(function (l, i) { ctx.fillText(l, pad - 4, pad + (i + 0.5) * cell); });
    labels.forEach(function (l, i) {
      ctx.save();
      ctx.translate(pad + (i + 0.5) * cell, pad - 4);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = "left";
      ctx.fillText(l, 0, 0);
      ctx.restore();
    });
  }
  return { pad: pad, cell: cell, T: T };
}

function setupAttention(container) {
  container.textContent = "";
  var form = el("form", { class: "ps-live__form", "aria-label": "Attention on your own sentence" });
  var id = "ps-live-" + (++uid);
  var row = el("div", { class: "ps-live__prompt" });
  var text = el("input", { id: id + "-text", type: "text", class: "ps-live__text", value: container.dataset.text || "" });
  row.append(el("label", { for: id + "-text" }, "Your sentence"), text);
  var pick = el("div", { class: "ps-live__pair" });
  var layer = el("select", { id: id + "-layer", class: "ps-live__select" });
  var head = el("select", { id: id + "-head", class: "ps-live__select" });
  pick.append(el("label", { for: id + "-layer" }, "Layer"), layer, el("label", { for: id + "-head" }, "Head"), head);
  var go = el("button", { type: "submit", class: "ps-live__action" }, "Show attention");
  form.append(row, pick, go);
  var busy = busyLine(form);
  var figure = el("div", { class: "ps-live__figure ps-live__heat" });
  var canvas = el("canvas", { class: "ps-live__canvas", role: "img" });
  figure.append(canvas);
  var readout = el("p", { class: "ps-live__summary", "aria-live": "polite" });
  var result = el("div", { class: "ps-live__result" });
  result.append(form, figure, readout);
  var state = { r: null, geometry: null, busy: false };

  function describe(q) {
    var r = state.r, T = r.tokens.length, H = r.shape[1], l = Number(layer.value), hh = Number(head.value);
    var base = ((l * H + hh) * T + q) * T, order = [];
    for (var k = 0; k <= q; k++) order.push(k);
    order.sort(function (a, b) { return r.data[base + b] - r.data[base + a]; });
    return shown(r.tokens[q]) + " (token " + (q + 1) + ") attends most to " + order.slice(0, 3).map(function (k) {
      return shown(r.tokens[k]) + " (" + r.data[base + k].toFixed(2) + ")";
    }).join(", ");
  }

  function draw() {
    if (!state.r) return;
    var l = Number(layer.value), hh = Number(head.value), T = state.r.tokens.length;
    state.geometry = heatmap(canvas, state.r, l, hh);
    canvas.setAttribute("aria-label", "Attention weights of layer " + (l + 1) + ", head " + (hh + 1) + " over " + T +
      " tokens: each row a token, each column a token it can see. " + describe(T - 1) + ".");
    readout.textContent = "Layer " + (l + 1) + ", head " + (hh + 1) + ": " + describe(T - 1) +
      ". Point at or tap a square to read its share.";
  }

  function compute() {
    if (state.busy) return;
    state.busy = true;
    busy.start();
    call("attention", [text.value], busy.show).then(function (r) {
      state.r = r;
      draw();
    }).catch(function (e) {
      state.r = null;
      canvas.width = 0; canvas.height = 0; canvas.style.height = "0";
      readout.textContent = e.stopped ? "Stopped." : e.message[0].toUpperCase() + e.message.slice(1) + ".";
    }).then(function () { state.busy = false; busy.end(); });
  }

  canvas.addEventListener("pointermove", function (e) {
    var g = state.geometry;
    if (!g || !state.r) return;
    var box = canvas.getBoundingClientRect();
    var k = Math.floor((e.clientX - box.left - g.pad) / g.cell), q = Math.floor((e.clientY - box.top - g.pad) / g.cell);
    if (q < 0 || k < 0 || q >= g.T || k >= g.T) return;
    var r = state.r, H = r.shape[1], base = ((Number(layer.value) * H + Number(head.value)) * g.T + q) * g.T;
    readout.textContent = shown(r.tokens[q]) + " → " + shown(r.tokens[k]) + ": " +
      (k > q ? "0 (a token never sees the tokens after it)" : r.data[base + k].toFixed(3)) + ".";
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); compute(); });
  layer.addEventListener("change", draw);
  head.addEventListener("change", draw);
  window.addEventListener("resize", function () { if (state.r && container.isConnected) draw(); });
  loader(container, "attention", "SmolLM2", function () {
    models().then(function (m) {
      for (var i = 0; i < m.attention.layers; i++) layer.append(el("option", { value: String(i) }, String(i + 1)));
      for (var j = 0; j < m.attention.heads; j++) head.append(el("option", { value: String(j) }, String(j + 1)));
      // the page's sentence and the map it talks about, chosen by the build (scripts/producers/live.py)
      if (!text.value) text.value = m.attention.sentence;
      layer.value = String(Number(container.dataset.layer || m.attention.layer) - 1);
      head.value = String(Number(container.dataset.head || m.attention.head) - 1);
      container.append(result);
      compute();
    });
  });
}

paramscope.nextToken = nextToken;
paramscope.generate = function (prompt, settings) { return generate(prompt, settings); };
paramscope.attention = attention;
paramscope.embed = embed;

everyPage(".ps-live-next", setupNext);
everyPage(".ps-live-embed", setupEmbed);
everyPage(".ps-live-attention", setupAttention);
