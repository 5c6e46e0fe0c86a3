// The live loader's status lines (docs/javascripts/live-loading.js progressLine) for each step of a JSON list, for
// tests/test_live_loading_js.py:  node loading.mjs STEPS.json NAME  ->  ["Downloading SmolLM2… 42 of 131 MB (32%)", ...]
import { readFileSync } from "node:fs";

globalThis.window = {};  // page.js publishes on window.paramscope: Node has no window
const { progressLine } = await import("../../docs/javascripts/live-loading.js");

const [steps, name] = [JSON.parse(readFileSync(process.argv[2], "utf8")), process.argv[3]];
console.log(JSON.stringify(steps.map((p) => progressLine(p, name))));
