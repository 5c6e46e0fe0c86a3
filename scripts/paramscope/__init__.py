"""Paramscope: what a parameter is, computed from real models."""
__version__ = "0.1.0"
