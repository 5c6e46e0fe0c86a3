def produce(out)
    out.fact("x", 1)

# expect: scripts/producers/broken_syntax.py:1: producer does not parse: expected ':'
# expect: scripts/producers/broken_syntax.py:1: producer 'broken_syntax' is not used by any page: show one of its facts or figures with a marker, or delete it
