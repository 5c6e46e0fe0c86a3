/* What every live widget shows while the worker works for it: the "Load the model (N MB)" button with a progress bar
 * and a status line (the model's bytes downloaded of the total, then "Starting the model…" with the seconds it has
 * taken so far, the bar moving without a value: decoding the weights can take half a minute and reports nothing;
 * on failure, what went wrong and what to do), and the busy line of a running job, with its Stop button. The status
 * line is a live region: screen readers hear each step; the seconds beside it are for the eyes only.
 */
import { call, loaded, models, stop } from "./live-client.js";
import { el } from "./page.js";

function megabytes(n) { return Math.round(n / 1e6); }

// What a job is doing, in one line: {load: {loaded, total, preparing}}, {read, of} or {written, of}; name: the
// model's name ("SmolLM2"), said while it downloads.
export function progressLine(p, name) {
  if (p.load) {
    return p.load.preparing ? "Starting the model (decoding its weights, the slowest step)…"
      : "Downloading " + (name || "the model") + "… " + megabytes(p.load.loaded) + " of " +
        megabytes(p.load.total) + " MB (" + Math.floor(100 * p.load.loaded / p.load.total) + "%)";
  }
  if (p.read != null) return "Reading the prompt: " + p.read.toLocaleString("en") + " of " + p.of.toLocaleString("en") + " tokens";
  if (p.written != null) return "Writing: " + p.written + " of " + p.of + " tokens";
  return "Working…";
}

// Why a load failed, and what the reader can do about it, in one line. The worker's messages name the file and the
// HTTP status ("smollm2.onnx: 404 Not Found"), or are the browser's own for a lost connection.
export function loadFailure(e) {
  const message = e && e.message ? e.message : String(e);
  let what;
  if (/^[\w.-]+: \d{3}\b/.test(message)) {
    what = ": " + message + ". Reload the page and press the button again; if that fails too, the site is missing " +
      "its model files";
  } else if (/^(Failed to fetch|NetworkError|Load failed)|network error/i.test(message)) {
    what = ": the download broke off (" + message + "). Check your connection and press the button to try again";
  } else {
    what = " (" + message + "). Press the button to try again, or reload the page";
  }
  return "Could not load the model" + what + ". The rest of the page works without it.";
}

// A "Load the model (N MB)" button, N everything it downloads (model, tokenizer, runtime), with a progress bar
// and a status line; calls ready() once the model is in the worker's memory. A model that an earlier page loaded
// (Material's instant navigation keeps the worker) is ready at once: the button stays hidden.
export function loader(container, key, label, ready) {
  const box = el("div", { class: "ps-live__loader", hidden: "" });
  const button = el("button", { type: "button", class: "ps-live__button" }, "Load the model");
  const bar = el("progress", { class: "ps-live__progress", max: "1", value: "0", hidden: "", "aria-label": "Downloaded" });
  const status = el("p", { class: "ps-live__status", role: "status", "aria-live": "polite" });
  const seconds = el("span", { class: "ps-live__seconds", "aria-hidden": "true", hidden: "" });
  const line = el("div", { class: "ps-live__statusline" });
  line.append(status, seconds);
  box.append(button, bar, line);
  container.append(box);
  loaded(key).then((yes) => { if (yes) ready(); else box.hidden = false; }, () => { box.hidden = false; });
  models().then((m) => {
    const mb = megabytes(m[key].download);
    button.textContent = "Load the model (" + mb + " MB)";
    button.setAttribute("aria-label", "Load " + label + " (" + mb + " megabytes, with its runtime)");
  }).catch(() => { /* the click reports it */ });
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    button.disabled = true;
    status.textContent = "This browser cannot run the model (no WebAssembly or Web Workers); the rest of the page works without it.";
    return;
  }
  let clock = null;  // counts the seconds of the start, which reports no progress of its own
  function stopClock() {
    clearInterval(clock);
    clock = null;
    seconds.hidden = true;
  }
  button.addEventListener("click", () => {
    button.disabled = true;
    bar.hidden = false;
    bar.value = 0;
    status.textContent = "Loading…";
    call("load", [key], (p) => {
      const text = progressLine(p, label);
      if (p.load && p.load.preparing && !clock) {
        bar.removeAttribute("value");  // no value: the bar moves, as the work has no measure
        const start = Date.now();
        seconds.textContent = "0 s";
        seconds.hidden = false;
        clock = setInterval(() => { seconds.textContent = Math.round((Date.now() - start) / 1000) + " s"; }, 1000);
      } else if (p.load && !p.load.preparing) bar.value = p.load.loaded / p.load.total;
      if (status.textContent !== text) status.textContent = text;
    }).then(() => {
      stopClock();
      box.hidden = true;
      ready();
    }).catch((e) => {
      stopClock();
      bar.hidden = true;
      button.disabled = false;
      status.textContent = loadFailure(e);
    });
  });
}

// The busy part of a widget: a progress line and a Stop button, shown while the worker works for it.
export function busyLine(form) {
  const row = el("div", { class: "ps-live__busy", hidden: "" });
  const line = el("span", { class: "ps-live__progress-line", role: "status" });
  const button = el("button", { type: "button", class: "ps-live__action ps-live__stop" }, "Stop");
  row.append(line, button);
  form.append(row);
  button.addEventListener("click", stop);
  return {
    start() { row.hidden = false; line.textContent = "Working…"; },
    show(p) { line.textContent = progressLine(p); },
    end() { row.hidden = true; },
  };
}
