"""A producer that prints its numbers and saves its own files."""
import json

import numpy as np
import torch


def produce(out):
    total = 124439808
    print("total:", total)
    with open("total.json", "w") as f:
        json.dump({"total": total}, f)
    with open("config.json") as f:
        out.fact("config", len(f.read()))
    torch.save({"total": total}, "total.pt")
    np.save("total.npy", np.array([total]))

# expect: scripts/producers/writes_by_hand.py:1: producer 'writes_by_hand' is not used by any page: show one of its facts or figures with a marker, or delete it
# expect: scripts/producers/writes_by_hand.py:10: producer prints: numbers reach pages through out.fact(...), never by copying output
# expect: scripts/producers/writes_by_hand.py:11: producer writes a file itself (open for writing): use out.figure(...) or out.data(...)
# expect: scripts/producers/writes_by_hand.py:12: producer writes a file itself (.dump): use out.figure(...) or out.data(...)
# expect: scripts/producers/writes_by_hand.py:15: producer writes a file itself (.save): use out.figure(...) or out.data(...)
# expect: scripts/producers/writes_by_hand.py:16: producer writes a file itself (.save): use out.figure(...) or out.data(...)
