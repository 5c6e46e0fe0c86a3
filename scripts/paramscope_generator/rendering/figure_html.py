"""A figure's light and dark variants as HTML any theme shows right, and the failure banner, in plain HTML: the
page needs no Markdown extension (attr_list, admonition) for either.

- `light-dark`: both variants, Material's `#only-light` / `#only-dark` URL fragments show exactly one, following
  Material's toggle and the reader's `prefers-color-scheme`;
- `bs-theme`: both variants, classed `ps-only-light` / `ps-only-dark`, and the page's `TOGGLE_CSS` shows exactly one,
  following the built-in `mkdocs` theme's colour toggle (`data-bs-theme` on <html>) and, when the attribute is
  `auto` or absent, `prefers-color-scheme`;
- `picture`: a `<picture>` whose dark `<source>` applies under `prefers-color-scheme: dark` (any other theme);
- `light` or `dark`: that one variant alone.

A figure with a phone variant (paramscope_generator.rendering.phone_relayout) shows it below 600 px: with
`light-dark` as separate
`<img class="ps-narrow">` beside `<img class="ps-wide">` (the page's FIGURE_CSS hides one; the hidden one is lazy
and never fetched, and the lightbox opens the one shown), otherwise as `<source media>` of a `<picture>`.
"""
import posixpath

from paramscope_generator.rendering.phone_relayout import PHONE_MEDIA as PHONE  # plain constants: no matplotlib

MATERIAL = "material"
MKDOCS = "mkdocs"   # the built-in theme: Bootstrap 5.3's colour modes, its toggle sets <html data-bs-theme>

# Hides the variant of the other scheme: the toggle's choice first, the reader's preference when there is none.
# `!important`, because a theme's own rule for its images (`#main-content img {display: block}`) outranks a class.
TOGGLE_CSS = (
    "<style>[data-bs-theme=dark] .ps-only-light,[data-bs-theme=light] .ps-only-dark{display:none!important}"
    "@media (prefers-color-scheme: dark){:root:not([data-bs-theme=light]):not([data-bs-theme=dark]) "
    ".ps-only-light{display:none!important}}"
    "@media not all and (prefers-color-scheme: dark){:root:not([data-bs-theme=light]):not([data-bs-theme=dark]) "
    ".ps-only-dark{display:none!important}}</style>\n")
# Figures scale with the column, and of a figure's wide and phone <img>s (`light-dark`) exactly one shows, the
# lightbox's link around it too: emitted with the figures, so no theme or site stylesheet has to know the classes.
FIGURE_CSS = (
    "<style>img.ps-figure{max-width:100%;height:auto}"
    f"@media {PHONE}{{img.ps-wide,a:has(> img.ps-wide){{display:none!important}}}}"
    f"@media not all and {PHONE}{{img.ps-narrow,a:has(> img.ps-narrow){{display:none!important}}}}</style>\n")


def variants(option: str, theme: str | None) -> str:
    """How figures show for the plugin's `figures:` option on a theme."""
    if option != "auto":
        return option
    return {MATERIAL: "light-dark", MKDOCS: "bs-theme"}.get(theme, "picture")


def themes(how: str) -> tuple[str, ...]:
    """The colour variants a site publishes."""
    return (how,) if how in ("light", "dark") else ("light", "dark")


def attribute(text: str) -> str:
    """Text as a double-quoted attribute value, escaped as Python-Markdown escapes its own."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _img(alt: str, src: str, width: int, height: int, lazy: bool, kind: str = "") -> str:
    # Attributes in Python-Markdown's order (sorted), so the HTML is what `![alt](src){ ... }` gave.
    loading = ' loading="lazy"' if lazy else ""
    return (f'<img alt="{attribute(alt)}" class="ps-figure{kind}" height="{height}"{loading} src="{attribute(src)}" '
            f'width="{width}">')


def figure(alt: str, url: dict[str, str], page_dir: str, size: tuple[int, int], first: bool, how: str,
           narrow: dict[str, str] | None = None, narrow_size: tuple[int, int] | None = None) -> str:
    """One figure's HTML; `url` maps each variant to its site URL, `first` marks a figure in view on arrival;
    `narrow` maps each variant to its phone variant's URL, if it has one."""
    src = {theme: posixpath.relpath(path, page_dir or ".") for theme, path in url.items()}
    phone = {theme: posixpath.relpath(path, page_dir or ".") for theme, path in (narrow or {}).items()}
    width, height = size
    if how in ("light", "dark") or how == "picture":
        sources = [(f"{PHONE} and (prefers-color-scheme: dark)", phone["dark"])] if how == "picture" and phone else []
        sources += [(PHONE, phone[how if how != "picture" else "light"])] if phone else []
        sources += [("(prefers-color-scheme: dark)", src["dark"])] if how == "picture" else []
        img = _img(alt, src[how if how != "picture" else "light"], width, height, lazy=not first)
        if not sources:
            return img
        return "<picture>" + "".join(f'<source media="{m}" srcset="{attribute(s)}">' for m, s in sources) + \
            img + "</picture>"
    # Lazy images that are hidden (the other scheme's variant) are never fetched. A figure in view on arrival
    # loads at once in the default (light) scheme: lazy loading would delay the page's first paint.
    if how == "bs-theme":   # each variant shown by TOGGLE_CSS; a phone variant as its <picture>'s source
        images = [_img(alt, src[theme], width, height, lazy=not (first and theme == "light"), kind=f" ps-only-{theme}")
                  for theme in ("light", "dark")]
        return "\n".join(f'<picture><source media="{PHONE}" srcset="{attribute(phone[theme])}">{img}</picture>'
                         if phone else img for theme, img in zip(("light", "dark"), images))
    wide = " ps-wide" if phone else ""
    images = [_img(alt, f"{src[theme]}#only-{theme}", width, height, lazy=not (first and theme == "light"), kind=wide)
              for theme in ("light", "dark")]
    images += [_img(alt, f"{phone[theme]}#only-{theme}", *narrow_size, lazy=True, kind=" ps-narrow")
               for theme in phone]
    return "\n".join(images)


def with_figure_css(html: str, how: str) -> str:
    """A page's HTML with FIGURE_CSS first when it shows figures, and TOGGLE_CSS when they are `bs-theme` ones
    (each once per page, nothing on a page without figures)."""
    if 'class="ps-figure' not in html:
        return html
    return FIGURE_CSS + (TOGGLE_CSS if how == "bs-theme" and "ps-only-" in html else "") + html


def failure_box(failures: list[str]) -> str:
    """The banner `serve` puts on every page while a producer or marker fails, as a raw HTML block."""
    items = "\n".join(f"<li><code>{attribute(failure)}</code></li>" for failure in failures)
    return (f'<div class="admonition failure">\n<p class="admonition-title">The build failed; this page shows the '
            f"last good outputs</p>\n<ul>\n{items}\n</ul>\n</div>\n\n")
