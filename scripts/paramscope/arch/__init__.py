"""Architectures as data, without torch: one description (`Arch`) read from a config.json by an adapter per model
type, one closed-form formula (`formula`, published for the browser too) and the count over it (`counting`), the
zoo of real configurations with their published counts, what each release ships in (`release`), and all of it as
the Model size page's calculator reads it (`calculator`)."""
from paramscope.arch.adapters import ConfigError, describe, published
from paramscope.arch.description import Arch, Run
from paramscope.arch.formula import KINDS, Result, count, environment

__all__ = ["Arch", "Run", "ConfigError", "KINDS", "Result", "count", "describe", "environment", "published"]
