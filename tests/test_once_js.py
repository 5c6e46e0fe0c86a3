"""The small modules the page scripts and the live models' worker share, run in Node: once.js (one promise per
key for every caller, a failed one forgotten so that a retry makes it afresh; page.js's fetchJson and the worker's
loading use it) and tokens.js (a token as the widgets write it, quoted)."""
import json

from support import node


def test_once_shares_a_promise_per_key_and_forgets_a_failure():
    got = json.loads(node("once.mjs"))
    assert got == {"same": True, "value": 1, "made": 1, "failed": "404 Not Found", "retried": "404 Not Found",
                   "failures": 2, "other": "own store", "kept": True, "forgotten": True,
                   "remade": "made again", "quoted": ['" cat"', '"\\n"']}
