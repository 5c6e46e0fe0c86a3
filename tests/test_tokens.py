"""One display of a token for every page (paramscope.lessons.tokens.token_label)."""
import pytest

from paramscope.lessons.tokens import token_label


@pytest.mark.parametrize("text, shown", [
    (" Paris", "“ Paris”"), ("\n", "“↵”"), ("a\tb", "“a\\tb”"), (" ", "a space"), ("   ", "3 spaces"), ("", "“”"),
])
def test_a_token_shows_its_spaces_and_breaks(text, shown):
    assert token_label(text) == shown


def test_tokenizer_kind_reads_the_definition():
    """Two tokenizers built here from their parts: BERT's lower-casing WordPiece and GPT-2's byte-level BPE."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

    from paramscope.lessons.tokens import tokenizer_kind

    wordpiece = Tokenizer(models.WordPiece({"[UNK]": 0, "a": 1}, unk_token="[UNK]"))
    wordpiece.normalizer = normalizers.BertNormalizer(lowercase=True)
    wordpiece.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    bpe = Tokenizer(models.BPE({"a": 0}, []))
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel()
    assert tokenizer_kind(wordpiece) == "lower-cased WordPiece"
    assert tokenizer_kind(bpe) == "cased byte-level BPE"


def test_whole_words_by_hand():
    """A vocabulary worked by hand: too short, upper-case, a piece, a number and a word the tokenizer splits are left
    out; ids below the first are never looked at; the count stops the list."""
    from paramscope.lessons.tokens import whole_words

    vocab = {"[CLS]": 0, "[SEP]": 1, "early": 2, "cat": 3, "Dog": 4, "##ing": 5, "is": 6, "x42": 7, "split": 8,
             "apple": 9, "tree": 10, "bird": 11}
    splits = {"split": [101, 3, 5, 102]}
    encode = lambda t: splits.get(t, [101, vocab[t], 102])  # noqa: E731 ([CLS] word [SEP])
    assert whole_words(vocab, encode, count=3, shortest=3, first_id=3) == [("cat", 3), ("apple", 9), ("tree", 10)]
