// Each [type, value] of a JSON file judged by the page's reader (docs/javascripts/formula.js, checkType) on the
// published types, for tests/test_count_js_refusals.py:
//   node check_type.mjs DATA.json CASES.json  ->  [refusal or null, one per case]
import { readFileSync } from "node:fs";

import { checkType } from "../../docs/javascripts/formula.js";

const [data, cases] = process.argv.slice(2, 4).map((path) => JSON.parse(readFileSync(path, "utf8")));
console.log(JSON.stringify(cases.map(([t, v]) => checkType(v, t, data.adapters))));
