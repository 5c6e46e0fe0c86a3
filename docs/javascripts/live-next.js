/* The live next-token widget (the Generation settings page): the reader's own prompt, SmolLM2's most likely next
 * tokens under the explorer's sampling sliders, one token drawn at a time (Continue) or 32 written at once, all in
 * the worker (live-client.js). The table is redrawn under new settings without running the model again. The prompt
 * box keeps what the reader typed; what the model writes is shown below it, after the prompt, marked.
 */
import { control, readControls, samplingSettings, samplingSliders } from "./controls.js";
import { call } from "./live-client.js";
import { busyLine, loader } from "./live-loading.js";
import { autosize, el, uniqueId } from "./page.js";
import { quoted } from "./tokens.js";

const SHOWN = 12;    // rows in the widget's table
const WRITE = 32;    // tokens "Write" adds
const OFF_K = 201;   // the top-k slider's far right: off
const BYTE = "\uFFFD";

function percent(p) {
  if (p === 0) return "0%";
  if (p < 0.0001) return "< 0.01%";
  return (100 * p).toFixed(2) + "%";
}


// The form: prompt, sliders, seed, the three buttons and the busy line.
function nextForm(container) {
  const form = el("form", { class: "ps-explorer__form ps-live__form", "aria-label": "Your own prompt" });
  const id = uniqueId("ps-live"), pid = id + "-prompt";
  const promptRow = el("div", { class: "ps-live__prompt" });
  const text = el("textarea", { id: pid, rows: "2", class: "ps-live__text", placeholder: "Type a prompt and press Enter" });
  text.value = container.dataset.prompt || "";   // the page gives the running example (paramscope.data.prompts)
  promptRow.append(el("label", { for: pid }, "Your prompt"), text);
  form.append(promptRow);
  const controls = samplingSliders(form, id + "-", OFF_K).concat([
    control(form, id + "-seed", { name: "seed", label: "Seed", hint: "the same seed draws the same tokens",
                                  attrs: { type: "number", min: 0, step: 1, value: 0, class: "ps-live__seed" },
                                  text: () => "" })]);
  const buttons = el("div", { class: "ps-live__buttons" });
  const go = el("button", { type: "submit", class: "ps-live__action" }, "Next token");
  const more = el("button", { type: "button", class: "ps-live__action" }, "Continue");
  const write = el("button", { type: "button", class: "ps-live__action ps-live__write" }, "Write " + WRITE + " tokens");
  buttons.append(go, more, write);
  form.append(buttons);
  return { form, text, controls, more, write, busy: busyLine(form) };
}

// The summary line, the table of the most likely tokens and the note on lone bytes: show(r) fills them, clear() empties.
function distributionView() {
  const summary = el("p", { class: "ps-explorer__summary ps-live__summary", "aria-live": "polite" });
  const table = el("table", { class: "ps-live__table" });
  table.append(el("caption", {}, "The " + SHOWN + " most likely next tokens after the settings, computed in your browser"));
  const head = el("tr");
  head.append(el("th", { scope: "col" }, "Token"), el("th", { scope: "col", class: "ps-live__num" }, "Probability"),
              el("td", { class: "ps-live__barcell", "aria-hidden": "true" }));
  const thead = el("thead"); thead.append(head);
  const tbody = el("tbody");
  table.append(thead, tbody);
  const note = el("p", { class: "ps-live__note", hidden: "" },
                  "“" + BYTE + "” is not a character the model wrote but one byte of one: letters outside English, " +
                  "emoji and many symbols take two to four bytes in UTF-8, and SmolLM2's tokens can split them. " +
                  "A byte alone cannot be shown; written out with the bytes that follow, it becomes the character.");
  function clear(message) {
    tbody.textContent = "";
    note.hidden = true;
    summary.textContent = message;
  }
  // r: the worker's distribution; said: what it follows (the first words of the summary)
  function show(r, said) {
    tbody.textContent = "";
    const top = r.tokens.slice(0, SHOWN);
    for (const t of top) {
      const row = el("tr");
      row.append(el("td", {}, quoted(t.token)), el("td", { class: "ps-live__num" }, percent(t.p)));
      const bar = el("div", { class: "ps-live__bar", "aria-hidden": "true" });
      bar.style.width = (100 * t.p).toFixed(2) + "%";
      const cell = el("td", { class: "ps-live__barcell", "aria-hidden": "true" }); cell.append(bar);
      row.append(cell);
      tbody.append(row);
    }
    note.hidden = !top.some((t) => t.token.indexOf(BYTE) >= 0);
    summary.textContent = (said || r.count.toLocaleString("en") + " prompt tokens.") + " Kept " + r.kept.toLocaleString("en") + " of " +
      r.vocabulary.toLocaleString("en") + " tokens. Most likely: " + quoted(r.tokens[0].token) + " at " +
      percent(r.tokens[0].p) + ".";
  }
  return { nodes: [summary, table, note], summary, show, clear };
}

// The text the model has written so far, after the prompt it continues: set(prompt, full) shows it, hide() hides it.
function writtenView() {
  const box = el("div", { class: "ps-live__continuation", hidden: "", "aria-live": "polite" });
  const given = el("span", { class: "ps-live__given" }), written = el("mark", { class: "ps-live__written" });
  const text = el("p", { class: "ps-live__continued" });
  text.append(given, written);
  box.append(el("p", { class: "ps-live__continuation-label" }, "Your prompt, and in colour what the model wrote after it:"),
             text);
  function set(prompt, full) {
    const after = full.startsWith(prompt);
    given.textContent = after ? prompt : "";
    written.textContent = after ? full.slice(prompt.length) : full;
    box.hidden = !full || full === prompt;
  }
  return { node: box, set, hide: () => { box.hidden = true; } };
}

export function setup(container) {
  container.textContent = "";
  const { form, text, controls, more, write, busy } = nextForm(container);
  const view = distributionView(), written = writtenView();
  const result = el("div", { class: "ps-live__result" });
  result.append(form, written.node, ...view.nodes);  // placed once the model is loaded: no control before it can act

  // base: the prompt as typed that the written text continues; text: the whole text the table's distribution
  // follows (base and what the model wrote); draws: tokens Continue has drawn since (each seeded by its number)
  const state = { ready: false, base: null, text: null, draws: 0, busy: false, pending: null };

  function settings() {
    const values = readControls(controls);
    return Object.assign(samplingSettings(values, OFF_K), { seed: values.seed });
  }

  // Runs one job with the busy line showing (and each report passed to also(p), if given); failures and Stops end
  // up in the summary, in one line. A job asked for while another runs waits for it (the latest one asked for: a
  // prompt sent early is not lost).
  function work(op, args, done, also) {
    if (state.busy) { state.pending = () => work(op, args, done, also); return Promise.resolve(); }
    state.busy = true;
    busy.start();
    const report = also ? (p) => { busy.show(p); also(p); } : busy.show;
    return call(op, args, report).then(done).catch((e) => {
      if (e.stopped) { view.summary.textContent = "Stopped."; return; }
      state.text = null;
      view.clear(/empty|tokens; SmolLM2/.test(e.message) ? e.message[0].toUpperCase() + e.message.slice(1) + "."
                 : "The model failed on this prompt (" + e.message + ").");
    }).then(() => {
      state.busy = false; busy.end();
      const next = state.pending;
      state.pending = null;
      return next ? next() : undefined;
    });
  }

  function fromText() {
    const prompt = text.value;
    state.draws = 0;
    state.base = prompt;
    written.hide();
    return work("nextToken", [prompt, settings(), SHOWN], (r) => { state.text = prompt; view.show(r); });
  }

  // Continue: one token drawn from the table's distribution, added to the written text (a new prompt starts over).
  function proceed() {
    if (state.text === null || state.base !== text.value) return fromText();
    return work("continue", [settings(), state.draws++, SHOWN], (r) => {
      state.text = r.text; written.set(state.base, r.text);
      view.show(r, r.count.toLocaleString("en") + " tokens: your prompt and what the model wrote.");
    });
  }

  // Write: 32 more tokens after the text so far (the prompt box's text if it changed), each shown below the prompt
  // as the worker reports it (a reader's finding: the line said "Writing: 17 of 32 tokens" over the text of one,
  // as the text was shown only at the end), then the table shows the distribution of the token after them, the
  // one Continue would draw from.
  function writeMore() {
    if (state.text === null || state.base !== text.value) { state.base = text.value; state.text = text.value; }
    const start = state.text, s = settings();
    const options = { maxTokens: WRITE, temperature: s.temperature, topK: s.topK || 0, topP: s.topP == null ? 1 : s.topP,
                      minP: s.minP || 0, seed: s.seed };
    let said = "";
    const shown = (p) => { if (p.text != null) written.set(state.base, start + p.text); };
    return work("generate", [start, options], (r) => {
      const full = start + r.text;
      state.text = full; state.draws = 0; written.set(state.base, full);
      said = (r.stopped ? "Stopped after " : "Wrote ") + r.ids.length + " tokens" +
        (r.ids.length < WRITE && !r.stopped ? " (the model ended its text)" : "") + ", shown below your prompt.";
      view.clear(said);
    }, shown).then(() => (state.text === null || !said ? null : work("nextToken", [state.text, settings(), SHOWN], (r) => {
      view.show(r, said + " The table: the next token after them (" + r.count.toLocaleString("en") + " tokens in all).");
    })));
  }

  function reshape() {
    if (state.text === null || state.busy) return settings();
    call("reshape", [settings(), SHOWN]).then(view.show).catch(() => {});
  }

  form.addEventListener("submit", (e) => { e.preventDefault(); if (state.ready) fromText(); });
  text.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); if (state.ready) fromText(); }
  });
  text.addEventListener("input", () => autosize(text));
  more.addEventListener("click", () => { if (state.ready) proceed(); });
  write.addEventListener("click", () => { if (state.ready) writeMore(); });
  controls.forEach((c) => c.input.addEventListener("input", reshape));
  settings();
  loader(container, "smollm2", "SmolLM2", () => {
    state.ready = true;
    container.append(result);
    autosize(text);
    fromText();
  });
}
