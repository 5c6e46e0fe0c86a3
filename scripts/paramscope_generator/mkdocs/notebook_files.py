"""The notebooks the plugin assembles, handed to mkdocs-jupyter to render as pages: the one place the generator
relies on how mkdocs-jupyter (0.26) makes a page of a notebook.

mkdocs-jupyter has no API for adding a notebook; it renders the files it wraps in its `on_files`: every file of the
collection that its own `include` and `ignore` options select becomes a documentation page (a wrapper File). Our
notebooks are written to the cache when the producers' outputs are known, after its `on_files` ran, so they are
handed to that same event handler, through MkDocs' plugin interface (`on_files(files, config=...)`), never by its
classes: its options still decide, and a site whose `include` leaves them out is told so. Two things of its wrapper
(mkdocs_jupyter.plugin.NotebookFile, 0.26) shape this module, and tests/test_notebooks.py fails if they change:

- it reads the wrapped File's attributes through `__getattr__` but has none of a File's own, so a notebook is given
  as a plain File rooted in the notebook folder (a File.generated's path is a property the wrapper does not pass on);
- File's class attribute `inclusion` hides the wrapped file's, so "not in the nav" is set on the wrapper it returns.
"""
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from paramscope_generator.mkdocs import compat

PLUGIN = "mkdocs-jupyter"


def notebook_pages(urls: list[str], folder: Path, config) -> list[File]:
    """The notebook at each of `urls` (a path under `folder`, e.g. notebooks/home.ipynb) as mkdocs-jupyter's page,
    reached from its page rather than the nav."""
    plain = Files([File(url, src_dir=str(folder), dest_dir=config["site_dir"],
                        use_directory_urls=config["use_directory_urls"]) for url in urls])
    wrapped = list(config.plugins[PLUGIN].on_files(plain, config=config))
    for file in wrapped:
        if not file.is_documentation_page():
            raise PluginError(f"paramscope: {PLUGIN} did not take {file.src_uri} as a page: its `include` option "
                              f"must match the plugin's notebooks (notebooks/*.ipynb) and `ignore` must not")
        compat.not_in_nav(file)
    return wrapped
