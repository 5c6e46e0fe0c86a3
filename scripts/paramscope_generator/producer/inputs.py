"""A producer's code says which files its outputs depend on, where the build cannot see it read them.

The build's Tracker (generator.run.tracker) records the files that Python code opens for reading. Files read from
native code (safetensors' `load_file`, `Tokenizer.from_file`) or trusted by a memoised hash without being opened are
invisible to it: code that reads such files declares them with `track_input(path)` (`out.input` calls it), usable
anywhere in a producer's process without the `out` object (the site's model loaders call it). Outside a producer's
run nothing records it."""
import os
import sys

READ_EVENT = "paramscope.input"  # sys.audit(READ_EVENT, path): "this process depends on the file at path"


def track_input(path: str | os.PathLike) -> None:
    """Record that the running producer depends on the contents of `path` (the running Tracker hears it)."""
    sys.audit(READ_EVENT, os.fspath(path))
