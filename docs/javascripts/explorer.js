/* The sampling explorer: SmolLM2's real next-token logits, recomputed in the browser as sampling settings change,
 * with the steps of sampling.js (which site.js also publishes as window.paramscope.sampling). The data (data/sampling/explorer.json,
 * named by the widget's data-src) ships the top tokens' exact logits and the rest of the vocabulary as bins.
 */
import { readControls, samplingSettings, samplingSliders } from "./controls.js";
import { couldNotLoad, el, fetchJson, uniqueId } from "./page.js";
import { compute, draw, entriesOf, topPCut } from "./sampling.js";

const SHOWN = 12;          // rows in the table
const DRAWS = [0, 10, 100, 1000, 10000];

function percent(p) {
  if (p === 0) return "0";
  if (p < 0.0001) return p.toExponential(1).replace("e-", "e\u2212");
  return (100 * p).toFixed(2) + "%";
}

const SUPERSCRIPT = { "-": "\u207b", 0: "\u2070", 1: "\u00b9", 2: "\u00b2", 3: "\u00b3", 4: "\u2074", 5: "\u2075",
                      6: "\u2076", 7: "\u2077", 8: "\u2078", 9: "\u2079" };
function power(e) { return "10" + String(e).split("").map((c) => SUPERSCRIPT[c]).join(""); }

// The bars' scale, from the probabilities the table shows (every column, the token rows and "all other tokens"):
// linear, a full bar is the largest token's probability, so the twelve rows show the distribution's shape even when
// they hold little (the "all other tokens" row, a sum over the rest of the vocabulary, is cut at a full bar when it
// is larger, and says so); log, from a floor a decade or more below the smallest probability shown (a whole power
// of ten) up to 1.
function scaleOf(tokenPs, restPs, log) {
  const positive = tokenPs.concat(restPs).filter((p) => p > 0);
  if (log) {
    const smallest = positive.length ? Math.min(...positive) : 0.1;
    return { log, floor: Math.min(-1, Math.floor(Math.log10(smallest)) - 1) };
  }
  const top = Math.max(0, ...tokenPs);
  return { log, top: top > 0 ? top : 1 };
}

// Bar length as a share of its track (0 to 1), and whether the bar is cut at the scale's end.
function width(p, scale) {
  if (p <= 0) return { share: 0, over: false };
  if (scale.log) return { share: Math.max(0, 1 - Math.log10(p) / scale.floor), over: false };
  return { share: Math.min(1, p / scale.top), over: p > scale.top * (1 + 1e-9) };
}

// The caption's words for the scale, honest about a linear scale that does not end at 100%.
function scaleWords(scale) {
  if (scale.log) return "on a log scale from " + power(scale.floor) + " (a decade or more below the smallest " +
    "probability shown) to 1.";
  return "on a linear scale: a full bar is " + percent(scale.top) + ", the largest token's probability shown" +
    " (a longer \u201call other tokens\u201d bar is cut, its end faded).";
}

// Where the probability is, in words: the share the table's rows hold (at a high temperature it thins out over
// thousands of tokens, and every token's probability shrinks while the bars keep their scale: the note says why),
// then the entropy, said plainly with its number.
function spread(inTable, bits) {
  const held = "The table's " + SHOWN + " tokens hold " + percent(inTable) + " of the probability after the " +
    "settings; \u201call other tokens\u201d hold the other " + percent(Math.max(0, 1 - inTable)) + ".";
  const thin = inTable < 0.5 ? " The choice is spread so thin over the rest of the vocabulary that every token " +
    "in the table is unlikely: the bars are drawn to the largest of them (the caption gives the scale); tick Log " +
    "scale to compare the small ones." : "";
  const exact = Math.pow(2, bits), figures = Math.pow(10, Math.max(0, Math.floor(Math.log10(exact)) - 1));
  const like = Math.max(1, Math.round(exact / figures) * figures);   // two significant figures: about 22,000
  return held + thin + " Entropy, how spread out the choice is: " + bits.toFixed(2) + " bits (0 bits is one " +
    "certain token; " + bits.toFixed(2) + " bits is as uncertain as a fair pick among about " +
    like.toLocaleString("en") + " token" + (like === 1 ? "" : "s") + ").";
}

export function setup(container) {
  const url = new URL(container.dataset.src, document.baseURI).href;
  container.textContent = "";
  const status = el("p", { class: "ps-explorer__status", role: "status" }, "Loading the model's logits…");
  container.append(status);
  fetchJson(url).then((data) => { build(container, data); status.remove(); })
    .catch(couldNotLoad(status, "the explorer's data"));
}

function cell(p, scale, kept) {
  const td = el("td", { class: "ps-explorer__p" });
  const { share, over } = width(p, scale);
  const bar = el("span", { class: "ps-explorer__bar" + (over ? " ps-explorer__bar--over" : ""),
                           "aria-hidden": "true" });
  bar.style.setProperty("--share", share.toFixed(4));   // of the track left of the number
  td.append(bar, el("span", { class: "ps-explorer__num" }, kept === false ? "removed" : percent(p)));
  return td;
}

// The controls, in three parts: the prompt above; the four sliders, the form that sticks under the header on a
// phone (explorer.css) while the table scrolls by; and below them the log scale, draws, seed, Draw and Reset.
function explorerForm(data, offK) {
  const id = uniqueId("ps-explorer");
  const promptRow = el("div", { class: "ps-explorer__control ps-explorer__control--prompt" });
  const select = el("select", { id: id + "-prompt", name: "prompt" });
  data.prompts.forEach((p, i) => { select.append(el("option", { value: String(i) }, p.prompt + " …")); });
  promptRow.append(el("label", { for: select.id }, "Prompt"), select);

  const form = el("form", { class: "ps-explorer__form", "aria-label": "Sampling settings" });
  form.addEventListener("submit", (e) => { e.preventDefault(); });
  const controls = samplingSliders(form, id + "-", offK);

  const options = el("div", { class: "ps-explorer__options", role: "group", "aria-label": "Scale and draws" });
  const logBox = el("input", { type: "checkbox", id: id + "-log", name: "log" });
  const logLabel = el("label", { for: logBox.id }, " Log scale");
  logLabel.prepend(logBox);
  const drawSelect = el("select", { id: id + "-draws", name: "draws" });
  DRAWS.forEach((d) => {
    drawSelect.append(el("option", { value: String(d) }, d === 0 ? "none" : d.toLocaleString("en")));
  });
  const seed = el("input", { type: "number", id: id + "-seed", name: "seed", min: 0, step: 1,
                             value: 1, class: "ps-explorer__seed" });
  const again = el("button", { type: "button", class: "ps-explorer__button" }, "Draw again");
  const reset = el("button", { type: "button", class: "ps-explorer__button" }, "Reset");
  const drawsLabel = el("label", { for: drawSelect.id }, "Draws ");
  const seedLabel = el("label", { for: seed.id }, "seed ");
  options.append(logLabel, el("span", { class: "ps-explorer__group" }), again, reset);
  options.children[1].append(drawsLabel, drawSelect, seedLabel, seed);
  return { nodes: [promptRow, form, options], form, select, controls, logBox, drawSelect, seed, again, reset };
}

// The table, in its scrolling box: its caption, the "Drawn" column's head (hidden without draws) and its body.
function explorerTable() {
  const scroll = el("div", { class: "ps-explorer__scroll" });
  const table = el("table", { class: "ps-explorer__table" });
  const caption = el("caption", {});
  const head = el("tr");
  const drawnHead = el("th", { scope: "col" }, "Drawn");
  head.append(el("th", { scope: "col" }, "Token"), el("th", { scope: "col" }, "Model"),
              el("th", { scope: "col" }, "After the settings"), drawnHead);
  const thead = el("thead"); thead.append(head);
  const tbody = el("tbody");
  table.append(caption, thead, tbody);
  scroll.append(table);
  return { scroll, caption, drawnHead, tbody };
}

function build(container, data) {
  const offK = data.top + 1;
  const { nodes, form, select, controls, logBox, drawSelect, seed, again, reset } = explorerForm(data, offK);
  const summary = el("p", { class: "ps-explorer__summary", "aria-live": "polite" });
  const { scroll, caption, drawnHead, tbody } = explorerTable();
  container.append(...nodes, summary, scroll);
  // the settings' height, for the column heads that stick below them on a phone (explorer.css)
  new ResizeObserver(() => { container.style.setProperty("--ps-explorer-form", form.offsetHeight + "px"); })
    .observe(form);

  function update() {
    const prompt = data.prompts[Number(select.value)];
    const settings = samplingSettings(readControls(controls), offK);
    const log = logBox.checked, nDraws = Number(drawSelect.value), s = Math.max(0, Math.floor(Number(seed.value)));
    const entries = entriesOf(prompt);
    const before = compute(entries, { temperature: 1 });
    const r = compute(entries, settings);
    const counts = nDraws > 0 ? draw(r, nDraws, s) : null;
    const cut = settings.topP != null ? topPCut(entries, settings) : null;
    const outside = [0, 0, 0];
    let keptTotal = 0, entropy = 0, i;
    for (i = 0; i < entries.length; i++) {
      keptTotal += r.kept[i];
      if (r.kept[i] > 0 && r.probs[i] > 0) entropy -= r.kept[i] * r.probs[i] * Math.log2(r.probs[i]);
      if (i >= SHOWN) {
        outside[0] += entries[i].count * before.probs[i];
        outside[1] += r.kept[i] * r.probs[i];
        if (counts) outside[2] += counts[i] / nDraws;
      }
    }
    // every probability the table shows, row by row: the model's, after the settings (0 when removed), drawn
    const rows = [];
    for (i = 0; i < SHOWN; i++) {
      rows.push([before.probs[i], r.kept[i] > 0 ? r.probs[i] : 0].concat(counts ? [counts[i] / nDraws] : []));
    }
    const restRow = [outside[0], outside[1]].concat(counts ? [outside[2]] : []);
    const scale = scaleOf([].concat(...rows), restRow, log);
    caption.textContent = "The " + SHOWN + " most likely next tokens: the model's probabilities (temperature 1, " +
      "no filter), after the settings, and " + (counts ? "the share of " + nDraws.toLocaleString("en") +
      " draws with seed " + s : "draws (choose a number below the sliders)") + ". Bars " + scaleWords(scale);
    drawnHead.hidden = !counts;
    again.textContent = counts ? "Draw again (next seed)" : "Draw";
    tbody.textContent = "";
    for (i = 0; i < SHOWN; i++) {
      const kept = r.kept[i] > 0;
      const row = el("tr", { class: kept ? "" : "ps-explorer__removed" });
      row.append(el("td", { class: "ps-explorer__token" }, prompt.tokens[i]), cell(rows[i][0], scale),
                 cell(rows[i][1], scale, kept));
      if (counts) row.append(cell(rows[i][2], scale));
      tbody.append(row);
      if (cut === i + 1) {
        const line = el("tr", { class: "ps-explorer__cut" });
        line.append(el("td", { colspan: counts ? 4 : 3 }, "\u2191 top-p: the tokens above hold p = " +
          settings.topP.toFixed(2) + " of the probability (after temperature and top-k)"));
        tbody.append(line);
      }
    }
    const rest = el("tr", { class: "ps-explorer__rest" });
    rest.append(el("td", {}, "all other tokens"), ...restRow.map((p) => cell(p, scale)));
    tbody.append(rest);
    summary.textContent = "Kept " + keptTotal.toLocaleString("en") + " of " + data.vocab.toLocaleString("en") +
      " tokens. " + spread(1 - outside[1], Math.max(0, entropy)) +
      (cut != null && cut > SHOWN ? " Top-p keeps " + cut.toLocaleString("en") +
        " tokens: its cut lies below the table." : "");
  }

  controls.forEach((c) => { c.input.addEventListener("input", update); });
  [select, logBox, drawSelect, seed].forEach((x) => { x.addEventListener("change", update); });
  seed.addEventListener("input", update);
  again.addEventListener("click", () => {
    if (drawSelect.value === "0") drawSelect.value = "1000";
    else seed.value = String(Math.max(0, Math.floor(Number(seed.value))) + 1);
    update();
  });
  reset.addEventListener("click", () => {
    controls.forEach((c) => { c.input.value = c.spec.attrs.value; });
    logBox.checked = false; drawSelect.value = "0"; seed.value = "1";
    update();
  });
  update();
}
