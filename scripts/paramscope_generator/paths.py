"""Where the project is: the folder of the nearest `mkdocs.yml` upward from the working directory (or `-f FILE`).

Never the package's own location: `paramscope check` in a second clone checks that clone, and a non-editable
install works like an editable one. Options come from the `paramscope` plugin's entry in `mkdocs.yml`.
There is no current project: the command, the plugin or the worker finds its `Project` once and passes it to what
needs it, as MkDocs passes its config to a plugin's events.
"""
from dataclasses import dataclass
from pathlib import Path

import yaml

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
DEFAULTS = {"producers": "scripts/producers", "cache_dir": ".cache/paramscope", "jobs": 2, "figure_style": "none",
            "figure_checks": [], "warm_imports": ["torch", "numpy", "matplotlib"], "fork": True}


class ProjectNotFound(Exception):
    """No mkdocs.yml in the working directory or above it."""


@dataclass(frozen=True)
class Project:
    config_file: Path
    docs: Path
    site: Path
    producers: Path
    cache: Path
    jobs: int = 2
    figure_style: str = "none"   # the plugin's `figure_style` option, as written (rendering.drawing reads it)
    figure_checks: tuple[str, ...] = ()   # the plugin's `figure_checks` hooks, run on every drawn figure
    warm_imports: tuple[str, ...] = ("torch", "numpy", "matplotlib")   # imported once by a warm worker
    fork: bool = True             # the plugin's `fork` option (a worker forks per producer where os.fork exists)

    @property
    def root(self) -> Path:
        return self.config_file.parent

    def relative(self, path: Path) -> str:
        """A path as printed in messages: relative to the project when inside it."""
        path = Path(path)
        return path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else str(path)


def plain_yaml(node):
    """A YAML node as plain data; tagged values (!ENV, !!python/name:...) become their text."""
    if isinstance(node, yaml.MappingNode):
        return {plain_yaml(k): plain_yaml(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [plain_yaml(v) for v in node.value]
    return node.value


def read_config(config_file: Path) -> dict:
    """mkdocs.yml as plain data, without MkDocs (fast, and tags need no import); {} when it is not valid YAML."""
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        node = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError):
        return {}
    config = plain_yaml(node) if isinstance(node, yaml.MappingNode) else {}
    return config if isinstance(config, dict) else {}


def plugin_options(config: dict) -> dict:
    """The options given to the `paramscope` plugin in a config, or {} when it is listed without any."""
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "paramscope" in entry:
            return entry["paramscope"] or {}
    return {}


def find_config(start: Path | None = None) -> Path:
    here = (start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
    raise ProjectNotFound(f"no mkdocs.yml in {here} or any folder above it: run paramscope inside a project, "
                          f"or name its config with -f FILE")


def find(config_file: str | Path | None = None, cache_dir: str | Path | None = None) -> Project:
    """The project of `config_file`, or of the nearest mkdocs.yml upward from the working directory."""
    config_file = Path(config_file).resolve() if config_file else find_config()
    config = read_config(config_file)
    options = {**DEFAULTS, **{k: v for k, v in plugin_options(config).items() if v is not None}}
    root = config_file.parent
    return Project(config_file=config_file,
                   docs=root / str(config.get("docs_dir") or "docs"),
                   site=root / str(config.get("site_dir") or "site"),
                   producers=root / str(options["producers"]),
                   cache=(root / str(cache_dir or options["cache_dir"])).resolve(),
                   jobs=int(options["jobs"]), figure_style=str(options["figure_style"]),
                   figure_checks=checks(options["figure_checks"]), warm_imports=checks(options["warm_imports"]),
                   fork=str(options["fork"]).lower() not in ("false", "no", "off"))


def checks(option) -> tuple[str, ...]:
    """A list option (`figure_checks`' hooks, `warm_imports`' modules) as a tuple; one item may be written without
    a list."""
    return (option,) if isinstance(option, str) else tuple(str(hook) for hook in option or ())
