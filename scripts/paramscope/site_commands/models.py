"""The real models, for the commands that run them: loaded, or one line for a damaged file (the command exits 1)."""
import importlib
import sys


def load(name: str):
    """The model of `paramscope.checkpoints.<name>` ("smollm2", "minilm"), its converted weights kept in the cache of
    the project of the working directory; or None after printing one line: the file's ModelFileError (it names the
    file and the fix), or that there is no project here."""
    from paramscope.checkpoints import modelfiles
    from paramscope_generator.api import ProjectNotFound, find_project
    try:
        return importlib.import_module(f"paramscope.checkpoints.{name}").load(cache=find_project().cache)
    except (modelfiles.ModelFileError, ProjectNotFound) as e:
        print(e, file=sys.stderr)
        return None
