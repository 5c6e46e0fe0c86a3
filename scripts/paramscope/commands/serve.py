"""`paramscope serve`: compute, then serve with live reload; editing a producer or a module re-runs it."""
import os

from paramscope import paths


def add_arguments(parser):
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)")


def run(args) -> int:
    from mkdocs.commands.serve import serve

    # The hook re-runs stale producers at every (re)build; mkdocs.yml watches scripts/ and snippets/.
    os.environ["PARAMSCOPE_SERVE"] = "1"
    os.chdir(paths.ROOT)
    serve(config_file=str(paths.ROOT / "mkdocs.yml"), dev_addr=args.dev_addr, livereload=True)
    return 0
