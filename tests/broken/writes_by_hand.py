"""A producer that prints its numbers and saves its own files."""
import json


def produce(out):
    total = 124439808
    print("total:", total)
    with open("total.json", "w") as f:
        json.dump({"total": total}, f)
    with open("config.json") as f:
        out.fact("config", len(f.read()))

# expect: scripts/producers/writes_by_hand.py:1: producer 'writes_by_hand' is not used by any page: show one of its facts or figures with a marker, or delete it
# expect: scripts/producers/writes_by_hand.py:7: producer prints: numbers reach pages through out.fact(...), never by copying output
# expect: scripts/producers/writes_by_hand.py:8: producer writes a file itself (open for writing): use out.figure(...) or out.data(...)
# expect: scripts/producers/writes_by_hand.py:9: producer writes a file itself (.dump): use out.figure(...) or out.data(...)
