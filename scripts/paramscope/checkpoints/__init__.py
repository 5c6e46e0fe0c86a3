"""The two real model files and what reads them: locating and hash-checking the files that ship in PyPI
packages (`modelfiles`), reading GGUF and safetensors (`storage`, `quantization`), SmolLM2 and MiniLM loaded into
our torch modules (`smollm2`, `minilm`), the chat template, and the ONNX export the live pages run.
"""
