"""Generate in the window: to the job in the list, and to the result shown on the canvas.

The editor (offscreen) on a 6000x5232 photo with a brushed mask and a prompt, its worker on the
stand-in (a task that takes 0.3 s). From the Generate call: until the job list has the new job,
and until the composite of the first result is handed to the canvas and painted. The service's
share of the second (requests being handled, the task running) is measured on the stand-in and
taken off: what remains is the client's share. Baseline of the first: one pass of the event loop
(what a Generate that only queued the work would cost).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.core import Context, Figure, Target
from benchmarks.inputs import mask_path, photo_path
from benchmarks.standin import KEY, service

SIZE = (6000, 5232)
TASK_SECONDS = 0.3
TIMEOUT_S = 180.0


def pump_until(predicate: Callable[[], bool], timeout_s: float = TIMEOUT_S) -> None:
    from PySide6.QtCore import QCoreApplication

    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        QCoreApplication.processEvents()
        time.sleep(0.001)


def run(ctx: Context) -> list[Figure]:
    runs = ctx.runs(5, 1)
    with service(TASK_SECONDS) as (server, clock), tempfile.TemporaryDirectory() as tmp:
        os.environ.update(
            DASHSCOPE_API_KEY=KEY,
            DASHSCOPE_HTTP_BASE_URL=server.base_url,
            XPAINT_HOME=str(Path(tmp) / "library"),
            XPAINT_CONFIG_DIR=str(Path(tmp) / "config"),
        )
        from PySide6.QtCore import QCoreApplication, QSettings
        from PySide6.QtGui import QImage
        from PySide6.QtWidgets import QApplication

        from xpaint_desktop.ui.window import qsettings
        from xpaint_desktop.ui.window.main_window import MainWindow

        app = QApplication.instance() or QApplication([])
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        qsettings.apply_identity()
        window = MainWindow(library_dir=Path(tmp) / "library", open_sample_on_first_start=False)
        window.resize(1400, 900)
        window.show()
        canvas = window.canvas
        shown: list[float] = []
        original = canvas.set_overlay_image

        def overlay(image: QImage | None, *args: object) -> None:
            original(image, *args)  # type: ignore[arg-type]
            if image is not None:
                shown.append(time.perf_counter())

        canvas.set_overlay_image = overlay  # type: ignore[method-assign]
        window.open_image(photo_path(SIZE))
        pump_until(lambda: canvas.has_image() and canvas.image().width() == SIZE[0])
        canvas.set_mask(
            QImage(str(mask_path(SIZE))).convertToFormat(QImage.Format.Format_Grayscale8)
        )
        window.params.prompt.setPlainText("a red balloon")
        worker = window.worker
        assert worker is not None
        pump_until(lambda: worker.runner() is not None)
        listed: list[float] = []
        result: list[float] = []
        client: list[float] = []
        loop: list[float] = []
        model = window.jobs.model
        for _ in range(runs):
            time.sleep(0.6)  # the stand-in's creation interval
            t = time.perf_counter()
            QCoreApplication.processEvents()
            loop.append(time.perf_counter() - t)
            rows, shown_before = model.rowCount(), len(shown)
            start_wall, start = time.time(), time.perf_counter()
            window.generate()
            pump_until(lambda: model.rowCount() > rows)  # noqa: B023
            listed.append(time.perf_counter() - start)
            pump_until(lambda: len(shown) > shown_before)  # noqa: B023
            QCoreApplication.processEvents()  # the paint of the result
            took = time.perf_counter() - start
            result.append(took)
            client.append(took - clock.seconds(start_wall, start_wall + took))
        window.shutdown()
        app.processEvents()
    service_share = statistics.median(r - c for r, c in zip(result, client, strict=True))
    return [
        Figure(
            key="window.generate_to_list",
            title=f"window, {SIZE[0]}x{SIZE[1]} photo: Generate to the job in the list",
            value=statistics.median(listed),
            unit="s",
            baseline=statistics.median(loop),
            baseline_label="one pass of the event loop",
            target=Target(0.1),
            samples=runs,
        ),
        Figure(
            key="window.generate_to_result",
            title=f"window, {SIZE[0]}x{SIZE[1]} photo: Generate to the result shown, client share",
            value=statistics.median(client),
            unit="s",
            target=Target(1.5),
            samples=runs,
            note=f"Generate to result shown {statistics.median(result):.2f} s, of which the "
            f"service {service_share:.2f} s (task {TASK_SECONDS} s)",
        ),
    ]
