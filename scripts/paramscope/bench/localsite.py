"""The built site served on 127.0.0.1, for the browser tests and the page benchmark; its pages and their files."""
import contextlib
import functools
import gzip
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from paramscope_generator.api import find_project

# Where Chromium is: $PARAMSCOPE_CHROMIUM, else the first of these names on PATH.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# The flags Chromium needs in a container as root without a GPU: no sandbox (root has none), no GPU process, and no
# first-run, update, sync or background network traffic (each launcher adds its own fresh --user-data-dir).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


class ChromiumMissing(RuntimeError):
    """No Chromium where $PARAMSCOPE_CHROMIUM says, or none on PATH."""


def chromium() -> Path:
    """The Chromium executable the browser tests and benchmarks drive."""
    if named := os.environ.get("PARAMSCOPE_CHROMIUM"):
        if not Path(named).is_file():
            raise ChromiumMissing(f"PARAMSCOPE_CHROMIUM={named} is not a file: point it at a Chromium executable")
        return Path(named)
    for name in CHROMIUM_NAMES:
        if found := shutil.which(name):
            return Path(found)
    raise ChromiumMissing(f"no Chromium on PATH (looked for {', '.join(CHROMIUM_NAMES)}): run "
                          f"scripts/install-browser.sh, or set PARAMSCOPE_CHROMIUM to its executable")


# The theme's files, which every page shares (figures live in assets/figures/ but belong to their pages).
THEME_FILES = ("assets/javascripts/", "assets/stylesheets/", "assets/images/", "search/")
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".ipynb", ".txt", ".map"}


SOURCES = ("docs", "snippets", "scripts", "mkdocs.yml", "pyproject.toml")   # what a build reads, under the root
NOT_SOURCES = {"node_modules", "__pycache__"}   # installed or compiled, not written by hand


def newest_source(root: Path) -> float:
    """The latest modification time of any file the site is built from (0 when there is none)."""
    newest = 0.0
    for name in SOURCES:
        top = root / name
        if top.is_file():
            newest = max(newest, top.stat().st_mtime)
        for folder, dirs, files in os.walk(top):     # os.walk does not follow the node_modules links
            dirs[:] = [d for d in dirs if d not in NOT_SOURCES]
            newest = max([newest, *(os.stat(os.path.join(folder, f)).st_mtime for f in files)])
    return newest


def stale(site: Path, root: Path) -> bool:
    """Whether `site` is missing or older than a source it is built from: a test must never read an old site."""
    index = site / "index.html"
    return not index.exists() or index.stat().st_mtime < newest_source(root)


def ensure_built(site: Path | None = None) -> Path:
    """The built site: site/, built with `paramscope build` (cached: quick when warm) whenever a source is newer
    than it; or $PARAMSCOPE_SITE, a site built elsewhere, used as it is. Raises RuntimeError on failure."""
    if site is None and "PARAMSCOPE_SITE" in os.environ:
        site = Path(os.environ["PARAMSCOPE_SITE"])
        if not (site / "index.html").exists():
            raise RuntimeError(f"PARAMSCOPE_SITE={site} holds no built site (no index.html)")
        return site
    project = find_project()  # the project of the working directory, as `paramscope build` finds it
    site = site or project.site
    if stale(site, project.root):
        done = subprocess.run([sys.executable, "-m", "paramscope", "build"], cwd=project.root,
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"paramscope build failed ({done.returncode}):\n"
                               f"{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return site


def pages(site: Path) -> list[str]:
    """Every page of the built site as a URL path ('' for home, 'glossary/bias/' ...), sorted."""
    found = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site)
        if rel.as_posix().startswith(THEME_FILES) or rel.parts[0] == "assets" or rel.name == "404.html":
            continue
        found.append(rel.as_posix().removesuffix("index.html"))
    return found


def file_for(site: Path, url: str) -> Path | None:
    """The file under site/ that a local URL serves, or None."""
    path = unquote(urlsplit(url).path).lstrip("/")
    target = site / path
    if path == "" or path.endswith("/"):
        target = target / "index.html"
    return target if target.is_file() else None


@functools.lru_cache(maxsize=1024)
def _gzipped(path: str, mtime_ns: int, size: int) -> bytes:
    """A file's gzipped bytes, compressed once per version of the file: a static host serves stored compressed
    files, and compressing on every request would take the CPU a page load is measured on."""
    return gzip.compress(Path(path).read_bytes(), mtime=0)


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves site/ quietly and as a static host such as GitHub Pages does: text gzipped, cached for ten minutes.

    The sitemap's URLs are moved from site_url to this server: Material's instant navigation only intercepts links
    found in sitemap.xml, and it rebases their protocol and host name but not the port, so without this every
    link would be a full reload on a test port.
    """

    def log_message(self, format, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def do_GET(self):
        url_path = urlsplit(self.path).path
        if url_path == "/sitemap.xml":
            text = (Path(self.directory) / "sitemap.xml").read_text(encoding="utf-8")
            locs = re.findall(r"<loc>(.*?)</loc>", text)
            home = min(locs, key=len) if locs else ""          # site_url itself: the home page's address
            body = text.replace(f"<loc>{home}", f"<loc>http://{self.headers['Host']}/").encode()
            gzipped = "gzip" in self.headers.get("Accept-Encoding", "")
            return self._send(gzip.compress(body, mtime=0) if gzipped else body, "application/xml", gzipped)
        target = file_for(Path(self.directory), url_path)
        if target is None or target.suffix not in COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().do_GET()                           # also answers directory redirects and 404s
        stat = target.stat()
        self._send(_gzipped(str(target), stat.st_mtime_ns, stat.st_size), self.guess_type(str(target)), gzipped=True)

    def _send(self, body: bytes, content_type: str, gzipped: bool) -> None:
        """Answer 200 with `body` as it is, labelled gzip-encoded when it is."""
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve site/ from a thread on a free port; yields the base URL, http://127.0.0.1:PORT/."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
