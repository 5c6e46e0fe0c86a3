"""Run it yourself: every page with figures links its notebook, rendered on the site and downloadable as .ipynb."""

import nbformat
import pytest

pytestmark = pytest.mark.browser


def _is_figure(output) -> bool:
    """An image output, or an HTML output holding an inline image (how paramscope_generator.producer.show adds alt
    text)."""
    data = output.get("data", {})
    return any(k.startswith("image/") for k in data) or "data:image/" in "".join(data.get("text/html", ""))


def test_every_page_with_figures_offers_its_notebook(site, pages, visit, tmp_path):
    figure_pages = [p for p in pages if not p.startswith("notebooks/")
                    and '#only-light"' in (site / p / "index.html").read_text(encoding="utf-8")]
    assert figure_pages, "no page has a figure"
    failures = []
    for p in figure_pages:
        v = visit(p)
        link = v.page.locator('article a[download][href$=".ipynb"]')
        if not link.count():
            failures.append(f"/{p}: no notebook download link")
            continue
        with v.page.expect_download() as download:
            link.first.click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        nb = nbformat.read(saved, as_version=4)
        nbformat.validate(nb)
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        if not any(_is_figure(o) for o in outputs):
            failures.append(f"/{p}: {saved.name} has no figure among its outputs (not executed?)")
        if any(o.output_type == "error" for o in outputs):
            failures.append(f"/{p}: {saved.name} has an error output")
        # The rendered notebook page: the other link of the "Run it yourself" box.
        rendered = v.page.locator('article .admonition a[href*="notebooks/"]:not([download])')
        rendered.first.click()
        v.page.wait_for_selector(".jupyter-wrapper .jp-Notebook", timeout=10_000)
        failures += [f"/{p} -> notebook page: {problem}" for problem in v.problems()]
        v.page.context.close()
    assert not failures, "\n".join(failures)


def test_a_notebook_figure_sits_on_the_dark_page_in_the_dark_scheme(visit):
    """The site's figures bring a dark variant (light text): on a white card it would be light on white."""
    v = visit("notebooks/embedding", color_scheme="dark")
    img = v.page.locator("article .jp-OutputArea-output img.ps-figure").locator("visible=true").first
    assert "-dark.svg" in img.get_attribute("src")
    assert img.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"
