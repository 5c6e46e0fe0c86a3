// The page's expression functions (docs/javascripts/formula.js, FUNCTIONS) on each [name, args] of a JSON file, the
// numbers as BigInts as the page evaluates them, for tests/test_count_js_functions.py:
//   node functions.mjs < CALLS.json  ->  {names: [the functions the page has], results: [one per call]}
// (a BigInt written {int: "123"}, so that exact integers read back as exact).
import { readFileSync } from "node:fs";

import { FUNCTIONS } from "../../docs/javascripts/formula.js";

const big = (v) => (typeof v === "number" ? BigInt(v) : Array.isArray(v) ? v.map(big) : v);
const calls = JSON.parse(readFileSync(0, "utf8"));  // standard input
const results = calls.map(([name, args]) => FUNCTIONS[name](...args.map(big)));
console.log(JSON.stringify({ names: Object.keys(FUNCTIONS), results },
                           (k, v) => (typeof v === "bigint" ? { int: v.toString() } : v)));
