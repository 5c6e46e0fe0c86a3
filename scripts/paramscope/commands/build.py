"""`paramscope build`: check the sources, run stale producers, then `mkdocs build --strict` into site/."""
import os
import subprocess
import sys
from pathlib import Path

from paramscope import paths


def add_arguments(parser):
    parser.add_argument("--site-dir", default=None, help="where to write the site (default: site/)")
    parser.add_argument("--skip-check", action="store_true", help="do not run `paramscope check` first")


def source_date_epoch() -> str:
    """The last commit's time, so that dates MkDocs writes (sitemap) are the same in every build of a commit."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=paths.ROOT, capture_output=True, text=True)
        return out.stdout.strip() or "0"
    except OSError:
        return "0"


def mkdocs_build(site_dir: str | None = None) -> int:
    """Build in-process (`mkdocs build --strict` without a second interpreter start) into a staging folder,
    then swap it in: a failed build leaves the previous site/ as it was."""
    import shutil

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch())
    _log_like_mkdocs()
    target = Path(site_dir).resolve() if site_dir else paths.SITE
    staging = target.with_name(f".{target.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        config = load_config(str(paths.ROOT / "mkdocs.yml"), strict=True, site_dir=str(staging))
        build(config)
    except MkDocsException as error:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"build: {error} (the lines above say where; {target} is unchanged)", file=sys.stderr)
        return 1
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
    print(f"build: site written to {target}")
    return 0


def _log_like_mkdocs() -> None:
    """Show MkDocs' own warnings and errors as its command line would (they carry the page and line)."""
    import logging

    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_paramscope", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._paramscope = True
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def run(args) -> int:
    from paramscope.commands import compute
    from paramscope.pipeline import runner

    if not args.skip_check:
        from paramscope.glossary.check import check_site

        problems = check_site(paths.ROOT)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print(f"build: {len(problems)} problem(s) in the sources (see CONTRIBUTING.md); nothing was built",
                  file=sys.stderr)
            return 1
    status = compute.report(runner.compute())
    if status != 0:
        print("build: a producer failed; the site was not built (previous outputs are kept)", file=sys.stderr)
        return status
    return mkdocs_build(args.site_dir)
