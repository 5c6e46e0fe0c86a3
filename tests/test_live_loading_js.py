"""The live loader's status line (docs/javascripts/live-loading.js progressLine) as the reader reads it, run in Node:
the model's name and the megabytes while it downloads, then "Starting the model" for the step that reports nothing
(tests/browser/test_site_live_loading.py watches the same lines in a browser)."""
import json

from support import node

MB = 1_000_000


def lines(steps: list[dict], name: str | None, tmp_path) -> list[str]:
    path = tmp_path / "steps.json"
    path.write_text(json.dumps(steps), encoding="utf-8")
    return json.loads(node("loading.mjs", str(path), *([name] if name else [])))


def test_the_status_line_names_the_model_counts_the_download_then_says_it_starts(tmp_path):
    steps = [{"load": {"loaded": 0, "total": 131 * MB}}, {"load": {"loaded": 42 * MB, "total": 131 * MB}},
             {"load": {"loaded": 131 * MB, "total": 131 * MB}},
             {"load": {"loaded": 131 * MB, "total": 131 * MB, "preparing": True}}]
    assert lines(steps, "SmolLM2", tmp_path) == [
        "Downloading SmolLM2… 0 of 131 MB (0%)", "Downloading SmolLM2… 42 of 131 MB (32%)",
        "Downloading SmolLM2… 131 of 131 MB (100%)", "Starting the model (decoding its weights, the slowest step)…"]


def test_without_a_name_it_says_the_model_and_other_jobs_keep_their_lines(tmp_path):
    steps = [{"load": {"loaded": 5 * MB, "total": 10 * MB}}, {"read": 1280, "of": 2048}, {"written": 3, "of": 32}]
    assert lines(steps, None, tmp_path) == ["Downloading the model… 5 of 10 MB (50%)",
                                            "Reading the prompt: 1,280 of 2,048 tokens", "Writing: 3 of 32 tokens"]
