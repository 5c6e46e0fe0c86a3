"""House rules about what a page points at: links to other pages go to their .md files and name anchors that
exist there (MkDocs can then check them, and they survive a site path); every image has alt text; every snippet
`--8<--` includes a file, and a section of it, that exist under the snippets' base paths.
"""
import difflib
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from paramscope.glossary.model import Problem
from paramscope.glossary.site import Site, anchors_of
from paramscope_generator.api import hint, scan

GENERATED = ("assets/figures/", "data/", "facts.json")  # written by the generator at build time
SNIPPET_LINE = re.compile(r"^[ \t]*-+8<-+[ \t]+(?:\"([^\"\n]+)\"|'([^'\n]+)')[ \t]*$")
SNIPPET_SECTION = re.compile(r"(?i):([a-z][-_0-9a-z]*)$")
SNIPPET_LINES = re.compile(r"(?::-?[0-9]*){1,2}(?:,-?[0-9]*(?::-?[0-9]*)?)*$")


def check_links(site: Site) -> list[Problem]:
    """Links between pages (to their .md files) and their #anchors."""
    problems, cache = [], {}
    for rel, body in site.bodies.items():
        path = site.pages[rel].path
        for index, target in scan.links(body):
            if target.startswith("/") and not target.startswith("//"):
                problems.append(Problem(path, body.lineno(index), f"absolute link '{target}': MkDocs cannot check "
                                        f"it and it breaks under a site path; link to the .md file relative to this "
                                        f"page, e.g. '{_relative_suggestion(rel, target)}'"))
                continue
            if not target or re.match(r"^[a-z][a-z0-9+.-]*:|^//", target) or "{{" in target:
                continue
            url, _, anchor = target.partition("#")
            url = unquote(url)
            if not url:
                dest = rel
            else:
                dest = posixpath.normpath(posixpath.join(posixpath.dirname(rel), url))
                if not url.endswith(".md"):
                    if url.endswith("/") or "." not in posixpath.basename(url):
                        problems.append(Problem(path, body.lineno(index), f"link '{target}' points at a URL, not a "
                                                f"page: link to the .md file so the build can check it"))
                    elif dest.startswith("../"):
                        problems.append(Problem(path, body.lineno(index), f"link '{target}' leaves docs/, so the "
                                                f"site has no such file: link to it on GitHub instead"))
                    elif not dest.startswith(GENERATED) and not (site.docs / dest).is_file():
                        problems.append(Problem(path, body.lineno(index), f"broken link '{target}': no file "
                                                f"docs/{dest}"))
                    continue
                if dest not in site.pages:
                    problems.append(Problem(path, body.lineno(index), f"broken link '{target}': no page "
                                            f"docs/{dest}" + _page_hint(site, rel, dest)))
                    continue
            if anchor and not anchor.startswith(("fn:", "fnref:")):
                if dest not in cache:
                    cache[dest] = anchors_of(site, dest)
                if anchor not in cache[dest]:
                    problems.append(Problem(path, body.lineno(index), f"broken anchor '{target}': no heading or id "
                                            f"'{anchor}' in docs/{dest}" + hint(anchor, sorted(cache[dest]))))
    return problems


def _page_hint(site: Site, rel: str, dest: str) -> str:
    """Suggest a page with a similar file name, as a link relative to the page that has the broken one."""
    stems = {}
    for page in sorted(site.pages):
        stems.setdefault(posixpath.basename(page)[:-3], page)
    close = difflib.get_close_matches(posixpath.basename(dest)[:-3], list(stems), n=1, cutoff=0.6)
    return f"; did you mean '{posixpath.relpath(stems[close[0]], posixpath.dirname(rel) or '.')}'?" if close else ""


def _relative_suggestion(rel: str, target: str) -> str:
    url, _, anchor = target.lstrip("/").partition("#")
    url = url.rstrip("/")
    page = url if url.endswith(".md") or "." in posixpath.basename(url) else (f"{url}.md" if url else "index.md")
    suggestion = posixpath.relpath(page, posixpath.dirname(rel) or ".")
    return suggestion + (f"#{anchor}" if anchor else "")


def check_images(site: Site) -> list[Problem]:
    """Every image has alt text (figures from producers get theirs from out.figure(..., alt=...))."""
    return [Problem(site.pages[rel].path, body.lineno(index), f"image '{src}' has no alt text: describe what it "
                    f"shows, ![like this]({src})")
            for rel, body in site.bodies.items() for index, src in scan.images_without_alt(body)]


def _snippet_bases(site: Site) -> list[Path]:
    if "pymdownx.snippets" in (site.config.get("markdown_extensions") or []):
        base = (site.config["mdx_configs"].get("pymdownx.snippets") or {}).get("base_path", ["."])
        return [site.root / b for b in ([base] if isinstance(base, str) else base)]
    return [site.root]


def check_snippets(site: Site) -> list[Problem]:
    """Included files exist under the snippets base paths, and so do the named sections in them."""
    problems, bases = [], _snippet_bases(site)
    shown = ", ".join(b.relative_to(site.root).as_posix() or "." for b in bases if b.is_relative_to(site.root))
    for rel, body in site.bodies.items():
        for index, line in enumerate(body.lines):
            match = SNIPPET_LINE.match(line) if "8<-" in line else None
            if not match or re.match(r"^[a-z]+://", spec := match.group(1) or match.group(2)):
                continue
            section = SNIPPET_SECTION.search(spec)
            name = spec[: section.start()] if section else SNIPPET_LINES.sub("", spec)
            file = next((b / name for b in bases if (b / name).is_file()), None)
            path, line = site.pages[rel].path, body.lineno(index)
            if file is None:
                problems.append(Problem(path, line, f"snippet '{name}' not found (looked in {shown})"))
                continue
            if not section:
                continue
            key = section.group(1)
            start = rf"-+8<-+[ \t]+\[[ \t]*start[ \t]*:[ \t]*{re.escape(key)}[ \t]*\]"
            if not re.search(start, file.read_text(encoding="utf-8", errors="replace"), re.I):
                problems.append(Problem(path, line, f"snippet section '{key}' not found in {name}: mark it with "
                                        f"'# --8<-- [start:{key}]' and '# --8<-- [end:{key}]'"))
    return problems
