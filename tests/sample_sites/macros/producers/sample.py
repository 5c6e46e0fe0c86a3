"""A producer whose facts no page shows (yet): the site must build as without the plugin."""


def produce(out):
    out.fact("answer", 6 * 7)
