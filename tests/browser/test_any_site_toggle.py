"""The built-in `mkdocs` theme with its colour toggle (`user_color_mode_toggle`): a figure shows exactly one
variant, the one of the page's scheme, for every reader preference and toggle choice."""
import pytest

from paramscope.bench import localsite

from test_any_site import _build, _with_figure

pytestmark = pytest.mark.browser

VISIBLE = """() => [...document.querySelectorAll('img.ps-figure')]
    .filter(img => img.offsetWidth > 0 && getComputedStyle(img).display !== 'none')
    .map(img => img.getAttribute('src').split('/').pop())"""


@pytest.fixture(scope="module")
def toggle_site(tmp_path_factory):
    root = _with_figure("mkdocs_theme", tmp_path_factory.mktemp("toggle"))
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text().replace(
        "  name: mkdocs\n", "  name: mkdocs\n  user_color_mode_toggle: true\n  color_mode: auto\n"))
    built = _build(root, "mkdocs.yml", "site")
    assert built.returncode == 0, built.stderr
    with localsite.serve(root / "site") as url:
        yield url


@pytest.mark.parametrize("system", ["light", "dark"])
@pytest.mark.parametrize("toggle", ["light", "dark", "auto"])
def test_one_variant_follows_the_toggle(browser, toggle_site, system, toggle):
    context = browser.new_context(color_scheme=system, viewport={"width": 1280, "height": 900})
    try:
        context.add_init_script(f"localStorage.setItem('mkdocs-colormode', {toggle!r})")   # the toggle's choice
        context.route("**/*", lambda route: route.abort() if "127.0.0.1" not in route.request.url
                      else route.continue_())
        page = context.new_page()
        page.goto(toggle_site + "figure/", wait_until="load")
        scheme = system if toggle == "auto" else toggle
        assert page.evaluate("document.documentElement.getAttribute('data-bs-theme')") == scheme
        assert page.evaluate(VISIBLE) == [f"line-{scheme}.svg"]
    finally:
        context.close()


def test_the_toggle_switches_the_figure(browser, toggle_site):
    """Clicking the theme's own menu (no reload) swaps the variant."""
    context = browser.new_context(color_scheme="light", viewport={"width": 1280, "height": 900})
    try:
        context.route("**/*", lambda route: route.abort() if "127.0.0.1" not in route.request.url
                      else route.continue_())
        page = context.new_page()
        page.goto(toggle_site + "figure/", wait_until="load")
        assert page.evaluate(VISIBLE) == ["line-light.svg"]
        page.click("#theme-menu")
        page.click("[data-bs-theme-value=dark]")
        page.wait_for_function("document.documentElement.getAttribute('data-bs-theme') === 'dark'")
        assert page.evaluate(VISIBLE) == ["line-dark.svg"]
    finally:
        context.close()
