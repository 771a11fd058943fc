"""The editing loop on a real X display (Xvfb, Qt's xcb platform, real mouse and keys).

The rest of the suite runs offscreen; this test runs the editor in a child process on its own
Xvfb, so the events travel through an X server as a person's do (see `walk`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.realwindow.session import run_walk
from tests.realwindow.xdisplay import missing_tools

pytestmark = pytest.mark.skipif(
    bool(missing_tools()),
    reason=f"needs {', '.join(missing_tools())} (scripts/setup.sh installs them)",
)


def test_editing_loop_with_real_input(tmp_path: Path) -> None:
    run = run_walk(tmp_path / "walk")
    print(run.output)
    assert run.returncode == 0, run.output
    report = json.loads((run.out_dir / "report.json").read_text())
    steps = {s["step"]: s for s in report["steps"]}
    # one billed task per Generate; cancelling a queued and a pending job creates none
    assert steps["first result"]["tasks"] == 1
    assert steps["second result"]["tasks"] == 2
    assert steps["cancelled"]["tasks"] == 3
    assert steps["mask over the result"]["canvas_share"] >= 0.6
    assert len(report["answers_s"]) == 6  # every Generate showed its job's row at once
    assert "reopened" in steps and "compared" in steps
    # a box around the cup selects it (against the hand-drawn mask) and is generated from
    assert steps["object selected"]["iou"] >= 0.85
    assert steps["object generated"]["tasks"] == 4
    # "Stop waiting" on a running task: no task cancelled or added, its paid image arrives
    assert steps["stopped waiting"]["status"] == "running"
    assert steps["image arrived"]["tasks"] == 5 and Path(steps["image arrived"]["file"]).exists()
    assert report["tasks"] == 5
    shot = run.out_dir / "window-en.png"
    from PIL import Image

    with Image.open(shot) as img:
        assert img.size == (1366, 768)
