"""The benchmark runner's own logic: discovery, targets, the JSON round trip, RESULTS.md.

No timing is asserted here: the figures themselves are the runner's business.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.__main__ import discover, run_module
from benchmarks.core import Compare, Figure, Target
from benchmarks.report import BEGIN, END, render_table, write_results


def test_every_bench_module_is_found_and_has_a_run_function() -> None:
    import importlib

    names = discover()
    assert {"startup", "sdk", "inpaint", "window", "canvas"} <= set(names)
    for name in ("startup", "sdk", "inpaint"):
        module = importlib.import_module(f"benchmarks.bench_{name}")
        assert callable(module.run)


def test_unknown_module_names_are_refused_with_the_known_ones() -> None:
    with pytest.raises(SystemExit, match="unknown benchmark"):
        discover(["nope"])


def test_a_ratio_target_compares_against_the_baseline() -> None:
    f = Figure("k", "start", 0.6, "s", baseline=0.2, target=Target(1.5, Compare.RATIO))
    assert f.ratio == pytest.approx(3.0)
    assert f.met is False
    assert Figure("k", "t", 0.25, "s", baseline=0.2, target=Target(1.5, Compare.RATIO)).met
    assert Figure("k", "t", 0.9, "s", target=Target(1.0)).met is True
    assert Figure("k", "t", 0.9, "s").met is None


def test_figures_survive_the_json_between_processes() -> None:
    f = Figure("a.b", "t", 1.5, "MB", 2.0, "orig", Target(4.0), "a note", 3)
    back = Figure.from_json(json.loads(json.dumps(f.to_json())))
    assert back == f


def test_the_table_shows_baseline_target_and_verdict() -> None:
    f = Figure("k", "start", 0.6, "s", 0.2, "bare window", Target(1.5, Compare.RATIO), "n")
    text = render_table([f])
    assert "bare window 0.200 s" in text and "3.00x" in text and "<= 1.5x" in text
    assert "NO" in text and "start: n" in text


def test_recording_replaces_only_the_generated_part(tmp_path: Path) -> None:
    path = tmp_path / "RESULTS.md"
    path.write_text("# Results\n\nHand-written analysis.\n", encoding="utf-8")
    info = {"cpu": "test cpu", "cores": "2"}
    write_results(path, [Figure("k", "first", 1.0, "s")], info, True, {})
    write_results(path, [Figure("k", "second", 2.0, "s")], info, False, {"x": "boom"})
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Results\n\nHand-written analysis.\n")
    assert text.count(BEGIN) == 1 and text.count(END) == 1
    assert "second" in text and "first" not in text and "test cpu" in text and "x: boom" in text


def test_a_module_that_cannot_run_is_reported_with_its_error() -> None:
    figures, error, _seconds = run_module("no_such_module", quick=True)
    assert figures == []
    assert error is not None and "exit status 1" in error and "no_such_module" in error
