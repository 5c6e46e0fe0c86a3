"""Architectures without torch: one description (`Arch`), an adapter per model type, one closed-form count."""
from paramscope.arch.adapt import ConfigError, describe, published
from paramscope.arch.description import Arch
from paramscope.arch.formula import KINDS, Result, count, environment

__all__ = ["Arch", "ConfigError", "KINDS", "Result", "count", "describe", "environment", "published"]
