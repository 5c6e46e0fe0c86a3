"""`-f FILE` for every command that works on a project: the nearest mkdocs.yml upward from here, as MkDocs finds it."""
import sys
from pathlib import Path

from paramscope_generator import paths


def add_argument(parser) -> None:
    parser.add_argument("-f", "--config-file", metavar="FILE",
                        help="the project's mkdocs.yml (default: the nearest one in this folder or above)")


def find(args, cache_dir: str | None = None) -> paths.Project:
    """The project named by -f, or found from the working directory; exits with one line when there is none."""
    if args.config_file and not Path(args.config_file).is_file():
        print(f"paramscope: {args.config_file}: no such file (-f names the project's mkdocs.yml)", file=sys.stderr)
        raise SystemExit(2)
    try:
        return paths.find(args.config_file, cache_dir)
    except paths.ProjectNotFound as error:
        print(f"paramscope: {error}", file=sys.stderr)
        raise SystemExit(2) from None
