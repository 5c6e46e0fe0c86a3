"""Producer outputs as MkDocs files: copied into the site, or (option `hard_links`) hard-linked from the cache."""
import os
import shutil
from pathlib import Path

from mkdocs.structure.files import File

from paramscope_generator.mkdocs import compat


class CachedFile(File):
    """A producer's output published as it is in the cache: hard-linked into the site, not copied (the model files
    alone are 160 MB). The cache never rewrites a file in place (a new run is a new generation folder), so the
    link keeps the bytes of the build that made it. Copied where the two folders are on different disks."""

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        link_or_copy(Path(self.abs_src_path), Path(self.abs_dest_path))


def link_or_copy(source: Path, target: Path) -> None:
    """The file at target as a hard link to source, or a copy where they are on different disks."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def output_file(config, url: str, source: Path, hard_link: bool) -> File:
    """The file MkDocs publishes at `url` from the cache's `source`."""
    kind = CachedFile if hard_link else File
    return compat.generated(kind, config, url, abs_src_path=str(source))
