"""Gallery open time and memory at 1,000 and 10,000 jobs.

Opening means: create the model (the library's id query), lay out the view and paint the first
screen (placeholders; thumbnails arrive later in the pool). Each size is measured in a fresh
process-wide state with a fresh gallery, several times; medians are printed. Memory is the
Python allocations during the open (tracemalloc peak) and the growth of the process's resident
set. Run: `.venv/bin/python benchmarks/bench_gallery.py [--repeat 5] [--sizes 1000 10000]`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XPAINT_HOME"] = str(Path(tmp) / "home")
        for size in args.sizes:
            start = time.perf_counter()
            library = generate_library(Path(tmp) / f"lib{size}", size, results_every=25)
            made = time.perf_counter() - start
            runs = [open_once(app, library) for _ in range(args.repeat)]
            library.close()
            opened = statistics.median(r[0] for r in runs)
            peak = statistics.median(r[1] for r in runs)
            rss = statistics.median(r[2] for r in runs)
            thumbs = statistics.median(r[3] for r in runs)
            print(
                f"{size:>6} jobs: open + first paint {opened * 1000:7.1f} ms (median of "
                f"{args.repeat}), python peak {peak / 1e6:6.2f} MB, RSS growth "
                f"{rss / 1e6:6.2f} MB, first-screen thumbnails {thumbs * 1000:6.1f} ms "
                f"[library generated in {made:.1f} s]"
            )


if __name__ == "__main__":
    main()
