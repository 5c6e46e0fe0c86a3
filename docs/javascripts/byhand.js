/* The three-parameter model on the Parameter page: y = w1·x1 + w2·x2 + b for a fixed input, and its loss
 * (y − target)², as the reader sets w1, w2 and b. "One training step" moves each parameter against the slope of the
 * loss, as training does; a picture (byhand-picture.js) shows the sum and its error. The input, target, starting
 * values and step size come from the byhand producer (data/byhand/model.json, named by the widget's data-src); the
 * page's text gives the same numbers without JavaScript.
 */
import { control } from "./controls.js";
import { couldNotLoad, el, fetchJson, uniqueId } from "./page.js";
import { picture } from "./byhand-picture.js";
import { loss, output, trainingStep } from "./training.js";

// 0.5, −1, 6.25: at most two decimals, a true minus sign.
export function num(v) {
  let r = Math.round(v * 100) / 100;
  if (Object.is(r, -0)) r = 0;
  return String(r).replace("-", "\u2212");
}
function signed(v) { return v < 0 ? "(" + num(v) + ")" : num(v); }
// A loss under 0.005 would round to 0 while y still misses: two significant digits there (0.0036). When y itself
// prints as the target, the line reads (3 − 3)², and any number but "≈ 0" after it would look wrong.
export function lossText(l, yText, targetText) {
  if (l !== 0 && yText === targetText) return "\u2248 0";
  return l === 0 || l >= 0.005 ? num(l) : l.toPrecision(2);
}

const NAMES = ["w1", "w2", "b"];

// The explorer's frame (explorer.css), set here: the class .ps-explorer itself would start the explorer's script.
const FRAME = { border: "1px solid var(--md-default-fg-color--lightest)", borderRadius: "0.2rem",
                padding: "0.6rem 0.8rem", margin: "1em 0" };

export function setup(container) {
  Object.assign(container.style, FRAME);
  const url = new URL(container.dataset.src, document.baseURI).href;
  const fallback = Array.from(container.childNodes);
  const status = el("p", { class: "ps-explorer__status", role: "status" }, "Loading the model…");
  container.append(status);
  fetchJson(url).then((data) => {
    fallback.forEach((node) => { node.remove(); });
    status.remove();
    build(container, data);
  }).catch(couldNotLoad(status, "the model"));
}

function build(container, data) {
  const id = uniqueId("ps-byhand") + "-";
  const x = data.x, target = data.target;
  let p = Object.assign({}, data.start);
  container.append(el("p", { class: "ps-byhand__given" },
    "Input: x1 = " + num(x[0]) + ", x2 = " + num(x[1]) + ". Target output: " + num(target) + "."));
  const form = el("form", { class: "ps-explorer__form", "aria-label": "The model's three parameters" });
  form.addEventListener("submit", (e) => { e.preventDefault(); });
  const attrs = { type: "range", min: data.range.min, max: data.range.max, step: data.range.step };
  const controls = NAMES.map((name) => {
    return control(form, id + name, { name, label: name, attrs: Object.assign({}, attrs),
                                      hint: name === "b" ? "the bias: added whatever the input" : null });
  });
  const result = el("p", { class: "ps-byhand__output", "aria-live": "polite" });
  const lossLine = el("p", { class: "ps-byhand__loss" });
  const buttons = el("div", { class: "ps-explorer__options" });
  const step = el("button", { type: "button", class: "ps-explorer__button" }, "One training step");
  const reset = el("button", { type: "button", class: "ps-explorer__button" }, "Start again");
  buttons.append(step, reset);
  const drawing = picture(x, target, data.range, num);
  container.append(form, drawing.figure, result, lossLine, buttons);

  function show() {
    controls.forEach((c) => {
      const v = p[c.spec.name];
      c.input.value = String(v);                      // the slider shows the nearest step; the numbers are exact
      c.output.textContent = num(v);
      c.input.setAttribute("aria-valuetext", num(v));
    });
    const y = output(p, x), l = loss(p, x, target);
    result.textContent = "y = " + signed(p.w1) + " × " + num(x[0]) + " + " + signed(p.w2) + " × " + num(x[1]) +
                         " + " + signed(p.b) + " = " + num(y);
    const shown = lossText(l, num(y), num(target));
    lossLine.textContent = "loss = (" + num(y) + " − " + num(target) + ")²" + (shown.startsWith("\u2248") ? " " : " = ") +
                           shown +
                           (l === 0 ? ": exactly on target." : l < 0.00005 ? ": on target to four decimal places." : "");
    result.dataset.y = String(y);
    lossLine.dataset.loss = String(l);
    drawing.draw(p);
  }
  controls.forEach((c) => {
    c.input.addEventListener("input", () => { p[c.spec.name] = Number(c.input.value); show(); });
  });
  step.addEventListener("click", () => { p = trainingStep(p, x, target, data.step); show(); });
  reset.addEventListener("click", () => { p = Object.assign({}, data.start); show(); });
  show();
}
