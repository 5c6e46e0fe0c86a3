// The page's KV-cache bytes (docs/javascripts/formula.js kvCache) for each case of a JSON file, for
// tests/test_kv_bytes.py:  node kv.mjs DATA.json CASES.json  ->  {name: {bytes, values, blocks, sliding, window}}
import { readFileSync } from "node:fs";

import { kvCache } from "../../docs/javascripts/formula.js";

const [data, cases] = process.argv.slice(2, 4).map((path) => JSON.parse(readFileSync(path, "utf8")));
const out = {};
for (const [name, c] of Object.entries(cases)) {
  const r = kvCache(c.config, data, c.context, c.batch, c.bytes);
  out[name] = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.toString()]));
}
console.log(JSON.stringify(out));
