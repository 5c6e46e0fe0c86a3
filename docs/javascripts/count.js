/* The calculator on the Model size page, and window.paramscope.count on every page: the counting of formula.js on
 * the data the calculator producer publishes (data/calculator/count.json), fetched on first use.
 *
 * window.paramscope.count(config) -> {total, active, breakdown} (plain numbers, exact up to 2^53) once the data is
 * loaded: window.paramscope.countReady() returns a promise of it (site.js publishes both on every page; it loads
 * this module on first use; until the data is here, count says to call countReady first). Bad input throws an Error with one line
 * per missing or invalid field (its .problems lists them; its .field is the first, as `paramscope count` names it).
 */
import { count, kvCache } from "./formula.js";
import { couldNotLoad, el, fetchJson, uniqueId } from "./page.js";
import { scrollHint } from "./tables.js";

const DATA_URL = new URL("../data/calculator/count.json", import.meta.url).href;

let loaded = null;  // the data, once countReady has fetched it

// A promise of the data, fetched once.
export function countReady() {
  return fetchJson(DATA_URL).then((data) => (loaded = data));
}

// Whether countReady has loaded the data (by the calculator or by a reader's script).
export const isLoaded = () => loaded !== null;

// The count of a config.json's object with the data countReady loaded (window.paramscope.count, after it).
export function countLoaded(config) {
  const r = count(config, loaded);
  return { total: r.total, active: r.active, breakdown: r.breakdown };
}

function digits(n) { return n.toLocaleString("en"); }

function short(n) {  // a BigInt as 7.24B, 163M
  const x = Number(n), units = [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "K"]];
  for (let i = 0; i < units.length; i++) if (x >= units[i][0]) return (x / units[i][0]).toFixed(2) + units[i][1];
  return String(x);
}

// GiB (2^30 bytes), as the Model size page and accelerators count memory
function gib(bytes) { return (Number(bytes) / 2 ** 30).toLocaleString("en", { maximumFractionDigits: 2 }); }  // the column head says GiB

// A table in its own box, which scrolls sideways (with a shadow at the cut edge, calculator.css, and a line over it
// saying how many columns are off screen, tables.js) if a phone is too narrow: a caption, a head row of [text, numeric?] columns, and rows of cells (a number right-aligned).
function table(cls, caption, heads, rows) {
  const t = el("table", { class: "ps-calculator__table " + cls });
  t.append(el("caption", {}, caption));
  const thead = el("thead"), hrow = el("tr"), tbody = el("tbody");
  const num = (i, attrs) => (heads[i][1] ? Object.assign(attrs, { class: "ps-calculator__num" }) : attrs);
  heads.forEach((h, i) => { hrow.append(el("th", num(i, { scope: "col" }), h[0])); });
  thead.append(hrow);
  rows.forEach((r) => {
    const row = el("tr");
    r.forEach((c, i) => {
      const td = el("td", num(i, {}));
      td.append(c);
      row.append(td);
    });
    tbody.append(row);
  });
  t.append(thead, tbody);
  const box = el("div", { class: "ps-calculator__scroll", tabindex: "0", role: "region", "aria-label": caption });
  box.append(t);
  const wrap = el("div", { class: "ps-calculator__table-box" });
  wrap.append(scrollHint(box), box);
  return wrap;
}

// GiB first, then the exact bytes: on a phone the column a reader reads at a glance is the one on screen, and the
// long byte counts are what scrolls off (with a line saying so, tables.js).
const FORMAT_HEADS = [["Format", false], ["GiB", true], ["Bytes", true]];
const WHAT_HEADS = [["What", false], ["GiB", true], ["Bytes", true]];

// Context length, batch and the number format: what running the model adds to its weights (the KV cache).
function runInputs(id, data) {
  const box = el("fieldset", { class: "ps-calculator__run" });
  box.append(el("legend", {}, "Running it"));
  const context = el("input", { id: id + "-context", type: "number", min: "1", step: "1", value: "4096",
                                inputmode: "numeric" });
  const batch = el("input", { id: id + "-batch", type: "number", min: "1", step: "1", value: "1", inputmode: "numeric" });
  const format = el("select", { id: id + "-format" });
  Object.keys(data.kv.value_bytes).forEach((f) => { format.append(el("option", { value: f }, f)); });
  format.value = "bf16";
  [[context, "Context length (tokens)"], [batch, "Batch (sequences at once)"], [format, "Number format"]]
    .forEach((p) => {
      const cell = el("div");
      cell.append(el("label", { for: p[0].id }, p[1]), p[0]);
      box.append(cell);
    });
  return { box, context, batch, format };
}

function positive(input) {
  const v = Number(input.value);
  return Number.isInteger(v) && v >= 1 && v <= 1e9 ? v : null;
}

// The weights and the KV cache side by side, in the chosen format, and a line saying what the cache models.
function running(config, t, data, run) {
  const box = el("div", { class: "ps-calculator__running" });
  const context = positive(run.context), batch = positive(run.batch), fmt = run.format.value;
  if (context === null || batch === null) {
    box.append(el("p", { class: "ps-calculator__error", role: "alert" },
                  "Context length and batch must be whole numbers from 1 to 1,000,000,000."));
    return box;
  }
  const b = BigInt(data.kv.value_bytes[fmt]), kv = kvCache(config, data, context, batch, data.kv.value_bytes[fmt]);
  const weights = t.total * b;
  const rows = [["Weights", weights], ["KV cache (" + digits(context) + " tokens × " + digits(batch) + ")", kv.bytes],
                ["Both", weights + kv.bytes]].map((r) => [r[0], gib(r[1]), digits(r[1])]);
  const memory = table("ps-calculator__memory ps-calculator__kv", "Memory to run it, in " + fmt,
                       WHAT_HEADS, rows);
  box.append(memory, el("p", { class: "ps-calculator__note ps-calculator__fits" }, fitsNote(weights + kv.bytes, data)),
             el("p", { class: "ps-calculator__note ps-calculator__kv-note" }, kvNote(kv)));
  return box;
}

// Which of the Model size page's devices hold the weights and the cache in their memory (bytes against bytes, the
// device's memory as it reports it: scripts/paramscope/data/accelerators.py), from a laptop to an MI300X.
function fitsNote(bytes, data) {
  const named = (d) => d.label + " (" + gib(d.bytes) + " GiB)";
  const fit = data.devices.filter((d) => bytes <= BigInt(d.bytes)), over = data.devices.filter((d) => bytes > BigInt(d.bytes));
  return (fit.length ? "Weights and cache fit in one " + fit.map(named).join(", ") + ". " : "") +
    (over.length ? (fit.length ? "Too big" : "Weights and cache are too big") + " for one " + over.map(named).join(", ") + "." : "");
}

function kvNote(kv) {
  if (kv.bytes === 0n && kv.blocks > 0n) return "An encoder reads its whole input at once and keeps no KV cache (an encoder-decoder's cache is not modelled here).";
  if (kv.blocks === 0n) return "No block has attention: a state-space model keeps a state of fixed size instead of a KV cache (not counted here).";
  let text = "Each token leaves " + digits(kv.values) + " numbers in each of the " + digits(kv.blocks) +
             " blocks with attention" + (kv.latent ? " (one compressed latent and one rotary key, shared by all heads)"
                                                    : " (a key and a value per key-value head)") + ".";
  if (kv.sliding > 0n)
    text += " " + digits(kv.sliding) + " of them slide over the last " + digits(kv.window) + " tokens, so they keep at most that many.";
  return text + " Activations and the runtime's own memory are not counted; a state-space block's fixed state is not either.";
}

export function setup(container) {
  container.textContent = "";
  const status = el("p", { class: "ps-calculator__status", role: "status" }, "Loading the model types…");
  container.append(status);
  countReady().then((data) => { build(container, data); status.remove(); })
    .catch(couldNotLoad(status, "the calculator's data"));
}

// The count by kind: a bar of shares and a table, in the site's colours for the kinds.
function byKind(t, data) {
  const bar = el("div", { class: "ps-calculator__bar", role: "img",
                          "aria-label": "Share of the parameters by kind" });
  const rows = [];
  data.kinds.forEach((k) => {
    if (!t.breakdown[k]) return;
    const share = Number(t.breakdown[k]) / Number(t.total);
    const seg = el("span", { class: "ps-calculator__segment", title: data.labels[k] });
    seg.style.width = (100 * share).toFixed(3) + "%";
    seg.style.background = data.colors[k];
    bar.append(seg);
    const name = el("span");
    const swatch = el("span", { class: "ps-calculator__swatch", "aria-hidden": "true" });
    swatch.style.background = data.colors[k];
    name.append(swatch, document.createTextNode(data.labels[k]));
    rows.push([name, digits(t.breakdown[k]), (100 * share).toFixed(1) + "%"]);
  });
  const notes = el("p", { class: "ps-calculator__note" });
  data.kinds.filter((k) => t.breakdown[k] && data.notes[k]).forEach((k) => {
    notes.append(el("strong", {}, data.labels[k]), document.createTextNode(": " + data.notes[k] + " "));
  });
  return [bar, table("ps-calculator__kinds", "By kind", [["Kind", false], ["Parameters", true], ["Share", true]], rows),
          notes];
}

// The weights' bytes in every number format of the data (num / den bytes a parameter, a partial byte rounded up),
// and, in a table of its own, what training with Adam holds per parameter (the data's "training" format: weights,
// gradients and the optimizer's state).
function weightMemory(t, data) {
  const bytesOf = (f) => (t.total * BigInt(f.num) + BigInt(f.den) - 1n) / BigInt(f.den);
  const formats = data.formats.filter((f) => f.name !== "training");
  const weights = table("ps-calculator__memory", "Memory for the weights", FORMAT_HEADS,
                        formats.map((f) => [f.label, gib(bytesOf(f)), digits(bytesOf(f))]));
  const out = [weights];
  data.formats.filter((f) => f.name === "training").forEach((f) => {
    const bytes = bytesOf(f);
    out.push(table("ps-calculator__training", "Memory to train it with Adam (" + f.bytes + " bytes a parameter)",
                   WHAT_HEADS, [["Weights, gradients, optimizer state", gib(bytes), digits(bytes)]]));
  });
  return out;
}

function build(container, data) {
  const id = uniqueId("ps-calculator");
  const form = el("form", { class: "ps-calculator__form", "aria-label": "Model to count" });
  form.addEventListener("submit", (e) => { e.preventDefault(); });
  const select = el("select", { id: id + "-zoo" });
  select.append(el("option", { value: "" }, "(paste a config.json below)"));
  // smallest first, as the producer orders them (paramscope.arch.calculator.zoo_order)
  data.order.forEach((name) => { select.append(el("option", { value: name }, data.zoo[name].label)); });
  const area = el("textarea", { id: id + "-config", rows: "8", spellcheck: "false", class: "ps-calculator__config",
                                "aria-describedby": id + "-error" });
  const error = el("p", { id: id + "-error", class: "ps-calculator__error", role: "alert" });
  const run = runInputs(id, data);
  form.append(el("label", { for: id + "-zoo" }, "A model from the zoo"), select,
              el("label", { for: id + "-config" }, "or its config.json"), area, error, run.box);
  const results = el("div", { class: "ps-calculator__results", "aria-live": "polite" });
  container.append(form, results);

  let config = null;

  function show(r) {
    results.textContent = "";
    const t = r.exact;
    const head = el("p", { class: "ps-calculator__total" });
    head.append(el("strong", {}, digits(t.total)), document.createTextNode(" parameters (" + short(t.total) + ")"));
    if (t.active !== t.total)
      head.append(document.createTextNode("; " + digits(t.active) + " (" + short(t.active) + ") active per token"));
    results.append(head);
    if (r.note) results.append(el("p", { class: "ps-calculator__note" }, r.note + "."));
    if (t.task)
      results.append(el("p", {}, "With the task head its architectures field names, " + t.task + " holds " +
                                 digits(t.total + t.taskHead) + " (the total counts the base model)."));
    results.append(...byKind(t, data), ...weightMemory(t, data), running(config, t, data, run));
  }

  function update() {
    const text = area.value.trim();
    error.textContent = "";
    if (!text) { results.textContent = ""; return; }
    try {
      config = JSON.parse(text);
    } catch (e) {
      error.textContent = "config.json: invalid JSON: " + e.message;
      results.textContent = "";
      return;
    }
    try {
      show(count(config, data));
    } catch (e) {  // every missing or invalid field at once, one line each
      const lines = e.problems ? e.problems.map((p) => p.message) : [e.message];
      error.textContent = (lines.length > 1 ? "config.json has " + lines.length + " problems:\n" : "") +
                          lines.map((l) => "config.json: " + l).join("\n");
      results.textContent = "";
    }
  }

  run.box.addEventListener("input", update);
  select.addEventListener("change", () => {
    if (!select.value) return;
    area.value = JSON.stringify(data.zoo[select.value].config, null, 1);
    update();
  });
  area.addEventListener("input", () => { select.value = ""; update(); });
  select.value = data.opening;   // a decoder the site runs throughout, with a KV cache to show
  area.value = JSON.stringify(data.zoo[select.value].config, null, 1);
  update();
}
