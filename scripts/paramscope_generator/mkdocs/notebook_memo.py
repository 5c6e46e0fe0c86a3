"""strip() remembered between builds: a notebook page's stripped HTML kept on disk under the hash of what
mkdocs-jupyter rendered and of the code that strips it, so a build that changed no notebook reads 18 small files
instead of parsing 16 MB of HTML again (about 1.8 s of a 4 s warm build on this site).

A file that cannot be read is stripped again and written anew; a file is written whole or not at all (written
beside, then renamed); files no page asked for in a build are deleted at its end, as mkdocs-jupyter evicts its own.
"""
import hashlib
import os
from pathlib import Path

from paramscope_generator import html_tags
from paramscope_generator.mkdocs import notebook_pages

# What strip() does is decided by these two files: an edit to either makes every stored page stale.
_CODE = hashlib.sha256(b"".join(Path(m.__file__).read_bytes() for m in (html_tags, notebook_pages))).hexdigest()


class StripMemo:
    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[Path] = set()

    def strip(self, html: str) -> str:
        """notebook_pages.strip(html), from the folder when this HTML was stripped before by the same code."""
        key = hashlib.sha256(f"{_CODE}\n{html}".encode()).hexdigest()
        path = self.folder / f"{key}.html"
        self.used.add(path)
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            pass
        stripped = notebook_pages.strip(html)
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(stripped, encoding="utf-8")
        os.replace(partial, path)
        return stripped

    def evict_unused(self) -> None:
        """Delete what this build did not ask for: the pages of notebooks since edited or gone."""
        if self.folder.is_dir():
            for path in self.folder.iterdir():
                if path not in self.used:
                    path.unlink()
