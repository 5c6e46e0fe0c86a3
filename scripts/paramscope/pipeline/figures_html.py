"""A figure's light and dark variants as HTML any theme shows right, and the failure banner, in plain HTML: the
page needs no Markdown extension (attr_list, admonition) for either.

- `light-dark`: both variants, Material's `#only-light` / `#only-dark` URL fragments show exactly one, following
  Material's toggle and the reader's `prefers-color-scheme`;
- `picture`: a `<picture>` whose dark `<source>` applies under `prefers-color-scheme: dark` (any other theme);
- `light` or `dark`: that one variant alone.
"""
import posixpath

MATERIAL = "material"


def variants(option: str, theme: str | None) -> str:
    """How figures show for the plugin's `figures:` option on a theme."""
    if option != "auto":
        return option
    return "light-dark" if theme == MATERIAL else "picture"


def themes(how: str) -> tuple[str, ...]:
    """The colour variants a site publishes."""
    return (how,) if how in ("light", "dark") else ("light", "dark")


def attribute(text: str) -> str:
    """Text as a double-quoted attribute value, escaped as Python-Markdown escapes its own."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _img(alt: str, src: str, width: int, height: int, lazy: bool) -> str:
    # Attributes in Python-Markdown's order (sorted), so the HTML is what `![alt](src){ ... }` gave.
    loading = ' loading="lazy"' if lazy else ""
    return (f'<img alt="{attribute(alt)}" class="ps-figure" height="{height}"{loading} src="{attribute(src)}" '
            f'width="{width}">')


def figure(alt: str, url: dict[str, str], page_dir: str, size: tuple[int, int], first: bool, how: str) -> str:
    """One figure's HTML; `url` maps each variant to its site URL, `first` marks a figure in view on arrival."""
    src = {theme: posixpath.relpath(path, page_dir or ".") for theme, path in url.items()}
    width, height = size
    if how in ("light", "dark"):
        return _img(alt, src[how], width, height, lazy=not first)
    if how == "picture":
        dark = attribute(src["dark"])
        return (f'<picture><source media="(prefers-color-scheme: dark)" srcset="{dark}">'
                f'{_img(alt, src["light"], width, height, lazy=not first)}</picture>')
    # Lazy images that are hidden (the other scheme's variant) are never fetched. A figure in view on arrival
    # loads at once in the default (light) scheme: lazy loading would delay the page's first paint.
    return "\n".join(_img(alt, f"{src[theme]}#only-{theme}", width, height, lazy=not (first and theme == "light"))
                     for theme in ("light", "dark"))


def failure_box(failures: list[str]) -> str:
    """The banner `serve` puts on every page while a producer or marker fails, as a raw HTML block."""
    items = "\n".join(f"<li><code>{attribute(failure)}</code></li>" for failure in failures)
    return (f'<div class="admonition failure">\n<p class="admonition-title">The build failed; this page shows the '
            f"last good outputs</p>\n<ul>\n{items}\n</ul>\n</div>\n\n")
