/* A promise made once per key and shared by every caller, forgotten when it fails so that a retry makes it afresh:
 * page.js fetches JSON with it, and the live models' worker (live-worker.js) loads its files and sessions with it.
 * It touches neither `window` nor the DOM, so a Web Worker imports it as the pages do.
 */

// A function once(key, make) with a store of its own: the first call for a key keeps make()'s promise, and later
// calls get that promise, until it rejects. once.has(key) says whether a promise is kept (pending or settled);
// once.forget(key) drops it, so that the next call makes it again.
export function onceEach() {
  const made = {};
  const once = (key, make) => {
    if (!made[key]) {
      made[key] = make();
      made[key].catch(() => { delete made[key]; });
    }
    return made[key];
  };
  once.has = (key) => key in made;
  once.forget = (key) => { delete made[key]; };
  return once;
}
