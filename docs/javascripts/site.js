/* The site's one script entry (mkdocs.yml extra_javascript). On every page Material shows (its instant navigation
 * swaps pages without reloading scripts), it imports the modules of the widgets the page contains, and only those,
 * and sets each widget up once. Glossary terms on a touch screen (terms.js) and the swipe line over wide tables
 * (tables.js) serve every page and load always.
 *
 * It also publishes window.paramscope, the functions readers' scripts call, on every page: the counting and the live
 * models load their module on their first call (nothing is fetched before it); sampling and the Parameter page's
 * model are small and plain, and come with this module.
 *
 * Modules stay loaded across instant navigation, and so does their state: the live models' worker (live-client.js)
 * keeps a model loaded on one page for the next page that shows it.
 */
import { onEveryPage, paramscope } from "./page.js";
import { compute, draw, entriesOf, mulberry32, topPCut } from "./sampling.js";
import "./tables.js";
import "./terms.js";
import { loss, output, trainingStep } from "./training.js";

// What marks each widget on a page, and the module that sets it up (its export setup(container)).
const WIDGETS = [
  [".ps-calculator", () => counting()],
  [".ps-explorer[data-src]", () => import("./explorer.js")],
  [".ps-byhand", () => import("./byhand.js")],
  [".ps-layer", () => import("./layer.js")],
  [".ps-attention-overview", () => import("./attention-overview.js")],
  [".ps-live-next", () => import("./live-next.js")],
  [".ps-live-embed", () => import("./live-embed.js")],
  [".ps-live-attention", () => import("./live-attention.js")],
];

function setUpWidgets() {
  for (const [selector, load] of WIDGETS) {
    const fresh = [...document.querySelectorAll(selector)].filter((c) => !c.dataset.ready);
    if (!fresh.length) continue;
    for (const c of fresh) c.dataset.ready = "1";
    load().then((m) => { for (const c of fresh) m.setup(c); })
      .catch((e) => console.error("Could not load the script of " + selector + " (" + e.message + ")."));
  }
}

const live = () => import("./live-client.js");
let counter = null;  // count.js, once imported (by the calculator or by countReady)
const counting = () => import("./count.js").then((m) => (counter = m));

Object.assign(paramscope, {
  // Counting: countReady() -> a promise of the data; count(config) once it is loaded (count.js).
  countReady: () => counting().then((m) => m.countReady()),
  count: (config) => {
    if (counter === null || !counter.isLoaded()) throw new Error("the counting data is not loaded yet: await window.paramscope.countReady() first");
    return counter.countLoaded(config);
  },
  // The live models (live-client.js): promises of their answers.
  nextToken: (prompt, settings) => live().then((m) => m.nextToken(prompt, settings)),
  generate: (prompt, settings) => live().then((m) => m.generate(prompt, settings)),
  attention: (prompt) => live().then((m) => m.attention(prompt)),
  embed: (text) => live().then((m) => m.embed(text)),
  sampling: { compute, entriesOf, topPCut, mulberry32, draw },
  byhand: { output, loss, trainingStep },
});

onEveryPage(setUpWidgets);
