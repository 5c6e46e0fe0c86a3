/* Parameter counts without a page: the adapters of scripts/paramscope/arch (published as data by the calculator
 * producer, data/calculator/count.json) and the closed-form formula of scripts/paramscope/arch/formula.py, both
 * evaluated here in exact BigInt arithmetic. No DOM: the calculator (count.js) and the Node tests import it. The
 * types a read checks and every refusal's words are published with the adapters (arch/adapters/reading.py), and so
 * are the names of the expressions' functions, each implemented here (FUNCTIONS, held to Python's by the tests).
 *
 * count(config, data) -> {total, active, breakdown, note, exact}; bad input throws an Error whose message has one
 * line per missing or invalid field, naming it (its .field is the first, the one `paramscope count` names, with
 * its message; its .problems all of them, {field, message}).
 */

function big(v) {
  if (typeof v === "number") return BigInt(v);
  if (Array.isArray(v)) return v.map(big);
  return v;
}

function minmax(pick) { return (...args) => args.reduce((a, b) => pick(a, b) ? a : b); }

// The functions of scripts/paramscope/arch/expr.py, on BigInts: exactly those of the published `functions` (but
// `given`, which evaluate() reads from the names given).
function stepCount(n, step, off) { return n > off ? (n - off + step - 1n) / step : 0n; }

function offsetOf(step, offset) { return offset < 0n ? step - 1n : offset; }

function moeLayers(layers, first, step, dense, offset = -1n, last = -1n) {
  const off = offsetOf(step, offset);
  const end = last < 0n ? layers : (last + 1n < layers ? last + 1n : layers);
  if (first >= end) return 0n;
  const listed = new Set();
  dense.forEach((i) => { if (first <= i && i < end && i % step === off) listed.add(String(i)); });
  return stepCount(end, step, off) - stepCount(first, step, off) - BigInt(listed.size);
}

function isMoe(i, first, step, dense, offset = -1n, last = -1n) {
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

function fill(n, pick) { return Array.from({ length: Number(n) }, (_, j) => pick(j)); }

export const FUNCTIONS = {
  min: minmax((a, b) => a <= b),
  max: minmax((a, b) => a >= b),
  moe_layers: moeLayers,
  is_moe: isMoe,
  listed_count: (items, n) => BigInt(new Set(items.filter((i) => i < n).map(String)).size),
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
    return items.map((x) => Object.hasOwn(table, x) ? table[x] : x);
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

function isInt(v) { return typeof v === "number" && Number.isInteger(v); }

function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }

// The value at a dotted field (attn_config.qk_ln), null when absent (apply.lookup).
function lookup(data, field) {
  const v = field.split(".").reduce((v, part) => isObject(v) ? v[part] : null, data);
  return v === undefined ? null : v;
}

// Whether a dotted field is in the config at all, null included (lookup reads both as null; apply.written).
function written(data, field) {
  const parts = field.split("."), last = parts.pop();
  const v = parts.reduce((v, part) => isObject(v) ? v[part] : null, data);
  return isObject(v) && Object.hasOwn(v, last);
}

// A config value as reading.dumps writes it (json.dumps's ", " and ": " between items, ASCII only, each number as
// JavaScript writes it), and as a refusal shows it: cut at 60 characters (reading.shown).
function dumps(v) {
  if (Array.isArray(v)) return "[" + v.map(dumps).join(", ") + "]";
  if (isObject(v)) return "{" + Object.keys(v).map((k) => dumps(k) + ": " + dumps(v[k])).join(", ") + "}";
  if (typeof v === "bigint") return String(v);  // a value read, in a check's message
  return JSON.stringify(v === undefined ? null : v)
    .replace(/[\u007f-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}

function shown(v) { return dumps(v).slice(0, 60); }

// A template with each {name} replaced by value(name): a published refusal (reading.MESSAGES) filled in, or an
// adapter check's message with the values read, shown as config values are (reading.fill).
function format(template, value) { return template.replace(/\{(\w+)\}/g, (m, k) => value(k)); }

function say(pub, message, values) { return format(pub.messages[message], (k) => String(values[k])); }

// The JSON value each published type takes (its `json`), as JSON.parse reads it.
const JSON_VALUES = { int: isInt, number: (v) => typeof v === "number", bool: (v) => typeof v === "boolean",
                      str: (v) => typeof v === "string", list: Array.isArray, object: isObject };

// Why v is not of the published type t, in the published words, or null (reading.check_type).
export function checkType(v, t, pub) {
  const rule = pub.types[t];
  if (rule.each) {
    if (Array.isArray(v)) {
      if (!v.length || new Set(v.map(dumps)).size !== 1)
        return say(pub, "unequal", { words: rule.words, got: shown(v) });
      v = v[0];
    }
    return checkType(v, rule.each, pub);
  }
  if (!JSON_VALUES[rule.json](v) || ("above" in rule && !(v > rule.above)) ||
      ("items" in rule && v.some((x) => checkType(x, rule.items, pub) !== null)))
    return say(pub, "type", { words: rule.words, got: shown(v) });
  if (rule.json === "int" && v > pub.max_int) return say(pub, "absurd", { got: shown(v) });
  return null;
}

function derived(tree) { return tree !== null && ["num", "str", "lit"].indexOf(tree[0]) < 0; }

// A multimodal wrapper's text model and the line that says the vision tower is left out (apply.text_model).
function textModel(config, pub) {
  const mt = config.model_type;
  if (typeof mt !== "string" || !Object.hasOwn(pub.wrappers, mt)) return [config, ""];
  const w = pub.wrappers[mt];
  let text = config.text_config;
  if (text === undefined || text === null) text = w["default"];
  const why = checkType(text, "map", pub);
  if (why !== null) throw fail("text_config", why);
  const own = w.own_type ? text.model_type : null;
  text = Object.assign({}, text, { model_type: own || w.text });
  return [text, say(pub, "multimodal", { model_type: mt, text: text.model_type })];
}

// Each (name, type, fields, default) of the adapter read from the config into env, as apply.read does, by the
// published types; every missing or invalid field is noted in `problems` (the reading goes on with a stand-in so
// that all are named).
function readFields(config, a, pub, env, problems) {
  a.read.forEach(([name, t, fields, dflt]) => {
    const rule = pub.types[t], field = fields.find((f) => lookup(config, f) !== null);
    const nul = field === undefined ? fields.find((f) => f in config && config[f] === null) : undefined;
    if (nul !== undefined && "null_is" in rule) { env[name] = big(rule.null_is); env.given.add(name); return; }
    const words = { words: rule.words, field: fields[0], got: shown(null) };
    let why = null, at = field;
    if (nul !== undefined && !derived(dflt) && !rule.null_absent) [why, at] = [say(pub, "type", words), nul];
    else if (field === undefined && dflt === null) [why, at] = [say(pub, "missing", words), fields[0]];
    else if (field !== undefined) why = checkType(lookup(config, field), t, pub);
    if (why !== null) { problems.push(fail(at, why)); env[name] = 1n; return; }
    if (field === undefined) {
      try { env[name] = evaluate(dflt, env); } catch (e) { if (!problems.length) throw e; env[name] = 1n; }
      return;
    }
    const v = lookup(config, field);
    env[name] = big(rule.each && Array.isArray(v) ? v[0] : v);
    env.given.add(name);
  });
}

// Fields outside the adapter's accepted values, and (once every field reads) checks whose condition is false.
function refuse(config, a, pub, env, problems) {
  Object.keys(a.must).forEach((field) => {
    const v = lookup(config, field);
    if (written(config, field) && !a.must[field].some((ok) => ok === v))
      problems.push(fail(field, say(pub, v === null ? "null_refused" : "unsupported",
                                    { got: shown(v), accepted: a.must[field].map(dumps).join(", ") })));
  });
  if (problems.length) return;
  a.check.forEach((c) => { if (!evaluate(c[1], env)) problems.push(fail(c[0], format(c[2], (k) => shown(env[k])))); });
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
  const pub = data.adapters;
  if (!isObject(config)) throw fail("config", say(pub, "object", { got: shown(config) }));
  const wrapped = textModel(config, pub), note = wrapped[1];
  config = wrapped[0];
  const mt = config.model_type;
  if (typeof mt !== "string" || !Object.hasOwn(pub.adapters, mt)) {
    const message = mt === undefined || mt === null ? "model_type_missing" : "model_type_unknown";
    throw fail("model_type", say(pub, message, { got: shown(mt), model_types: pub.model_types.join(", ") }));
  }
  const a = pub.adapters[mt], env = { given: new Set() }, problems = [];
  readFields(config, a, pub, env, problems);
  refuse(config, a, pub, env, problems);
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
function sliding(config, layers, kv, pub) {
  config = textModel(config, pub)[0];
  const window = config.sliding_window, types = config.layer_types;
  if (!isInt(window) || window <= 0) return [0n, 0n];
  if (config.use_sliding_window === false) return [0n, 0n];  // Qwen2's switch: its config class drops the window
  if (Array.isArray(types))
    return [BigInt(types.slice(0, Number(layers)).filter((t) => t === "sliding_attention").length),
            BigInt(window)];
  if (Object.hasOwn(kv.periodic, config.model_type)) {
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
  const a = describe(config, data), env = environment(a, data), s = sliding(config, a.layers, data.kv, data.adapters);
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
