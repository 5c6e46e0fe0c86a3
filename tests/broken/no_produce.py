def compute(out):
    out.fact("x", 1)

# expect: scripts/producers/no_produce.py:1: producer has no docstring: its first line is the producer's title
# expect: scripts/producers/no_produce.py:1: producer defines no produce(out) function
# expect: scripts/producers/no_produce.py:1: producer 'no_produce' is not used by any page: show one of its facts or figures with a marker, or delete it
