"""ONNX export of the site's own SmolLM2 and MiniLM modules for the reader's browser (onnxruntime-web, WASM).

SmolLM2's file stores its weights quantised: the embedding (and tied output head) as Q8_0 blocks, the layers'
matrices as Q4_1 blocks of 32 numbers. The float32 weights our module runs are those blocks decoded, so the export
recovers each block's integers and scales from them and ships exactly that: int8 rows for the table, 4-bit codes
with a scale and a minimum per block for the matrices, decoded to float32 when the browser loads the model. The
browser then computes with the numbers torch computes with, up to rounding.
MiniLM's file is float32: its matrices are quantised to int8 per column and its word table stored as float16.
"""
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from paramscope.arch import Arch
from paramscope.data.prompts import CAPITAL
from paramscope.models import capture

BLOCK = 32  # numbers per quantisation block, as in the GGUF file


class BlockInt8Embedding(nn.Module):
    """A table (V, D) as int8 blocks of 32 with one scale each (Q8_0): rows looked up, or the whole table as head."""

    def __init__(self, weight: torch.Tensor):
        super().__init__()
        V, D = weight.shape
        blocks = weight.detach().float().reshape(V, D // BLOCK, BLOCK)                 # (V, D/32, 32)
        scale = blocks.abs().amax(-1, keepdim=True) / 127                              # (V, D/32, 1)
        q = torch.round(blocks / scale.clamp_min(1e-30)).clamp(-127, 127)
        self.register_buffer("q", q.to(torch.int8))
        self.register_buffer("scale", scale)

    def rows(self, ids: torch.Tensor) -> torch.Tensor:
        """(B, T) ids -> (B, T, D) float rows."""
        return (self.q[ids].float() * self.scale[ids]).flatten(-2)

    def table(self) -> torch.Tensor:
        return (self.q.float() * self.scale).flatten(-2)  # (V, D)

    def max_error(self, weight: torch.Tensor) -> float:
        return float((self.table() - weight.detach().float()).abs().max())


def _positions(arch: Arch, past: int | torch.Tensor, T: int | torch.Tensor):
    """cos, sin (T, head_dim) of positions past..past+T-1 and the causal mask (T, past+T), query i seeing keys
    j <= i, as the blocks read them (decoder.TokenPositions).
    Computed in the graph, not read from the model's rotary table, so the file carries no table of every position."""
    from paramscope.models.decoder import TokenPositions
    from paramscope.models.layers import rope_cos_sin
    cos, sin = rope_cos_sin(past + T, arch.head_dim, arch.run.rope_theta)
    i = torch.arange(T)[:, None] + past  # (T, 1): the new tokens' positions
    j = torch.arange(past + T)[None, :]  # (1, S): every key's position, cached ones first
    cos, sin, causal = cos[past:], sin[past:], j <= i  # in this order: the exported graph's node order
    return TokenPositions(cos, sin, causal, causal)  # SmolLM2 has no sliding window


class PastKV:
    """One layer's cache in the exported graph, where the browser holds it between calls: the past keys and values
    come in, and this call's are appended to them (the models' KVCache writes into preallocated buffers instead;
    a graph returns new tensors either way)."""

    def __init__(self, k: torch.Tensor, v: torch.Tensor):
        self.k, self.v = k, v  # (1, n_kv, P, hd) each, rotated

    def __call__(self, k: torch.Tensor, v: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Append this call's keys and values (1, n_kv, T, hd); return all of them (1, n_kv, P + T, hd)."""
        self.k, self.v = torch.cat((self.k, k), dim=2), torch.cat((self.v, v), dim=2)
        return self.k, self.v


class CachedGraph(nn.Module):
    """Our Llama with its table swapped for BlockInt8Embedding, run on the tokens after those already seen:
    input_ids (1, T), past_keys and past_values (L, 1, n_kv, P, hd) -> next-token logits (1, V) and the keys and
    values of all P + T positions (L, 1, n_kv, P + T, hd) to pass back with the next tokens (P = 0: a fresh prompt).
    Each call runs the model's own layers with a PastKV holding the past, as Decoder.forward does with a KVCache."""

    def __init__(self, llama):
        super().__init__()
        self.llama = llama
        self.table = BlockInt8Embedding(llama.model.embed_tokens.weight)

    def forward(self, input_ids: torch.Tensor, past_keys: torch.Tensor, past_values: torch.Tensor):
        x = self.table.rows(input_ids)  # (1, T, H)
        where = _positions(self.llama.arch, past_keys.shape[3], input_ids.shape[1])
        keys, values = [], []
        for n, layer in enumerate(self.llama.blocks):
            kv = PastKV(past_keys[n], past_values[n])  # (1, n_kv, P, hd) each
            x = layer(x, where, kv)
            keys.append(kv.k)
            values.append(kv.v)  # (1, n_kv, P + T, hd)
        h = self.llama.model.norm(x[:, -1])  # (1, H): only the next token's distribution is asked for
        return h @ self.table.table().T, torch.stack(keys), torch.stack(values)


class AttentionGraph(nn.Module):
    """The same layers, returning who attends to whom: input_ids (1, T) -> attention weights (L, n_head, T, T),
    each row a softmax over the keys at or before the query (zeros above the diagonal)."""

    def __init__(self, llama):
        super().__init__()
        self.llama = llama
        self.table = BlockInt8Embedding(llama.model.embed_tokens.weight)

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        x = self.table.rows(input_ids)  # (1, T, H)
        where = _positions(self.llama.arch, 0, input_ids.shape[1])
        with capture.attention_weights(self.llama) as weights:  # traced like the layers: hooks run in the graph
            for layer in self.llama.blocks:
                x = layer(x, where)
        return torch.stack([w[0] for w in weights])  # (L, n_head, T, T)


def empty_past(arch: Arch, P: int = 0) -> torch.Tensor:
    """Keys or values of P positions for CachedGraph: (L, 1, n_kv, P, hd), zeros."""
    return torch.zeros(arch.layers, 1, arch.kv_heads, P, arch.head_dim)


class SentenceGraph(nn.Module):
    """Our Bert, mean-pooled and L2-normalised as sentence-transformers does: token ids (1, T) -> (1, 384)."""

    def __init__(self, bert):
        super().__init__()
        self.bert = bert

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        x = self.bert(input_ids)  # (1, T, H)
        v = x.mean(dim=1)
        return v / v.norm(dim=-1, keepdim=True).clamp_min(1e-12)


def sentence_embedding(bert, ids: list[int]) -> torch.Tensor:
    """The torch side of SentenceGraph, for the CLI and the tests: (384,)."""
    with torch.no_grad():
        return SentenceGraph(bert)(torch.tensor([ids]))[0]


def _torch_export(module: nn.Module, example: torch.Tensor | tuple, path: Path, fold: bool = True,
                 inputs: tuple = ("input_ids",), outputs: tuple = ("output",), dynamic: dict | None = None) -> None:
    """torch.onnx (TorchScript exporter: a third of the dynamo exporter's time here) with a dynamic length T."""
    import warnings
    example = example if isinstance(example, tuple) else (example,)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(module.eval(), example, str(path), dynamo=False, input_names=list(inputs),
                          output_names=list(outputs), dynamic_axes=dynamic or {"input_ids": {1: "T"}},
                          opset_version=18, do_constant_folding=fold)


def q4_blocks(w: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Q4_1-decoded weights (N, K) -> packed 4-bit codes (N, K/32, 16), scales (N, K/32) and block minima (N, K/32)
    with w = scale * code + minimum for every number (the block's smallest number is code 0, its largest code 15)."""
    N, K = w.shape
    b = w.reshape(N, K // BLOCK, BLOCK)
    lo, hi = b.min(-1, keepdims=True), b.max(-1, keepdims=True)
    scale = np.where(hi > lo, (hi - lo) / np.float32(15), np.float32(1))
    codes = np.clip(np.round((b - lo) / scale), 0, 15).astype(np.uint8)  # (N, K/32, 32)
    packed = codes[..., 0::2] | (codes[..., 1::2] << 4)                    # low nibble first
    return packed, scale[..., 0].astype(np.float32), lo[..., 0].astype(np.float32)


def _unpack(packed: np.ndarray) -> np.ndarray:
    codes = np.empty(packed.shape[:-1] + (packed.shape[-1] * 2,), dtype=np.uint8)
    codes[..., 0::2], codes[..., 1::2] = packed & 15, packed >> 4
    return codes


def to_q4_blocks(model, max_n: int = 8192) -> float:
    """Store each float32 MatMul weight (K, N), N <= max_n, as its Q4_1 blocks (4-bit codes, scales, minima) and
    decode it in the graph: w = scale * code + minimum. Every input of the decoding is a constant, so the runtime
    computes W once when it loads the model (WebAssembly has fast float32 products, no fast 4-bit ones).
    Returns the largest |w - decoded| over the replaced weights (0 up to float rounding for Q4_1 weights)."""
    import onnx
    from onnx import helper, numpy_helper
    inits = {i.name: i for i in model.graph.initializer}
    # nn.Linear exports as MatMul(x, W^T): W^T folded into an initializer, or a Transpose node of W when not folded
    transposed = {n.output[0]: inits[n.input[0]] for n in model.graph.node
                  if n.op_type == "Transpose" and n.input[0] in inits and len(inits[n.input[0]].dims) == 2}
    worst, nodes, replaced = 0.0, [], set()
    for node in model.graph.node:
        w = None
        if node.op_type == "MatMul" and node.input[1] in inits:
            b = inits[node.input[1]]
            w = numpy_helper.to_array(b).T if len(b.dims) == 2 else None  # (N, K): one row per output
        elif node.op_type == "MatMul" and node.input[1] in transposed:
            b = transposed[node.input[1]]
            w = numpy_helper.to_array(b)
        if w is None or w.shape[1] % BLOCK or w.shape[0] > max_n:
            nodes.append(node)
            continue
        N, K = w.shape
        packed, scale, lo = q4_blocks(w)
        decoded = scale[..., None] * _unpack(packed) + lo[..., None]
        worst = max(worst, float(np.abs(decoded.reshape(N, K) - w).max()))
        s, x, y = node.name.strip("/").replace("/", "_"), node.input[0], node.output[0]
        nb = K // BLOCK
        model.graph.initializer.extend([
            numpy_helper.from_array(packed, f"{s}.codes"), numpy_helper.from_array(scale[..., None], f"{s}.scales"),
            numpy_helper.from_array(lo[..., None], f"{s}.minima"),
            numpy_helper.from_array(np.array([N, nb, BLOCK // 2, 1], dtype=np.int64), f"{s}.halves"),
            numpy_helper.from_array(np.array([N, nb, BLOCK], dtype=np.int64), f"{s}.blocks"),
            numpy_helper.from_array(np.array([N, K], dtype=np.int64), f"{s}.shape")])
        nodes += [  # every input is a constant: the runtime computes W once, when it loads the model
            helper.make_node("BitwiseAnd", [f"{s}.codes", "live.low"], [f"{s}.lo4"]),
            helper.make_node("BitShift", [f"{s}.codes", "live.four"], [f"{s}.hi4"], direction="RIGHT"),
            helper.make_node("Reshape", [f"{s}.lo4", f"{s}.halves"], [f"{s}.lo4r"]),
            helper.make_node("Reshape", [f"{s}.hi4", f"{s}.halves"], [f"{s}.hi4r"]),
            helper.make_node("Concat", [f"{s}.lo4r", f"{s}.hi4r"], [f"{s}.pairs"], axis=-1),  # (N, K/32, 16, 2)
            helper.make_node("Reshape", [f"{s}.pairs", f"{s}.blocks"], [f"{s}.q"]),          # (N, K/32, 32)
            helper.make_node("Cast", [f"{s}.q"], [f"{s}.qf"], to=onnx.TensorProto.FLOAT),
            helper.make_node("Mul", [f"{s}.qf", f"{s}.scales"], [f"{s}.scaled"]),
            helper.make_node("Add", [f"{s}.scaled", f"{s}.minima"], [f"{s}.w"]),
            helper.make_node("Reshape", [f"{s}.w", f"{s}.shape"], [f"{s}.wnk"]),              # (N, K)
            helper.make_node("Transpose", [f"{s}.wnk"], [f"{s}.wkn"], perm=[1, 0]),
            helper.make_node("MatMul", [x, f"{s}.wkn"], [y])]
        replaced.add(b.name)
    model.graph.initializer.extend([numpy_helper.from_array(np.array(15, dtype=np.uint8), "live.low"),
                                    numpy_helper.from_array(np.array(4, dtype=np.uint8), "live.four")])
    still = {i for n in nodes for i in n.input}
    nodes = [n for n in nodes if n.op_type != "Transpose" or n.output[0] in still]  # the W^T no MatMul reads now
    del model.graph.node[:]
    model.graph.node.extend(nodes)
    still = {i for n in model.graph.node for i in n.input}
    kept = [i for i in model.graph.initializer if i.name not in replaced or i.name in still]
    del model.graph.initializer[:]
    model.graph.initializer.extend(kept)
    return worst


def save_split(model, path: Path, external: set[str]) -> list[Path]:
    """Save the graph to `path` and the named initializers to `path.data` beside it (each file < 100 MB)."""
    return save_shared({path: model}, {path.with_suffix(".data"): lambda t: t.name in external})


def save_shared(models: dict, data: dict) -> list[Path]:
    """Save each graph {path: model} with its large initializers in the shared files {data path: which(tensor)}:
    a tensor goes to the first file whose test it passes, and tensors with the same bytes (the same weight in two
    graphs) are stored once, so the graphs share the downloaded weights. Returns the graphs, then the data files."""
    import hashlib

    import onnx
    from onnx.external_data_helper import set_external_data
    placed, handles = {}, {p: open(p, "wb") for p in data}  # sha256 of the bytes -> (file, offset, length)
    try:
        for model in models.values():
            for t in model.graph.initializer:
                where = next((p for p, which in data.items() if which(t)), None)
                if where is None:
                    continue
                raw = t.raw_data
                key = hashlib.sha256(raw).hexdigest()
                if key not in placed:
                    placed[key] = (where, handles[where].tell(), len(raw))
                    handles[where].write(raw)
                file, offset, length = placed[key]
                set_external_data(t, file.name, offset, length)
                t.ClearField("raw_data")
                t.data_location = onnx.TensorProto.EXTERNAL
    finally:
        for f in handles.values():
            f.close()
    for path, model in models.items():
        onnx.save(model, str(path))
    return list(models) + list(data)


def export_smollm2(lm, path: Path) -> dict:
    """SmolLM2 as two graphs, `path` (CachedGraph: the next token, with a KV cache) and `path`-attention.onnx
    (AttentionGraph), sharing their weights in two files beside them: .data (the layers' 4-bit blocks) and
    -table.data (the int8 table). Returns files (graphs first), time and decode errors."""
    import onnx
    start = time.perf_counter()
    a = lm.model.arch
    cached, attention = CachedGraph(lm.model), AttentionGraph(lm.model)
    table_error = cached.table.max_error(lm.model.model.embed_tokens.weight)
    ids = torch.tensor([lm.encode(CAPITAL)])  # (1, 6)
    past = empty_past(a, 3)  # an example with a past, so that P is traced as a length and not as a constant 0
    graphs, worst = {}, 0.0
    for target, module, example, names in (
            (path, cached, (ids, past, past), dict(
                inputs=("input_ids", "past_keys", "past_values"), outputs=("logits", "present_keys", "present_values"),
                dynamic={"input_ids": {1: "T"}, "past_keys": {3: "P"}, "past_values": {3: "P"},
                         "present_keys": {3: "S"}, "present_values": {3: "S"}})),
            (attention_path(path), attention, ids, dict(outputs=("attention",), dynamic={
                "input_ids": {1: "T"}, "attention": {2: "T", 3: "T"}}))):
        tmp = target.with_suffix(".fp32.onnx")
        _torch_export(module, example, tmp, fold=False, **names)
        graphs[target] = onnx.load(str(tmp))
        tmp.unlink()
        worst = max(worst, to_q4_blocks(graphs[target]))

    def layers(t):
        return t.name.endswith((".codes", ".scales", ".minima"))

    def large(t):
        return len(t.raw_data) >= 1 << 16

    files = save_shared(graphs, {path.with_suffix(".data"): layers,
                                 path.with_name(path.stem + "-table.data"): large})
    return {"seconds": time.perf_counter() - start, "files": files,
            "table_error": table_error, "matrix_error": worst}


def attention_path(path: Path) -> Path:
    """Where export_smollm2 writes the attention graph beside the next-token graph at `path`."""
    return path.with_name(path.stem + "-attention.onnx")


def export_minilm(mini, path: Path) -> dict:
    """MiniLM -> one .onnx file with its large weights stored as float16 (computed in float32). Returns files, time
    and the largest change float16 storage makes to a weight."""
    import onnx
    start = time.perf_counter()
    tmp = path.with_suffix(".fp32.onnx")
    _torch_export(SentenceGraph(mini.model), torch.tensor([mini.encode("a table and a chair")]), tmp)
    model = onnx.load(str(tmp))
    tmp.unlink()
    error = float16_weights(model)
    onnx.save(model, str(path))
    return {"seconds": time.perf_counter() - start, "files": [path], "weight_error": error}


def float16_weights(model, min_size: int = 1 << 16) -> float:
    """Store every float32 initializer of at least min_size numbers as float16, cast back to float32 where read.
    Returns the largest |w - float16(w)|."""
    from onnx import TensorProto, helper, numpy_helper
    worst, casts = 0.0, []
    for init in model.graph.initializer:
        if init.data_type != TensorProto.FLOAT or int(np.prod(init.dims)) < min_size:
            continue
        w = numpy_helper.to_array(init)
        half = w.astype(np.float16)
        worst = max(worst, float(np.abs(half.astype(np.float32) - w).max()))
        name = init.name
        init.CopyFrom(numpy_helper.from_array(half, name + ".f16"))
        casts.append(helper.make_node("Cast", [name + ".f16"], [name], to=TensorProto.FLOAT))
    for node in reversed(casts):
        model.graph.node.insert(0, node)
    return worst
