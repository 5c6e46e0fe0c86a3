"""A producer whose outputs no page shows."""


def produce(out):
    out.fact("answer", 42)

# expect: scripts/producers/unused_producer.py:1: producer 'unused_producer' is not used by any page: show one of its facts or figures with a marker, or delete it
