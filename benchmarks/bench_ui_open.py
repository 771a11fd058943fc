"""How long the editor takes to start and to open a large photo, and how long the UI stalls.

Opening decodes on the thread pool, so the event loop should keep ticking; what remains on
the UI thread is handing the decoded image to the canvas. A 10 ms timer measures the longest
stall. Run: `.venv/bin/python benchmarks/bench_ui_open.py [--size 6000x4000] [--repeat 3]`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
from PIL import Image
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from tests.ui.window.test_responsiveness import LatenessProbe
from xpaint_desktop.config import sample_image_path
from xpaint_desktop.ui.shared.image_io import read_image
from xpaint_desktop.ui.window import qsettings


def make_jpeg(path: Path, width: int, height: int) -> None:
    rng = np.random.default_rng(1)
    small = rng.integers(0, 256, (height // 8, width // 8, 3), dtype=np.uint8)
    Image.fromarray(small).resize((width, height), Image.Resampling.BICUBIC).save(path, quality=90)


def pump_until(predicate, timeout_s: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while not predicate() and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.001)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="6000x4000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        os.environ["XPAINT_HOME"] = tmp
        qsettings.apply_identity()
        photo = Path(tmp) / "large.jpg"
        make_jpeg(photo, width, height)

        from xpaint_desktop.ui.window.main_window import MainWindow

        start = time.perf_counter()
        window = MainWindow(start_worker=False, open_sample_on_first_start=False)
        window.show()
        app.processEvents()
        print(f"window built and shown: {(time.perf_counter() - start) * 1000:.0f} ms")

        decode, shown, stalls, set_image = [], [], [], []
        for _ in range(args.repeat):
            t = time.perf_counter()
            read_image(photo)
            decode.append(time.perf_counter() - t)
            window.canvas.set_image(read_image(sample_image_path()))
            probe = LatenessProbe()
            probe.start()
            t = time.perf_counter()
            window.open_image(photo)
            pump_until(lambda: window.canvas.image().width() == width)
            shown.append(time.perf_counter() - t)
            pump_until(lambda: False, 0.2)
            probe.stop()
            stalls.append(probe.worst)
            image = window.canvas.image()
            t = time.perf_counter()
            window.canvas.set_image(image)
            set_image.append(time.perf_counter() - t)
        window.shutdown()

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:.0f} ms (max {max(values) * 1000:.0f})"

    print(f"{width}x{height} JPEG decode (thread pool): {ms(decode)}")
    print(f"open to image on the canvas: {ms(shown)}")
    print(f"longest UI-thread stall while opening: {ms(stalls)}")
    print(f"of which MaskCanvas.set_image on the UI thread: {ms(set_image)}")


if __name__ == "__main__":
    main()
