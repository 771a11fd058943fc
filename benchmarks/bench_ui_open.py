"""How long the editor takes to start and to open a large photo, and how long the UI stalls.

Opening decodes on the thread pool, so the event loop should keep ticking; what remains on
the UI thread is handing the decoded image to the canvas. A 10 ms timer measures the longest
stall. The photo is the 24-megapixel JPEG of `benchmarks.inputs`.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from benchmarks.core import Context, Figure
from benchmarks.inputs import PHOTO_24MP, photo_path
from tests.ui.window.test_responsiveness import LatenessProbe
from xpaint_desktop.paths import sample_image_path
from xpaint_desktop.ui.shared.image_io import read_image
from xpaint_desktop.ui.window import qsettings


def pump_until(predicate, timeout_s: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while not predicate() and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.001)


def run(ctx: Context) -> list[Figure]:
    repeat = ctx.runs(3, 1)
    width = PHOTO_24MP[0]
    photo = photo_path()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        os.environ["XPAINT_HOME"] = tmp
        qsettings.apply_identity()

        from xpaint_desktop.ui.window.main_window import MainWindow

        window = MainWindow(start_worker=False, open_sample_on_first_start=False)
        window.show()
        app.processEvents()
        decode, shown, stalls = [], [], []
        for _ in range(repeat):
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
            stalls.append(probe.worst_wall)
        window.shutdown()
    return [
        Figure(
            key="window.open_photo",
            title="window: open a 24 MP JPEG to the image on the canvas",
            value=statistics.median(shown),
            unit="s",
            baseline=statistics.median(decode),
            baseline_label="its decode alone",
            samples=repeat,
        ),
        Figure(
            key="window.open_photo_stall",
            title="window: longest UI-thread stall while opening it",
            value=statistics.median(stalls) * 1000,
            unit="ms",
            samples=repeat,
        ),
    ]
