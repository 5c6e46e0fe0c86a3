/* The page's end of the live models' worker (live-worker.js): it starts the worker on the first call, sends it jobs
 * and routes its answers, and offers the interface readers' scripts call (window.paramscope.nextToken, generate,
 * attention, embed; published by site.js). Every model file, session, tokenizer and run lives in the worker, so that
 * a long prompt never holds up the page; nothing is fetched before the first call.
 *
 * The live widgets (live-next.js, live-attention.js, live-embed.js) share this one worker: it downloads the files the
 * build exported from the site's own torch modules (scripts/producers/live.py) and runs them with onnxruntime-web's
 * WebAssembly build. Material's instant navigation keeps this module, and so the worker and the models it holds, from
 * page to page: a widget whose model is loaded starts ready (loaded()), without its Load button.
 */
import { fetchJson } from "./page.js";

const BASE = new URL("../data/live/", import.meta.url).href;
const TOP = 100;     // tokens nextToken() returns at most (at least the top 50 the interface promises)

let worker = null, lastId = 0;
const jobs = {};     // id -> {resolve, reject, onProgress} of every job the worker has not answered yet

function answer(e) {
  const job = jobs[e.data.id];
  if (!job) return;
  if (e.data.progress) { if (job.onProgress) job.onProgress(e.data.progress); return; }
  delete jobs[e.data.id];
  if (e.data.error != null) {
    const err = new Error(e.data.error);
    err.stopped = !!e.data.stopped;
    job.reject(err);
  } else job.resolve(e.data.result);
}

// The worker itself failed to start (a missing file, a syntax error): every waiting job fails, the next call retries.
function broke(e) {
  const message = "the model worker failed (" + (e.message || "live-worker.js did not load") + ")";
  for (const id of Object.keys(jobs)) { jobs[id].reject(new Error(message)); delete jobs[id]; }
  worker = null;
}

// Runs op(...args) in the worker: a promise of its result; onProgress(p) receives what it reports on the way.
export function call(op, args, onProgress) {
  if (!worker) {
    if (typeof Worker !== "function") return Promise.reject(new Error("this browser has no Web Workers"));
    worker = new Worker(new URL("live-worker.js", import.meta.url), { type: "module" });
    worker.onmessage = answer;
    worker.onerror = broke;
  }
  const id = ++lastId;
  return new Promise((resolve, reject) => {
    jobs[id] = { resolve, reject, onProgress };
    worker.postMessage({ id, op, args });
  });
}

// A promise of whether the worker holds the model `key` loaded (a page before this one loaded it); false, without
// starting a worker, when there is none yet.
export function loaded(key) {
  return worker ? call("loaded", [key]) : Promise.resolve(false);
}

// Ends every job sent so far at its next step (a generation keeps what it wrote).
export function stop() {
  if (worker) worker.postMessage({ id: lastId, op: "stop" });
}

// A JSON file the build wrote beside the models (scripts/producers/live.py), fetched once.
export function liveJson(name) {
  return fetchJson(BASE + name, name);
}

// What the build exported: each model's files, sizes (`download`: bytes the Load button fetches) and settings.
export function models() {
  return liveJson("models.json");
}

// ---- the interface: window.paramscope.nextToken, generate, attention, embed ----
export function nextToken(prompt, settings) {
  return call("nextToken", [String(prompt), settings || {}, TOP]).then((r) => r.tokens);
}

// {text, ids}: the new tokens only. settings: {maxTokens: 32, temperature: 1, topK: 0 (off), topP: 1, minP: 0, seed: 0}
export function generate(prompt, settings) {
  return call("generate", [String(prompt), settings || {}]).then((r) => ({ text: r.text, ids: r.ids }));
}

// MiniLM's sentence embedding: a Float32Array of 384 numbers, length 1.
export function embed(text) {
  return call("embed", [String(text)]);
}

const tick = () => new Promise((r) => setTimeout(r, 0));

// {tokens, ids, attention: [layer][head][query][key]}, built a layer at a time so that the page never waits long.
export async function attention(prompt) {
  const r = await call("attention", [String(prompt)]);
  const [L, H, T] = r.shape, out = [];
  for (let l = 0; l < L; l++) {
    if (l) await tick();
    const heads = [];
    for (let h = 0; h < H; h++) {
      const rows = [];
      for (let q = 0; q < T; q++) {
        const at = ((l * H + h) * T + q) * T;
        rows.push(Array.from(r.data.subarray(at, at + T)));
      }
      heads.push(rows);
    }
    out.push(heads);
  }
  return { tokens: r.tokens, ids: r.ids, attention: out };
}
