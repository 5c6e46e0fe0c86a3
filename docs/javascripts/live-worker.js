/* The live models' worker (an ES module Web Worker started by live-client.js): everything heavy happens here, off
 * the page's main thread: downloading the files, building the sessions, tokenizing, running SmolLM2 and MiniLM, sampling.
 *
 * SmolLM2 runs as the build exported it (scripts/paramscope/checkpoints/export.py): CachedGraph takes the tokens after those it
 * has already seen and their keys and values, and gives back the next-token logits and the keys and values of every
 * position. The worker keeps them (the KV cache): a continuation runs one token per step, a prompt that extends the
 * last one runs only its new tokens, and a long prompt is read in chunks (progress, and a Stop between chunks).
 * AttentionGraph gives the attention weights of a short text. Sampling is sampling.js, the module the page's explorer
 * and the Node tests import: the explorer and the worker run one piece of code.
 *
 * Messages: {id, op, args} in; {id, progress} while working, then {id, result} or {id, error} out.
 * {op: "stop", id} ends the jobs up to id at their next step (a generation returns what it has written).
 */
import { onceEach } from "./once.js";
import { compute, mulberry32 } from "./sampling.js";

const BASE = new URL("../data/live/", import.meta.url).href;
const CHUNK = 128;  // prompt tokens per run: a Stop waits at most one chunk
const PLAIN = { skip_special_tokens: false, clean_up_tokenization_spaces: false };  // decode as Python does

// ---- loading: one promise per thing, forgotten on failure so that a retry starts afresh ----
const once = onceEach();

async function fetchOk(name) {
  const r = await fetch(BASE + name);
  if (!r.ok) throw new Error(`${name}: ${r.status} ${r.statusText}`);
  return r;
}

const json = (name) => once("json:" + name, async () => (await fetchOk(name)).json());

// The bytes of one file, reporting each chunk's size to onBytes as it arrives.
async function bytes(name, onBytes) {
  const reader = (await fetchOk(name)).body.getReader();
  const parts = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    total += value.length;
    onBytes(value.length);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

// The runtime: onnxruntime-web (its WebAssembly binary fetched here, so that the progress counts it) and
// tokenizers.js. report(n) receives the binary's bytes as they arrive.
const runtime = (report) => once("runtime", async () => {
  const models = await json("models.json");
  const [ort, tokenizers, wasm] = await Promise.all([
    import(BASE + models.runtime.ort), import(BASE + models.runtime.tokenizers), bytes(models.runtime.wasm, report)]);
  ort.env.wasm.wasmPaths = BASE;
  ort.env.wasm.wasmBinary = wasm;
  ort.env.wasm.numThreads = 1;  // the page is not cross-origin isolated: no shared memory for threads
  ort.env.logLevel = "error";   // the runtime reports its graph clean-ups as warnings on the console
  return { ort, Tokenizer: tokenizers.Tokenizer, models };
});

const sessions = {};  // key -> loaded model; SmolLM2's two graphs share their weights, so only one stays in memory
const RIVAL = { smollm2: "attention", attention: "smollm2" };

// key: "smollm2", "attention" or "minilm". progress({loaded, total}) in bytes: everything the Load button's label
// counts (model files, tokenizer, runtime), the runtime counted as loaded when an earlier model brought it.
function model(key, progress) {
  return once("model:" + key, async () => {
    const models = await json("models.json");
    const spec = models[key];
    if (!spec) throw new Error(`models.json has no model "${key}"`);
    let loaded = once.has("runtime") ? spec.download - spec.bytes - spec.tokenizer_bytes : 0;
    const report = (n) => { loaded += n; progress({ loaded, total: spec.download }); };
    const names = Object.keys(spec.files);
    const [rt, tokenizer, ...files] = await Promise.all([runtime(report), bytes(spec.tokenizer, report)]
      .concat(names.map((n) => bytes(n, report))));
    const data = Object.fromEntries(names.map((n, i) => [n, files[i]]));
    const rival = RIVAL[key] && sessions[RIVAL[key]];
    if (rival) {  // the other SmolLM2 graph holds the same weights decoded: free them before decoding again
      delete sessions[RIVAL[key]];
      once.forget("model:" + RIVAL[key]);
      if (RIVAL[key] === "smollm2") kv = null;
      await rival.session.release();
    }
    progress({ loaded: spec.download, total: spec.download, preparing: true });
    const options = { executionProviders: ["wasm"], graphOptimizationLevel: "all" };
    if (spec.weights.length) options.externalData = spec.weights.map((n) => ({ path: n, data: data[n] }));
    const session = await rt.ort.InferenceSession.create(data[spec.graph], options);
    const m = { ort: rt.ort, session, tokenizer: new rt.Tokenizer(JSON.parse(new TextDecoder().decode(tokenizer)), {}),
                spec };
    sessions[key] = m;
    return m;
  });
}

// ---- jobs ----
let stopAt = 0;  // jobs with an id up to this were asked to stop

class Stopped extends Error {
  constructor() { super("stopped"); this.name = "Stopped"; }
}

// Let messages in (a Stop) between runs: a run blocks this worker, never the page.
const pause = () => new Promise((r) => setTimeout(r, 0));

function int64(ort, ids) {
  return new ort.Tensor("int64", BigInt64Array.from(ids, (i) => BigInt(i)), [1, ids.length]);
}

function encode(m, prompt) {
  const ids = Array.from(m.tokenizer.encode(String(prompt), { add_special_tokens: false }).ids);
  if (!ids.length) throw new Error("the prompt is empty: the model needs at least one token to predict the next");
  if (ids.length > m.spec.context) {
    throw new Error(`the prompt is ${ids.length.toLocaleString("en")} tokens; SmolLM2 reads at most ` +
                    `${m.spec.context.toLocaleString("en")}`);
  }
  return ids;
}

// ---- SmolLM2 with its KV cache ----
// ids: the tokens whose keys and values are kept; keys, values: (L, 1, n_kv, S, hd) ort tensors; logits: after ids.
let kv = null;

function emptyPast(m, S = 0) {
  const s = m.spec, dims = [s.layers, 1, s.kv_heads, S, s.head_dim];
  return new m.ort.Tensor("float32", new Float32Array(dims.reduce((a, b) => a * b, 1)), dims);
}

// The first S positions of a (L, 1, n_kv, S0, hd) tensor: an edited prompt keeps the cache of its unchanged start.
function truncate(m, t, S) {
  const [L, , H, S0, hd] = t.dims, out = emptyPast(m, S);
  for (let b = 0; b < L * H; b++) out.data.set(t.data.subarray(b * S0 * hd, (b * S0 + S) * hd), b * S * hd);
  return out;
}

// Logits (V) of the token after ids, running only what the cache does not hold yet.
async function logitsAfter(job, m, ids, onChunk) {
  let keep = 0;
  if (kv) {
    while (keep < kv.ids.length && keep < ids.length && kv.ids[keep] === ids[keep]) keep++;
    if (keep === ids.length && keep === kv.ids.length) return kv.logits;
    keep = Math.min(keep, ids.length - 1);  // at least one token runs: its logits are the answer
  }
  let keys = keep ? truncate(m, kv.keys, keep) : emptyPast(m), values = keep ? truncate(m, kv.values, keep) : emptyPast(m);
  kv = null;  // until this run ends, nothing cached is known to be whole
  let logits = null;
  for (let at = keep; at < ids.length; at += CHUNK) {
    if (job.id <= stopAt) { kv = at > keep || keep ? { ids: ids.slice(0, at), keys, values, logits } : null; throw new Stopped(); }
    const chunk = ids.slice(at, at + CHUNK);
    const out = await m.session.run({ input_ids: int64(m.ort, chunk), past_keys: keys, past_values: values });
    keys = out.present_keys; values = out.present_values; logits = out.logits.data;
    if (onChunk) onChunk(Math.min(ids.length, at + CHUNK) - keep, ids.length - keep);
    await pause();
  }
  kv = { ids: ids.slice(), keys, values, logits };
  return logits;
}

// logits (V) -> {order, kept, probs}: every token ranked by logit (lower id first among ties), then the settings.
function distribution(logits, settings) {
  const order = new Uint32Array(logits.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => logits[b] - logits[a] || a - b);
  const entries = Array.prototype.map.call(order, (id) => ({ logit: logits[id], count: 1 }));
  const r = compute(entries, settings);
  return { order, kept: r.kept, probs: r.probs };
}

function nextSettings(s = {}) {  // nextToken's settings: null or absent = off
  const pick = (v) => (v == null ? null : Number(v));
  return { temperature: s.temperature == null ? 1 : Number(s.temperature), topK: pick(s.topK), topP: pick(s.topP),
           minP: pick(s.minP) };
}

function generateSettings(s = {}) {  // generate's settings: {maxTokens: 32, temperature: 1, topK: 0 (off), ...}
  const n = (v, d) => (v == null ? d : Number(v));
  const topK = n(s.topK, 0), topP = n(s.topP, 1), minP = n(s.minP, 0);
  const out = { maxTokens: n(s.maxTokens, 32), temperature: n(s.temperature, 1), topK: topK > 0 ? topK : null,
                topP: topP < 1 ? topP : null, minP: minP > 0 ? minP : null, seed: n(s.seed, 0) };
  if (!(Number.isInteger(out.maxTokens) && out.maxTokens >= 1)) throw new Error(`maxTokens must be an integer >= 1, got ${s.maxTokens}`);
  if (!(out.temperature >= 0)) throw new Error(`temperature must be >= 0, got ${s.temperature}`);
  return out;
}

function rows(m, d, n) {
  const out = [];
  for (let i = 0; i < d.order.length && out.length < n; i++) {
    if (d.kept[i] > 0 && d.probs[i] > 0) out.push({ token: m.tokenizer.decode([d.order[i]], PLAIN), id: d.order[i], p: d.probs[i] });
  }
  return out;
}

function summary(m, d, n) {
  let kept = 0;
  for (let i = 0; i < d.kept.length; i++) kept += d.kept[i];
  return { tokens: rows(m, d, n), kept, vocabulary: d.order.length };
}

function draw(d, u) {
  let acc = 0, last = -1;
  for (let i = 0; i < d.order.length; i++) {
    if (d.kept[i] > 0 && d.probs[i] > 0) {
      acc += d.probs[i]; last = i;
      if (u < acc) return d.order[i];
    }
  }
  return d.order[last];
}

const OPS = {
  async load(job, key) {
    await model(key, (p) => job.progress({ load: p }));
    return true;
  },

  // Whether the model `key` is loaded (a load under way is not yet).
  async loaded(job, key) {
    return key in sessions;
  },

  // {tokens: the n most likely [{token, id, p}], kept, vocabulary, count: prompt tokens}
  async nextToken(job, prompt, settings, n) {
    const m = await model("smollm2", (p) => job.progress({ load: p }));
    const ids = encode(m, prompt);
    const logits = await logitsAfter(job, m, ids, (done, of) => job.progress({ read: done, of }));
    return { ...summary(m, distribution(logits, nextSettings(settings)), n), count: ids.length };
  },

  // The last distribution again under other settings (the widget's sliders): no model run.
  async reshape(job, settings, n) {
    const m = await model("smollm2", () => {});
    if (!kv) throw new Error("no distribution yet: compute one first");
    return { ...summary(m, distribution(kv.logits, nextSettings(settings)), n), count: kv.ids.length };
  },

  // One token drawn from the last distribution (seeded by seed and draw), appended: {text, id, ...next distribution}
  async continue(job, settings, draw_, n) {
    const m = await model("smollm2", () => {});
    if (!kv) throw new Error("no distribution yet: compute one first");
    const s = nextSettings(settings);
    const id = draw(distribution(kv.logits, s), mulberry32(Number(settings.seed || 0) * 1000003 + draw_)());
    const ids = kv.ids.concat([id]);
    const logits = await logitsAfter(job, m, ids);
    return { text: m.tokenizer.decode(ids, PLAIN), id, ...summary(m, distribution(logits, s), n), count: ids.length };
  },

  // {text, ids}: the new tokens only, up to the end-of-text token (left out) or maxTokens; {stopped} if asked to.
  async generate(job, prompt, settings) {
    const s = generateSettings(settings);
    const m = await model("smollm2", (p) => job.progress({ load: p }));
    const ids = encode(m, prompt), rng = mulberry32(s.seed), out = [];
    let stopped = false;
    try {
      let logits = await logitsAfter(job, m, ids, (done, of) => job.progress({ read: done, of }));
      while (out.length < s.maxTokens && ids.length < m.spec.context) {
        const id = draw(distribution(logits, s), rng());
        if (id === m.spec.eos) break;
        out.push(id); ids.push(id);
        job.progress({ written: out.length, of: s.maxTokens, text: m.tokenizer.decode(out, PLAIN) });
        if (out.length === s.maxTokens) break;
        logits = await logitsAfter(job, m, ids);
      }
    } catch (e) {
      if (!(e instanceof Stopped)) throw e;
      stopped = true;
    }
    return { text: out.length ? m.tokenizer.decode(out, PLAIN) : "", ids: out, stopped };  // decode() refuses []
  },

  // {tokens, ids, shape: [L, H, T, T], data: Float32Array}: who attends to whom, in every layer and head.
  async attention(job, prompt) {
    const m = await model("attention", (p) => job.progress({ load: p }));
    const ids = Array.from(m.tokenizer.encode(String(prompt), { add_special_tokens: false }).ids);
    if (!ids.length) throw new Error("the sentence is empty: type at least one word");
    if (ids.length > m.spec.cap) throw new Error(`the sentence is ${ids.length} tokens; the attention map takes at most ${m.spec.cap}`);
    const out = await m.session.run({ input_ids: int64(m.ort, ids) });
    const t = out[m.session.outputNames[0]];
    return { tokens: ids.map((i) => m.tokenizer.decode([i], PLAIN)), ids, shape: t.dims, data: t.data };
  },

  // MiniLM's sentence embedding: Float32Array (384), length 1.
  async embed(job, text) {
    const m = await model("minilm", (p) => job.progress({ load: p }));
    const ids = Array.from(m.tokenizer.encode(String(text)).ids);
    const out = await m.session.run({ [m.session.inputNames[0]]: int64(m.ort, ids) });
    return new Float32Array(out[m.session.outputNames[0]].data);
  },
};

let queue = Promise.resolve();  // one job at a time: the WASM runtime does not take overlapping runs

self.onmessage = (e) => {
  const { id, op, args } = e.data;
  if (op === "stop") { stopAt = Math.max(stopAt, id); return; }
  const job = { id, progress: (p) => self.postMessage({ id, progress: p }) };
  queue = queue.then(async () => {
    try {
      if (!OPS[op]) throw new Error(`unknown operation ${op}`);
      if (id <= stopAt) throw new Stopped();
      const result = await OPS[op](job, ...(args || []));
      const transfer = result && result.data instanceof Float32Array ? [result.data.buffer]
        : result instanceof Float32Array ? [result.buffer] : [];
      self.postMessage({ id, result }, transfer);
    } catch (err) {
      self.postMessage({ id, error: err && err.message ? err.message : String(err), stopped: err instanceof Stopped });
    }
  });
};
