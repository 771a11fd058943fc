"""Start to first painted window: the editor against a bare PySide6 window started the same way.

Each run is a new process (`python -m benchmarks.first_paint bare|app`), timed from its start
to the line it prints after the first frame; bare and editor runs alternate so that a change
of the machine's load touches both. The editor runs with a settings folder and library of its
own that a first, untimed start has already set up (a regular start, not the first one).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.core import ROOT, Compare, Context, Figure, Target

TIMEOUT_S = 60


def first_paint_s(mode: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.first_paint", mode],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    took = time.perf_counter() - start
    try:
        proc.wait(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    if line.strip() != "painted":
        raise RuntimeError(f"{mode}: no first paint (exit status {proc.returncode})")
    return took


def run(ctx: Context) -> list[Figure]:
    runs = ctx.runs(15, 5)
    with tempfile.TemporaryDirectory(prefix="xpaint-start-") as tmp:
        env = dict(
            os.environ,
            QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            XPAINT_HOME=str(Path(tmp) / "library"),
            XPAINT_CONFIG_DIR=str(Path(tmp) / "config"),
            XDG_CONFIG_HOME=str(Path(tmp) / "xdg-config"),
            XDG_DATA_HOME=str(Path(tmp) / "xdg-data"),
        )
        env.pop("DASHSCOPE_API_KEY", None)
        first_paint_s("app", env)  # first start: settings, library, sample
        first_paint_s("bare", env)
        bare, app = [], []
        for _ in range(runs):
            bare.append(first_paint_s("bare", env))
            app.append(first_paint_s("app", env))
    return [
        Figure(
            key="startup.first_paint",
            title="start to first painted window",
            value=statistics.median(app),
            unit="s",
            baseline=statistics.median(bare),
            baseline_label="bare PySide6 window",
            target=Target(1.5, Compare.RATIO),
            samples=runs,
            note=f"medians of {runs} alternating runs, Qt platform {env['QT_QPA_PLATFORM']}",
        )
    ]
