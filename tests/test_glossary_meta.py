"""The front matter's schema, MkDocs Configs one per kind of page (paramscope.glossary.meta): every invalid field is
reported at its line, not only the first MkDocs stops at; and the plugin reads the glossary from MkDocs' Files."""
import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, get_files

from paramscope.glossary import meta

from support import ROOT


@pytest.mark.parametrize(("front", "expected"), [
    ("", ["1: missing required field 'term'", "1: missing required field 'summary'"]),
    ("term: 5\nsummary: A five.\ntitle: 3", ["2: 'term' must be a non-empty string",
                                             "4: 'title': Expected type: <class 'str'> but received: <class 'int'>"]),
    ("term: Five\nsummary: A five.\naliases: five\nrelated: six\nhide: toc",
     ["4: 'aliases' must be a list of names, e.g. aliases: [a, b]",
      "5: 'related' must be a list of names, e.g. related: [a, b]",
      "6: 'hide': Expected a list of items, but a <class 'str'> was given."]),
    ("term: Five\nsummary: A five.\naliases: [five, 5s]\nfacts: [a.b]",
     ["4: alias 'five' repeats the term", "5: 'facts:' is derived from the page's markers; delete it"]),
], ids=["empty", "wrong-types", "every-invalid-field", "warnings"])
def test_every_problem_is_reported_at_its_line(front, expected):
    _, problems = meta.read_page(f"---\n{front}\n---\n# Five\n", "docs/glossary/five.md", "glossary/five.md")
    assert sorted(f"{p.line}: {p.message}" for p in problems) == sorted(expected)


def test_a_page_of_another_kind_is_validated_by_its_config():
    text = "---\ntitle: About\nhouse_rules: false\nsummary: x\n---\n"
    _, problems = meta.read_page(text, "docs/about.md", "about.md")
    assert [f"{p.line}: {p.message}" for p in problems] == [
        "4: unknown front matter field 'summary' (only glossary pages define terms)"]


def test_the_plugin_reads_the_glossary_from_mkdocs_files():
    """A page another plugin generates (it is in MkDocs' Files, not on disk) is a term like any other."""
    config = load_config(config_file=str(ROOT / "tests" / "glossary_site" / "mkdocs.yml"))
    plugin = config.plugins["paramscope-glossary"]
    config = plugin.on_config(config)
    files = get_files(config)
    generated = File("glossary/generated.md", src_dir=None, dest_dir=config.site_dir, use_directory_urls=True)
    generated.content_string = "---\nterm: Generated\nsummary: A page no file holds.\n---\n# Generated\n"
    files.append(generated)
    plugin.on_files(files, config=config)
    assert "generated" in plugin.pages and "Generated" in config.mdx_configs["abbr"]["glossary"]
