"""The real models, for the commands that run them: loaded, or one line for a damaged file (the command exits 1)."""
import importlib
import sys


def load(name: str):
    """The model of `paramscope.checkpoints.<name>` ("smollm2", "minilm"), or None after printing its file's one-line
    ModelFileError, which names the file and the fix."""
    from paramscope.checkpoints import modelfiles
    try:
        return importlib.import_module(f"paramscope.checkpoints.{name}").load()
    except modelfiles.ModelFileError as e:
        print(e, file=sys.stderr)
        return None
