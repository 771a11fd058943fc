"""The event loop keeps running while a job with a large image goes through the window.

A 10 ms timer records how late each of its ticks is; a blocked UI thread shows up as one late
tick. This is a property of where work runs (worker thread, thread pool), not a speed figure.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from tests.fakeserver.server import FakeDashScope
from tests.ui.conftest import JOB_TIMEOUT_MS, paint_mask
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.ui.window.main_window import MainWindow

TICK_MS = 10
MAX_LATENESS_S = 0.100


def _noise_image(width: int, height: int) -> QImage:
    rng = np.random.default_rng(7)
    pixels = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
    image = QImage(pixels.data, width, height, width * 3, QImage.Format.Format_RGB888)
    return image.copy()  # own the pixels


class LatenessProbe:
    """A repeating timer that remembers its worst delay."""

    def __init__(self) -> None:
        self.worst = 0.0
        self.ticks = 0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self._last - TICK_MS / 1000)
        self._last = now
        self.ticks += 1


def test_event_loop_is_never_blocked_by_a_large_job(
    qtbot: QtBot,
    fake_server_env: FakeDashScope,
    make_window,  # type: ignore[no-untyped-def]
) -> None:
    window: MainWindow = make_window()
    window.set_base_image(_noise_image(4000, 3000), "large.png")
    paint_mask(window, (0.4, 0.4, 0.2, 0.2))
    window.params.prompt.setPlainText("a small wooden boat")
    window.params.n_spin.setValue(2)
    qtbot.wait(50)
    probe = LatenessProbe()
    probe.start()
    window.params.request_generate()
    qtbot.waitUntil(
        lambda: bool(window.jobs.model.rows()) and window.jobs.model.rows()[0].status.is_finished,
        timeout=JOB_TIMEOUT_MS,
    )
    qtbot.waitUntil(lambda: window.results.thumbnails_loaded() == 2, timeout=JOB_TIMEOUT_MS)
    qtbot.wait(300)  # the selected result's full-size composite arrives on the canvas
    probe.stop()
    (row,) = window.jobs.model.rows()
    assert row.status is JobStatus.DONE, row.message
    assert probe.ticks > 20
    assert probe.worst < MAX_LATENESS_S, f"event loop blocked for {probe.worst * 1000:.0f} ms"
