/* The sampling steps without a page, as scripts/paramscope/lessons/sampling.py takes them: temperature, then top-k, then
 * top-p, then min-p, each on the distribution the previous steps left, ranked by logit with the lower token id first
 * among ties. No DOM: the explorer (explorer.js), the live models' worker (live-worker.js) and the Node tests import it.
 *
 * An entry stands for `count` tokens of one logit: the explorer's data ships the top tokens' exact logits and bins
 * the rest of the vocabulary as (floored logit, count); the worker passes every token with count 1.
 *
 * Draws use mulberry32 (Tommy Ettinger's 32-bit generator, public domain): a seed gives one fixed sequence of
 * uniform numbers in [0, 1), so the same seed and settings always give the same draws, in every browser.
 */

// Entries in rank order: {logit, count}. Returns {kept: Array<number>, probs: Array<number>} per entry:
// kept[i] tokens of entry i survive, each with probability probs[i].
export function compute(entries, settings) {
  const t = settings.temperature, n = entries.length;
  let i;
  const kept = entries.map((e) => e.count);
  const z = new Array(n);
  if (t === 0) {
    // Greedy: only the first-ranked token (the argmax, lowest id among ties).
    for (i = 0; i < n; i++) { kept[i] = i === 0 ? 1 : 0; z[i] = 0; }
  } else {
    // Shift by the maximum first, then divide: nothing overflows even at temperature 0.01.
    const max = entries[0].logit;
    for (i = 0; i < n; i++) z[i] = (entries[i].logit - max) / t;
  }
  if (settings.topK != null) {
    let left = settings.topK;
    for (i = 0; i < n; i++) { kept[i] = Math.min(kept[i], left); left -= kept[i]; }
  }
  if (settings.topP != null) {
    const q = probabilities(z, kept), first = kept.findIndex((k) => k > 0);
    let below = 0;
    // From the least likely up: a token stays if it and the tokens below it hold more than 1 - p.
    for (i = n - 1; i >= 0; i--) {
      const c = kept[i];
      if (c === 0) continue;
      const x = (1 - settings.topP - below) / q[i];  // a token stays if (its place from the bottom of the entry) > x
      kept[i] = x < 0 ? c : c - Math.min(c, Math.floor(x));
      below += c * q[i];
    }
    // The most likely token always stays, also at p = 0 where rounding could otherwise remove it.
    if (kept[first] === 0) kept[first] = 1;
  }
  if (settings.minP != null) {
    // p_i >= m * p_max  <=>  z_i - z_max >= log(m); the first kept entry holds the maximum.
    const top = kept.findIndex((k) => k > 0);
    const threshold = z[top] + (settings.minP > 0 ? Math.log(settings.minP) : -Infinity);
    for (i = 0; i < n; i++) if (z[i] < threshold) kept[i] = 0;
  }
  return { kept, probs: probabilities(z, kept) };
}

function probabilities(z, kept) {
  const out = new Array(z.length);
  let total = 0, i;
  for (i = 0; i < z.length; i++) if (kept[i] > 0) total += kept[i] * Math.exp(z[i]);
  for (i = 0; i < z.length; i++) out[i] = kept[i] > 0 ? Math.exp(z[i]) / total : 0;
  return out;
}

export function entriesOf(prompt) {
  const entries = prompt.logits.map((l) => ({ logit: l, count: 1 }));
  prompt.rest.forEach((bin) => { entries.push({ logit: bin[0], count: bin[1] }); });
  return entries;
}

// How many tokens top-p keeps, counted in the distribution it sees (after temperature and top-k).
export function topPCut(entries, settings) {
  const r = compute(entries, { temperature: settings.temperature, topK: settings.topK, topP: settings.topP });
  return r.kept.reduce((a, b) => a + b, 0);
}

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// n draws from a compute() result with a seeded generator: how many came from each entry (inverse CDF).
export function draw(result, n, seed) {
  const m = result.kept.length, cum = new Array(m), counts = new Array(m).fill(0);
  let total = 0, i;
  for (i = 0; i < m; i++) { total += result.kept[i] > 0 ? result.kept[i] * result.probs[i] : 0; cum[i] = total; }
  const rng = mulberry32(seed);
  for (let j = 0; j < n; j++) {
    const u = rng() * total;
    let lo = 0, hi = m - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cum[mid] > u) hi = mid; else lo = mid + 1; }
    counts[lo]++;  // an entry with nothing kept has cum equal to the one before it, so it is never chosen
  }
  return counts;
}
