/* Parameter counts without a page: the adapters of scripts/paramscope/arch (published as data by the calculator
 * producer, data/calculator/count.json) and the closed-form formula of scripts/paramscope/arch/formula.py, both
 * evaluated here in exact BigInt arithmetic. No DOM: the calculator (count.js) and the Node tests import it.
 *
 * count(config, data) -> {total, active, breakdown, note, exact}; bad input throws an Error whose message has one
 * line per missing or invalid field, naming it (its .field is the first, the one `paramscope count` names; its
 * .problems all of them, {field, message}).
 */
const TYPES = { int: "a positive integer", int0: "a non-negative integer", rank: "a positive integer or null",
                bool: "true or false", str: "a string", ints: "a list of non-negative integers",
                strs: "a list of strings", map: "a JSON object", id: "a non-negative integer or null",
                int_each: "a positive integer, or a list of one per block, all equal" };

function big(v) {
  if (typeof v === "number") return BigInt(v);
  if (Array.isArray(v)) return v.map(big);
  return v;
}

function minmax(pick) {
  return (...args) => args.reduce((a, b) => pick(a, b) ? a : b);
}

// The functions of scripts/paramscope/arch/expr.py, on BigInts.
function stepCount(n, step, off) { return n > off ? (n - off + step - 1n) / step : 0n; }

function offsetOf(step, offset) { return offset < 0n ? step - 1n : offset; }

function moeLayers(layers, first, step, dense, offset, last) {
  const off = offsetOf(step, offset === undefined ? -1n : offset);
  last = last === undefined ? -1n : last;
  const end = last < 0n ? layers : (last + 1n < layers ? last + 1n : layers);
  if (first >= end) return 0n;
  const listed = new Set();
  dense.forEach((i) => { if (first <= i && i < end && i % step === off) listed.add(String(i)); });
  return stepCount(end, step, off) - stepCount(first, step, off) - BigInt(listed.size);
}

function isMoe(i, first, step, dense, offset, last) {
  const off = offsetOf(step, offset);
  return i >= first && (last < 0n || i <= last) && i % step === off && dense.indexOf(i) < 0;
}

function parts(entry) { return entry.split("+"); }

function patternCount(pattern, mixer, layers) {
  if (!pattern.length) return mixer === "attention" ? layers : 0n;
  const period = BigInt(pattern.length), full = layers / period, rest = layers % period;
  let n = 0n;
  pattern.forEach((e, j) => { if (parts(e).indexOf(mixer) >= 0) n += full + (BigInt(j) < rest ? 1n : 0n); });
  return n;
}

function patternAt(pattern, i) {
  return pattern.length ? parts(pattern[Number(i % BigInt(pattern.length))]) : ["attention"];
}

function fill(n, pick) {
  const out = [];
  for (let j = 0; j < Number(n); j++) out.push(pick(j));
  return out;
}

const FUNCTIONS = {
  min: minmax((a, b) => a <= b),
  max: minmax((a, b) => a >= b),
  moe_layers: moeLayers,
  is_moe: isMoe,
  listed_count: (items, n) => {
    return BigInt(new Set(items.filter((i) => i < n).map(String)).size);
  },
  pattern_count: patternCount,
  pattern_at: patternAt,
  spot: (n, k, a, b) => fill(n, (j) => BigInt(j) === k ? a : b),
  marks: (n, idxs, a, b) => {
    const listed = new Set(idxs.map(String));
    return fill(n, (j) => listed.has(String(j)) ? a : b);
  },
  rename: (items, ...pairs) => {
    const table = {};
    for (let j = 0; j + 1 < pairs.length; j += 2) table[pairs[j]] = pairs[j + 1];
    return items.map((x) => Object.prototype.hasOwnProperty.call(table, x) ? table[x] : x);
  },
  every: (items, allowed) => items.every((x) => allowed.indexOf(x) >= 0),
  list: (...items) => items,
  startswith: (s, p) => s.startsWith(p),
  has: (items, x) => items.indexOf(x) >= 0,
  size: (v) => BigInt(Array.isArray(v) ? v.length : Object.keys(v).length),
};

function evaluate(tree, env) {
  const tag = tree[0];
  if (tag === "num" || tag === "lit") return big(tree[1]);
  if (tag === "str") return tree[1];
  if (tag === "var") return env[tree[1]];
  if (tag === "call" && tree[1] === "given") return env.given.has(evaluate(tree[2][0], env));
  if (tag === "call") return FUNCTIONS[tree[1]].apply(null, tree[2].map((t) => evaluate(t, env)));
  if (tag === "not") return !evaluate(tree[1], env);
  if (tag === "neg") return -evaluate(tree[1], env);
  if (tag === "if") return evaluate(tree[1], env) ? evaluate(tree[2], env) : evaluate(tree[3], env);
  if (tag === "||") return evaluate(tree[1], env) || evaluate(tree[2], env);
  if (tag === "&&") return evaluate(tree[1], env) && evaluate(tree[2], env);
  const a = evaluate(tree[1], env), b = evaluate(tree[2], env);
  switch (tag) {
    case "+": return a + b;
    case "-": return a - b;
    case "*": return a * b;
    case "/": return a / b;  // non-negative operands: BigInt division rounds down like Python's //
    case "%": return a % b;
    case "==": return a === b;
    case "!=": return a !== b;
    case "<": return a < b;
    case "<=": return a <= b;
    case ">": return a > b;
    case ">=": return a >= b;
  }
  throw new Error("unknown operator " + tag);
}

function fail(field, message) {
  const e = new Error(field + ": " + message);
  e.field = field;
  return e;
}

function lookup(data, field) {
  const parts = field.split(".");
  let v = data;
  for (let i = 0; i < parts.length; i++) {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return null;
    v = v[parts[i]];
  }
  return v === undefined ? null : v;
}

// Whether a dotted field is in the config at all, null included (lookup reads both as null; apply.written).
function written(data, field) {
  const parts = field.split(".");
  let v = data;
  for (let i = 0; i < parts.length - 1; i++) v = isObject(v) ? v[parts[i]] : null;
  return isObject(v) && Object.prototype.hasOwnProperty.call(v, parts[parts.length - 1]);
}

function isInt(v) { return typeof v === "number" && Number.isInteger(v); }

function checkType(v, t, maxInt) {
  if (t === "int_each") {
    if (Array.isArray(v)) {
      if (!v.length || new Set(v.map((x) => JSON.stringify(x))).size !== 1)
        return "must be " + TYPES[t] + ", got " + String(JSON.stringify(v)).slice(0, 60) + " (blocks that differ are not modelled)";
      v = v[0];
    }
    return checkType(v, "int", maxInt);
  }
  if (t === "int" || t === "int0" || t === "rank" || t === "id") {
    if (!isInt(v) || v < (t === "int0" || t === "id" ? 0 : 1)) return "must be " + TYPES[t] + ", got " + JSON.stringify(v);
    if (v > maxInt) return "absurd: " + v + " is more than 2^53 - 1 (no model is that large; not exact in JSON readers)";
  } else if (t === "bool" && typeof v !== "boolean") {
    return "must be true or false, got " + JSON.stringify(v);
  } else if (t === "str" && typeof v !== "string") {
    return "must be a string, got " + JSON.stringify(v);
  } else if (t === "ints") {
    if (!Array.isArray(v) || !v.every((x) => isInt(x) && x >= 0 && x <= maxInt))
      return "must be " + TYPES[t] + ", got " + String(JSON.stringify(v)).slice(0, 60);
  } else if (t === "strs" && !(Array.isArray(v) && v.every((x) => typeof x === "string"))) {
    return "must be " + TYPES[t] + ", got " + String(JSON.stringify(v)).slice(0, 60);
  } else if (t === "map" && (typeof v !== "object" || Array.isArray(v))) {
    return "must be " + TYPES[t] + ", got " + String(JSON.stringify(v)).slice(0, 60);
  }
  return null;
}

function derived(tree) { return tree !== null && ["num", "str", "lit"].indexOf(tree[0]) < 0; }

function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }

// A multimodal wrapper's text model and the line that says the vision tower is left out (apply.text_model).
function textModel(config, wrappers) {
  const mt = config.model_type;
  if (typeof mt !== "string" || !Object.prototype.hasOwnProperty.call(wrappers, mt)) return [config, ""];
  const w = wrappers[mt];
  let text = config.text_config;
  if (text === undefined || text === null) text = w["default"];
  if (!isObject(text)) throw fail("text_config", "must be " + TYPES.map + ", got " + String(JSON.stringify(text)).slice(0, 60));
  const own = w.own_type ? text.model_type : null;
  text = Object.assign({}, text, { model_type: own || w.text });
  return [text, mt + " is a multimodal model: this counts its text model (" + text.model_type +
          ", from text_config); the vision tower and its projector are not counted"];
}

// Each (name, type, fields, default) of the adapter read from the config into env, as apply.read does; every
// missing or invalid field is noted in `problems` (the reading goes on with a stand-in so that all are named).
function readFields(config, a, pub, env, problems) {
  a.read.forEach((r) => {
    const name = r[0], t = r[1], fields = r[2], dflt = r[3];
    const field = fields.find((f) => lookup(config, f) !== null);
    const nul = field === undefined ? fields.find((f) => f in config && config[f] === null) : undefined;
    if (nul !== undefined && (t === "rank" || t === "id")) { env[name] = t === "rank" ? 0n : -1n; env.given.add(name); return; }
    let why = null, at = field;
    if (nul !== undefined && !derived(dflt) && t !== "strs" && t !== "map") [why, at] = ["must be " + TYPES[t] + ", got null", nul];
    else if (field === undefined && dflt === null)
      [why, at] = ["missing (required): add \"" + fields[0] + "\" (" + TYPES[t] + ")", fields[0]];
    else if (field !== undefined) why = checkType(lookup(config, field), t, pub.max_int);
    if (why !== null) { problems.push(fail(at, why)); env[name] = 1n; return; }
    if (field === undefined) {
      try { env[name] = evaluate(dflt, env); } catch (e) { if (!problems.length) throw e; env[name] = 1n; }
      return;
    }
    const v = lookup(config, field);
    env[name] = big(t === "int_each" && Array.isArray(v) ? v[0] : v);
    env.given.add(name);
  });
}

// Fields outside the adapter's accepted values, and (once every field reads) checks whose condition is false.
function refuse(config, a, env, problems) {
  Object.keys(a.must).forEach((field) => {
    const v = lookup(config, field);
    if (written(config, field) && !a.must[field].some((ok) => ok === v))
      problems.push(fail(field, JSON.stringify(v) + " is not supported: " + (v === null ? "transformers refuses it" :
                    "it changes the count in a way this counter does not model") + " (accepted: " +
                    a.must[field].map((x) => JSON.stringify(x)).join(", ") + ")"));
  });
  if (problems.length) return;
  a.check.forEach((c) => {
    if (!evaluate(c[1], env)) problems.push(fail(c[0], c[2].replace(/\{(\w+)\}/g, (m, k) => String(env[k]))));
  });
}

// One Error for all the problems: one line each; .field is the first (the one `paramscope count` names),
// .problems all of them.
function refusal(problems) {
  const e = new Error(problems.map((p) => p.message).join("\n"));
  e.field = problems[0].field;
  e.problems = problems.map((p) => ({ field: p.field, message: p.message }));
  return e;
}

// The architecture description of a config.json object, as scripts/paramscope/arch/adapters/apply.py builds it.
export function describe(config, data) {
  if (!isObject(config)) throw fail("config", "expected a JSON object");
  const wrapped = textModel(config, data.adapters.wrappers), note = wrapped[1];
  config = wrapped[0];
  const pub = data.adapters, mt = config.model_type;
  if (typeof mt !== "string" || !Object.prototype.hasOwnProperty.call(pub.adapters, mt)) {
    const what = mt === undefined || mt === null ? "missing" : "unknown " + JSON.stringify(mt);
    throw fail("model_type", what + " (one of " + pub.model_types.join(", ") + ")");
  }
  const a = pub.adapters[mt], env = { given: new Set() }, problems = [];
  readFields(config, a, pub, env, problems);
  refuse(config, a, env, problems);
  if (problems.length) throw refusal(problems);
  const arch = {};
  Object.keys(data.defaults).forEach((k) => { arch[k] = big(data.defaults[k]); });
  Object.keys(a.arch).forEach((k) => { arch[k] = evaluate(a.arch[k], env); });
  arch.model_type = mt;
  arch.note = note;
  return arch;
}

// The closed-form count: the formula of scripts/paramscope/arch/formula.py, published as expression trees and
// evaluated here exactly as Python evaluates them (one formula, not a port).
function environment(a, data) {
  const env = Object.assign({}, a);
  data.formula.formula.forEach((b) => { env[b[0]] = evaluate(b[1], env); });
  return env;
}

export function formula(a, data) {
  const env = environment(a, data), f = data.formula, breakdown = {};
  data.kinds.forEach((k) => { breakdown[k] = env[f.kinds[k]]; });
  return { total: env.total, active: env.active, breakdown, task: a.task, taskHead: a.task_head,
           note: a.note };
}

// {total, active, breakdown} as plain numbers (exact up to 2^53), and the exact BigInts beside them.
export function count(config, data) {
  const r = formula(describe(config, data), data), breakdown = {}, exact = {};
  data.kinds.forEach((k) => { if (r.breakdown[k]) { breakdown[k] = Number(r.breakdown[k]); exact[k] = r.breakdown[k]; } });
  return { total: Number(r.total), active: Number(r.active), breakdown,
           note: r.note,
           exact: { total: r.total, active: r.active, breakdown: exact, task: r.task, taskHead: r.taskHead } };
}

// (blocks that slide, window) as transformers' DynamicCache reads a config.json: kv_bytes.sliding in
// scripts/paramscope/arch/kv_bytes.py.
function sliding(config, layers, kv, wrappers) {
  config = textModel(config, wrappers)[0];
  const window = config.sliding_window, types = config.layer_types;
  if (!isInt(window) || window <= 0) return [0n, 0n];
  if (config.use_sliding_window === false) return [0n, 0n];  // Qwen2's switch: its config class drops the window
  if (Array.isArray(types))
    return [BigInt(types.slice(0, Number(layers)).filter((t) => t === "sliding_attention").length),
            BigInt(window)];
  if (Object.prototype.hasOwnProperty.call(kv.periodic, config.model_type)) {
    const given = config[kv.period_field];
    const period = BigInt(isInt(given) && given > 0 ? given : kv.periodic[config.model_type]);
    return [layers - layers / period, BigInt(window)];
  }
  const first = config.max_window_layers;  // Qwen2: blocks before this one never slide
  if (isInt(first) && first >= 0) return [layers - (layers < BigInt(first) ? layers : BigInt(first)), BigInt(window)];
  return [layers, BigInt(window)];
}

// The KV cache's bytes for `batch` sequences of `context` tokens, `valueBytes` per value: the published formula of
// scripts/paramscope/arch/kv_bytes.py. -> {bytes, values, blocks, sliding, window, latent} as BigInts.
export function kvCache(config, data, context, batch, valueBytes) {
  const a = describe(config, data), env = environment(a, data), s = sliding(config, a.layers, data.kv, data.adapters.wrappers);
  Object.assign(env, { context: BigInt(context), batch: BigInt(batch), value_bytes: BigInt(valueBytes),
                       sliding: s[0], window: s[1] });
  data.kv.formula.forEach((b) => { env[b[0]] = evaluate(b[1], env); });
  return { bytes: env.kv_bytes, values: env.kv_values, blocks: env.n_attn, sliding: env.kv_slide, window: s[1],
           latent: a.kv_lora > 0n ? 1n : 0n };
}

// The formula's names for block i of `config` (the description, every formula term, then the block's own terms:
// `block` is its parameters), for the diagrams of the Layer and Transformer pages.
export function blockEnvironment(config, data, i) {
  const env = environment(describe(config, data), data);
  env.i = BigInt(i);
  data.formula.block.forEach((b) => { env[b[0]] = evaluate(b[1], env); });
  return env;
}
