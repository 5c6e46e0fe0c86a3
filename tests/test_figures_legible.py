"""Figures as readers see them in the built site: text large enough in the 688 px column and in a 375 px phone's
343 px column, one colour per kind.

Measured from the files, without a browser: an <img> in the built HTML, its width attribute, and the SVG it shows
(tests/browser/test_site_phone.py measures the same in Chromium). On a phone the page shows a figure's narrow
variant (`-narrow-` in its name, class ps-narrow) when it has one, the wide one otherwise.
"""
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from paramscope.figures import style

# Every test here reads the built site, which the `site` fixture builds when a source is newer than it.
pytestmark = pytest.mark.slow

COLUMN_PX = 688     # Material's content column at 1280 px
PHONE_PX = 343      # Material's content column at 375 px (16 px margins)
MIN_PX = 11         # issues 11 and 21: the smallest text of every figure, in CSS px at either column
SVG = "{http://www.w3.org/2000/svg}"


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.found.append(dict(attrs))


def figures(site: Path, phone: bool = False) -> list[tuple[str, Path, float | None]]:
    """(page, SVG file, width attribute or None) for every computed SVG figure shown on a page: on a desktop (wide
    variants) or on a phone (the narrow variant where a figure has one)."""
    found = []
    for html in sorted(site.rglob("*.html")):
        parser = _Images()
        parser.feed(html.read_text(encoding="utf-8"))
        for img in parser.found:
            src = (img.get("src") or "").split("#")[0]
            if "assets/figures/" not in src or not src.endswith(".svg"):
                continue
            if "ps-narrow" in (img.get("class") or "").split() and not phone or \
                    "ps-wide" in (img.get("class") or "").split() and phone:
                continue
            svg = (html.parent / src).resolve()
            width = float(img["width"]) if re.fullmatch(r"\d+(\.\d+)?", img.get("width") or "") else None
            found.append((html.relative_to(site).as_posix(), svg, width))
    return found


def _scale(transform: str | None) -> float:
    """The factor a transform attribute scales text by (matplotlib uses scale() and matrix() rarely)."""
    if not transform:
        return 1.0
    factor = 1.0
    for name, args in re.findall(r"(scale|matrix)\(([^)]*)\)", transform):
        numbers = [float(n) for n in re.split(r"[\s,]+", args.strip()) if n]
        if name == "scale":
            factor *= abs(numbers[0])
        else:  # matrix(a b c d e f): the x scale of the text's advance
            factor *= (numbers[0] ** 2 + numbers[1] ** 2) ** 0.5
    return factor


def _font_sizes(node: ET.Element, scale: float = 1.0):
    """(font size in viewBox units, text) of every text element with visible characters."""
    scale *= _scale(node.get("transform"))
    if node.tag == SVG + "text" and "".join(node.itertext()).strip():
        match = re.search(r"font-size:\s*([\d.]+)px", node.get("style") or "") or \
            re.search(r"font:\s*(?:\w+\s+)*?([\d.]+)px", node.get("style") or "")
        if match:
            size = float(match.group(1))
        else:   # matplotlib's mathtext: a <text> of <tspan>s, each with its own size (an exponent at 70 %)
            spans = [float(m.group(1)) for span in node.iter(SVG + "tspan")
                     if (m := re.search(r"font-size:\s*([\d.]+)px", span.get("style") or ""))]
            size = min(spans) if spans else float(node.get("font-size", "nan"))
        yield size * scale, "".join(node.itertext()).strip()
    for child in node:
        yield from _font_sizes(child, scale)


def _svg_width(root: ET.Element) -> tuple[float, float]:
    """(viewBox width, natural width in CSS px) of an SVG (matplotlib writes its size in points)."""
    view = float(root.get("viewBox").split()[2])
    value, unit = re.fullmatch(r"([\d.]+)(\w*)", root.get("width")).groups()
    natural = float(value) * {"pt": 4 / 3, "px": 1, "": 1, "in": 96}[unit]
    return view, natural


def declared_at(svg: Path) -> str:
    """Where the figure is drawn: the producer's file and the line of its out.figure(...), from the stored outputs."""
    from paramscope_generator.cache import store

    from support import PROJECT

    producer, stem = svg.parent.name, re.sub(r"(-narrow)?-(light|dark)$", "", svg.stem)
    fig = store.load(PROJECT).figures.get(f"{producer}.{stem}")
    where = PROJECT.relative(PROJECT.producers / f"{producer}.py")
    return f"{where}:{fig.line}" if fig and fig.line else f"{where} (figure {stem!r})"


def too_small(site: Path, phone: bool) -> list[str]:
    column = PHONE_PX if phone else COLUMN_PX
    small = []
    for page, svg, width in figures(site, phone):
        root = ET.parse(svg).getroot()
        view, natural = _svg_width(root)
        rendered = min(width or natural, column)
        size, text = min(_font_sizes(root), default=(float("inf"), ""))
        px = size * rendered / view
        if px < MIN_PX:
            small.append(f"{declared_at(svg)}: {svg.name} on {page} is shown {rendered:.0f} px wide"
                         f"{' on a 375 px phone' if phone else ''}: {text!r} is {px:.1f} px")
    return sorted(set(small))


def test_every_figure_text_is_at_least_11_px_in_the_column(site):
    assert figures(site), "no page shows an SVG figure from assets/figures/"
    small = too_small(site, phone=False)
    assert not small, f"{len(small)} figures have text under {MIN_PX} px:\n" + "\n".join(small)


def test_every_figure_text_is_at_least_11_px_on_a_phone(site):
    """At 375 px a figure is shown at most 343 px wide: its narrow variant
    (paramscope_generator.rendering.phone_relayout) is drawn for that column; a figure
    without one must be legible there as it is."""
    shown = figures(site, phone=True)
    assert any("-narrow-" in svg.name for _, svg, _ in shown), "no page shows a narrow variant on a phone"
    small = too_small(site, phone=True)
    assert not small, f"{len(small)} figures have text under {MIN_PX} px on a phone:\n" + "\n".join(small)


def _colour(style_attr: str) -> str | None:
    """The fill of a legend handle, or its stroke when it has no fill (a line), lower-case #rrggbb."""
    props = dict(re.findall(r"([\w-]+):\s*([^;]+)", style_attr or ""))
    for key in ("fill", "stroke"):
        value = props.get(key, "").strip().lower()
        if re.fullmatch(r"#[0-9a-f]{6}", value):
            return value
    return None


def _kind_named(text: str) -> str | None:
    """The kind a legend entry names: its text is the kind's label, alone or followed by ':' or ' ('."""
    for kind, label in style.KIND_LABELS.items():
        if re.fullmatch(rf"{re.escape(label)}(?:\s*[:(].*)?", text.strip(), re.I | re.S):
            return kind
    return None


def legend_kinds(svg: Path) -> list[tuple[str, str | None]]:
    """(kind, handle colour) for every legend entry of a matplotlib SVG that names a kind of parameter."""
    root = ET.parse(svg).getroot()
    found = []
    for legend in root.iter(SVG + "g"):
        if not (legend.get("id") or "").startswith("legend_"):
            continue
        handle = None
        for group in legend:
            texts = [t for t in group.iter(SVG + "text")]
            if texts:
                kind = _kind_named("".join(texts[0].itertext()))
                if kind:
                    found.append((kind, handle))
                handle = None
            else:
                shapes = [s for s in group.iter() if s.tag in (SVG + "path", SVG + "use", SVG + "rect")]
                colours = [c for s in shapes if (c := _colour(s.get("style")))]
                handle = colours[0] if colours else handle
    return found


def test_every_legend_that_names_a_kind_uses_its_palette_colour(site):
    checked, wrong = 0, []
    for page, svg, _ in figures(site):
        for variant in {svg, svg.with_name(svg.name.replace("-light.svg", "-dark.svg"))}:
            if not variant.exists():
                continue
            for kind, colour in legend_kinds(variant):
                checked += 1
                if colour != style.KIND_COLORS[kind].lower():
                    wrong.append(f"{page}: {variant.name}: {style.KIND_LABELS[kind]!r} is drawn {colour}, "
                                 f"not {style.KIND_COLORS[kind]} (paramscope.figures.style.KIND_COLORS)")
    assert checked, "no figure legend names a kind of parameter: the check would pass on any colours"
    assert not wrong, "\n".join(sorted(set(wrong)))


class _Code(HTMLParser):
    """Code blocks of a page: (lines, inside <details>, first line)."""

    def __init__(self):
        super().__init__()
        self.blocks: list[tuple[int, bool, str]] = []
        self.details = 0
        self.pre = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "details":
            self.details += 1
        elif tag == "pre":
            self.pre += 1
            self.text = []

    def handle_endtag(self, tag):
        if tag == "details":
            self.details -= 1
        elif tag == "pre" and self.pre:
            self.pre -= 1
            code = "".join(self.text).strip("\n")
            lines = code.split("\n")
            self.blocks.append((len(lines), self.details > 0, lines[0].strip()[:60]))

    def handle_data(self, data):
        if self.pre:
            self.text.append(data)


def test_no_code_block_over_15_lines_in_the_reading_flow(site):
    pages = [p for p in sorted((site / "glossary").glob("*/index.html"))]
    assert pages, "no glossary page in the built site"
    long = []
    for html in pages:
        parser = _Code()
        parser.feed(html.read_text(encoding="utf-8"))
        long += [f"{html.parent.relative_to(site)}/: a {n}-line code block ({first!r}…) outside <details>"
                 for n, folded, first in parser.blocks if n > 15 and not folded]
    assert not long, "\n".join(long)
