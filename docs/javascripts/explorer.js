/* The sampling explorer: SmolLM2's real next-token logits, recomputed in the browser as sampling settings change.
 *
 * compute() follows scripts/paramscope/lessons/sampling.py step for step: temperature, then top-k, then top-p, then min-p,
 * each on the distribution the previous steps left, ranked by logit with the lower token id first among ties.
 * The data ships the top tokens' exact logits; the rest of the vocabulary comes as (floored logit, count) bins,
 * treated as `count` tokens with that logit, ranked after the top tokens.
 *
 * Draws use mulberry32 (Tommy Ettinger's 32-bit generator, public domain): a seed gives one fixed sequence of
 * uniform numbers in [0, 1), so the same seed and settings always give the same draws, in every browser.
 */
(function () {
  "use strict";

  // Entries in rank order: {logit, count}. Returns {kept: Array<number>, probs: Array<number>} per entry:
  // kept[i] tokens of entry i survive, each with probability probs[i].
  function compute(entries, settings) {
    var t = settings.temperature, n = entries.length, i;
    var kept = entries.map(function (e) { return e.count; });
    var z = new Array(n);
    if (t === 0) {
      // Greedy: only the first-ranked token (the argmax, lowest id among ties).
      for (i = 0; i < n; i++) { kept[i] = i === 0 ? 1 : 0; z[i] = 0; }
    } else {
      // Shift by the maximum first, then divide: nothing overflows even at temperature 0.01.
      var max = entries[0].logit;
      for (i = 0; i < n; i++) z[i] = (entries[i].logit - max) / t;
    }
    if (settings.topK != null) {
      var left = settings.topK;
      for (i = 0; i < n; i++) { kept[i] = Math.min(kept[i], left); left -= kept[i]; }
    }
    if (settings.topP != null) {
      var q = probabilities(z, kept), below = 0, first = kept.findIndex(function (k) { return k > 0; });
      // From the least likely up: a token stays if it and the tokens below it hold more than 1 - p.
      for (i = n - 1; i >= 0; i--) {
        var c = kept[i];
        if (c === 0) continue;
        var x = (1 - settings.topP - below) / q[i];  // a token stays if (its place from the bottom of the entry) > x
        kept[i] = x < 0 ? c : c - Math.min(c, Math.floor(x));
        below += c * q[i];
      }
      // The most likely token always stays, also at p = 0 where rounding could otherwise remove it.
      if (kept[first] === 0) kept[first] = 1;
    }
    if (settings.minP != null) {
      // p_i >= m * p_max  <=>  z_i - z_max >= log(m); the first kept entry holds the maximum.
      var top = kept.findIndex(function (k) { return k > 0; });
      var threshold = z[top] + (settings.minP > 0 ? Math.log(settings.minP) : -Infinity);
      for (i = 0; i < n; i++) if (z[i] < threshold) kept[i] = 0;
    }
    return { kept: kept, probs: probabilities(z, kept) };
  }

  function probabilities(z, kept) {
    var total = 0, i, out = new Array(z.length);
    for (i = 0; i < z.length; i++) if (kept[i] > 0) total += kept[i] * Math.exp(z[i]);
    for (i = 0; i < z.length; i++) out[i] = kept[i] > 0 ? Math.exp(z[i]) / total : 0;
    return out;
  }

  function entriesOf(prompt) {
    var entries = prompt.logits.map(function (l) { return { logit: l, count: 1 }; });
    prompt.rest.forEach(function (bin) { entries.push({ logit: bin[0], count: bin[1] }); });
    return entries;
  }

  // How many tokens top-p keeps, counted in the distribution it sees (after temperature and top-k).
  function topPCut(entries, settings) {
    var r = compute(entries, { temperature: settings.temperature, topK: settings.topK, topP: settings.topP });
    return r.kept.reduce(function (a, b) { return a + b; }, 0);
  }

  function mulberry32(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  // n draws from a compute() result with a seeded generator: how many came from each entry (inverse CDF).
  function draw(result, n, seed) {
    var m = result.kept.length, cum = new Array(m), total = 0, counts = new Array(m).fill(0), i;
    for (i = 0; i < m; i++) { total += result.kept[i] > 0 ? result.kept[i] * result.probs[i] : 0; cum[i] = total; }
    var rng = mulberry32(seed);
    for (var j = 0; j < n; j++) {
      var u = rng() * total, lo = 0, hi = m - 1;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (cum[mid] > u) hi = mid; else lo = mid + 1; }
      counts[lo]++;  // an entry with nothing kept has cum equal to the one before it, so it is never chosen
    }
    return counts;
  }

  if (typeof module === "object" && module.exports) {
    module.exports = { compute: compute, entriesOf: entriesOf, topPCut: topPCut, mulberry32: mulberry32, draw: draw };
    return;
  }

  // live.js samples the browser's own model output with the same steps
  (window.paramscope = window.paramscope || {}).sampling = {
    compute: compute, entriesOf: entriesOf, topPCut: topPCut, mulberry32: mulberry32, draw: draw };

  // ---- the page part ----
  var SHOWN = 12;          // rows in the table
  var LOG_FLOOR = 8;       // the log scale spans 10^-8 to 1
  var DRAWS = [0, 10, 100, 1000, 10000];
  var loads = {};

  function load(url) {
    if (!loads[url]) {
      loads[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + r.statusText);
        return r.json();
      });
      loads[url].catch(function () { delete loads[url]; });
    }
    return loads[url];
  }

  function percent(p) {
    if (p === 0) return "0";
    if (p < 0.0001) return p.toExponential(1).replace("e-", "e\u2212");
    return (100 * p).toFixed(2) + "%";
  }

  // Bar length in % of its cell: linear, or log10 from 10^-LOG_FLOOR (0) to 1 (100).
  function width(p, log) {
    if (p <= 0) return 0;
    if (!log) return 100 * p;
    return Math.max(0, 100 * (1 + Math.log10(p) / LOG_FLOOR));
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }

  var uid = 0;

  function slider(form, spec) {
    var id = "ps-explorer-" + (++uid) + "-" + spec.name;
    var row = el("div", { class: "ps-explorer__control" });
    var label = el("label", { for: id }, spec.label);
    var input = el("input", { type: "range", id: id, name: spec.name, min: spec.min, max: spec.max,
                              step: spec.step, value: spec.value });
    var output = el("output", { for: id, class: "ps-explorer__value" });
    var hint = el("span", { class: "ps-explorer__hint", id: id + "-hint" }, spec.hint);
    input.setAttribute("aria-describedby", id + "-hint");
    row.append(label, input, output, hint);
    form.append(row);
    return { input: input, output: output, spec: spec };
  }

  function setup(container) {
    if (container.dataset.ready) return;
    container.dataset.ready = "1";
    var url = new URL(container.dataset.src, document.baseURI).href;
    container.textContent = "";
    var status = el("p", { class: "ps-explorer__status", role: "status" }, "Loading the model's logits…");
    container.append(status);
    load(url).then(function (data) { build(container, data); status.remove(); })
      .catch(function (e) { status.textContent = "Could not load the explorer's data (" + e.message + ")."; });
  }

  function cell(p, log, kept) {
    var td = el("td", { class: "ps-explorer__p" });
    var bar = el("span", { class: "ps-explorer__bar", "aria-hidden": "true" });
    bar.style.setProperty("--share", (width(p, log) / 100).toFixed(4));   // of the track left of the number
    td.append(bar, el("span", { class: "ps-explorer__num" }, kept === false ? "removed" : percent(p)));
    return td;
  }

  function build(container, data) {
    var form = el("form", { class: "ps-explorer__form", "aria-label": "Sampling settings" });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var n = ++uid;
    var promptRow = el("div", { class: "ps-explorer__control ps-explorer__control--prompt" });
    var select = el("select", { id: "ps-explorer-" + n + "-prompt", name: "prompt" });
    data.prompts.forEach(function (p, i) { select.append(el("option", { value: String(i) }, p.prompt + " …")); });
    promptRow.append(el("label", { for: select.id }, "Prompt"), select);
    form.append(promptRow);

    var offK = data.top + 1;
    var controls = [
      slider(form, { name: "temperature", label: "Temperature", min: 0, max: 3, step: 0.05, value: 1,
                     hint: "0 = always the most likely token",
                     text: function (v) { return v === 0 ? "0 (greedy)" : v.toFixed(2); } }),
      slider(form, { name: "top-k", label: "Top-k", min: 1, max: offK, step: 1, value: offK,
                     hint: "keep the k most likely tokens; far right = off",
                     text: function (v) { return v === offK ? "off" : String(v); } }),
      slider(form, { name: "top-p", label: "Top-p", min: 0.01, max: 1, step: 0.01, value: 1,
                     hint: "keep the most likely tokens until their mass reaches p; 1 = off",
                     text: function (v) { return v === 1 ? "1 (off)" : v.toFixed(2); } }),
      slider(form, { name: "min-p", label: "Min-p", min: 0, max: 0.5, step: 0.01, value: 0,
                     hint: "keep tokens at least m times as likely as the top one; 0 = off",
                     text: function (v) { return v === 0 ? "0 (off)" : v.toFixed(2); } }),
    ];

    var options = el("div", { class: "ps-explorer__options" });
    var logBox = el("input", { type: "checkbox", id: "ps-explorer-" + n + "-log", name: "log" });
    var logLabel = el("label", { for: logBox.id }, " Log scale");
    logLabel.prepend(logBox);
    var drawSelect = el("select", { id: "ps-explorer-" + n + "-draws", name: "draws" });
    DRAWS.forEach(function (d) {
      drawSelect.append(el("option", { value: String(d) }, d === 0 ? "none" : d.toLocaleString("en")));
    });
    var seed = el("input", { type: "number", id: "ps-explorer-" + n + "-seed", name: "seed", min: 0, step: 1,
                             value: 1, class: "ps-explorer__seed" });
    var again = el("button", { type: "button", class: "ps-explorer__button" }, "Draw again");
    var reset = el("button", { type: "button", class: "ps-explorer__button" }, "Reset");
    var drawsLabel = el("label", { for: drawSelect.id }, "Draws ");
    var seedLabel = el("label", { for: seed.id }, "seed ");
    options.append(logLabel, el("span", { class: "ps-explorer__group" }), again, reset);
    options.children[1].append(drawsLabel, drawSelect, seedLabel, seed);
    form.append(options);

    var summary = el("p", { class: "ps-explorer__summary", "aria-live": "polite" });
    var scroll = el("div", { class: "ps-explorer__scroll" });
    var table = el("table", { class: "ps-explorer__table" });
    var caption = el("caption", {});
    var head = el("tr");
    var drawnHead = el("th", { scope: "col" }, "Drawn");
    head.append(el("th", { scope: "col" }, "Token"), el("th", { scope: "col" }, "Model"),
                el("th", { scope: "col" }, "After the settings"), drawnHead);
    var thead = el("thead"); thead.append(head);
    var tbody = el("tbody");
    table.append(caption, thead, tbody);
    scroll.append(table);
    container.append(form, summary, scroll);

    function update() {
      var values = {};
      controls.forEach(function (c) {
        var v = Number(c.input.value);
        values[c.spec.name] = v;
        c.output.textContent = c.spec.text(v);
        c.input.setAttribute("aria-valuetext", c.spec.text(v));
      });
      var prompt = data.prompts[Number(select.value)];
      var settings = {
        temperature: values.temperature,
        topK: values["top-k"] === offK ? null : values["top-k"],
        topP: values["top-p"] === 1 ? null : values["top-p"],
        minP: values["min-p"] === 0 ? null : values["min-p"],
      };
      var log = logBox.checked, nDraws = Number(drawSelect.value), s = Math.max(0, Math.floor(Number(seed.value)));
      var entries = entriesOf(prompt);
      var before = compute(entries, { temperature: 1 });
      var r = compute(entries, settings);
      var counts = nDraws > 0 ? draw(r, nDraws, s) : null;
      var cut = settings.topP != null ? topPCut(entries, settings) : null;
      var keptTotal = 0, entropy = 0, outside = [0, 0, 0], i;
      for (i = 0; i < entries.length; i++) {
        keptTotal += r.kept[i];
        if (r.kept[i] > 0 && r.probs[i] > 0) entropy -= r.kept[i] * r.probs[i] * Math.log2(r.probs[i]);
        if (i >= SHOWN) {
          outside[0] += entries[i].count * before.probs[i];
          outside[1] += r.kept[i] * r.probs[i];
          if (counts) outside[2] += counts[i] / nDraws;
        }
      }
      caption.textContent = "The " + SHOWN + " most likely next tokens: the model's probabilities (temperature 1, " +
        "no filter), after the settings, and " + (counts ? "the share of " + nDraws.toLocaleString("en") +
        " draws with seed " + s : "draws (choose a number below the sliders)") + ". Bars " +
        (log ? "on a log scale from 10\u207b\u2078 to 1." : "on a linear scale.");
      drawnHead.hidden = !counts;
      again.textContent = counts ? "Draw again (next seed)" : "Draw";
      tbody.textContent = "";
      for (i = 0; i < SHOWN; i++) {
        var kept = r.kept[i] > 0;
        var row = el("tr", { class: kept ? "" : "ps-explorer__removed" });
        row.append(el("td", { class: "ps-explorer__token" }, prompt.tokens[i]), cell(before.probs[i], log),
                   cell(kept ? r.probs[i] : 0, log, kept));
        if (counts) row.append(cell(counts[i] / nDraws, log));
        tbody.append(row);
        if (cut === i + 1) {
          var line = el("tr", { class: "ps-explorer__cut" });
          line.append(el("td", { colspan: counts ? 4 : 3 }, "\u2191 top-p: the tokens above hold p = " +
            settings.topP.toFixed(2) + " of the probability (after temperature and top-k)"));
          tbody.append(line);
        }
      }
      var rest = el("tr", { class: "ps-explorer__rest" });
      rest.append(el("td", {}, "all other tokens"), cell(outside[0], log), cell(outside[1], log));
      if (counts) rest.append(cell(outside[2], log));
      tbody.append(rest);
      summary.textContent = "Kept " + keptTotal.toLocaleString("en") + " of " + data.vocab.toLocaleString("en") +
        " tokens. Entropy " + Math.max(0, entropy).toFixed(2) + " bits." +
        (cut != null && cut > SHOWN ? " Top-p keeps " + cut.toLocaleString("en") +
          " tokens: its cut lies below the table." : "");
    }

    controls.forEach(function (c) { c.input.addEventListener("input", update); });
    [select, logBox, drawSelect, seed].forEach(function (x) { x.addEventListener("change", update); });
    seed.addEventListener("input", update);
    again.addEventListener("click", function () {
      if (drawSelect.value === "0") drawSelect.value = "1000";
      else seed.value = String(Math.max(0, Math.floor(Number(seed.value))) + 1);
      update();
    });
    reset.addEventListener("click", function () {
      controls.forEach(function (c) { c.input.value = c.spec.value; });
      logBox.checked = false; drawSelect.value = "0"; seed.value = "1";
      update();
    });
    update();
  }

  function init() {
    document.querySelectorAll(".ps-explorer[data-src]").forEach(setup);
  }

  // Material's instant navigation swaps the page without reloading scripts: document$ emits on every page.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
