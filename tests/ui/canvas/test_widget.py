"""MaskCanvas driven as a real widget: strokes, selections and operations give exact pixels."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainterPath, QPolygonF
from pytestqt.qtbot import QtBot

from xpaint_desktop.ui.canvas.widget import MaskCanvas, Tool

W, H = 300, 200
LEFT = Qt.MouseButton.LeftButton


def mask_array(canvas: MaskCanvas) -> np.ndarray:
    img = canvas.mask()
    assert img.format() == QImage.Format.Format_Grayscale8
    flat = np.frombuffer(img.constBits(), dtype=np.uint8)
    return flat.reshape(img.height(), img.bytesPerLine())[:, : img.width()].copy()


def centres(w: int = W, h: int = H) -> tuple[np.ndarray, np.ndarray]:
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float64)
    return xs + 0.5, ys + 0.5


def segment_distance2(a: QPointF, b: QPointF, w: int = W, h: int = H) -> np.ndarray:
    """Squared distance of every pixel centre to the segment a-b."""
    xs, ys = centres(w, h)
    ax, ay, bx, by = a.x(), a.y(), b.x(), b.y()
    length2 = (bx - ax) ** 2 + (by - ay) ** 2
    t = np.clip(((xs - ax) * (bx - ax) + (ys - ay) * (by - ay)) / length2, 0, 1)
    return (xs - ax - t * (bx - ax)) ** 2 + (ys - ay - t * (by - ay)) ** 2


def brush_centre(canvas: MaskCanvas, p: QPoint) -> QPointF:
    return canvas.widget_to_image(QPointF(p) + QPointF(0.5, 0.5))


def drag(
    qtbot: QtBot,
    canvas: MaskCanvas,
    points: list[QPoint],
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    button: Qt.MouseButton = LEFT,
) -> None:
    qtbot.mousePress(canvas, button, modifier, points[0])
    for p in points[1:]:
        qtbot.mouseMove(canvas, p)
    qtbot.mouseRelease(canvas, button, modifier, points[-1])


def make_canvas(qtbot: QtBot, width: int = W, height: int = H, view: int = 500) -> MaskCanvas:
    """A shown canvas holding a plain blue photo of `width` x `height`, fitted to the view."""
    widget = MaskCanvas()
    qtbot.addWidget(widget)
    widget.resize(view, 400)
    widget.show()
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(20, 40, 200))
    widget.set_image(image)
    return widget


@pytest.fixture
def canvas(qtbot: QtBot) -> MaskCanvas:
    widget = make_canvas(qtbot)
    widget.zoom_100()
    return widget


def test_set_image_starts_empty_and_fitted(canvas: MaskCanvas) -> None:
    assert canvas.has_image()
    assert canvas.image().size() == canvas.mask().size()
    assert canvas.is_mask_empty() and canvas.mask_bbox().isNull()
    assert not mask_array(canvas).any()
    canvas.zoom_fit()
    assert canvas.zoom() == pytest.approx(min((500 - 16) / W, (400 - 16) / H))


def test_horizontal_stroke_paints_exactly_a_capsule(qtbot: QtBot, canvas: MaskCanvas) -> None:
    canvas.set_brush_size(20)
    origin = canvas.image_to_widget(QPointF(0, 0)).toPoint()
    pts = [origin + QPoint(x, 100) for x in (40, 45, 60, 230)]  # the last move is a long jump
    emitted: list[None] = []
    canvas.mask_changed.connect(lambda: emitted.append(None))
    drag(qtbot, canvas, pts)
    assert len(emitted) == 1  # once per stroke, not per mouse move
    a, b = brush_centre(canvas, pts[0]), brush_centre(canvas, pts[-1])
    expected = segment_distance2(a, b) <= 10**2
    assert np.array_equal(mask_array(canvas) == 255, expected)
    assert set(np.unique(mask_array(canvas))) == {0, 255}
    assert canvas.undo_stack().count() == 1
    box = canvas.mask_bbox()
    rows, cols = np.nonzero(expected)
    assert (box.left(), box.top(), box.right(), box.bottom()) == (
        cols.min(),
        rows.min(),
        cols.max(),
        rows.max(),
    )


def test_fast_diagonal_stroke_leaves_no_gap(qtbot: QtBot, canvas: MaskCanvas) -> None:
    canvas.set_brush_size(7)
    o = canvas.image_to_widget(QPointF(0, 0)).toPoint()
    pts = [o + QPoint(10, 10), o + QPoint(250, 170), o + QPoint(280, 20)]
    drag(qtbot, canvas, pts)
    c = [brush_centre(canvas, p) for p in pts]
    r2 = 3.5**2
    expected = (segment_distance2(c[0], c[1]) <= r2) | (segment_distance2(c[1], c[2]) <= r2)
    assert np.array_equal(mask_array(canvas) == 255, expected)


def test_eraser_removes_exactly_its_capsule(qtbot: QtBot, canvas: MaskCanvas) -> None:
    canvas.fill_all()
    canvas.set_tool(Tool.ERASER)
    canvas.set_brush_size(15)
    o = canvas.image_to_widget(QPointF(0, 0)).toPoint()
    pts = [o + QPoint(20, 30), o + QPoint(200, 150)]
    drag(qtbot, canvas, pts)
    erased = segment_distance2(brush_centre(canvas, pts[0]), brush_centre(canvas, pts[1])) <= 7.5**2
    assert np.array_equal(mask_array(canvas) == 0, erased)
    assert canvas.undo_stack().count() == 2


def test_hardness_shrinks_the_binary_footprint(qtbot: QtBot, canvas: MaskCanvas) -> None:
    canvas.set_brush_size(40)
    canvas.set_hardness(0.5)
    o = canvas.image_to_widget(QPointF(0, 0)).toPoint()
    drag(qtbot, canvas, [o + QPoint(100, 100)])
    c = brush_centre(canvas, o + QPoint(100, 100))
    xs, ys = centres()
    radius = 20 * (1 + 0.5) / 2
    expected = (xs - c.x()) ** 2 + (ys - c.y()) ** 2 <= radius**2
    assert np.array_equal(mask_array(canvas) == 255, expected)


def rect_expected(x0: int, y0: int, x1: int, y1: int) -> np.ndarray:
    out = np.zeros((H, W), dtype=bool)
    out[y0:y1, x0:x1] = True
    return out


def test_rectangle_adds_and_subtracts(qtbot: QtBot, canvas: MaskCanvas) -> None:
    canvas.set_tool(Tool.RECT)
    o = canvas.image_to_widget(QPointF(0, 0)).toPoint()
    drag(qtbot, canvas, [o + QPoint(30, 20), o + QPoint(90, 70), o + QPoint(120, 80)])
    first = rect_expected(30, 20, 120, 80)
    assert np.array_equal(mask_array(canvas) == 255, first)
    # Dragged backwards, with Alt: subtract.
    alt = Qt.KeyboardModifier.AltModifier
    drag(qtbot, canvas, [o + QPoint(100, 60), o + QPoint(50, 40)], alt)
    second = first & ~rect_expected(50, 40, 100, 60)
    assert np.array_equal(mask_array(canvas) == 255, second)
    canvas.set_subtract(True)
    drag(qtbot, canvas, [o + QPoint(0, 0), o + QPoint(40, 30)])
    assert np.array_equal(mask_array(canvas) == 255, second & ~rect_expected(0, 0, 40, 30))
    assert canvas.undo_stack().count() == 3


def test_lasso_fills_the_polygon(qtbot: QtBot, canvas: MaskCanvas) -> None:
    canvas.set_tool(Tool.LASSO)
    o = canvas.image_to_widget(QPointF(0, 0)).toPoint()
    outline = [(20, 20), (120, 20), (120, 50), (60, 50), (60, 110), (20, 110)]  # an L
    drag(qtbot, canvas, [o + QPoint(x, y) for x, y in outline])
    path = QPainterPath()
    path.addPolygon(QPolygonF([QPointF(x, y) for x, y in outline]))
    expected = np.zeros((H, W), dtype=bool)
    for y in range(0, 130):
        for x in range(0, 140):
            expected[y, x] = path.contains(QPointF(x + 0.5, y + 0.5))
    assert expected.sum() == 100 * 30 + 40 * 60
    assert np.array_equal(mask_array(canvas) == 255, expected)


def test_invert_fill_clear(canvas: MaskCanvas) -> None:
    canvas.set_mask(rect_image(10, 10, 50, 40))
    base = mask_array(canvas)
    canvas.invert_mask()
    assert np.array_equal(mask_array(canvas), 255 - base)
    assert canvas.mask_bbox() == canvas.image().rect()
    canvas.clear_mask()
    assert canvas.is_mask_empty() and not mask_array(canvas).any()
    canvas.fill_all()
    assert (mask_array(canvas) == 255).all()
    assert not canvas.is_mask_empty()


def rect_image(x0: int, y0: int, x1: int, y1: int, w: int = W, h: int = H) -> QImage:
    img = QImage(w, h, QImage.Format.Format_Grayscale8)
    img.fill(0)
    for y in range(y0, y1):
        for x in range(x0, x1):
            img.setPixel(x, y, 0xFFFFFFFF)
    return img


def rect_distance2(x0: int, y0: int, x1: int, y1: int) -> np.ndarray:
    """Squared distance of every pixel to the nearest pixel of the rect [x0, x1) x [y0, y1)."""
    ys, xs = np.mgrid[0:H, 0:W]
    dx = np.maximum(np.maximum(x0 - xs, 0), xs - (x1 - 1))
    dy = np.maximum(np.maximum(y0 - ys, 0), ys - (y1 - 1))
    return dx**2 + dy**2


def test_grow_uses_a_disk(canvas: MaskCanvas) -> None:
    canvas.set_mask(rect_image(100, 60, 140, 90))
    canvas.grow_mask(7)
    expected = rect_distance2(100, 60, 140, 90) <= 7**2
    assert np.array_equal(mask_array(canvas) == 255, expected)
    assert canvas.mask_bbox().getCoords() == (93, 53, 146, 96)


def test_shrink_uses_a_disk_and_keeps_the_border(canvas: MaskCanvas) -> None:
    canvas.set_mask(rect_image(100, 60, 140, 90))
    canvas.grow_mask(9)
    canvas.shrink_mask(9)  # closing a rectangle with a disk gives the rectangle back
    assert np.array_equal(mask_array(canvas) == 255, rect_expected(100, 60, 140, 90))
    canvas.set_mask(rect_image(0, 0, 60, 50))
    canvas.shrink_mask(5)
    assert np.array_equal(mask_array(canvas) == 255, rect_expected(0, 0, 55, 45))


def test_undo_redo_restore_exact_pixels(qtbot: QtBot, canvas: MaskCanvas) -> None:
    o = canvas.image_to_widget(QPointF(0, 0)).toPoint()
    states = [mask_array(canvas)]

    def brush() -> None:
        canvas.set_tool(Tool.BRUSH)
        drag(qtbot, canvas, [o + QPoint(30, 30), o + QPoint(200, 120)])

    def rect() -> None:
        canvas.set_tool(Tool.RECT)
        drag(qtbot, canvas, [o + QPoint(150, 10), o + QPoint(260, 90)])

    def erase() -> None:
        canvas.set_tool(Tool.ERASER)
        drag(qtbot, canvas, [o + QPoint(10, 100), o + QPoint(290, 60)])

    ops = [
        brush,
        rect,
        canvas.invert_mask,
        erase,
        lambda: canvas.grow_mask(4),
        lambda: canvas.shrink_mask(6),
        canvas.clear_mask,
        canvas.fill_all,
        lambda: canvas.set_mask(rect_image(5, 5, 80, 60)),
    ]
    for op in ops:
        op()
        states.append(mask_array(canvas))
        assert not np.array_equal(states[-1], states[-2])
    stack = canvas.undo_stack()
    assert stack.count() == len(ops)
    for i in range(len(ops) - 1, -1, -1):
        stack.undo()
        assert np.array_equal(mask_array(canvas), states[i])
        assert canvas.is_mask_empty() == (not states[i].any())
    for i in range(1, len(ops) + 1):
        stack.redo()
        assert np.array_equal(mask_array(canvas), states[i])


def test_stroke_undo_memory_is_bounded_by_the_stroke(qtbot: QtBot) -> None:
    canvas = make_canvas(qtbot, 6000, 4000, view=600)
    canvas.zoom_100()
    canvas.set_brush_size(30)
    pts = [QPoint(100, 100), QPoint(180, 140), QPoint(400, 300)]
    drag(qtbot, canvas, pts)
    command = canvas.undo_stack().command(0)
    rect = canvas.mask_bbox()
    area = rect.width() * rect.height()
    assert command.stored_bytes > 0
    assert command.stored_bytes < area // 4  # both states at under one bit per pixel
    assert command.stored_bytes < 6000 * 4000 // 1000
    # Whole-image operations store compact forms too.
    canvas.invert_mask()
    canvas.fill_all()  # planned in the thread pool on a photo this large
    qtbot.waitUntil(lambda: canvas.undo_stack().count() == 3 and not canvas.is_busy())
    assert canvas.undo_stack().command(1).stored_bytes == 0
    assert canvas.undo_stack().command(2).stored_bytes < 64 * 1024


def test_set_mask_is_one_undoable_step(canvas: MaskCanvas) -> None:
    canvas.set_mask(rect_image(1, 2, 3, 4))
    assert canvas.mask_bbox().getRect() == (1, 2, 2, 2)
    canvas.undo_stack().undo()
    assert canvas.is_mask_empty()
    with pytest.raises(ValueError, match="10x10"):
        canvas.set_mask(rect_image(0, 0, 1, 1, 10, 10))


def test_brackets_change_brush_size(qtbot: QtBot, canvas: MaskCanvas) -> None:
    canvas.set_brush_size(20)
    canvas.setFocus()
    with qtbot.waitSignal(canvas.brush_size_changed) as blocker:
        qtbot.keyClick(canvas, Qt.Key.Key_BracketRight)
    assert blocker.args == [22] and canvas.brush_size() == 22
    qtbot.keyClick(canvas, Qt.Key.Key_BracketLeft)
    qtbot.keyClick(canvas, Qt.Key.Key_BracketLeft)
    assert canvas.brush_size() == 18
    canvas.set_brush_size(1)
    qtbot.keyClick(canvas, Qt.Key.Key_BracketLeft)
    assert canvas.brush_size() == 1


def test_bbox_and_emptiness_follow_erasing(qtbot: QtBot, canvas: MaskCanvas) -> None:
    canvas.set_mask(rect_image(50, 50, 150, 100))
    canvas.set_tool(Tool.RECT)
    canvas.set_subtract(True)
    o = canvas.image_to_widget(QPointF(0, 0)).toPoint()
    drag(qtbot, canvas, [o + QPoint(100, 40), o + QPoint(160, 110)])  # the right half
    assert canvas.mask_bbox().getRect() == (50, 50, 50, 50)
    canvas.set_tool(Tool.ERASER)
    canvas.set_brush_size(300)
    drag(qtbot, canvas, [o + QPoint(75, 75)])
    assert canvas.is_mask_empty() and canvas.mask_bbox().isNull()
    canvas.undo_stack().undo()
    assert canvas.mask_bbox().getRect() == (50, 50, 50, 50)


def _held_stroke(qtbot: QtBot, canvas: MaskCanvas, points: list[QPoint]) -> None:
    """Press and move with the left button, without releasing it."""
    qtbot.mousePress(canvas, LEFT, Qt.KeyboardModifier.NoModifier, points[0])
    for p in points[1:]:
        qtbot.mouseMove(canvas, p)


def test_undo_shortcut_during_a_stroke_finishes_it_first(qtbot: QtBot, canvas: MaskCanvas) -> None:
    stack = canvas.undo_stack()
    for action, key in (
        (stack.createUndoAction(canvas), QKeySequence.StandardKey.Undo),
        (stack.createRedoAction(canvas), QKeySequence.StandardKey.Redo),
    ):
        action.setShortcut(QKeySequence(key))
        canvas.addAction(action)
    with qtbot.waitActive(canvas):
        canvas.activateWindow()
    canvas.set_mask(rect_image(200, 150, 260, 190))
    before = mask_array(canvas)
    canvas.set_brush_size(10)
    o = canvas.image_to_widget(QPointF(0, 0)).toPoint()
    painted = [o + QPoint(20, 20), o + QPoint(120, 20)]
    _held_stroke(qtbot, canvas, painted)
    during = mask_array(canvas)
    assert not np.array_equal(during, before)
    qtbot.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # The stroke became its own step and that step was undone, not the one before it.
    assert stack.count() == 2 and stack.index() == 1
    assert np.array_equal(mask_array(canvas), before)
    # The rest of the held drag paints nothing; releasing adds no step.
    qtbot.mouseMove(canvas, o + QPoint(120, 120))
    qtbot.mouseRelease(canvas, LEFT, Qt.KeyboardModifier.NoModifier, o + QPoint(120, 120))
    assert np.array_equal(mask_array(canvas), before)
    assert stack.count() == 2
    stack.redo()
    assert np.array_equal(mask_array(canvas), during)
    # A new stroke after the release paints again.
    drag(qtbot, canvas, [o + QPoint(20, 150), o + QPoint(60, 150)])
    assert stack.count() == 3 and not np.array_equal(mask_array(canvas), during)


def test_operation_during_a_stroke_finishes_it_first(qtbot: QtBot, canvas: MaskCanvas) -> None:
    canvas.set_brush_size(10)
    o = canvas.image_to_widget(QPointF(0, 0)).toPoint()
    _held_stroke(qtbot, canvas, [o + QPoint(20, 20), o + QPoint(120, 20)])
    stroke = mask_array(canvas)
    canvas.invert_mask()
    qtbot.mouseMove(canvas, o + QPoint(120, 120))
    qtbot.mouseRelease(canvas, LEFT, Qt.KeyboardModifier.NoModifier, o + QPoint(120, 120))
    stack = canvas.undo_stack()
    assert [stack.text(i) for i in range(stack.count())] == ["Brush stroke", "Invert mask"]
    assert np.array_equal(mask_array(canvas), 255 - stroke)
    stack.undo()
    assert np.array_equal(mask_array(canvas), stroke)
    stack.undo()
    assert canvas.is_mask_empty()
