"""`paramscope build`: `paramscope check`, then the MkDocs build (whose paramscope plugin computes what is stale).

The same as `mkdocs build --strict` after a check, byte for byte; a failure leaves the previous site/ in place.
"""
import os
import sys
from pathlib import Path

from paramscope_generator.commands import project


def add_arguments(parser):
    project.add_argument(parser)
    parser.add_argument("-d", "--site-dir", default=None, help="where to write the site (default: site_dir, site/)")
    parser.add_argument("--skip-check", action="store_true", help="do not run `paramscope check` first")
    parser.add_argument("--cache-dir", default=None, help="cache folder (default: the plugin's, .cache/paramscope)")


def mkdocs_build(config_file: Path, target: Path, cache_dir: str | None = None) -> int:
    """`mkdocs build --strict` in-process into a staging folder, then swapped in: a failed build leaves the
    previous site as it was."""
    import shutil

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _log_like_mkdocs()
    staging = target.with_name(f".{target.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    # Dates MkDocs writes (the sitemap) are the last commit's, for this build only: two builds of one commit
    # give the same bytes. (The plugin itself leaves the process's environment alone.)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch or source_date_epoch(config_file.parent)
    try:
        config = load_config(str(config_file), strict=True, site_dir=str(staging))
        if cache_dir and "paramscope" in config.plugins:
            config.plugins["paramscope"].config.cache_dir = str(Path(cache_dir).resolve())
        build(config)
    except MkDocsException as error:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"ERROR    -  {error}", file=sys.stderr)
        print(f"build: failed ({target} is unchanged)", file=sys.stderr)
        return 1
    finally:
        if epoch is None:
            del os.environ["SOURCE_DATE_EPOCH"]
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
    print(f"build: site written to {target}")
    return 0


def source_date_epoch(root: Path) -> str:
    """The last commit's time, or 0 outside a git checkout."""
    import subprocess

    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True)
        return out.stdout.strip() or "0"
    except OSError:
        return "0"


def _log_like_mkdocs() -> None:
    """Show MkDocs' own messages as its command line would (they carry the page and line)."""
    import logging

    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_paramscope", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._paramscope = True
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def run(args) -> int:
    found = project.find(args, args.cache_dir)
    if not args.skip_check:
        from paramscope_generator.commands.check import check_site

        problems = check_site(found.root)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print(f"build: {len(problems)} problem(s) in the sources (see CONTRIBUTING.md); nothing was built",
                  file=sys.stderr)
            return 1
    target = Path(args.site_dir).resolve() if args.site_dir else found.site
    return mkdocs_build(found.config_file, target, args.cache_dir)
