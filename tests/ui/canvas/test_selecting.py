"""The canvas's selection tools driven by real mouse events: object box (Shift adds, Alt
subtracts, a box inside refines), magic wand, colour range with its preview, smoothing; each
one undo step, computed in the thread pool."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from tests.ui.canvas.test_widget import drag, mask_array
from tests.ui.window.test_responsiveness import MAX_BUSY_S, LatenessProbe
from xpaint_desktop.imaging.selection import color_range
from xpaint_desktop.ui.canvas.widget import MaskCanvas, Tool

LEFT = Qt.MouseButton.LeftButton
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def qimage(rgb: np.ndarray) -> QImage:
    h, w, _ = rgb.shape
    data = np.ascontiguousarray(rgb)
    return QImage(data.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def photo_canvas(qtbot: QtBot, image: QImage, tool: Tool) -> MaskCanvas:
    canvas = MaskCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(700, 500)
    canvas.show()
    canvas.set_image(image)
    canvas.set_tool(tool)
    return canvas


def at(canvas: MaskCanvas, x: float, y: float) -> QPoint:
    """The widget point over image point (x, y)."""
    return canvas.image_to_widget(QPointF(x, y)).toPoint()


def settle(qtbot: QtBot, canvas: MaskCanvas, steps: int) -> None:
    """Wait until the undo stack holds `steps` steps and the pool is done."""
    qtbot.waitUntil(
        lambda: canvas.undo_stack().count() == steps and not canvas.is_busy(), timeout=30_000
    )


def box_drag(
    qtbot: QtBot, canvas: MaskCanvas, box: tuple[int, int, int, int], modifier: object = None
) -> None:
    x0, y0, x1, y1 = box
    points = [at(canvas, x0, y0), at(canvas, (x0 + x1) / 2, (y0 + y1) / 2), at(canvas, x1, y1)]
    if modifier is None:
        drag(qtbot, canvas, points)
    else:
        drag(qtbot, canvas, points, modifier)  # type: ignore[arg-type]


def iou(a: np.ndarray, b: np.ndarray) -> float:
    a, b = a != 0, b != 0
    return float((a & b).sum() / (a | b).sum())


def test_a_box_around_the_cup_selects_it_as_one_undo_step(qtbot: QtBot, data_dir: Path) -> None:
    canvas = photo_canvas(qtbot, QImage(str(data_dir / "coffee.png")), Tool.OBJECT)
    box_drag(qtbot, canvas, (70, 10, 485, 395))
    assert canvas.is_busy()  # computed in the pool, never on the UI thread
    settle(qtbot, canvas, 1)
    truth = np.asarray(qimage_array(QImage(str(data_dir / "coffee-cup-mask.png"))))
    assert iou(mask_array(canvas), truth) >= 0.85
    canvas.undo_stack().undo()
    assert canvas.is_mask_empty()


def qimage_array(image: QImage) -> np.ndarray:
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    flat = np.frombuffer(grey.constBits(), np.uint8)
    return flat.reshape(grey.height(), grey.bytesPerLine())[:, : grey.width()].copy()


def _two_discs() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(4)
    image = np.clip(rng.normal(128, 12, (300, 400, 3)), 0, 255).astype(np.uint8)
    yy, xx = np.mgrid[:300, :400]
    first = (xx - 100) ** 2 + (yy - 150) ** 2 <= 50**2
    second = (xx - 300) ** 2 + (yy - 150) ** 2 <= 40**2
    image[first] = (200, 30, 40)
    image[second] = (30, 160, 60)
    return image, first, second


def test_shift_adds_alt_subtracts_and_a_box_inside_refines(qtbot: QtBot) -> None:
    image, first, second = _two_discs()
    canvas = photo_canvas(qtbot, qimage(image), Tool.OBJECT)
    box_drag(qtbot, canvas, (40, 90, 160, 210))
    settle(qtbot, canvas, 1)
    assert iou(mask_array(canvas), first) >= 0.97
    box_drag(qtbot, canvas, (250, 100, 350, 200), SHIFT)
    settle(qtbot, canvas, 2)
    assert iou(mask_array(canvas), first | second) >= 0.97
    box_drag(qtbot, canvas, (40, 90, 160, 210), ALT)
    settle(qtbot, canvas, 3)
    assert iou(mask_array(canvas), second) >= 0.97
    assert canvas.undo_stack().undoText() == "Subtract object"
    # A rough rectangle over the second disc, then the Shift box again: inside the box it was
    # added with, so it refines; GrabCut, seeded by the rectangle, keeps only the disc.
    canvas.set_tool(Tool.RECT)
    box_drag(qtbot, canvas, (250, 100, 350, 200))
    assert canvas.undo_stack().count() == 4 and iou(mask_array(canvas), second) < 0.7
    canvas.set_tool(Tool.OBJECT)
    box_drag(qtbot, canvas, (250, 100, 350, 200))
    settle(qtbot, canvas, 5)
    assert canvas.undo_stack().undoText() == "Refine selection"
    assert iou(mask_array(canvas), second) >= 0.97


def _blocks() -> np.ndarray:
    image = np.full((200, 300, 3), 128, np.uint8)
    image[20:80, 20:120] = (200, 40, 40)
    image[80:100, 20:120] = (210, 50, 30)  # within 10 of the red, touching it
    image[120:180, 200:280] = (200, 40, 40)  # the same red, apart
    return image


def test_the_wand_selects_exactly_the_matching_pixels(qtbot: QtBot) -> None:
    image = _blocks()
    canvas = photo_canvas(qtbot, qimage(image), Tool.WAND)
    canvas.set_tolerance(10)
    qtbot.mouseClick(canvas, LEFT, pos=at(canvas, 50.5, 50.5))
    settle(qtbot, canvas, 1)
    expected = np.zeros(image.shape[:2], np.uint8)
    expected[20:100, 20:120] = 255
    np.testing.assert_array_equal(mask_array(canvas), expected)
    canvas.set_contiguous(False)
    canvas.set_tolerance(0)
    qtbot.mouseClick(canvas, LEFT, pos=at(canvas, 50.5, 50.5))
    settle(qtbot, canvas, 2)
    expected[:] = 0
    expected[20:80, 20:120] = 255
    expected[120:180, 200:280] = 255
    np.testing.assert_array_equal(mask_array(canvas), expected)
    qtbot.mouseClick(canvas, LEFT, ALT, at(canvas, 240.5, 150.5))
    settle(qtbot, canvas, 3)
    expected[:] = 0
    np.testing.assert_array_equal(mask_array(canvas), expected)  # Alt took both reds away
    assert canvas.undo_stack().undoText() == "Magic wand"


def test_colour_range_previews_then_applies_the_picked_colours(qtbot: QtBot) -> None:
    image = _blocks()
    canvas = photo_canvas(qtbot, qimage(image), Tool.COLOR_RANGE)
    canvas.set_tolerance(0)
    qtbot.mouseClick(canvas, LEFT, pos=at(canvas, 50.5, 50.5))
    assert canvas.color_pick() == [(200, 40, 40)]
    qtbot.mouseClick(canvas, LEFT, SHIFT, at(canvas, 50.5, 90.5))
    assert canvas.color_pick() == [(200, 40, 40), (210, 50, 30)]
    assert canvas.undo_stack().count() == 0 and canvas.is_mask_empty()  # only a preview so far
    red = np.zeros(image.shape[:2], np.uint8)
    red[20:100, 20:120] = 255
    red[120:180, 200:280] = 255
    qtbot.waitUntil(lambda: _preview(canvas) is not None, timeout=10_000)
    np.testing.assert_array_equal(_preview(canvas), red != 0)  # the photo is under a megapixel
    canvas.set_tolerance(128)  # the preview follows the tolerance at once
    assert np.count_nonzero(_preview(canvas)) > np.count_nonzero(red)
    canvas.set_tolerance(0)
    canvas.apply_color_range(Qt.KeyboardModifier.NoModifier)
    settle(qtbot, canvas, 1)
    expected = color_range(image, [(200, 40, 40), (210, 50, 30)], 0)
    np.testing.assert_array_equal(mask_array(canvas), expected)
    assert canvas.color_pick() == [] and canvas.undo_stack().undoText() == "Colour range"


def _preview(canvas: MaskCanvas) -> np.ndarray | None:
    pick = canvas._pick
    if pick is None or pick.overlay is None:
        return None
    return qimage_array(pick.overlay.convertToFormat(QImage.Format.Format_Grayscale8)) != 0


def test_smoothing_is_one_step_that_removes_specks(qtbot: QtBot) -> None:
    canvas = photo_canvas(qtbot, qimage(_blocks()), Tool.BRUSH)
    mask = QImage(300, 200, QImage.Format.Format_Grayscale8)
    mask.fill(0)
    bits = np.zeros((200, 300), np.uint8)
    bits[50:150, 50:250] = 255
    bits[10, 10] = 255
    mask = qimage(np.repeat(bits[:, :, None], 3, axis=2))
    canvas.set_mask(mask)
    canvas.smooth_mask(4)
    settle(qtbot, canvas, 2)
    smooth = mask_array(canvas)
    assert not smooth[10, 10] and smooth[60:140, 60:240].all()
    assert canvas.undo_stack().undoText() == "Smooth edge"


def test_a_box_on_a_large_photo_keeps_the_event_loop_running(qtbot: QtBot, data_dir: Path) -> None:
    photo = QImage(str(data_dir / "coffee.png")).scaled(6000, 4000)
    canvas = photo_canvas(qtbot, photo, Tool.OBJECT)
    # Choosing the tool loads OpenCV and copies the photo in the pool; measured from here on
    # is the selection itself, as a person drags a box some time after choosing the tool.
    qtbot.waitUntil(canvas.is_selection_ready, timeout=30_000)
    probe = LatenessProbe()
    probe.start()
    box_drag(qtbot, canvas, (700, 100, 4850, 3950))
    settle(qtbot, canvas, 1)
    qtbot.wait(30)
    probe.stop()
    assert probe.ticks > 5
    assert probe.worst < MAX_BUSY_S, probe.describe()
    truth = qimage_array(QImage(str(data_dir / "coffee-cup-mask.png")).scaled(6000, 4000))
    assert iou(mask_array(canvas), truth) >= 0.85
