"""Gallery open time and memory at 1,000 and 10,000 jobs.

Opening means: create the model (the library's id query), lay out the view and paint the first
screen (placeholders; thumbnails arrive later in the pool). Each size is measured in a fresh
process-wide state with a fresh gallery, several times; medians are printed. Memory is the
Python allocations during the open (tracemalloc peak) and the growth of the process's resident
set. `--quick`: 600 against 200 jobs.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from benchmarks.core import Context, Figure
from tests.ui.gallery.test_support import PoolGate, generate_library
from xpaint_desktop.library.store import Library
from xpaint_desktop.ui.gallery.thumbs import ThumbnailLoader
from xpaint_desktop.ui.gallery.widget import GalleryWidget


def rss_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def open_once(app: QApplication, library: Library) -> tuple[float, int, int, float]:
    """Seconds to first paint, tracemalloc peak, RSS growth, seconds until thumbnails are in."""
    pool = QThreadPool()
    gate = PoolGate.hold(pool)  # no pool thread runs Python while tracemalloc is on
    rss_before = rss_bytes()
    tracemalloc.start()
    start = time.perf_counter()
    widget = GalleryWidget(library, loader=ThumbnailLoader(pool=pool))
    widget.resize(1200, 800)
    widget.show()
    widget.view.viewport().grab()
    opened = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_growth = rss_bytes() - rss_before
    gate.release.set()
    start = time.perf_counter()
    while widget.model.loader.pending():
        app.processEvents()
    thumbs = time.perf_counter() - start
    widget.shutdown()
    pool.waitForDone()
    widget.deleteLater()
    app.processEvents()
    return opened, peak, rss_growth, thumbs


def run(ctx: Context) -> list[Figure]:
    repeat = ctx.runs(5, 2)
    sizes = (200, 600) if ctx.quick else (1000, 10_000)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    medians: dict[int, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XPAINT_HOME"] = str(Path(tmp) / "home")
        for size in sizes:
            library = generate_library(Path(tmp) / f"lib{size}", size, results_every=25)
            open_once(app, library)  # warm: imports, fonts, the page cache
            runs = [open_once(app, library) for _ in range(repeat)]
            library.close()
            medians[size] = [statistics.median(r[i] for r in runs) for i in range(4)]
    small, large = sizes
    return [
        Figure(
            key="gallery.open",
            title=f"gallery open + first paint, {large:,} jobs",
            value=medians[large][0] * 1000,
            unit="ms",
            baseline=medians[small][0] * 1000,
            baseline_label=f"{small:,} jobs",
            samples=repeat,
            note=f"python peak {medians[large][1] / 1e6:.2f} MB, RSS growth "
            f"{medians[large][2] / 1e6:.2f} MB",
        ),
        Figure(
            key="gallery.thumbnails",
            title=f"gallery first-screen thumbnails, {large:,} jobs",
            value=medians[large][3] * 1000,
            unit="ms",
            baseline=medians[small][3] * 1000,
            baseline_label=f"{small:,} jobs",
            samples=repeat,
        ),
    ]
