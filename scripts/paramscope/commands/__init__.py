"""The command line, one module per `paramscope` command (`cli` dispatches): build, serve, compute, check,
new-term, facts, count, next-token, generate, embed, attention and bench. The top layer: it may import any other.
"""
