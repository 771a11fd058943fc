"""The event loop keeps running while a job with a large image goes through the window.

A 10 ms timer records, between two of its ticks, how much processor time the UI thread itself
spent: work done on the UI thread shows up as one long busy gap. The processor time of the UI
thread is counted rather than the wall-clock delay, because on a loaded machine the operating
system can delay a tick for reasons that have nothing to do with where the work runs. This is a
property of where work runs (worker thread, thread pool), not a speed figure.
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
MAX_BUSY_S = 0.100


def _noise_image(width: int, height: int) -> QImage:
    rng = np.random.default_rng(7)
    pixels = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
    image = QImage(pixels.data, width, height, width * 3, QImage.Format.Format_RGB888)
    return image.copy()  # own the pixels


class LatenessProbe:
    """A repeating timer that remembers the UI thread's longest busy gap between two ticks.

    `worst` is the UI thread's own processor time between two ticks; `worst_wall` the wall-clock
    delay, kept for the failure message.
    """

    def __init__(self) -> None:
        self.worst = 0.0
        self.worst_wall = 0.0
        self.ticks = 0
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self._timer = QTimer()
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.worst_wall = max(self.worst_wall, now - self._last - TICK_MS / 1000)
        self.worst = max(self.worst, cpu - self._last_cpu)
        self._last, self._last_cpu = now, cpu
        self.ticks += 1

    def describe(self) -> str:
        return (
            f"UI thread busy for {self.worst * 1000:.0f} ms between two ticks "
            f"(longest wall-clock gap {self.worst_wall * 1000:.0f} ms)"
        )


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
    assert probe.worst < MAX_BUSY_S, probe.describe()
