"""The command line (`cli` dispatches): one module per `paramscope` command — build, serve, compute, merge-cache,
check, new-term, facts, count, next-token, generate, embed, attention and bench — and two helpers they share:
`project` (the `-f FILE` option: which site a command works on) and `models` (loading the real models, with one line
for a damaged file). The top layer: it may import any other.
"""
