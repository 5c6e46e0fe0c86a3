"""Tokens and tokenizers: a token as every page shows it (one display, so a reader learns it once), a tokenizer's
algorithm read from its own definition, and the vocabulary's whole words."""
import json


def token_label(text: str) -> str:
    """The token in curly quotes, so a leading space shows; a line break as ↵ and any other control character
    escaped ("\\t"); a token of spaces only is named ("a space", "3 spaces"), since empty-looking quotes read as
    nothing."""
    if text and text.strip(" ") == "":
        return "a space" if len(text) == 1 else f"{len(text)} spaces"
    shown = "".join("↵" if c == "\n" else c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                    for c in text)
    return f"“{shown}”"


def tokenizer_kind(tokenizer) -> str:
    """The algorithm of a `tokenizers.Tokenizer` in words, read from its own JSON definition: "lower-cased
    WordPiece", "cased byte-level BPE"."""
    spec = json.loads(tokenizer.to_str())
    normalizers = spec.get("normalizer") or {}
    steps = normalizers.get("normalizers", [normalizers])
    lower = any(n.get("lowercase") or n.get("type") == "Lowercase" for n in steps)
    byte_level = "ByteLevel" in json.dumps(spec.get("pre_tokenizer"))
    return f"{'lower-cased' if lower else 'cased'} {'byte-level ' if byte_level else ''}{spec['model']['type']}"


def whole_words(vocab: dict[str, int], encode, count: int, shortest: int, first_id: int) -> list[tuple[str, int]]:
    """(word, id) of a WordPiece vocabulary's first `count` lower-case ASCII words of `shortest` letters or more, ids
    from `first_id` on, in id order, each one that `encode` (text -> ids between [CLS] and [SEP]) reads back as that
    one token."""
    words = []
    for i, t in sorted((i, t) for t, i in vocab.items() if i >= first_id):
        if len(t) >= shortest and t.isascii() and t.isalpha() and t.islower() and encode(t)[1:-1] == [i]:
            words.append((t, i))
            if len(words) == count:
                break
    return words
