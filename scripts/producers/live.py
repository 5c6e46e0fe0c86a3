"""The models in the reader's browser: SmolLM2 and MiniLM exported to ONNX, their tokenizers, the runtime, and the
2-D projection the embedding widget places typed text in."""
import json
import tempfile
from pathlib import Path

import torch

from paramscope.checkpoints import export, minilm, smollm2
from paramscope.lessons import word_vectors
from paramscope.lessons.attention import head_patterns
from paramscope_generator.api import expect

WEB = Path("scripts") / "web" / "node_modules"  # in the project's folder
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
# The embedding widget's opening text: its nearest page word in the picture is also its nearest over all 384 numbers
# (checked below), and its nearest common words (cabinet, wooden, wood, kitchen, desk) are plainly related, so the
# first view is a clean example; the widget's caveat still says that the picture need not agree.
EXAMPLE = "an old wooden cupboard"
MB = 1e6
# the Attention page's sentence: "it" can only be resolved by looking back at "animal"
SENTENCE = "The animal didn't cross the street because it was too tired."
QUERY = " it"  # the row the live map opens on, described under it
LIMIT = 100 * MB  # GitHub Pages refuses larger files


def version(root: Path, package: str) -> str:
    return json.loads((root / WEB / package / "package.json").read_text())["version"]


def produce(out):
    runtime_files = {name: out.project.root / path for name, path in RUNTIME.items()}
    for path in runtime_files.values():
        if not path.is_file():
            raise FileNotFoundError(f"{path}: missing; run `bash scripts/setup.sh` (it installs scripts/web with npm)")
        out.input(path)
    lm, mini = smollm2.load(cache=out.project.cache), minilm.load(out.project.cache)
    small, mini_info, sizes = exports(out, lm, mini)
    models_data(out, lm, runtime_files, small, mini_info, sizes)
    projection(out, mini)


def exports(out, lm, mini) -> tuple[dict, dict, dict]:
    """The two models exported to ONNX and their tokenizers, each a file of the site; their sizes by file name."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        small = export.export_smollm2(lm, tmp / "smollm2.onnx")
        expect(small["table_error"] == 0.0, f"the int8 table differs from the file's Q8_0 rows: {small['table_error']}")
        expect(small["matrix_error"] < 1e-5, f"the 4-bit blocks differ from the file's Q4_1 weights: {small}")
        mini_info = export.export_minilm(mini, tmp / "minilm.onnx")
        every = small["files"] + mini_info["files"]
        sizes = {p.name: p.stat().st_size for p in every}
        expect(all(size < LIMIT for size in sizes.values()), f"a file is over 100 MB: {sizes}")
        for path in every:
            out.file(path.name, path)
        # the tokenizers exactly as the Python side uses them (SmolLM2's rebuilt from its GGUF metadata)
        for name, tokenizer in (("smollm2-tokenizer.json", lm.tokenizer), ("minilm-tokenizer.json", mini.tokenizer)):
            tokenizer.save(str(tmp / name))
            out.file(name, tmp / name)
            sizes[name] = (tmp / name).stat().st_size
    return small, mini_info, sizes


def models_data(out, lm, runtime_files: dict, small: dict, mini_info: dict, sizes: dict) -> None:
    """What each live widget downloads, and the model facts it needs, as the widgets' data and the page's facts."""
    models = {}
    for name, path in runtime_files.items():
        out.file(name, path)
    runtime = {name: path.stat().st_size for name, path in runtime_files.items()}
    graph, attention, *weights = [p.name for p in small["files"]]
    for key, graph_file, weight_files, tokenizer in (
            ("smollm2", graph, weights, "smollm2-tokenizer.json"),
            ("attention", attention, weights, "smollm2-tokenizer.json"),
            ("minilm", "minilm.onnx", [], "minilm-tokenizer.json")):
        files = {name: sizes[name] for name in [graph_file, *weight_files]}
        models[key] = {"files": files, "bytes": sum(files.values()), "graph": graph_file, "weights": weight_files,
                       "tokenizer": tokenizer, "tokenizer_bytes": sizes[tokenizer],
                       # what the Load button fetches: the model, its tokenizer and the runtime (the label says it)
                       "download": sum(files.values()) + sizes[tokenizer] + sum(runtime.values())}
    c = lm.model.arch
    for key in ("smollm2", "attention"):
        models[key].update(eos=lm.config["eos_token_id"], context=c.run.context,
                           layers=c.layers, heads=c.heads, kv_heads=c.kv_heads,
                           head_dim=c.head_dim)
    models["attention"].update(cap=smollm2.ATTENTION_CAP, sentence=SENTENCE, query=QUERY, **look_for(out, lm))

    out.fact("smollm2.mb", models["smollm2"]["download"] / MB, fmt="{:.0f}")
    out.fact("smollm2.model_mb", models["smollm2"]["bytes"] / MB, fmt="{:.0f}")  # its ONNX graph and weights alone
    out.fact("attention.mb", models["attention"]["download"] / MB, fmt="{:.0f}")
    out.fact("attention.cap", smollm2.ATTENTION_CAP)
    out.fact("context", c.run.context, fmt="{:,}")
    out.fact("runtime.mb", sum(runtime.values()) / MB, fmt="{:.0f}")
    out.fact("minilm.mb", models["minilm"]["download"] / MB, fmt="{:.0f}")
    out.fact("block", export.BLOCK)
    out.fact("bits", 4)
    out.fact("minilm.half_error", mini_info["weight_error"], fmt="{:.0e}")
    out.fact("runtime", f"onnxruntime-web {version(out.project.root, 'onnxruntime-web')}")
    out.data("models", {**models, "runtime": {"ort": "ort.wasm.min.mjs", "tokenizers": "tokenizers.min.mjs",
                                               "wasm": "ort-wasm-simd-threaded.wasm", "bytes": sum(runtime.values())}})


def projection(out, mini) -> None:
    """The word-map widget's data: the words' sentence embeddings and their two principal axes."""
    words = [w for group in GROUPS.values() for w in group]
    vectors = torch.stack([export.sentence_embedding(mini.model, mini.encode(w)) for w in words])  # (24, 384)
    proj = word_vectors.principal_axes(vectors)
    example = export.sentence_embedding(mini.model, mini.encode(EXAMPLE)).double()  # (384,)
    mean, axes, coords = (torch.tensor(proj[k], dtype=torch.float64) for k in ("mean", "axes", "coords"))
    point = (example - mean) @ axes.T  # (2,), placed as the widget places a text
    in_picture = words[int((coords - point).norm(dim=1).argmin())]
    in_full = words[int((vectors.double() @ example).argmax())]
    expect(in_picture == in_full, f"the widget's opening text {EXAMPLE!r} lies nearest {in_picture!r} in the picture "
                                  f"but {in_full!r} over all the numbers: choose one on which they agree")
    out.data("projection", {"words": words, "groups": [g for g, ws in GROUPS.items() for _ in ws], "example": EXAMPLE,
                            "vectors": [[round(v, 5) for v in row] for row in vectors.tolist()],
                            **{k: _rounded(v) for k, v in proj.items()}})
    out.fact("projection.share", sum(proj["share"]), fmt="{:.0%}")


def look_for(out, lm) -> dict:
    """What the Attention page's heat map shows on its sentence, found in all 30 x 9 maps: how many heads mostly look
    at the first token, the head that looks most at the token just before, and the head through which "it" looks most
    at "animal" (the map the page opens on). Returns that head as {"layer", "head"}, counted from 1."""
    ids = lm.encode(SENTENCE)
    tokens = [lm.token(i) for i in ids]
    w = lm.attention(ids)  # (L, H, T, T)
    heads = head_patterns(w, tokens.index(QUERY), tokens.index(" animal"))  # each (L, H)
    first, previous, it = heads["first"], heads["previous"], heads["pair"]
    H = w.shape[1]
    out.fact("attention.sentence", SENTENCE)
    out.fact("attention.tokens", len(ids))
    out.fact("attention.maps", w.shape[0] * H)
    out.fact("attention.first.share", float((first > 0.5).float().mean()), fmt="{:.0%}")
    for name, score in (("previous", previous), ("it", it)):
        best = int(score.argmax())
        out.fact(f"attention.{name}.layer", best // H + 1)
        out.fact(f"attention.{name}.head", best % H + 1)
        out.fact(f"attention.{name}.weight", float(score.flatten()[best]), fmt="{:.2f}")
    best = int(it.argmax())
    return {"layer": best // H + 1, "head": best % H + 1}


def _rounded(value):
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return round(value, 6)
