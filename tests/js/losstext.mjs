// The Parameter page's loss line (docs/javascripts/byhand.js lossText) for each [loss, y, target] of a JSON list, for
// tests/test_byhand.py:  node losstext.mjs CASES.json  ->  ["≈ 0", "0.0036", ...]
import { readFileSync } from "node:fs";

globalThis.window = {};  // page.js publishes on window.paramscope: Node has no window
const { lossText, num } = await import("../../docs/javascripts/byhand.js");

const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));
console.log(JSON.stringify(cases.map(([l, y, target]) => lossText(l, num(y), num(target)))));
