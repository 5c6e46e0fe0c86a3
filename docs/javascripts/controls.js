/* The sampling settings as a reader sets them: the temperature, top-k, top-p and min-p sliders of the explorer
 * (explorer.js) and of the live next-token widget (live-next.js), and what they read as settings for sampling.js.
 */
import { el } from "./page.js";

// A form row: label, input, its value in words and an optional hint. spec: {name, label, attrs, hint, text(v)}.
export function control(form, id, spec) {
  const row = el("div", { class: "ps-explorer__control" });
  const input = el("input", Object.assign({ id, name: spec.name }, spec.attrs));
  const output = el("output", { for: id, class: "ps-explorer__value" });
  row.append(el("label", { for: id }, spec.label), input, output);
  if (spec.hint) {
    const hint = el("span", { class: "ps-explorer__hint", id: id + "-hint" }, spec.hint);
    input.setAttribute("aria-describedby", id + "-hint");
    row.append(hint);
  }
  form.append(row);
  return { input, output, spec };
}

// The four sliders, their ids prefix + name; top-k at its far right, offK, is off.
export function samplingSliders(form, prefix, offK) {
  function slider(spec) { return control(form, prefix + spec.name, spec); }
  return [
    slider({ name: "temperature", label: "Temperature", attrs: { type: "range", min: 0, max: 3, step: 0.05, value: 1 },
             hint: "0 = always the most likely token",
             text: (v) => v === 0 ? "0 (greedy)" : v.toFixed(2) }),
    slider({ name: "top-k", label: "Top-k", attrs: { type: "range", min: 1, max: offK, step: 1, value: offK },
             hint: "keep the k most likely tokens; far right = off",
             text: (v) => v === offK ? "off" : String(v) }),
    slider({ name: "top-p", label: "Top-p", attrs: { type: "range", min: 0.01, max: 1, step: 0.01, value: 1 },
             hint: "keep the most likely tokens until their mass reaches p; 1 = off",
             text: (v) => v === 1 ? "1 (off)" : v.toFixed(2) }),
    slider({ name: "min-p", label: "Min-p", attrs: { type: "range", min: 0, max: 0.5, step: 0.01, value: 0 },
             hint: "keep tokens at least m times as likely as the top one; 0 = off",
             text: (v) => v === 0 ? "0 (off)" : v.toFixed(2) }),
  ];
}

// Every control's number by its name, each shown beside its control in words (a slider's also to screen readers).
export function readControls(controls) {
  const values = {};
  controls.forEach((c) => {
    const v = Number(c.input.value);
    values[c.spec.name] = v;
    c.output.textContent = c.spec.text(v);
    if (c.spec.attrs.type === "range") c.input.setAttribute("aria-valuetext", c.spec.text(v));
  });
  return values;
}

// The sliders' values as sampling.js's settings: a filter at its "off" end is null.
export function samplingSettings(values, offK) {
  return { temperature: values.temperature, topK: values["top-k"] === offK ? null : values["top-k"],
           topP: values["top-p"] === 1 ? null : values["top-p"], minP: values["min-p"] === 0 ? null : values["min-p"] };
}
