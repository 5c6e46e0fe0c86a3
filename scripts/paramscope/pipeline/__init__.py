"""The producer pipeline: every number and figure on the site comes from a producer run here.

A producer is `scripts/producers/<name>.py` with a docstring and `produce(out)`; see `output.Output` for what
`out` offers, `runner` for how producers run and are cached, `markers` for how pages name what they wrote.
"""
from paramscope.pipeline.inputs import track_input

__all__ = ["track_input"]
