"""`paramscope compute --shard K/N` and `paramscope merge-cache`: N runners share the stale producers, a merge
brings their caches together, and the build after it runs no producer; a bad shard changes nothing."""
import itertools
import json
import re
import shutil
from pathlib import Path

import pytest

from paramscope_generator.cache import shards

from support import paramscope, tree_digest

NAMES = ["alpha", "beta", "gamma", "delta", "epsilon"]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return _make_site(tmp_path)


def _make_site(tmp_path: Path) -> Path:
    """Five trivial producers (one draws a figure), one page showing all of them, the built-in theme."""
    (tmp_path / "producers").mkdir()
    (tmp_path / "docs").mkdir()
    for name in NAMES:
        (tmp_path / "producers" / f"{name}.py").write_text(
            f'"""{name}."""\n\n\ndef produce(out):\n    out.fact("letters", len({name!r}) * 10)\n')
    (tmp_path / "producers" / "gamma.py").write_text(
        '"""gamma."""\n\n\ndef produce(out):\n    out.fact("letters", 50)\n'
        '    def draw():\n        import matplotlib.pyplot as plt\n        return plt.figure(figsize=(1, 1))\n'
        '    out.figure("blank", draw, alt="Nothing")\n')
    (tmp_path / "docs" / "index.md").write_text(
        "# Shards\n\n" + " ".join(f"{n}={{{{ {n}.letters }}}}" for n in NAMES) + "\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: Shards\nplugins:\n  - paramscope:\n      producers: producers\n")
    return tmp_path


def run(site: Path, *args: str):
    return paramscope(*args, cwd=site)


def built_page(site: Path) -> str:
    return (site / "site" / "index.html").read_text()


def assert_build_runs_nothing(site: Path) -> None:
    build = run(site, "build", "--skip-check")
    assert build.returncode == 0, build.stderr
    log = build.stdout + build.stderr
    ran = re.findall(r"compute: (\S+) \(", log)
    assert ran == [], f"the build after the merge ran {ran}:\n{log}"


@pytest.mark.parametrize("n", [2, 3])
def test_shards_into_separate_caches_merge_and_the_build_runs_nothing(site, n):
    outs = []
    for k in range(1, n + 1):
        # shard 3 of 3 also writes its outputs to a folder of their own, as CI uploads them
        out = ["--out", f"upload-{k}"] if n == 3 else []
        proc = run(site, "compute", "--shard", f"{k}/{n}", "--cache-dir", f"cache-{k}", *out)
        assert proc.returncode == 0, proc.stderr
        outs.append(site / (f"upload-{k}" if out else f"cache-{k}"))
    records = [json.loads((folder / "shard.json").read_text()) for folder in outs]
    ran = [name for record in records for name in record["ran"]]
    assert sorted(ran) == sorted(NAMES), "each stale producer runs in exactly one shard"
    assert all(record["ran"] for record in records), f"a shard got nothing: {records}"
    merged = run(site, "merge-cache", *map(str, outs))
    assert merged.returncode == 0, merged.stderr
    assert f"{len(NAMES)} producer(s) merged" in merged.stdout
    assert_build_runs_nothing(site)
    page = built_page(site)
    for name in NAMES:
        assert f"{name}={len(name) * 10}" in page


def _corrupt(how: str, shard_folders: list[Path]) -> tuple[list[Path], str]:
    """Damage the shards one way; the shard folders to pass and the file the error must name."""
    one, two = shard_folders
    if how == "folder missing":
        shutil.rmtree(two)
        return shard_folders, str(two)
    if how == "shard not given":
        return [one], "shard 2/2 missing"
    if how == "record damaged":
        (two / "shard.json").write_text("{ not json")
        return shard_folders, str(two / "shard.json")
    record = json.loads((one / "shard.json").read_text())
    name = record["ran"][0]
    generation = one / "outputs" / name / (one / "outputs" / name / "current").read_text()
    (generation / "outputs.json").unlink()
    return shard_folders, str(generation / "outputs.json")


@pytest.fixture(scope="module")
def stale_shards(tmp_path_factory) -> Path:
    """A site computed once, then two producers edited and computed by two shards from copies of its cache."""
    root = tmp_path_factory.mktemp("stale")
    built = _make_site(root)
    assert run(built, "compute").returncode == 0
    for name in ("alpha", "delta"):
        path = built / "producers" / f"{name}.py"
        path.write_text(path.read_text().replace("* 10", "* 100"))
    for k in (1, 2):
        shutil.copytree(built / ".cache" / "paramscope", built / f"cache-{k}")
        proc = run(built, "compute", "--shard", f"{k}/2", "--cache-dir", f"cache-{k}", "--out", f"up-{k}")
        assert proc.returncode == 0, proc.stderr
    return built


@pytest.mark.parametrize("how", ["folder missing", "shard not given", "record damaged", "output missing"])
def test_a_bad_shard_is_one_line_naming_the_file_and_loses_nothing(stale_shards, tmp_path, how):
    site = shutil.copytree(stale_shards, tmp_path / "site")
    cache = site / ".cache" / "paramscope"
    folders = [site / "up-1", site / "up-2"]
    assert sorted(n for f in folders for n in json.loads((f / "shard.json").read_text())["ran"]) == ["alpha", "delta"]
    before = tree_digest(cache / "outputs")
    given, named = _corrupt(how, folders)
    merged = run(site, "merge-cache", *map(str, given))
    assert merged.returncode == 1
    first = merged.stderr.splitlines()[0]
    assert first.startswith("paramscope merge-cache: ") and named in first, merged.stderr
    assert tree_digest(cache / "outputs") == before, "a failed merge changed the cache"


def test_the_good_shards_of_a_small_change_merge_into_a_warm_cache(stale_shards, tmp_path):
    site = shutil.copytree(stale_shards, tmp_path / "site")
    assert run(site, "merge-cache", str(site / "up-1"), str(site / "up-2")).returncode == 0
    assert_build_runs_nothing(site)
    assert "alpha=500" in built_page(site) and "delta=500" in built_page(site) and "beta=40" in built_page(site)


def _makespan(weights: dict[str, float], shares: list[list[str]]) -> float:
    return max(sum(weights[n] for n in share) for share in shares)


@pytest.mark.parametrize("seed", range(20))
def test_shares_are_balanced_within_the_lpt_bound_and_deterministic(seed):
    """LPT against the exhaustive optimum (every assignment of 7 producers to 3 shards)."""
    import random

    rng = random.Random(seed)
    weights = {f"p{i}": round(rng.uniform(0.5, 30), 2) for i in range(7)}
    n = 3
    shares = shards.split(weights, n)
    assert sorted(itertools.chain(*shares)) == sorted(weights)
    best = min(max(sum(w for (name, w), s in zip(weights.items(), assign) if s == k) for k in range(n))
               for assign in itertools.product(range(n), repeat=len(weights)))
    assert _makespan(weights, shares) <= best * (4 / 3 - 1 / (3 * n)) + 1e-9
    reordered = dict(reversed(list(weights.items())))
    assert shards.split(reordered, n) == shares, "the split depends on the order producers were listed"


def test_never_measured_producers_are_spread_evenly():
    shares = shards.split(dict.fromkeys([f"new{i}" for i in range(10)]), 3)
    assert sorted(len(s) for s in shares) == [3, 3, 4]
    shares = shards.split({"slow": 60.0, "quick": 1.0, "quicker": 1.0, "new": None}, 2)
    assert ["slow"] in shares, "a known long producer gets a shard of its own; the unmeasured count as the median"


@pytest.mark.parametrize("text", ["3", "0/2", "3/2", "a/b", "1/0"])
def test_a_bad_shard_argument_is_refused(text, site):
    proc = run(site, "compute", "--shard", text)
    assert proc.returncode == 2 and f"--shard {text}: " in proc.stderr, proc.stderr
