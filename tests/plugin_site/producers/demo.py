"""The answer, computed."""


def produce(out):
    out.fact("answer", 6 * 7)
