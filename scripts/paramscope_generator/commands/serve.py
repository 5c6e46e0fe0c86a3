"""`paramscope serve`: MkDocs' live-reloading server at http://127.0.0.1:8000/ (the paramscope plugin re-runs a
producer when it, a module it imports or a file it reads changes; a failure is shown on the pages)."""
import os

from paramscope_generator.commands import project


def add_arguments(parser):
    project.add_argument(parser)
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000",
                        help="address to serve on (default 127.0.0.1:8000)")


def run(args) -> int:
    from mkdocs.commands.serve import serve

    from paramscope_generator.commands.build import _log_like_mkdocs

    found = project.find(args)
    os.chdir(found.root)
    _log_like_mkdocs()
    # Served at the root of the address, not under site_url's path (/paramscope/): the address printed is the site.
    address = f"http://{args.dev_addr}/"
    print(f"serve: computing what is stale, then serving {found.relative(found.config_file)} at {address}", flush=True)
    serve(config_file=str(found.config_file), dev_addr=args.dev_addr, livereload=True, site_url=address)
    return 0
