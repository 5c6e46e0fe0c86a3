/* What the page scripts (site.js, count.js, explorer.js, terms.js, ...) share: the window.paramscope object they
 * publish their functions on, building elements and their ids, running on every page Material shows, fetching
 * JSON once, and saying in a status line what failed to load.
 */

import { onceEach } from "./once.js";

// The functions the pages offer to readers' own scripts: count, countReady, sampling, nextToken, generate, ...
export const paramscope = (window.paramscope = window.paramscope || {});

export function el(tag, attrs, text) {
  const node = document.createElement(tag);
  Object.keys(attrs || {}).forEach((k) => { node.setAttribute(k, attrs[k]); });
  if (text != null) node.textContent = text;
  return node;
}

// A text box as tall as its text (on a phone too): no inner scrolling, however long the text (the live widgets).
export function autosize(box) {
  box.style.height = "auto";
  box.style.height = (box.scrollHeight + box.offsetHeight - box.clientHeight) + "px";
}

let lastId = 0;

// An id no other element of the page has: prefix + "-" + a number counted across every widget.
export function uniqueId(prefix) {
  return prefix + "-" + (++lastId);
}

// Calls run() on the first page and on every page after: Material's instant navigation swaps the page without
// reloading scripts, and its document$ emits on every page (without it, run() runs once the page is parsed).
export function onEveryPage(run) {
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(() => run());
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => run());
  } else {
    run();
  }
}

// The JSON at url, fetched once for every caller on every page; forgotten on failure, so that a retry fetches
// afresh. A failed response rejects with "404 Not Found", after "name: " when a name is given.
const loads = onceEach();

export function fetchJson(url, name) {
  return loads(url, () => fetch(url).then((r) => {
    if (!r.ok) throw new Error((name ? name + ": " : "") + r.status + " " + r.statusText);
    return r.json();
  }));
}

// A catch handler that says in the status line what failed to load, and why: "Could not load the maps (404 Not Found)."
export function couldNotLoad(status, what) {
  return (e) => { status.textContent = "Could not load " + what + " (" + e.message + ")."; };
}
