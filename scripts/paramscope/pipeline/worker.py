"""Runs one producer in its own process: `python -m paramscope.pipeline.worker NAME PRODUCER.py STAGING_DIR`.

Writes outputs into STAGING_DIR; the parent makes them current only if this process exits 0.
"""
import importlib.util
import json
import os
import random
import sys
import traceback
from pathlib import Path

from paramscope import paths
from paramscope.pipeline import inputs
from paramscope.pipeline.output import Output


def seed_everything() -> None:
    import numpy as np
    import torch

    # One thread per producer: results then do not depend on the machine's core count, and two producers run at once.
    torch.set_num_threads(1)
    torch.manual_seed(0)
    np.random.seed(0)
    random.seed(0)
    torch.use_deterministic_algorithms(True)


def project_modules(producer: Path) -> list[str]:
    """Files of this project that the producer imported, directly or not: part of its cache key."""
    scripts = paths.ROOT / "scripts"
    found = {producer.resolve()}
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if file and Path(file).resolve().is_relative_to(scripts):
            found.add(Path(file).resolve())
    return sorted(str(p.relative_to(paths.ROOT)) for p in found)


def where(error: BaseException, producer: Path) -> tuple[int, str]:
    """The producer's own line that led to the error, and the error in one line."""
    message = f"{type(error).__name__}: {error}".strip().splitlines()[0] if str(error) else type(error).__name__
    if isinstance(error, SyntaxError) and error.filename and Path(error.filename).resolve() == producer.resolve():
        return error.lineno or 1, message
    line = 1
    for frame in traceback.extract_tb(error.__traceback__):
        if Path(frame.filename).resolve() == producer.resolve():
            line = frame.lineno or 1
    return line, message


def main(name: str, producer: Path, staging: Path) -> int:
    staging.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(paths.ROOT / "scripts"))  # producers may import helper modules kept beside the package
    try:
        seed_everything()
        spec = importlib.util.spec_from_file_location(f"producers.{name}", producer)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        if not callable(getattr(module, "produce", None)):
            raise AttributeError("a producer defines produce(out); this file does not")
        out = Output(name, staging)
        module.produce(out)
    except BaseException as error:  # noqa: BLE001 - every failure is reported the same way
        line, message = where(error, producer)
        traceback.print_exc()
        (staging / "error.json").write_text(json.dumps({"line": line, "message": message}))
        return 1
    record = out.manifest()
    record["title"] = (module.__doc__ or name).strip().splitlines()[0]
    record["modules"] = project_modules(producer)
    record["inputs"] = [str(p) for p in inputs.tracked()]
    (staging / "outputs.json").write_text(json.dumps(record, sort_keys=True, indent=1))
    return 0


if __name__ == "__main__":
    sys.stdout.reconfigure(line_buffering=True)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])))
