"""Whole-mask operations on a 6000x4000 photo run off the UI thread and still give exact pixels.

The event loop's lateness is recorded by a 10 ms timer while fill, grow, shrink, invert and
clear run; every result is checked pixel for pixel against its definition.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from pytestqt.qtbot import QtBot

from tests.ui.canvas.test_widget import make_canvas, mask_array
from tests.ui.window.test_responsiveness import MAX_BUSY_S, LatenessProbe
from xpaint_desktop.ui.canvas.widget import MaskCanvas

W, H = 6000, 4000
RECT = (2000, 1500, 2400, 1800)  # x0, y0, x1, y1


def wait_idle(qtbot: QtBot, canvas: MaskCanvas) -> None:
    qtbot.waitUntil(lambda: not canvas.is_busy(), timeout=20_000)


def grown_rect(n: int) -> np.ndarray:
    """The rectangle RECT dilated by a disk of radius n, over the whole photo."""
    x0, y0, x1, y1 = RECT
    out = np.zeros((H, W), dtype=bool)
    ys, xs = np.mgrid[y0 - n : y1 + n, x0 - n : x1 + n]
    dx = np.maximum(np.maximum(x0 - xs, 0), xs - (x1 - 1))
    dy = np.maximum(np.maximum(y0 - ys, 0), ys - (y1 - 1))
    out[y0 - n : y1 + n, x0 - n : x1 + n] = dx**2 + dy**2 <= n * n
    return out


def large_canvas(qtbot: QtBot) -> MaskCanvas:
    """A 6000x4000 photo whose mask is the rectangle RECT, set as the step "Set mask"."""
    canvas = make_canvas(qtbot, W, H, view=600)
    x0, y0, x1, y1 = RECT
    mask = QImage(W, H, QImage.Format.Format_Grayscale8)
    mask.fill(0)
    painter = QPainter(mask)
    painter.fillRect(QRect(x0, y0, x1 - x0, y1 - y0), QColor(255, 255, 255))
    painter.end()
    canvas.set_mask(mask)
    return canvas


def test_operations_on_a_large_mask_keep_the_event_loop_running(qtbot: QtBot) -> None:
    canvas = large_canvas(qtbot)
    start = mask_array(canvas)
    steps = [
        (lambda: canvas.grow_mask(20), lambda m: np.array_equal(m == 255, grown_rect(20))),
        (lambda: canvas.shrink_mask(20), lambda m: np.array_equal(m, start)),
        (canvas.invert_mask, lambda m: np.array_equal(m, 255 - start)),
        (canvas.fill_all, lambda m: bool((m == 255).all())),
        (canvas.clear_mask, lambda m: not m.any()),
    ]
    probe = LatenessProbe()
    qtbot.wait(50)
    for action, check in steps:
        count = canvas.undo_stack().count()
        probe.start()  # measures the operation only: the checks below are the test's own work
        action()
        qtbot.waitUntil(
            lambda c=count: canvas.undo_stack().count() == c + 1 and not canvas.is_busy(),
            timeout=20_000,
        )
        qtbot.wait(30)
        probe.stop()
        assert check(mask_array(canvas))
    assert probe.ticks > 10
    assert probe.worst < MAX_BUSY_S, probe.describe()
    stack = canvas.undo_stack()
    for _ in steps:
        stack.undo()
    assert np.array_equal(mask_array(canvas), start)


def test_busy_canvas_ignores_strokes_and_queues_operations(qtbot: QtBot) -> None:
    canvas = large_canvas(qtbot)
    start = mask_array(canvas)
    with qtbot.waitSignal(canvas.busy_changed) as blocker:
        canvas.grow_mask(20)
    assert blocker.args == [True] and canvas.is_busy()
    assert canvas.cursor().shape() == Qt.CursorShape.BusyCursor
    canvas.shrink_mask(20)  # queued behind the grow
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(50, 50))
    qtbot.mouseMove(canvas, QPoint(300, 200))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(300, 200))
    wait_idle(qtbot, canvas)
    stack = canvas.undo_stack()
    assert [stack.text(i) for i in range(stack.count())] == ["Set mask", "Grow mask", "Shrink mask"]
    assert np.array_equal(mask_array(canvas), start)  # closing a rectangle gives it back
    assert canvas.cursor().shape() == Qt.CursorShape.CrossCursor


def test_undo_while_an_operation_is_computed_replans_it(qtbot: QtBot) -> None:
    canvas = large_canvas(qtbot)
    canvas.grow_mask(20)
    assert canvas.is_busy()
    canvas.undo_stack().undo()  # the rectangle goes before the grow's result comes back
    wait_idle(qtbot, canvas)
    # Growing the empty mask changes nothing: no step, and the rectangle is not brought back.
    assert canvas.is_mask_empty()
    assert canvas.undo_stack().index() == 0
    canvas.undo_stack().redo()
    canvas.grow_mask(20)
    wait_idle(qtbot, canvas)
    assert np.array_equal(mask_array(canvas) == 255, grown_rect(20))
