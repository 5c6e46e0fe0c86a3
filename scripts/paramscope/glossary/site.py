"""The site `paramscope check` reads: mkdocs.yml (with each nav entry's line), every page under docs/ read once
(front matter through the glossary's schema, the body through markdown.scan) and every producer's declarations.
Each house rule (glossary.rules) is a function of this `Site`; whether those rules apply at all is whether
mkdocs.yml turns the `paramscope-glossary` plugin on (glossary_on).
"""
import re
from dataclasses import dataclass, field
from pathlib import Path

import pathspec
import yaml

from paramscope import paths
from paramscope.glossary import schema
from paramscope.glossary.schema import LOADER, Page, Problem, read_page
from paramscope.pipeline import declared
from paramscope.markdown import scan

INDEX = schema.INDEX
DEFAULT_EXCLUDE = [".*", "/templates/"]  # MkDocs' own default for exclude_docs
GLOSSARY_PLUGIN = "paramscope-glossary"


@dataclass
class Site:
    root: Path
    docs: Path
    config_path: str
    config: dict
    nav: list[tuple[str, int]] | None  # (docs-relative path, mkdocs.yml line); None when mkdocs.yml has no nav
    pages: dict[str, Page] = field(default_factory=dict)  # by docs-relative path
    bodies: dict[str, scan.Body] = field(default_factory=dict)
    other_files: list[Path] = field(default_factory=list)  # non-Markdown files under docs/
    producers: dict[str, declared.Producer] = field(default_factory=dict)
    producers_dir: str = "scripts/producers"  # as printed in messages
    problems: list[Problem] = field(default_factory=list)
    page_problems: list[Problem] = field(default_factory=list)  # the front matter schema's: a house rule
    # The `{{ ... }}` that are markers: those naming a producer (or `figure`), as the plugin resolves them; under
    # the house rules (None) every one, so that a mistyped producer is reported, not left in the page as text.
    claimed: set[str] | None = None

    def glossary(self) -> list[Page]:
        return [p for p in self.pages.values() if p.glossary]


def _nav_entries(node) -> list[tuple[str, int]]:
    found = []
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += _nav_entries(item)
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            found += _nav_entries(value)
    elif isinstance(node, yaml.ScalarNode) and not re.match(r"^[a-z][a-z0-9+.-]*:|^/", node.value):
        found.append((node.value, node.start_mark.line + 1))
    return found


def load(root: Path, stored: bool = True) -> Site:
    """Read mkdocs.yml, every page under docs/ and every producer."""
    problems: list[Problem] = []
    config_file = root / "mkdocs.yml"
    config, nav = {}, None
    try:
        node = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=LOADER)
        config = paths.plain_yaml(node) if isinstance(node, yaml.MappingNode) else {}
        for key, value in node.value if isinstance(node, yaml.MappingNode) else []:
            if key.value == "nav":
                nav = _nav_entries(value)
    except FileNotFoundError:
        problems.append(Problem("mkdocs.yml", 1, "mkdocs.yml is missing"))
    except yaml.MarkedYAMLError as e:
        problems.append(Problem("mkdocs.yml", (e.problem_mark.line + 1) if e.problem_mark else 1,
                                f"not valid YAML: {e.problem}"))
    docs = root / str(config.get("docs_dir") or "docs")
    site = Site(root, docs, "mkdocs.yml", config, nav, problems=problems)
    exclude = pathspec.GitIgnoreSpec.from_lines(DEFAULT_EXCLUDE + str(config.get("exclude_docs") or "").splitlines())
    for file in sorted(docs.rglob("*")):
        rel = file.relative_to(docs).as_posix()
        if not file.is_file() or exclude.match_file(rel):
            continue
        if file.suffix != ".md":
            site.other_files.append(file)
            continue
        page, found = read_page(docs, file, root)
        site.pages[rel] = page
        site.bodies[rel] = scan.read(page.body, page.body_line)
        site.page_problems += found
    project = paths.find(config_file)   # stored outputs are read from this project's cache
    site.producers, found = declared.read_producers(project.producers, root, stored, project,
                                                    house=glossary_on(config))
    site.producers_dir = project.relative(project.producers)
    site.claimed = None if glossary_on(config) else set(site.producers)
    problems += found
    return site


def glossary_on(config: dict) -> bool:
    """Whether mkdocs.yml's `plugins:` has the glossary plugin (and not `enabled: false`)."""
    for entry in config.get("plugins") or []:
        if entry == GLOSSARY_PLUGIN:
            return True
        if isinstance(entry, dict) and GLOSSARY_PLUGIN in entry:
            options = entry[GLOSSARY_PLUGIN] or {}
            return not isinstance(options, dict) or options.get("enabled", True) is not False
    return False


def anchors_of(site: Site, rel: str) -> set[str]:
    """The ids a link may name on a page: its headings' and attributes', the generated \"Related terms\" of a
    glossary page, and the index's letters and term ids."""
    ids = scan.anchors(site.bodies[rel])
    page = site.pages[rel]
    if page.glossary:
        ids.add("related-terms")
    if rel == INDEX:
        ids.update(scan.slugify(t.name[0]) for p in site.glossary() if p.term for t in [p.term, *p.sections])
        ids.update(t.index_id for t in schema.terms([*site.glossary(), page]))
    return ids
