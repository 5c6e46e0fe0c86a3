/* The models in the reader's browser, as widgets and as window.paramscope.nextToken, generate, attention and embed:
 * SmolLM2's next token and continuation (live-next.js), its attention on a typed sentence (live-attention.js), and
 * MiniLM's embedding (live-embed.js).
 *
 * The models run in a Web Worker (live-worker.js, reached through live-client.js), so that a long prompt never holds
 * up the page: it downloads the files the build exported from the site's own torch modules (scripts/producers/live.py),
 * runs them with onnxruntime-web's WebAssembly build, keeps SmolLM2's KV cache and samples with sampling.js, as the
 * explorer does. Every file comes from this site, and nothing is fetched before the reader clicks "Load" (or a script
 * calls one of the functions above); the Load button shows the download's progress (live-loading.js).
 */
import { attention, embed, generate, nextToken } from "./live-client.js";
import { setupAttention } from "./live-attention.js";
import { setupEmbed } from "./live-embed.js";
import { setupNext } from "./live-next.js";
import { everyPage, paramscope } from "./page.js";

Object.assign(paramscope, { nextToken, generate, attention, embed });

everyPage(".ps-live-next", setupNext);
everyPage(".ps-live-embed", setupEmbed);
everyPage(".ps-live-attention", setupAttention);
