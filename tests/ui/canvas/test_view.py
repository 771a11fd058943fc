"""MaskCanvas navigation, display modes, pen input and mask files, on real widgets."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPointingDevice, QTabletEvent, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.canvas.test_widget import drag, make_canvas, mask_array, rect_image, segment_distance2
from xpaint_desktop.ui.canvas.widget import MaskCanvas, Tool

W, H = 300, 200
BLUE = QColor(20, 40, 200)


@pytest.fixture
def canvas(qtbot: QtBot) -> MaskCanvas:
    return make_canvas(qtbot)


def wheel(canvas: MaskCanvas, pos: QPointF, steps: int, ctrl: bool = False) -> None:
    mods = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    event = QWheelEvent(
        pos,
        canvas.mapToGlobal(pos),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        mods,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(canvas, event)


@pytest.mark.parametrize("ctrl", [False, True])
def test_wheel_zooms_around_the_pointer(qtbot: QtBot, canvas: MaskCanvas, ctrl: bool) -> None:
    pos = QPointF(137.0, 211.0)
    before = canvas.widget_to_image(pos)
    zoom = canvas.zoom()
    with qtbot.waitSignal(canvas.zoom_changed) as blocker:
        wheel(canvas, pos, 2, ctrl)
    assert canvas.zoom() == pytest.approx(zoom * 1.25**2)
    assert blocker.args == [canvas.zoom()]
    after = canvas.widget_to_image(pos)
    assert after.x() == pytest.approx(before.x(), abs=1e-9)
    assert after.y() == pytest.approx(before.y(), abs=1e-9)
    wheel(canvas, pos, -3, ctrl)
    assert canvas.zoom() < zoom
    assert canvas.widget_to_image(pos).x() == pytest.approx(before.x(), abs=1e-9)


def test_zoom_buttons_fit_and_actual_size(canvas: MaskCanvas) -> None:
    fit = canvas.zoom()
    assert fit == pytest.approx(min(484 / W, 384 / H))
    centre = canvas.widget_to_image(QPointF(250, 200))
    canvas.zoom_in()
    assert canvas.zoom() == pytest.approx(fit * 1.25)
    assert canvas.widget_to_image(QPointF(250, 200)).x() == pytest.approx(centre.x())
    canvas.zoom_out()
    canvas.zoom_out()
    assert canvas.zoom() == pytest.approx(fit / 1.25)
    canvas.zoom_100()
    assert canvas.zoom() == 1.0
    origin = canvas.image_to_widget(QPointF(0, 0))
    assert origin.x() == int(origin.x()) and origin.y() == int(origin.y())
    canvas.zoom_fit()
    assert canvas.zoom() == pytest.approx(fit)
    canvas.resize(700, 400)
    assert canvas.zoom() == pytest.approx(min(684 / W, 384 / H))


def origin_of(canvas: MaskCanvas) -> QPointF:
    return canvas.image_to_widget(QPointF(0, 0))


def test_middle_button_space_and_pan_tool_pan(qtbot: QtBot, canvas: MaskCanvas) -> None:
    start = origin_of(canvas)
    drag(qtbot, canvas, [QPoint(100, 100), QPoint(130, 90)], button=Qt.MouseButton.MiddleButton)
    assert origin_of(canvas) == start + QPointF(30, -10)
    canvas.setFocus()
    qtbot.keyPress(canvas, Qt.Key.Key_Space)
    drag(qtbot, canvas, [QPoint(200, 200), QPoint(190, 220)])
    qtbot.keyRelease(canvas, Qt.Key.Key_Space)
    assert origin_of(canvas) == start + QPointF(20, 10)
    canvas.set_tool(Tool.PAN)
    drag(qtbot, canvas, [QPoint(200, 200), QPoint(205, 200)])
    assert origin_of(canvas) == start + QPointF(25, 10)
    assert canvas.is_mask_empty() and canvas.undo_stack().count() == 0
    canvas.set_tool(Tool.BRUSH)
    drag(qtbot, canvas, [QPoint(250, 200)])
    assert not canvas.is_mask_empty()


def test_signals_for_tool_and_cursor(qtbot: QtBot, canvas: MaskCanvas) -> None:
    with qtbot.waitSignal(canvas.tool_changed) as blocker:
        canvas.set_tool(Tool.LASSO)
    assert blocker.args == [Tool.LASSO]
    canvas.zoom_100()
    target = canvas.image_to_widget(QPointF(42.2, 17.9)).toPoint()
    with qtbot.waitSignal(canvas.cursor_moved) as moved:
        qtbot.mouseMove(canvas, target)
    point = canvas.widget_to_image(QPointF(target))
    assert moved.args == [QPoint(int(point.x()), int(point.y()))]


def pixel(canvas: MaskCanvas, image_point: QPointF) -> QColor:
    shot = canvas.grab().toImage()
    return shot.pixelColor(canvas.image_to_widget(image_point).toPoint())


def test_display_modes_show_what_they_say(canvas: MaskCanvas) -> None:
    left, right = QPointF(W * 0.25, H / 2), QPointF(W * 0.75, H / 2)
    assert pixel(canvas, left) == BLUE
    canvas.fill_all()
    tinted = pixel(canvas, left)
    assert tinted != BLUE and tinted.red() > 100
    result = QImage(W, H, QImage.Format.Format_RGB32)
    result.fill(QColor(250, 200, 0))
    canvas.set_overlay_image(result)
    over_result = pixel(canvas, left)  # the mask stays over the result...
    assert over_result != QColor(250, 200, 0) and over_result.red() > 200
    canvas.set_mask_visible(False)  # ...until it is hidden
    assert pixel(canvas, left) == QColor(250, 200, 0)
    canvas.set_compare(True)
    assert pixel(canvas, left) == BLUE
    canvas.set_compare(False)
    canvas.set_compare_split(0.5)
    assert pixel(canvas, left) == BLUE and pixel(canvas, right) == QColor(250, 200, 0)
    canvas.set_compare_split(None)
    canvas.set_overlay_image(None)
    assert pixel(canvas, left) == BLUE  # hidden over the photo too
    canvas.set_mask_visible(True)
    canvas.set_mask_color(QColor(0, 255, 0))
    green = pixel(canvas, left)
    assert green.green() > 100 and green.red() < 50


def tablet(canvas: MaskCanvas, kind: QEvent.Type, pos: QPointF, pressure: float) -> None:
    buttons = (
        Qt.MouseButton.NoButton if kind == QEvent.Type.TabletRelease else Qt.MouseButton.LeftButton
    )
    event = QTabletEvent(
        kind,
        QPointingDevice.primaryPointingDevice(),
        pos,
        canvas.mapToGlobal(pos),
        pressure,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        Qt.KeyboardModifier.NoModifier,
        Qt.MouseButton.LeftButton,
        buttons,
    )
    QApplication.sendEvent(canvas, event)


def test_pen_pressure_scales_the_brush(canvas: MaskCanvas) -> None:
    canvas.zoom_100()
    canvas.set_brush_size(40)
    a, b = QPointF(120, 150), QPointF(300, 150)
    tablet(canvas, QEvent.Type.TabletPress, a, 0.5)
    tablet(canvas, QEvent.Type.TabletMove, b, 0.5)
    tablet(canvas, QEvent.Type.TabletRelease, b, 0.0)
    ca = canvas.widget_to_image(a + QPointF(0.5, 0.5))
    cb = canvas.widget_to_image(b + QPointF(0.5, 0.5))
    assert np.array_equal(mask_array(canvas) == 255, segment_distance2(ca, cb) <= 10**2)
    assert canvas.undo_stack().count() == 1


def test_import_mask_checks_the_size(tmp_path: Path, canvas: MaskCanvas) -> None:
    path = tmp_path / "wrong-size.png"
    Image.new("L", (120, 80)).save(path)
    with pytest.raises(ValueError) as info:
        canvas.import_mask(str(path))
    message = str(info.value)
    assert "wrong-size.png" in message and "120x80" in message and f"{W}x{H}" in message
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a picture")
    with pytest.raises(ValueError, match=r"broken\.png"):
        canvas.import_mask(str(broken))
    assert canvas.undo_stack().count() == 0


def test_import_grey_alpha_and_coloured_masks(tmp_path: Path, canvas: MaskCanvas) -> None:
    grey = np.zeros((H, W), dtype=np.uint8)
    grey[10:50, 20:90] = 200
    grey[60:70, 20:90] = 100  # below the threshold: keep
    Image.fromarray(grey).save(tmp_path / "grey.png")
    canvas.import_mask(str(tmp_path / "grey.png"))
    assert np.array_equal(mask_array(canvas), np.where(grey > 127, 255, 0))
    assert canvas.undo_stack().count() == 1

    rgba = np.zeros((H, W, 4), dtype=np.uint8)
    rgba[100:150, 200:260, 3] = 255  # black strokes on transparency: the alpha is the mask
    Image.fromarray(rgba, "RGBA").save(tmp_path / "alpha.png")
    canvas.import_mask(str(tmp_path / "alpha.png"))
    assert np.array_equal(mask_array(canvas), np.where(rgba[..., 3] > 127, 255, 0))

    rgb = np.zeros((H, W, 3), dtype=np.uint8)
    rgb[0:40, 0:40] = (255, 0, 0)
    rgb[150:200, 250:300] = (0, 0, 255)
    rgb[80:90, 80:90] = (255, 255, 255)  # white but not a listed colour
    Image.fromarray(rgb).save(tmp_path / "colours.png")
    canvas.import_mask(str(tmp_path / "colours.png"), mask_color=[(255, 0, 0), (0, 0, 255)])
    expected = np.zeros((H, W), dtype=np.uint8)
    expected[0:40, 0:40] = 255
    expected[150:200, 250:300] = 255
    assert np.array_equal(mask_array(canvas), expected)


def test_export_mask_writes_exact_black_and_white(tmp_path: Path, canvas: MaskCanvas) -> None:
    canvas.set_mask(rect_image(30, 40, 170, 90))
    canvas.invert_mask()
    path = tmp_path / "out.png"
    canvas.export_mask(str(path))
    with Image.open(path) as saved:
        assert saved.size == (W, H)
        values = np.asarray(saved.convert("L"))
    assert set(np.unique(values)) == {0, 255}
    assert np.array_equal(values, mask_array(canvas))
    assert [p.name for p in tmp_path.iterdir()] == ["out.png"]
    with pytest.raises(ValueError, match="no-such-folder"):
        canvas.export_mask(str(tmp_path / "no-such-folder" / "m.png"))


def test_a_failed_mask_export_leaves_no_temporary_file(tmp_path: Path, canvas: MaskCanvas) -> None:
    canvas.set_mask(rect_image(30, 40, 170, 90))
    taken = tmp_path / "taken.png"
    taken.mkdir()  # written in full, then the rename over a folder fails
    with pytest.raises(ValueError, match=r"taken\.png"):
        canvas.export_mask(str(taken))
    assert [p.name for p in tmp_path.iterdir()] == ["taken.png"]
    assert taken.is_dir() and not any(taken.iterdir())
