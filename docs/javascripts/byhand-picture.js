/* The picture beside the three-parameter model (byhand.js): the output y = w1·x1 + w2·x2 + b drawn as three arrows
 * laid end to end on a number line, one for each term, then y, the target, and the gap between them (the error the
 * loss squares). It is redrawn from the same numbers whenever a slider or a button changes them.
 */
const SVG = "http://www.w3.org/2000/svg";

// Drawn in units that are CSS pixels at this width (a 14-unit label is 14 px); on a phone the picture scales down
// to the column, about 310 px, which keeps every label above 11 px. The axis spans every output the sliders can reach.
const W = 340, H = 146, LEFT = 14, RIGHT = W - 14;
const ROWS = [20, 44, 68], AXIS = 98, TICKS = 116, NAMES = 139, FONT = 14;
const ERROR = "#e53935";   // the error's red, legible on the light and the dark page

function svgEl(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const k of Object.keys(attrs)) node.setAttribute(k, attrs[k]);
  if (text != null) node.textContent = text;
  return node;
}

// A label's width in units, roughly: the page's font averages under 0.6 of its size per character.
function width(text) { return text.length * FONT * 0.58; }

// The largest |y| the sliders allow: the axis spans exactly that, so an arrow never leaves the picture.
function reach(x, range) {
  const most = Math.max(Math.abs(range.min), Math.abs(range.max));
  return most * (Math.abs(x[0]) + Math.abs(x[1]) + 1);
}

// The picture: a <figure> (the <svg> and a caption) and draw(p), which redraws it for parameters p; num prints a
// number as the widget does.
export function picture(x, target, range, num) {
  const span = reach(x, range);
  const at = (v) => LEFT + (v + span) / (2 * span) * (RIGHT - LEFT);
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", class: "ps-byhand__picture",
                             style: `display:block;width:100%;height:auto;margin:0 0 0.3rem;` +
                                    "font-size:" + FONT + "px;fill:var(--md-default-fg-color)" });
  const title = svgEl("title", {});
  const fixed = svgEl("g", {}), moving = svgEl("g", {});
  svg.append(title, fixed, moving);
  fixed.append(svgEl("line", { x1: LEFT, x2: RIGHT, y1: AXIS, y2: AXIS,
                               style: "stroke:var(--md-default-fg-color--light);stroke-width:1" }));
  for (let i = -4; i <= 4; i++) {                  // nine ticks, a quarter of the span apart
    const v = i * span / 4;
    fixed.append(svgEl("line", { x1: at(v), x2: at(v), y1: AXIS - 3, y2: AXIS + 3,
                                 style: "stroke:var(--md-default-fg-color--light)" }));
    fixed.append(svgEl("text", { x: at(v), y: TICKS, "text-anchor": "middle",
                                 style: "font-size:13px;fill:var(--md-default-fg-color--light)" }, num(v)));
  }

  // One term's arrow, from its start to its end on the number line, with its name and value beside it.
  function arrow(row, from, to, name) {
    const y = ROWS[row], label = name + " = " + num(to - from), room = width(label) + 6;
    const g = svgEl("g", { "data-term": name });
    if (Math.abs(at(to) - at(from)) < 1) {
      g.append(svgEl("circle", { cx: at(to), cy: y, r: 3, style: "fill:var(--md-accent-fg-color)" }));
    } else {
      const dir = to > from ? 1 : -1, tip = at(to), tail = at(from);
      const head = Math.min(5, Math.abs(tip - tail));
      g.append(svgEl("line", { x1: tail, x2: tip - dir * head, y1: y, y2: y,
                               style: "stroke:var(--md-accent-fg-color);stroke-width:3" }));
      g.append(svgEl("path", { d: `M${tip},${y} l${-dir * head},-4.5 v9 z`, style: "fill:var(--md-accent-fg-color)" }));
    }
    const right = Math.max(at(from), at(to)) + 6, left = Math.min(at(from), at(to)) - 6;
    const text = right + room <= W ? { x: right, a: "start" } : { x: left, a: "end" };
    g.append(svgEl("text", { x: text.x, y: y + 4.5, "text-anchor": text.a }, label));
    moving.append(g);
  }

  // A name under the axis, centred on its point, moved aside as little as keeps it inside the picture.
  function name(v, text, style, shift) {
    const w = width(text), cx = Math.min(Math.max(at(v) + shift, w / 2 + 2), W - w / 2 - 2);
    return svgEl("text", { x: cx, y: NAMES, "text-anchor": "middle", style }, text);
  }

  function draw(p) {
    moving.replaceChildren();
    const t1 = p.w1 * x[0], t2 = p.w2 * x[1], y = t1 + t2 + p.b;
    arrow(0, 0, t1, "w1·x1");
    arrow(1, t1, t1 + t2, "w2·x2");
    arrow(2, t1 + t2, y, "b");
    moving.append(svgEl("line", { x1: at(y), x2: at(y), y1: ROWS[2] + 5, y2: AXIS,
                                  style: "stroke:var(--md-default-fg-color--light);stroke-dasharray:3 3" }));
    const lo = Math.min(y, target), hi = Math.max(y, target);
    const miss = svgEl("rect", { x: at(lo), y: AXIS - 6, width: Math.max(at(hi) - at(lo), 0), height: 12,
                                 style: `fill:${ERROR};fill-opacity:0.3;stroke:${ERROR}`, class: "ps-byhand__error" });
    moving.append(miss);
    moving.append(svgEl("path", { d: `M${at(target)},${AXIS - 9} l-5,-7 h10 z`,
                                  style: "fill:var(--md-default-fg-color)" }));
    moving.append(svgEl("circle", { cx: at(y), cy: AXIS, r: 5, class: "ps-byhand__y",
                                    style: "fill:var(--md-default-fg-color);stroke:var(--md-default-bg-color);" +
                                           "stroke-width:1.5" }));
    // y's name and the target's side by side when they would overlap, each on its own side of the gap
    const yText = "y = " + num(y), tText = "target " + num(target);
    const need = (width(yText) + width(tText)) / 2 + 8, gap = at(target) - at(y);
    const push = Math.abs(gap) < need ? (need - Math.abs(gap)) / 2 * (gap >= 0 ? 1 : -1) : 0;
    moving.append(name(y, yText, "font-weight:700", -push));
    moving.append(name(target, tText, "", push));
    const off = Math.abs(y - target);
    title.textContent = "A number line: w1·x1 = " + num(t1) + ", w2·x2 = " + num(t2) + " and b = " + num(p.b) +
      " laid end to end reach y = " + num(y) + "; the target is " + num(target) +
      (off === 0 ? ", reached exactly." : ", " + num(off) + " away (the error, in red).");
    svg.dataset.y = String(y);
  }
  const caption = document.createElement("figcaption");
  caption.textContent = "The arrows are w1·x1, w2·x2 and b laid end to end; where they stop is y. In red, the " +
                        "error: how far y is from the target. The loss is that gap squared.";
  caption.style.cssText = "font-size:0.9em;color:var(--md-default-fg-color--light);margin:0;text-align:left";
  const figure = document.createElement("figure");
  figure.style.cssText = "margin:0.6rem 0;max-width:" + W * 1.25 + "px";
  figure.append(svg, caption);
  return { figure, draw };
}
