"""A large photo and a large stroke leave their slow parts to the thread pool.

`set_image` shows the photo at once and builds the display pyramid in the pool; the end of a
large stroke pushes its undo step at once and compresses it in the pool. These tests prove the
canvas is fully usable in between, and that undo and redo are exact on both sides of it.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, QThreadPool
from PySide6.QtGui import QColor, QImage, QPainter
from pytestqt.qtbot import QtBot

from tests.ui.canvas.test_widget import drag, make_canvas, mask_array
from xpaint_desktop.ui.canvas.commands import RegionCommand
from xpaint_desktop.ui.canvas.view import _qt_levels, build_levels
from xpaint_desktop.ui.canvas.widget import MaskCanvas

W, H = 6000, 4000


def striped_mask() -> QImage:
    """Horizontal bands, so a stroke's before-image is not just zeros."""
    mask = QImage(W, H, QImage.Format.Format_Grayscale8)
    mask.fill(0)
    painter = QPainter(mask)
    for y in range(0, H, 300):
        painter.fillRect(QRect(0, y, W, 100), QColor(255, 255, 255))
    painter.end()
    return mask


def large_stroke(qtbot: QtBot, canvas: MaskCanvas) -> RegionCommand:
    canvas.set_brush_size(2000)
    drag(qtbot, canvas, [QPoint(100, 100), QPoint(300, 250), QPoint(500, 120)])
    command = canvas.undo_stack().command(canvas.undo_stack().count() - 1)
    assert isinstance(command, RegionCommand)
    return command


def test_undo_right_after_a_large_stroke_restores_exact_pixels(qtbot: QtBot) -> None:
    canvas = make_canvas(qtbot, W, H, view=600)
    canvas.set_mask(striped_mask())
    before = mask_array(canvas)
    command = large_stroke(qtbot, canvas)
    after = mask_array(canvas)
    assert command.data.raw is not None  # not compressed yet: the event loop has not run
    assert (after != before).sum() > 1_000_000
    stack = canvas.undo_stack()
    stack.undo()
    assert np.array_equal(mask_array(canvas), before)
    stack.redo()
    assert np.array_equal(mask_array(canvas), after)
    raw_bytes = command.stored_bytes
    qtbot.waitUntil(lambda: command.data.packed is not None, timeout=20_000)
    assert command.data.raw is None
    assert command.stored_bytes < raw_bytes // 8
    stack.undo()
    assert np.array_equal(mask_array(canvas), before)
    stack.redo()
    assert np.array_equal(mask_array(canvas), after)


def test_painting_right_after_set_image_of_a_large_photo(qtbot: QtBot) -> None:
    canvas = make_canvas(qtbot, W, H, view=600)
    drag(qtbot, canvas, [QPoint(200, 200), QPoint(260, 220)])
    assert not canvas.is_mask_empty()
    box = canvas.mask_bbox()
    assert box.width() > 500 and box.height() > 50  # a 20 px brush at 1/10 zoom
    shown = canvas.grab().toImage()
    assert shown.pixelColor(520, 330) == QColor(20, 40, 200)  # the photo, drawn unscaled
    QThreadPool.globalInstance().waitForDone()
    qtbot.wait(50)
    later = canvas.grab().toImage()
    assert later.pixelColor(520, 330) == QColor(20, 40, 200)  # now from a halved level
    canvas.undo_stack().undo()
    assert canvas.is_mask_empty()


@pytest.mark.parametrize(
    "fmt",
    [QImage.Format.Format_RGB32, QImage.Format.Format_RGB888, QImage.Format.Format_RGBA8888],
)
def test_pool_built_levels_match_qt_levels(fmt: QImage.Format) -> None:
    image = QImage(2501, 1301, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    for i in range(0, 2501, 97):  # bands 50 px wide: each level has many pixels inside one
        painter.fillRect(QRect(i, 0, 50, 1301), QColor((i * 7) % 256, (i * 3) % 256, 90))
    painter.end()
    image = image.convertToFormat(fmt)
    levels, _buffers = build_levels(image)
    expected = _qt_levels(image)
    assert [(q.size(), q.format()) for q in levels] == [(q.size(), q.format()) for q in expected]
    for got, want in zip(levels, expected, strict=True):
        a = got.convertToFormat(QImage.Format.Format_RGBA8888)
        b = want.convertToFormat(QImage.Format.Format_RGBA8888)
        pa = np.frombuffer(a.constBits(), np.uint8).astype(int)  # type: ignore[call-overload]
        pb = np.frombuffer(b.constBits(), np.uint8).astype(int)  # type: ignore[call-overload]
        # A 2x2 box average against Qt's smooth halving: they differ only at band edges.
        assert np.median(np.abs(pa - pb)) == 0
        assert abs(pa.mean() - pb.mean()) < 1.0
