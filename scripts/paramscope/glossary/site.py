"""The site the glossary's house rules read: mkdocs.yml and the page files as MkDocs listed them
(the generator's `SiteFiles`), every page as the glossary plugin read it (its front matter validated by
glossary.meta) and its body as the generator read it (its `Sources`), and every producer's declarations
(paramscope_generator.api). Each house rule (glossary.rules) is a function of this `Site`; the rules apply only
where mkdocs.yml turns the `paramscope-glossary` plugin on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from paramscope.glossary.model import FOLDER, Page, Problem, index_of, terms
from paramscope_generator.api import Producer, scan

if TYPE_CHECKING:   # the annotations only: SiteFiles is read with MkDocs, which the house rules never import
    from paramscope_generator.api import SiteFiles, Sources


@dataclass
class Site:
    root: Path
    docs: Path
    config_path: str
    config: dict                            # MkDocs' validated config
    nav: list[tuple[str, int]] | None  # (docs-relative path, mkdocs.yml line); None when mkdocs.yml has no nav
    pages: dict[str, Page] = field(default_factory=dict)  # by docs-relative path
    bodies: dict[str, scan.Body] = field(default_factory=dict)
    not_in_nav: set[str] = field(default_factory=set)     # pages mkdocs.yml's `not_in_nav` lets out of the nav
    other_files: list[Path] = field(default_factory=list)  # non-Markdown files under docs/
    producers: dict[str, Producer] = field(default_factory=dict)
    producers_dir: str = "scripts/producers"  # as printed in messages
    page_problems: list[Problem] = field(default_factory=list)  # the front matter schema's: a house rule
    claimed: set[str] | None = None         # under the house rules every `{{ ... }}` is a marker
    folder: str = FOLDER   # the glossary plugin's `folder` option, docs-relative, ending in '/'

    @property
    def index(self) -> str:
        """The docs-relative path of the A-Z index page."""
        return index_of(self.folder)

    def glossary(self) -> list[Page]:
        return [p for p in self.pages.values() if p.glossary]


def load(files: SiteFiles, sources: Sources, read: dict[str, tuple[Page, list[Problem]]], folder: str) -> Site:
    """The glossary's view of a site: `files` as the generator read them with MkDocs (root, docs, config, nav,
    not_in_nav, other_files), `sources` as its checks loaded them (bodies, producers), `read` every page by
    docs-relative path with its front matter's problems (glossary.meta.read_file), `folder` the glossary's."""
    site = Site(files.root, files.docs, files.config_path, files.config, files.nav, bodies=sources.bodies,
                not_in_nav=set(files.not_in_nav), other_files=list(files.other_files), producers=sources.producers,
                producers_dir=sources.producers_dir, claimed=sources.claimed, folder=folder)
    for rel, (page, found) in read.items():
        site.pages[rel] = page
        site.page_problems += found
    return site


def anchors_of(site: Site, rel: str) -> set[str]:
    """The ids a link may name on a page: its headings' and attributes', the generated \"Related terms\" of a
    glossary page, and the index's letters and term ids."""
    ids = scan.anchors(site.bodies[rel])
    page = site.pages[rel]
    if page.glossary:
        ids.add("related-terms")
    if rel == site.index:
        ids.update(scan.slugify(t.name[0]) for p in site.glossary() if p.term for t in [p.term, *p.sections])
        ids.update(t.index_id for t in terms([*site.glossary(), page]))
    return ids
