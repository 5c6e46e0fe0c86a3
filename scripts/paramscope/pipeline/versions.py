"""What a producer's cache key records of the machine: the interpreter's version, and the installed version of
every distribution the producer imported (tokenizers, gguf, torch, ...)."""
import functools
import importlib.metadata
import re
import sys

# An installed wheel's metadata folder is named after the distribution and its version (the binary distribution
# format spec): `torch-2.13.0+cpu.dist-info`. Reading the version there is a directory lookup; reading it from
# METADATA parses the whole file (numpy's holds its README), about 1 ms each on a warm build that only checks.
_DIST_INFO = re.compile(r"^(?P<name>[^-]+)-(?P<version>[^-]+)\.dist-info$")


def python() -> dict[str, str]:
    """The interpreter's version: the one part of the key no distribution records."""
    return {"python": sys.version.split()[0]}


@functools.cache   # producers share most distributions
def installed(dist: str) -> str:
    """The version of an installed distribution, or "missing"."""
    try:
        found = importlib.metadata.distribution(dist)
    except importlib.metadata.PackageNotFoundError:
        return "missing"
    folder = getattr(found, "_path", None)   # PathDistribution's folder (it has no public name); others: METADATA
    match = _DIST_INFO.match(getattr(folder, "name", ""))
    return match["version"] if match else found.version


def imported() -> dict[str, str]:
    """{distribution: version} of every installed distribution this process has imported."""
    owners = importlib.metadata.packages_distributions()
    found = {}
    for name in {m.partition(".")[0] for m in list(sys.modules)}:
        for dist in owners.get(name, []):
            if (version := installed(dist)) != "missing":
                found[dist] = version
    return dict(sorted(found.items()))
