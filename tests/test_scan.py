"""The public contract of the Markdown scanner (paramscope_generator.markdown.scan) that the glossary and the
generator rely on: `read`, `blank`, `prose_text` and `blocks`, checked on hand-written pages whose answers are
read off by eye."""
from paramscope_generator.markdown import scan

PAGE = """# Title

A paragraph that runs
over two lines.

- an item
- another item
  that continues

| a | b |
|---|---|

```python
x = 1
```

[^note]: A footnote.
"""


def test_blank_keeps_length_and_newlines():
    text = "ab `c`\nd"
    assert scan.blank(text) == "      \n "
    assert len(scan.blank(text)) == len(text)


def test_read_blanks_code_but_keeps_line_offsets():
    body = scan.read(PAGE, 5)
    assert body.lines == PAGE.split("\n")
    assert [len(p) for p in body.prose] == [len(line) for line in body.lines]
    assert body.prose[13].strip() == ""            # `x = 1` inside the fence
    assert body.lineno(13) == 18


def test_blocks_group_paragraphs_items_rows_headings_and_footnotes():
    body = scan.read(PAGE, 1)
    assert scan.blocks(body) == [[0], [2, 3], [5], [6, 7], [9], [10], [16]]


def test_prose_text_blanks_what_is_not_prose_and_keeps_offsets():
    line = "See [the page](https://example.com/a) and {{ attention.heads }} at <b>bold</b> &amp; 7."
    text = scan.prose_text(line)
    assert len(text) == len(line)
    assert text.split() == ["See", "[the", "page]", "and", "at", "bold", "7."]
    assert scan.prose_text("[ref]: https://example.com") == ""
    assert scan.prose_text("*[HTML]: Hyper Text") == ""
