"""The notebook pages' stripped HTML remembered on disk (paramscope_generator.mkdocs.notebook_memo): the same page
as strip() makes, read back instead of parsed again, made again from a damaged file, and forgotten when unused."""
import pytest

from paramscope_generator.mkdocs import notebook_memo, notebook_pages

PAGE = ('<h1>Squares</h1>\n<style>body { color: red }</style>\n<div class="highlight-ipynb"><pre>'
        '<span class="n">x</span> <span class="o">=</span> 2</pre></div>\n<p>4</p>\n')


def test_the_same_html_as_strip_then_read_back_without_parsing(tmp_path, monkeypatch):
    memo = notebook_memo.StripMemo(tmp_path)
    first = memo.strip(PAGE)
    assert first == notebook_pages.strip(PAGE) and "<style>" not in first and "<span" not in first
    monkeypatch.setattr(notebook_pages, "strip", lambda html: pytest.fail("parsed again"))
    assert notebook_memo.StripMemo(tmp_path).strip(PAGE) == first


def test_a_damaged_file_is_made_again(tmp_path):
    notebook_memo.StripMemo(tmp_path).strip(PAGE)
    [stored] = tmp_path.iterdir()
    stored.write_bytes(b"\xff\xfe not text")
    assert notebook_memo.StripMemo(tmp_path).strip(PAGE) == notebook_pages.strip(PAGE)
    assert stored.read_text(encoding="utf-8") == notebook_pages.strip(PAGE)


def test_another_page_is_another_file_and_unused_ones_go(tmp_path):
    old = notebook_memo.StripMemo(tmp_path)
    old.strip(PAGE)
    old.strip(PAGE.replace("4", "5"))
    assert len(list(tmp_path.iterdir())) == 2
    new = notebook_memo.StripMemo(tmp_path)
    new.strip(PAGE)
    new.evict_unused()
    assert [p.name for p in tmp_path.iterdir()] == [p.name for p in new.used]
