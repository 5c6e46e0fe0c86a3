// The shared fetch-once cache (docs/javascripts/once.js) and the token formatter (tokens.js), run in Node by
// tests/test_once_js.py: one promise per key for every caller, a failed one forgotten so a retry makes it afresh.
import { onceEach } from "../../docs/javascripts/once.js";
import { quoted } from "../../docs/javascripts/tokens.js";

const once = onceEach();
let made = 0;
const first = once("a", async () => { made += 1; return made; });
const second = once("a", async () => { made += 1; return made; });
let failures = 0;
const failing = () => { failures += 1; return Promise.reject(new Error("404 Not Found")); };
const failed = await once("b", failing).catch((e) => e.message);
const retried = await once("b", failing).catch((e) => e.message);
const other = onceEach()("a", async () => "own store");
const kept = once.has("a");
once.forget("a");
const remade = await once("a", async () => "made again");
console.log(JSON.stringify({
  same: first === second, value: await first, made, failed, retried, failures, other: await other, kept,
  forgotten: !once.has("b"), remade,
  quoted: [quoted(" cat"), quoted("\n")],
}));
