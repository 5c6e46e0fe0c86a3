"""The models in the reader's browser: SmolLM2 and MiniLM exported to ONNX, their tokenizers, the runtime, and the
2-D projection the embedding widget places typed text in."""
import json
import tempfile
from pathlib import Path

import torch

from paramscope import export, minilm, paths, smollm2

WEB = paths.ROOT / "scripts" / "web" / "node_modules"
# onnxruntime-web's WASM build (the JS API, its loader and the WebAssembly binary) and the tokenizer library
RUNTIME = {
    "ort.wasm.min.mjs": WEB / "onnxruntime-web" / "dist" / "ort.wasm.min.mjs",
    "ort-wasm-simd-threaded.mjs": WEB / "onnxruntime-web" / "dist" / "ort-wasm-simd-threaded.mjs",
    "ort-wasm-simd-threaded.wasm": WEB / "onnxruntime-web" / "dist" / "ort-wasm-simd-threaded.wasm",
    "tokenizers.min.mjs": WEB / "@huggingface" / "tokenizers" / "dist" / "tokenizers.min.mjs",
}
# the Embedding page's word groups (scripts/producers/embeddings.py draws them from the embedding table)
GROUPS = {
    "furniture": ["table", "chair", "bed", "desk", "shelf", "lamp"],
    "space": ["moon", "planet", "star", "rocket", "astronaut", "galaxy"],
    "fruit": ["apple", "banana", "orange", "grape", "cherry", "lemon"],
    "royalty": ["king", "queen", "prince", "princess", "throne", "crown"],
}
MB = 1e6
LIMIT = 100 * MB  # GitHub Pages refuses larger files


def version(package: str) -> str:
    return json.loads((WEB / package / "package.json").read_text())["version"]


def projection(vectors: torch.Tensor) -> dict:
    """The two principal axes of the rows, as embeddings.pca_2d fits them (centred, SVD, signs fixed so each
    axis's largest coordinate is positive), kept so that any new vector can be placed: (x - mean) @ axes.T."""
    x = vectors.double()
    mean = x.mean(dim=0, keepdim=True)
    _, s, vt = torch.linalg.svd(x - mean, full_matrices=False)
    axes = vt[:2]  # (2, 384)
    coords = (x - mean) @ axes.T
    signs = torch.sign(coords.gather(0, coords.abs().argmax(dim=0, keepdim=True)))  # (1, 2)
    axes = axes * signs.T
    share = (s ** 2 / (s ** 2).sum())[:2]
    return {"mean": mean[0].tolist(), "axes": axes.tolist(), "coords": ((x - mean) @ axes.T).tolist(),
            "share": share.tolist()}


def produce(out):
    for path in RUNTIME.values():
        if not path.is_file():
            raise FileNotFoundError(f"{path}: missing; run `bash scripts/setup.sh` (it installs scripts/web with npm)")
        out.input(path)
    lm, mini = smollm2.load(), minilm.load()
    models = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        small = export.export_smollm2(lm, tmp / "smollm2.onnx")
        assert small["table_error"] == 0.0, f"the int8 table differs from the file's Q8_0 rows: {small['table_error']}"
        assert small["matrix_error"] < 1e-5, f"the 4-bit blocks differ from the file's Q4_1 weights: {small}"
        mini_info = export.export_minilm(mini, tmp / "minilm.onnx")
        for key, info in (("smollm2", small), ("minilm", mini_info)):
            files = {p.name: p.stat().st_size for p in info["files"]}
            assert all(size < LIMIT for size in files.values()), f"{key}: a file is over 100 MB: {files}"
            for name in files:
                out.file(name, tmp / name)
            models[key] = {"files": files, "bytes": sum(files.values())}
        # the tokenizers exactly as the Python side uses them (SmolLM2's rebuilt from its GGUF metadata)
        for name, tokenizer in (("smollm2-tokenizer.json", lm.tokenizer), ("minilm-tokenizer.json", mini.tokenizer)):
            tokenizer.save(str(tmp / name))
            out.file(name, tmp / name)
    for name, path in RUNTIME.items():
        out.file(name, path)

    out.fact("smollm2.mb", models["smollm2"]["bytes"] / MB, fmt="{:.0f}")
    out.fact("minilm.mb", models["minilm"]["bytes"] / MB, fmt="{:.0f}")
    out.fact("block", export.BLOCK)
    out.fact("bits", 4)
    out.fact("minilm.half_error", mini_info["weight_error"], fmt="{:.0e}")
    out.fact("runtime", f"onnxruntime-web {version('onnxruntime-web')}")
    out.data("models", {"smollm2": {**models["smollm2"], "graph": "smollm2.onnx", "weights": "smollm2.data",
                                    "tokenizer": "smollm2-tokenizer.json", "eos": lm.config["eos_token_id"]},
                        "minilm": {**models["minilm"], "graph": "minilm.onnx", "tokenizer": "minilm-tokenizer.json"},
                        "runtime": {"ort": "ort.wasm.min.mjs", "tokenizers": "tokenizers.min.mjs"}})

    words = [w for group in GROUPS.values() for w in group]
    vectors = torch.stack([export.sentence_embedding(mini.model, mini.encode(w)) for w in words])  # (24, 384)
    proj = projection(vectors)
    out.data("projection", {"words": words, "groups": [g for g, ws in GROUPS.items() for _ in ws],
                            "vectors": [[round(v, 5) for v in row] for row in vectors.tolist()],
                            **{k: _rounded(v) for k, v in proj.items()}})
    out.fact("projection.share", sum(proj["share"]), fmt="{:.0%}")


def _rounded(value):
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return round(value, 6)
