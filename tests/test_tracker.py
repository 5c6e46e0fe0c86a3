"""The Tracker records what one producer run reads only inside its `with` block, hands the record over explicitly
(`result()`), and leaves nothing recording after the block, whether it ended well or with an error."""
import builtins
import os
import sys

import pytest

from paramscope_generator.api import track_input
from paramscope_generator.run import tracker
from paramscope_generator.run.tracker import Tracker

from support import ROOT


def _tracker(tmp_path, preloaded=frozenset()) -> Tracker:
    producer = tmp_path / "producers" / "p.py"
    producer.parent.mkdir(exist_ok=True)
    producer.write_text('"""P."""\n')
    return Tracker(producer, tmp_path, ignore=[tmp_path / "out"], warm=frozenset({"colorsys"}), preloaded=preloaded)


def _untouched(original_import) -> None:
    assert tracker._current is None
    assert builtins.__import__ is original_import
    assert type(os.environ) is os._Environ


def test_reads_inside_the_block_are_the_result_and_reads_after_it_are_not(tmp_path):
    opened, declared, heard, later = (tmp_path / name for name in ("opened.txt", "declared.bin", "heard.bin", "l.txt"))
    for file in (opened, declared, heard, later):
        file.write_text("x")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "written.txt").write_text("x")
    original_import = builtins.__import__
    with _tracker(tmp_path, preloaded=frozenset({"colorsys"})) as run:
        opened.read_text()
        (tmp_path / "out" / "written.txt").read_text()     # under `ignore`: the run's own outputs
        track_input(declared)                               # out.input and code that reads from native code
        sys.audit(tracker.READ_EVENT, str(heard))           # the bare event track_input raises
        import colorsys  # noqa: F401 - a preloaded library: the key then holds every preloaded distribution
        os.environ.get("PARAMSCOPE_TRACKER_TEST")
    _untouched(original_import)
    later.read_text()
    track_input(later)
    result = run.result()
    assert result["inputs"] == [str(opened), str(declared), str(heard)]
    assert result["modules"] == ["producers/p.py"]
    assert run._used_preloaded


def test_an_error_in_the_block_leaves_no_hook_and_no_result(tmp_path):
    original_import = builtins.__import__
    run = _tracker(tmp_path, preloaded=frozenset({"colorsys"}))
    with pytest.raises(ZeroDivisionError):
        with run:
            assert builtins.__import__ is not original_import
            1 / 0
    _untouched(original_import)
    with pytest.raises(RuntimeError, match="ended with an error"):
        run.result()


def test_one_tracker_records_at_a_time(tmp_path):
    with _tracker(tmp_path):
        with pytest.raises(RuntimeError, match="already recording"):
            with _tracker(tmp_path):
                pass
    _untouched(builtins.__import__)


def test_the_machinery_is_no_module_of_a_producer():
    """Editing the worker or the tracker re-runs no producer: they are not in a producer's key."""
    run = ROOT / "scripts" / "paramscope_generator" / "run"
    assert {run / "worker.py", run / "tracker.py"} <= tracker.MACHINERY
    assert all(path.is_file() for path in tracker.MACHINERY)
