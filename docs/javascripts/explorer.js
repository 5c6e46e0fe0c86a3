/* The sampling explorer: SmolLM2's real next-token logits, recomputed in the browser as sampling settings change.
 *
 * compute() follows scripts/paramscope/sampling.py step for step: temperature, then top-k, then top-p, then min-p,
 * each on the distribution the previous steps left, ranked by logit with the lower token id first among ties.
 * The data ships the top tokens' exact logits; the rest of the vocabulary comes as (floored logit, count) bins,
 * treated as `count` tokens with that logit, ranked after the top tokens.
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
      var q = probabilities(z, kept), below = 0;
      // From the least likely up: a token stays if it and the tokens below it hold more than 1 - p.
      for (i = n - 1; i >= 0; i--) {
        var c = kept[i];
        if (c === 0) continue;
        var x = (1 - settings.topP - below) / q[i];  // a token stays if (its place from the bottom of the entry) > x
        kept[i] = x < 0 ? c : c - Math.min(c, Math.floor(x));
        below += c * q[i];
      }
    }
    if (settings.minP != null) {
      // p_i >= m * p_max  <=>  z_i - z_max >= log(m); the first kept entry holds the maximum.
      var first = kept.findIndex(function (k) { return k > 0; });
      var threshold = z[first] + (settings.minP > 0 ? Math.log(settings.minP) : -Infinity);
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

  if (typeof module === "object" && module.exports) {
    module.exports = { compute: compute, entriesOf: entriesOf };
    return;
  }

  // live.js samples the browser's own model output with the same steps
  (window.paramscope = window.paramscope || {}).sampling = { compute: compute, entriesOf: entriesOf };

  // ---- the page part ----
  var SHOWN = 12;  // rows in the table
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
    if (p === 0) return "0%";
    if (p < 0.0001) return "< 0.01%";
    return (100 * p).toFixed(2) + "%";
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

  function build(container, data) {
    var form = el("form", { class: "ps-explorer__form", "aria-label": "Sampling settings" });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var pid = "ps-explorer-" + (++uid) + "-prompt";
    var promptRow = el("div", { class: "ps-explorer__control ps-explorer__control--prompt" });
    var select = el("select", { id: pid, name: "prompt" });
    data.prompts.forEach(function (p, i) { select.append(el("option", { value: String(i) }, p.prompt + " …")); });
    promptRow.append(el("label", { for: pid }, "Prompt"), select);
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
    var reset = el("button", { type: "button", class: "ps-explorer__reset" }, "Reset");
    form.append(reset);

    var summary = el("p", { class: "ps-explorer__summary", "aria-live": "polite" });
    var table = el("table", { class: "ps-explorer__table" });
    table.append(el("caption", {}, "The " + SHOWN + " most likely next tokens after the settings"));
    var head = el("tr");
    head.append(el("th", { scope: "col" }, "Token"), el("th", { scope: "col", class: "ps-explorer__num" }, "Probability"),
                el("td", { class: "ps-explorer__barcell", "aria-hidden": "true" }));
    var thead = el("thead"); thead.append(head);
    var tbody = el("tbody");
    table.append(thead, tbody);
    container.append(form, summary, table);

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
      var entries = entriesOf(prompt);
      var r = compute(entries, settings);
      var keptTotal = 0, entropy = 0, outside = 0, i;
      for (i = 0; i < entries.length; i++) {
        keptTotal += r.kept[i];
        if (r.kept[i] > 0 && r.probs[i] > 0) entropy -= r.kept[i] * r.probs[i] * Math.log2(r.probs[i]);
        if (i >= SHOWN) outside += r.kept[i] * r.probs[i];
      }
      tbody.textContent = "";
      for (i = 0; i < SHOWN; i++) {
        var p = r.kept[i] > 0 ? r.probs[i] : 0;
        var row = el("tr", { class: p > 0 ? "" : "ps-explorer__removed" });
        row.append(el("td", {}, prompt.tokens[i]));
        row.append(el("td", { class: "ps-explorer__num" }, p > 0 ? percent(p) : "removed"));
        var bar = el("div", { class: "ps-explorer__bar", "aria-hidden": "true" });
        bar.style.width = (100 * p).toFixed(2) + "%";
        var cell = el("td", { class: "ps-explorer__barcell", "aria-hidden": "true" }); cell.append(bar);
        row.append(cell);
        tbody.append(row);
      }
      var top = r.probs[0];
      summary.textContent = "Kept " + keptTotal.toLocaleString("en") + " of " + data.vocab.toLocaleString("en") +
        " tokens. Entropy " + Math.max(0, entropy).toFixed(2) + " bits. Most likely: " + prompt.tokens[0] + " at " +
        percent(top) + ". All tokens outside the table: " + percent(outside) + ".";
    }

    controls.forEach(function (c) { c.input.addEventListener("input", update); });
    select.addEventListener("change", update);
    reset.addEventListener("click", function () {
      controls.forEach(function (c) { c.input.value = c.spec.value; });
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
