/* A table wider than its column says so in words: Material wraps every Markdown table in a box that
 * scrolls sideways (.md-typeset__scrollwrap); the edge shades (paramscope.css) are easy to miss on a phone, so a
 * box whose table does not fit gets a line over it, "3 of 7 columns off screen: swipe the table →",
 * and loses it once the table fits (a wider screen, a turned phone) or is scrolled to its far edge. Tables that
 * JavaScript builds after load (the calculator's, count.js) get the same line from scrollHint.
 */
import { el, onEveryPage } from "./page.js";

// How many of the table's columns (its first row's cells) end beyond the box's right edge, or start before its left.
function columnsOutOfView(box, table) {
  const row = table.querySelector("tr");
  if (!row) return { hidden: 0, total: 0 };
  const edge = box.getBoundingClientRect();
  const cells = [...row.children];
  const hidden = cells.filter((c) => {
    const r = c.getBoundingClientRect();
    return r.right > edge.right + 2 || r.left < edge.left - 2;
  }).length;
  return { hidden, total: cells.length };
}

function update(box, hint) {
  const table = box.querySelector("table");
  const { hidden, total } = table ? columnsOutOfView(box, table) : { hidden: 0, total: 0 };
  hint.hidden = hidden === 0;
  if (hidden) {
    const atEnd = box.scrollLeft + box.clientWidth >= box.scrollWidth - 2;
    hint.textContent = (atEnd ? "\u2190 " : "") + hidden + " of " + total + " columns off screen: swipe the table"
      + (atEnd ? "" : " \u2192");
  }
}

// The line for a box that scrolls its table sideways, kept up to date as the box scrolls, resizes or opens; the
// caller puts it just before the box (the box may not be on the page yet: the line shows once it is and overflows).
export function scrollHint(box) {
  const hint = el("p", { class: "ps-scroll-hint", "aria-hidden": "true", hidden: "" });
  const refresh = () => update(box, hint);
  box.addEventListener("scroll", refresh, { passive: true });
  if (typeof ResizeObserver !== "undefined") new ResizeObserver(refresh).observe(box);
  // A table folded in a <details> block has no width until the block opens.
  const details = box.closest("details");
  if (details) details.addEventListener("toggle", refresh);
  refresh();
  return hint;
}

function setup(box) {
  if (box.dataset.psHint) return;
  box.dataset.psHint = "1";
  box.before(scrollHint(box));
}

onEveryPage(() => {
  for (const box of document.querySelectorAll("article .md-typeset__scrollwrap")) setup(box);
});
