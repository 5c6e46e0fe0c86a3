"""`paramscope new-term "Name" [--after TERM]`: scaffold docs/glossary/<slug>.md and its producer, and place the page
on the reading path: in the nav after TERM (by default at the end), which the home page lists with the page's
`path_line:`."""
import json
import re
import sys
from pathlib import Path
from string import Template

from paramscope_generator.api import add_project_option, project_from_args

NAV_ENTRY = re.compile(r"^(?P<indent>\s*)- (?:(?P<title>[^:\n]+): )?glossary/(?P<slug>[\w-]+)\.md\s*$")


def add_arguments(parser) -> None:
    parser.add_argument("name", help='the term as it should read, e.g. "Dropout"')
    parser.add_argument("--after", metavar="TERM",
                        help="the reading-path page it follows (its title or file name, e.g. Neuron or neuron); "
                             "default: the end of the path")
    add_project_option(parser)


def _fail(message: str) -> int:
    print(f"paramscope new-term: {message}", file=sys.stderr)
    return 2


def _is(match, term: str) -> bool:
    """Whether a nav entry is the page `term` names (its title or its file's name)."""
    key = term.casefold().strip()
    return key in {(match["title"] or "").casefold().strip(), match["slug"].casefold()}


def add_to_nav(config: Path, title: str, rel: str, after: str | None = None) -> bool:
    """Insert `- title: rel` after the nav's glossary entry `after` (default: the last, the end of the reading
    path); False if there is none; ValueError when `after` names no entry."""
    lines = config.read_text(encoding="utf-8").split("\n")
    entries = [(i, m) for i, line in enumerate(lines) if (m := NAV_ENTRY.match(line)) and m["slug"] != "index"]
    if not entries:
        return False
    if after is not None:
        found = [e for e in entries if _is(e[1], after)]
        if not found:
            raise ValueError(f"--after {after!r}: no such page in the mkdocs.yml nav (one of "
                             f"{', '.join(m['title'] or m['slug'] for _, m in entries)})")
        entries = found
    at, last = entries[-1]
    shown = json.dumps(title) if re.search(r"[:#\[\]{}&*!|>'\"%@`]", title) else title  # YAML needs quotes
    lines.insert(at + 1, f"{last['indent']}- {shown}: {rel}")
    config.write_text("\n".join(lines), encoding="utf-8")
    return True


def scaffold(root: Path, name: str, templates: Path, producers: Path | None = None,
             after: str | None = None) -> tuple[list[Path], bool]:
    """Write the page and the producer from the templates; returns the files and whether the nav was updated."""
    from paramscope.glossary import meta, model
    from paramscope_generator.api import scan

    name = " ".join(name.split())
    slug = scan.slugify(name)
    if not slug or not model.SLUG.match(slug):
        raise ValueError(f"cannot make a file name from {name!r}: use letters, digits and spaces")
    producer = slug.replace("-", "_")
    page = root / "docs" / "glossary" / f"{slug}.md"
    script = (producers or root / "scripts" / "producers") / f"{producer}.py"
    for path in (page, script):
        if path.exists():
            raise ValueError(f"{path.relative_to(root)} already exists")
    key = name.casefold()
    for term in model.terms(meta.load_glossary(root / "docs", root)):
        if key in {n.casefold() for n in [term.name, *term.aliases]}:
            raise ValueError(f"'{name}' is already a term or alias in docs/glossary/{term.target}: improve that "
                             f"page, or scaffold a term the glossary lacks")
    config = root / "mkdocs.yml"
    if after is not None and config.is_file():  # refuse a wrong --after before writing anything
        entries = [m for line in config.read_text(encoding="utf-8").split("\n") if (m := NAV_ENTRY.match(line))]
        if not any(_is(m, after) for m in entries if m["slug"] != "index"):
            raise ValueError(f"--after {after!r}: no such page in the mkdocs.yml nav (one of "
                             f"{', '.join(m['title'] or m['slug'] for m in entries if m['slug'] != 'index')})")
    lower = name if any(c.isupper() for c in name[1:]) else name[0].lower() + name[1:]
    values = {"term": name, "lower": lower, "slug": slug, "producer": producer,
              # the same inside front matter: a quoted YAML scalar, and text inside a double-quoted one
              "term_yaml": json.dumps(name), "lower_yaml": json.dumps(lower)[1:-1]}
    page.parent.mkdir(parents=True, exist_ok=True)
    script.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(Template((templates / "glossary-term.md").read_text()).safe_substitute(values))
    script.write_text(Template((templates / "producer.py.template").read_text()).safe_substitute(values))
    nav = (root / "mkdocs.yml").is_file() and add_to_nav(root / "mkdocs.yml", name, f"glossary/{slug}.md", after)
    return [page, script], nav


def run(args) -> int:
    found = project_from_args(args)
    root = found.root
    try:
        files, nav = scaffold(root, args.name, found.docs / "templates", found.producers, args.after)
    except ValueError as error:
        return _fail(str(error))
    for path in files:
        print(f"created {path.relative_to(root)}")
    page = files[0].relative_to(root / "docs").as_posix()
    if nav:
        where = f"after {args.after}" if args.after else "at the end"
        print(f"added '{args.name}: {page}' to the reading path {where}, in mkdocs.yml's nav (the home page lists "
              "it): write its line there, `path_line:` in its front matter; move it if a reader needs other pages "
              "first")
    else:
        print(f"add '- {args.name}: {page}' under Glossary in the mkdocs.yml nav")
    print("next: write the summary and the page, compute its numbers in the producer, then preview with "
          "`.venv/bin/paramscope serve` and run `.venv/bin/paramscope check` (CONTRIBUTING.md)")
    return 0
