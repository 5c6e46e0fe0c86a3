"""`paramscope new-term "Name"`: scaffold docs/glossary/<slug>.md and its producer, and add the page to the nav."""
import json
import re
import sys
from pathlib import Path
from string import Template

from paramscope.commands import project

NAV_ENTRY = re.compile(r"^(?P<indent>\s*)- (?:(?P<title>[^:\n]+): )?glossary/(?P<slug>[\w-]+)\.md\s*$")


def add_arguments(parser) -> None:
    parser.add_argument("name", help='the term as it should read, e.g. "Dropout"')
    project.add_argument(parser)


def _fail(message: str) -> int:
    print(f"paramscope new-term: {message}", file=sys.stderr)
    return 2


def add_to_nav(config: Path, title: str, rel: str) -> bool:
    """Append `- title: rel` after the nav's last glossary entry (the end of the reading path); False if none."""
    lines = config.read_text(encoding="utf-8").split("\n")
    entries = [(i, m) for i, line in enumerate(lines) if (m := NAV_ENTRY.match(line)) and m["slug"] != "index"]
    if not entries:
        return False
    at, last = entries[-1]
    shown = json.dumps(title) if re.search(r"[:#\[\]{}&*!|>'\"%@`]", title) else title  # YAML needs quotes
    lines.insert(at + 1, f"{last['indent']}- {shown}: {rel}")
    config.write_text("\n".join(lines), encoding="utf-8")
    return True


def scaffold(root: Path, name: str, templates: Path, producers: Path | None = None) -> tuple[list[Path], bool]:
    """Write the page and the producer from the templates; returns the files and whether the nav was updated."""
    from paramscope.glossary import scan, schema

    name = " ".join(name.split())
    slug = scan.slugify(name)
    if not slug or not schema.SLUG.match(slug):
        raise ValueError(f"cannot make a file name from {name!r}: use letters, digits and spaces")
    producer = slug.replace("-", "_")
    page = root / "docs" / "glossary" / f"{slug}.md"
    script = (producers or root / "scripts" / "producers") / f"{producer}.py"
    for path in (page, script):
        if path.exists():
            raise ValueError(f"{path.relative_to(root)} already exists")
    key = name.casefold()
    for term in schema.terms(schema.load_glossary(root / "docs", root)):
        if key in {n.casefold() for n in [term.name, *term.aliases]}:
            raise ValueError(f"'{name}' is already a term or alias in docs/glossary/{term.target}: improve that "
                             f"page, or scaffold a term the glossary lacks")
    lower = name if any(c.isupper() for c in name[1:]) else name[0].lower() + name[1:]
    values = {"term": name, "lower": lower, "slug": slug, "producer": producer,
              # the same inside front matter: a quoted YAML scalar, and text inside a double-quoted one
              "term_yaml": json.dumps(name), "lower_yaml": json.dumps(lower)[1:-1]}
    page.parent.mkdir(parents=True, exist_ok=True)
    script.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(Template((templates / "glossary-term.md").read_text()).safe_substitute(values))
    script.write_text(Template((templates / "producer.py.template").read_text()).safe_substitute(values))
    nav = (root / "mkdocs.yml").is_file() and add_to_nav(root / "mkdocs.yml", name, f"glossary/{slug}.md")
    return [page, script], nav


def run(args) -> int:
    found = project.find(args)
    root = found.root
    try:
        files, nav = scaffold(root, args.name, found.docs / "templates", found.producers)
    except ValueError as error:
        return _fail(str(error))
    for path in files:
        print(f"created {path.relative_to(root)}")
    page = files[0].relative_to(root / "docs").as_posix()
    if nav:
        print(f"added '{args.name}: {page}' at the end of the reading path in mkdocs.yml's nav: move it to where "
              "a reader has what it needs, and list it at the same place on the home page (docs/index.md)")
    else:
        print(f"add '- {args.name}: {page}' under Glossary in the mkdocs.yml nav")
    print("next: write the summary and the page, compute its numbers in the producer, then preview with "
          "`.venv/bin/paramscope serve` and run `.venv/bin/paramscope check` (CONTRIBUTING.md)")
    return 0
