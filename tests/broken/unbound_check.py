"""A producer whose check no sentence is bound to, and one whose name `check` cannot read."""


def produce(out):
    out.check("nobody-reads-this", True, "no page states it")
    name = "computed"
    out.check(f"{name}-name", True, "a name only a run knows")

# expect: scripts/producers/unbound_check.py:1: producer 'unbound_check' is not used by any page: show one of its facts or figures with a marker, or delete it
# expect: scripts/producers/unbound_check.py:5: check 'unbound_check.nobody-reads-this' is bound to no sentence: end the sentence it proves with {{ check unbound_check.nobody-reads-this }}, or drop the check
# expect: scripts/producers/unbound_check.py:7: a check's name is a string literal, so that `paramscope check` can match it with the page's {{ check ... }}
