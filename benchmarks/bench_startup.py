"""Start to first painted window: the editor against a bare PySide6 window started the same way.

Each run is a new process (`python -m benchmarks.first_paint bare|app`), timed from its start
to the line it prints after the first frame, and to the line it prints once a frame of the
whole editor (every part built) is drawn; bare and editor runs alternate so that a change of
the machine's load touches both. The editor runs with a settings folder and library of its
own that a first, untimed start has already set up (a regular start, not the first one).
The package's bytecode is compiled first, as an installed program's is: with
PYTHONDONTWRITEBYTECODE set, every start would otherwise compile its modules again.
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


def first_paint_s(mode: str, env: dict[str, str]) -> tuple[float, float]:
    """Seconds from the start to the first frame, and to the frame of the whole editor."""
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
    painted = time.perf_counter() - start
    ready_line = proc.stdout.readline()
    ready = time.perf_counter() - start
    try:
        proc.wait(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    if line.strip() != "painted" or ready_line.strip() != "ready":
        raise RuntimeError(f"{mode}: no first paint (exit status {proc.returncode})")
    return painted, ready


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
        compile_bytecode(env)
        first_paint_s("app", env)  # first start: settings, library, sample
        first_paint_s("bare", env)
        bare, app = [], []
        for _ in range(runs):
            bare.append(first_paint_s("bare", env))
            app.append(first_paint_s("app", env))
    note = f"medians of {runs} alternating runs, Qt platform {env['QT_QPA_PLATFORM']}"
    bare_painted = statistics.median(p for p, _ in bare)
    return [
        Figure(
            key="startup.first_paint",
            title="start to first painted window",
            value=statistics.median(p for p, _ in app),
            unit="s",
            baseline=bare_painted,
            baseline_label="bare PySide6 window",
            target=Target(1.5, Compare.RATIO),
            samples=runs,
            note=note + "; the editor's window at its place and size, its parts built next",
        ),
        Figure(
            key="startup.ready",
            title="start to the whole editor drawn (every part built)",
            value=statistics.median(r for _, r in app),
            unit="s",
            baseline=bare_painted,
            baseline_label="bare PySide6 window",
            samples=runs,
            note=note,
        ),
    ]


def compile_bytecode(env: dict[str, str]) -> None:
    """Compile the package's modules (and these benchmarks') once, as an install does."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "xpaint_desktop", "benchmarks"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
