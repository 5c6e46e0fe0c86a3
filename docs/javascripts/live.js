/* The models in the reader's browser: SmolLM2's next token and MiniLM's embedding of whatever the reader types.
 *
 * The models are exported at build time from the site's own torch modules (scripts/producers/live.py) and run by
 * onnxruntime-web's WebAssembly build; the tokenizers are the Python side's tokenizer.json read by tokenizers.js.
 * Every file comes from this site, and nothing is fetched before the reader clicks "Load" (or a script calls
 * window.paramscope.nextToken / embed). Sampling is the explorer's compute(), the steps of paramscope.sampling.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var BASE = new URL("../data/live/", script ? script.src : document.baseURI).href;
  var TOP = 100;     // tokens nextToken() returns at most (at least the top 50 the interface promises)
  var SHOWN = 12;    // rows in the widget's table
  var NEIGHBOURS = 5;
  var PLAIN = { skip_special_tokens: false, clean_up_tokenization_spaces: false };  // decode as Python does

  // ---- loading: one promise per thing, forgotten on failure so that a retry starts afresh ----
  var cache = {};

  function once(key, make) {
    if (!cache[key]) {
      cache[key] = make();
      cache[key].catch(function () { delete cache[key]; });
    }
    return cache[key];
  }

  function json(name) {
    return once("json:" + name, function () {
      return fetch(BASE + name).then(function (r) {
        if (!r.ok) throw new Error(name + ": " + r.status + " " + r.statusText);
        return r.json();
      });
    });
  }

  // The bytes of one file, reporting each chunk's size to onBytes as it arrives.
  function bytes(name, onBytes) {
    return fetch(BASE + name).then(function (r) {
      if (!r.ok) throw new Error(name + ": " + r.status + " " + r.statusText);
      if (!r.body || !r.body.getReader) return r.arrayBuffer().then(function (b) { onBytes(b.byteLength); return new Uint8Array(b); });
      var reader = r.body.getReader(), parts = [], total = 0;
      function pump() {
        return reader.read().then(function (step) {
          if (step.done) {
            var out = new Uint8Array(total), at = 0;
            parts.forEach(function (p) { out.set(p, at); at += p.length; });
            return out;
          }
          parts.push(step.value); total += step.value.length; onBytes(step.value.length);
          return pump();
        });
      }
      return pump();
    });
  }

  function runtime() {
    return once("runtime", function () {
      if (typeof WebAssembly !== "object") return Promise.reject(new Error("this browser has no WebAssembly"));
      return json("models.json").then(function (models) {
        return Promise.all([import(BASE + models.runtime.ort), import(BASE + models.runtime.tokenizers)])
          .then(function (mods) {
            var ort = mods[0];
            ort.env.wasm.wasmPaths = BASE;
            ort.env.logLevel = "error";  // the runtime reports its graph clean-ups as warnings on the console
            ort.env.wasm.numThreads = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
            return { ort: ort, Tokenizer: mods[1].Tokenizer, models: models };
          });
      });
    });
  }

  // key: "smollm2" or "minilm". onProgress(fraction) while the files download.
  function model(key, onProgress) {
    return once("model:" + key, function () {
      return runtime().then(function (rt) {
        var spec = rt.models[key], done = 0;
        var names = Object.keys(spec.files).sort();
        var report = function (n) { done += n; if (onProgress) onProgress(Math.min(1, done / spec.bytes)); };
        return Promise.all([json(spec.tokenizer)].concat(names.map(function (n) { return bytes(n, report); })))
          .then(function (got) {
            var files = {};
            names.forEach(function (n, i) { files[n] = got[i + 1]; });
            var options = { executionProviders: ["wasm"], graphOptimizationLevel: "all" };
            if (spec.weights) options.externalData = [{ path: spec.weights, data: files[spec.weights] }];
            return rt.ort.InferenceSession.create(files[spec.graph], options).then(function (session) {
              return { ort: rt.ort, session: session, tokenizer: new rt.Tokenizer(got[0], {}), spec: spec };
            });
          });
      });
    });
  }

  function idsTensor(ort, ids) {
    return new ort.Tensor("int64", BigInt64Array.from(ids, function (i) { return BigInt(i); }), [1, ids.length]);
  }

  // One run at a time per session (the WASM runtime does not take overlapping runs): each waits for the last.
  function run(m, ids) {
    var feeds = {};
    feeds[m.session.inputNames[0]] = idsTensor(m.ort, ids);
    var result = (m.last || Promise.resolve()).then(function () { return m.session.run(feeds); })
      .then(function (out) { return out[m.session.outputNames[0]].data; });
    m.last = result.catch(function () {});
    return result;
  }

  // ---- next token ----
  function sampling() {
    var s = window.paramscope && window.paramscope.sampling;
    if (!s) throw new Error("the explorer's sampling code (explorer.js) is not loaded");
    return s;
  }

  function settingsOf(s) {
    s = s || {};
    var pick = function (v) { return v == null ? null : Number(v); };
    return { temperature: s.temperature == null ? 1 : Number(s.temperature), topK: pick(s.topK),
             topP: pick(s.topP), minP: pick(s.minP) };
  }

  // logits (V) -> {order, kept, probs}: every token ranked by logit (lower id first among ties), then the settings.
  function distribution(logits, settings) {
    var order = new Uint32Array(logits.length);
    for (var i = 0; i < order.length; i++) order[i] = i;
    order.sort(function (a, b) { return logits[b] - logits[a] || a - b; });
    var entries = Array.prototype.map.call(order, function (id) { return { logit: logits[id], count: 1 }; });
    var r = sampling().compute(entries, settingsOf(settings));
    return { order: order, kept: r.kept, probs: r.probs };
  }

  function tokensOf(m, d, n) {
    var out = [];
    for (var i = 0; i < d.order.length && out.length < n; i++) {
      if (d.kept[i] > 0 && d.probs[i] > 0) {
        out.push({ token: m.tokenizer.decode([d.order[i]], PLAIN), id: d.order[i], p: d.probs[i] });
      }
    }
    return out;
  }

  function encodePrompt(m, prompt) {
    var ids = m.tokenizer.encode(prompt, { add_special_tokens: false }).ids;
    if (!ids.length) throw new Error("the prompt is empty: the model needs at least one token to predict the next");
    return Array.from(ids);
  }

  function nextToken(prompt, settings) {
    return model("smollm2").then(function (m) {
      var ids = encodePrompt(m, String(prompt));
      return run(m, ids).then(function (logits) { return tokensOf(m, distribution(logits, settings), TOP); });
    });
  }

  // ---- embeddings ----
  function embed(text) {
    return model("minilm").then(function (m) {
      return run(m, Array.from(m.tokenizer.encode(String(text)).ids)).then(function (v) { return new Float32Array(v); });
    });
  }

  function dot(a, b) {
    var s = 0;
    for (var i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  // ---- the page part ----
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
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

  // A "Load the model (N MB)" button with a progress bar; calls ready(m) once the model is in memory.
  function loader(container, key, label, ready) {
    var box = el("div", { class: "ps-live__loader" });
    var button = el("button", { type: "button", class: "ps-live__button" }, "Load the model");
    var bar = el("progress", { class: "ps-live__progress", max: "1", value: "0", hidden: "" });
    var status = el("p", { class: "ps-live__status", role: "status" });
    box.append(button, bar, status);
    container.append(box);
    json("models.json").then(function (models) {
      button.textContent = "Load the model (" + Math.round(models[key].bytes / 1e6) + " MB)";
      button.setAttribute("aria-label", "Load " + label + " (" + Math.round(models[key].bytes / 1e6) + " megabytes)");
    }).catch(function () { /* the click reports it */ });
    if (typeof WebAssembly !== "object") {
      button.disabled = true;
      status.textContent = "This browser cannot run the model (no WebAssembly); the rest of the page works without it.";
      return;
    }
    button.addEventListener("click", function () {
      button.disabled = true;
      bar.hidden = false;
      status.textContent = "Loading…";
      model(key, function (f) { bar.value = f; }).then(function (m) {
        box.hidden = true;
        ready(m);
      }).catch(function (e) {
        bar.hidden = true;
        button.disabled = false;
        status.textContent = "Could not load the model (" + (e && e.message ? e.message : e) + ").";
      });
    });
  }

  function field(form, spec) {
    var id = "ps-live-" + (++uid) + "-" + spec.name;
    var row = el("div", { class: "ps-explorer__control" });
    var input = el("input", Object.assign({ id: id, name: spec.name }, spec.attrs));
    var output = el("output", { for: id, class: "ps-explorer__value" });
    row.append(el("label", { for: id }, spec.label), input, output);
    if (spec.hint) {
      var hint = el("span", { class: "ps-explorer__hint", id: id + "-hint" }, spec.hint);
      input.setAttribute("aria-describedby", id + "-hint");
      row.append(hint);
    }
    form.append(row);
    return { input: input, output: output, spec: spec };
  }

  // A small seeded generator (mulberry32): the same seed draws the same tokens.
  function generator(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function draw(d, u) {
    var acc = 0, last = -1;
    for (var i = 0; i < d.order.length; i++) {
      if (d.kept[i] > 0 && d.probs[i] > 0) {
        acc += d.probs[i]; last = i;
        if (u < acc) return d.order[i];
      }
    }
    return d.order[last];
  }

  function setupNext(container) {
    container.textContent = "";
    var form = el("form", { class: "ps-explorer__form ps-live__form", "aria-label": "Your own prompt" });
    var pid = "ps-live-" + (++uid) + "-prompt";
    var promptRow = el("div", { class: "ps-live__prompt" });
    var text = el("textarea", { id: pid, rows: "2", class: "ps-live__text", placeholder: "Type a prompt and press Enter" });
    text.value = container.dataset.prompt || "The capital of France is";
    promptRow.append(el("label", { for: pid }, "Your prompt"), text);
    form.append(promptRow);
    var offK = 201;
    var controls = [
      field(form, { name: "temperature", label: "Temperature", attrs: { type: "range", min: 0, max: 3, step: 0.05, value: 1 },
                    hint: "0 = always the most likely token", text: function (v) { return v === 0 ? "0 (greedy)" : v.toFixed(2); } }),
      field(form, { name: "top-k", label: "Top-k", attrs: { type: "range", min: 1, max: offK, step: 1, value: offK },
                    hint: "keep the k most likely tokens; far right = off", text: function (v) { return v === offK ? "off" : String(v); } }),
      field(form, { name: "top-p", label: "Top-p", attrs: { type: "range", min: 0.01, max: 1, step: 0.01, value: 1 },
                    hint: "keep the most likely tokens until their mass reaches p; 1 = off",
                    text: function (v) { return v === 1 ? "1 (off)" : v.toFixed(2); } }),
      field(form, { name: "min-p", label: "Min-p", attrs: { type: "range", min: 0, max: 0.5, step: 0.01, value: 0 },
                    hint: "keep tokens at least m times as likely as the top one; 0 = off",
                    text: function (v) { return v === 0 ? "0 (off)" : v.toFixed(2); } }),
      field(form, { name: "seed", label: "Seed", attrs: { type: "number", min: 0, step: 1, value: 0, class: "ps-live__seed" },
                    hint: "the same seed draws the same tokens", text: function () { return ""; } }),
    ];
    var buttons = el("div", { class: "ps-live__buttons" });
    var go = el("button", { type: "submit", class: "ps-explorer__reset" }, "Next token");
    var more = el("button", { type: "button", class: "ps-explorer__reset" }, "Continue");
    buttons.append(go, more);
    form.append(buttons);
    var summary = el("p", { class: "ps-explorer__summary ps-live__summary", "aria-live": "polite" });
    var table = el("table", { class: "ps-explorer__table ps-live__table" });
    table.append(el("caption", {}, "The " + SHOWN + " most likely next tokens after the settings, computed in your browser"));
    var head = el("tr");
    head.append(el("th", { scope: "col" }, "Token"), el("th", { scope: "col", class: "ps-explorer__num" }, "Probability"),
                el("td", { class: "ps-explorer__barcell", "aria-hidden": "true" }));
    var thead = el("thead"); thead.append(head);
    var tbody = el("tbody");
    table.append(thead, tbody);
    var result = el("div", { class: "ps-live__result" });
    result.append(form, summary, table);  // placed once the model is loaded: no control before it can act

    var state = { m: null, ids: null, text: null, logits: null, draws: 0, busy: false };

    function settings() {
      var v = {};
      controls.forEach(function (c) {
        var x = Number(c.input.value);
        v[c.spec.name] = x;
        c.output.textContent = c.spec.text(x);
      });
      return { temperature: v.temperature, topK: v["top-k"] === offK ? null : v["top-k"],
               topP: v["top-p"] === 1 ? null : v["top-p"], minP: v["min-p"] === 0 ? null : v["min-p"], seed: v.seed };
    }

    function show() {
      if (!state.logits) return;
      var s = settings();
      var d = distribution(state.logits, s);
      var rows = tokensOf(state.m, d, SHOWN);
      var kept = 0;
      for (var i = 0; i < d.kept.length; i++) kept += d.kept[i];
      tbody.textContent = "";
      rows.forEach(function (t) {
        var row = el("tr");
        row.append(el("td", {}, shown(t.token)), el("td", { class: "ps-explorer__num" }, percent(t.p)));
        var bar = el("div", { class: "ps-explorer__bar", "aria-hidden": "true" });
        bar.style.width = (100 * t.p).toFixed(2) + "%";
        var cell = el("td", { class: "ps-explorer__barcell", "aria-hidden": "true" }); cell.append(bar);
        row.append(cell);
        tbody.append(row);
      });
      summary.textContent = state.ids.length + " prompt tokens. Kept " + kept.toLocaleString("en") + " of " +
        d.order.length.toLocaleString("en") + " tokens. Most likely: " + shown(rows[0].token) + " at " + percent(rows[0].p) + ".";
      return d;
    }

    function predict(ids) {
      state.busy = true;
      summary.textContent = "Computing…";
      return run(state.m, ids).then(function (logits) {
        state.ids = ids; state.logits = logits; state.text = text.value;
        show();
      }).catch(function (e) {
        summary.textContent = "The model failed on this prompt (" + (e && e.message ? e.message : e) + ").";
      }).then(function () { state.busy = false; });
    }

    function fromText() {
      if (state.busy) return;
      var ids;
      try { ids = encodePrompt(state.m, text.value); } catch (e) { summary.textContent = e.message; return; }
      state.draws = 0;
      predict(ids);
    }

    function proceed() {
      if (state.busy) return;
      if (!state.logits || state.text !== text.value) { fromText(); return; }
      var s = settings();
      var u = generator(s.seed * 1000003 + state.draws)();
      var id = draw(distribution(state.logits, s), u);
      state.draws += 1;
      var ids = state.ids.concat([id]);
      text.value = state.m.tokenizer.decode(ids, PLAIN);
      state.text = text.value;
      predict(ids).then(function () { state.text = text.value; });
    }

    form.addEventListener("submit", function (e) { e.preventDefault(); if (state.m) fromText(); });
    text.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); if (state.m) fromText(); }
    });
    more.addEventListener("click", function () { if (state.m) proceed(); });
    controls.forEach(function (c) { c.input.addEventListener("input", show); });
    settings();
    loader(container, "smollm2", "SmolLM2", function (m) {
      state.m = m;
      container.append(result);
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

  function picture(proj, point, label) {
    var W = 640, H = 360, pad = 40;
    var all = proj.coords.concat(point ? [point] : []);
    var xs = all.map(function (c) { return c[0]; }), ys = all.map(function (c) { return c[1]; });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    var sx = function (x) { return pad + (x - x0) / (x1 - x0 || 1) * (W - 2 * pad); };
    var sy = function (y) { return H - pad - (y - y0) / (y1 - y0 || 1) * (H - 2 * pad); };
    var groups = proj.groups.filter(function (g, i) { return proj.groups.indexOf(g) === i; });
    var svg = svgEl("svg", { viewBox: "0 0 " + W + " " + H, class: "ps-live__plot", role: "img",
                             "aria-label": "The page's words on their two principal axes" + (point ? ", with your text marked" : "") });
    proj.coords.forEach(function (c, i) {
      var g = "ps-live__g" + groups.indexOf(proj.groups[i]);
      svg.append(svgEl("circle", { cx: sx(c[0]), cy: sy(c[1]), r: 4, class: g }));
      svg.append(svgEl("text", { x: sx(c[0]) + 6, y: sy(c[1]) - 4, class: "ps-live__word" }, proj.words[i]));
    });
    if (point) {
      svg.append(svgEl("path", { d: "M" + (sx(point[0]) - 7) + " " + sy(point[1]) + "h14M" + sx(point[0]) + " " + (sy(point[1]) - 7) + "v14",
                                 class: "ps-live__you" }));
      svg.append(svgEl("text", { x: sx(point[0]) + 8, y: sy(point[1]) + 14, class: "ps-live__word ps-live__you-label" }, label));
    }
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
    var go = el("button", { type: "submit", class: "ps-explorer__reset" }, "Embed");
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
        picture(proj, place(proj, v[0]), words).forEach(function (n) { plot.append(n); });
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

  function init() {
    document.querySelectorAll(".ps-live-next:not([data-ready])").forEach(function (c) { c.dataset.ready = "1"; setupNext(c); });
    document.querySelectorAll(".ps-live-embed:not([data-ready])").forEach(function (c) { c.dataset.ready = "1"; setupEmbed(c); });
  }

  var api = window.paramscope = window.paramscope || {};
  api.nextToken = nextToken;
  api.embed = embed;

  // Material's instant navigation swaps the page without reloading scripts: document$ emits on every page.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
