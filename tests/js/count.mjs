// The page's counter (docs/javascripts/formula.js) on every config of a JSON file, for tests/test_count_js.py:
//   node count.mjs DATA.json CONFIGS.json  ->  {name: {total, active, kinds, plain, task} or {error, message}}
// (a refusal: the first field it names, and that line of its message)
import { readFileSync } from "node:fs";

import { count } from "../../docs/javascripts/formula.js";

const [data, configs] = process.argv.slice(2, 4).map((path) => JSON.parse(readFileSync(path, "utf8")));
const out = {};
for (const [name, cfg] of Object.entries(configs)) {
  try {
    const r = count(cfg, data);
    const kinds = {};
    for (const [k, v] of Object.entries(r.exact.breakdown)) kinds[k] = v.toString();
    out[name] = {total: r.exact.total.toString(), active: r.exact.active.toString(), kinds: kinds,
                 plain: [r.total, r.active], task: [r.exact.task, r.exact.taskHead.toString()]};
  } catch (e) {
    if (!e.field) throw e;
    out[name] = {error: e.field, message: e.message.split("\n")[0]};
  }
}
console.log(JSON.stringify(out));
