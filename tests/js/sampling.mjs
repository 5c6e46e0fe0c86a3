// The page's sampling steps (docs/javascripts/sampling.js) on cases read as JSON from stdin, for tests/test_explorer.py:
//   [{entries, settings, draws?, seed?, uniforms?}]  ->  [{kept, probs, counts?, cut?, uniforms?}]
import { readFileSync } from "node:fs";

import { compute, draw, mulberry32, topPCut } from "../../docs/javascripts/sampling.js";

const cases = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(cases.map((c) => {
  const r = compute(c.entries, c.settings);
  if (c.draws) r.counts = draw(r, c.draws, c.seed);
  if (c.settings.topP != null) r.cut = topPCut(c.entries, c.settings);
  if (c.uniforms) { const g = mulberry32(c.seed); r.uniforms = Array.from({length: c.uniforms}, g); }
  return r;
})));
