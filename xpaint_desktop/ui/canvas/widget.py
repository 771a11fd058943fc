"""The mask-brush canvas: the photo with the mask as a translucent overlay, and the tools that
paint it.

`MaskCanvas` is built in layers, one module each: `transform.CanvasView` (state, signals, zoom
and pan), `painting.PaintedCanvas` (drawing), `masking.MaskingCanvas` (image, mask, undoable
edits), `picking.SelectingCanvas` (selections from the photo) and, here, pointer, pen and keys.

Why it is built this way:
- A plain QWidget with its own paintEvent. Only the exposed rectangle is drawn, the photo from
  an `ImagePyramid` level and the mask from a cached ARGB32_Premultiplied overlay that is kept
  in sync box by box, so a dab on a 6000x4000 photo costs what a dab on a small one costs.
- The stored mask is strictly binary and rasterised exactly in numpy (`raster`), not by
  QPainter: a brush paints every pixel whose centre lies within the brush radius of the pointer's
  path (a capsule between successive pointer events, so fast moves leave no gaps); rectangles
  and lassos fill the pixels whose centres are inside. See `raster` for the exact rules.
- The brush is centred on the centre of the screen pixel under the pointer; rectangle and lasso
  corners are the pointer positions themselves, so a drag covers the pixels it spans.
- Every stroke or operation is one command on a bounded QUndoStack that stores only the changed
  box, compressed (`commands`).
- A large photo is shown at once from the QImage as given; its display pyramid (format
  conversion and halved copies, tens of milliseconds) is built in the canvas's background pool.
  A result that differs from the photo only in a box (`set_overlay_image(image, changed)`) gets
  the photo's levels with only that box halved again.
- numpy, OpenCV and Pillow are loaded on the first `set_image`, not at start-up.
- A stroke in progress is already on the mask, so anything else that changes the mask (undo,
  redo, a whole-mask operation) first finishes it into its own undo step, as Krita does; the
  rest of that drag paints nothing until the button is released. Undo and redo shortcuts are
  caught (while a stroke is held) before their actions run.
- Fill, clear, grow and shrink of a large mask are planned in the canvas's background pool
  (see `editor`); meanwhile the canvas shows a busy cursor, ignores pointer input and queues
  further operations. The result becomes one undo step when it comes back; if the mask changed
  in between (an undo from the toolbar), it is planned again from the mask as it is then.
- Selections from the photo (object in a box, magic wand, colour range, smoothing; see
  `selecting`) go the same way, always through the pool whatever the photo's size. OpenCV and
  the photo's RGB copy are made in the pool as soon as such a tool is chosen.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QTabletEvent

from xpaint_desktop.ui.canvas.masking import INLINE_EDIT_PIXELS
from xpaint_desktop.ui.canvas.picking import SelectingCanvas
from xpaint_desktop.ui.canvas.tools import Tool, brush_step
from xpaint_desktop.ui.canvas.transform import DEFAULT_MASK_COLOR, Drag, Gesture

__all__ = ["DEFAULT_MASK_COLOR", "INLINE_EDIT_PIXELS", "MaskCanvas", "Tool"]

DIVIDER_GRAB_PX = 8.0  # how near the before/after divider a press grabs it


class MaskCanvas(SelectingCanvas):
    """The photo, its binary inpainting mask, and the tools to paint, select, zoom and pan."""

    def set_tool(self, tool: Tool) -> None:
        if tool == self._tool:
            return
        self._cancel_drag()
        self._tool = tool
        if tool is not Tool.COLOR_RANGE:
            self.clear_color_pick()
        if tool.selects:
            self._prepare_selection()
        self._update_cursor_shape()
        self._update_brush_outline()
        self.tool_changed.emit(tool)

    def set_subtract(self, on: bool) -> None:
        """Rectangle and lasso remove from the mask instead of adding (also while Alt is held)."""
        self._subtract = bool(on)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._editor is None and event.button() == Qt.MouseButton.LeftButton:
            self.open_requested.emit()
            return
        if not self._press(event.position(), event.button(), 1.0):
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._move(event.position(), 1.0)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._release(event.position(), event.button(), event.modifiers())

    def tabletEvent(self, event: QTabletEvent) -> None:
        """Pen input: pressure scales the brush; other tools fall back to mouse events."""
        if not self._tool.paints or self._space_held:
            event.ignore()
            return
        pressure = max(0.0, min(1.0, event.pressure()))
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._press(event.position(), Qt.MouseButton.LeftButton, pressure)
        elif kind == QEvent.Type.TabletMove:
            self._move(event.position(), pressure)
        elif kind == QEvent.Type.TabletRelease:
            self._release(event.position(), Qt.MouseButton.LeftButton, event.modifiers())
        event.accept()

    def _press(self, pos: QPointF, button: Qt.MouseButton, pressure: float) -> bool:
        if self._editor is None or self._drag is not None:
            return False
        if self._busy:
            return True  # swallowed: the mask is being computed
        pan = button == Qt.MouseButton.MiddleButton or (
            button == Qt.MouseButton.LeftButton and (self._space_held or self._tool is Tool.PAN)
        )
        if pan:
            self._drag = Drag(Gesture.PAN, button, QPointF(pos))
            self._update_cursor_shape()
            self._update_brush_outline()
            return True
        if button != Qt.MouseButton.LeftButton:
            return False
        if self._near_divider(pos):
            self._drag = Drag(Gesture.DIVIDER, button, QPointF(pos))
            return True
        image_point = self.widget_to_image(pos)
        if self._tool.paints:
            self._drag = Drag(Gesture.STROKE, button, QPointF(pos))
            self._watch_shortcuts(True)
            centre = self._brush_point(pos)
            self._editor.begin_stroke(
                centre, self._radius(pressure), erase=self._tool is Tool.ERASER
            )
        elif self._tool in (Tool.RECT, Tool.OBJECT):
            self._drag = Drag(Gesture.RECT, button, QPointF(pos), [image_point, image_point])
        elif self._tool in (Tool.WAND, Tool.COLOR_RANGE):
            self._drag = Drag(Gesture.CLICK, button, QPointF(pos), [image_point])
        elif self._tool is Tool.LASSO:
            self._drag = Drag(Gesture.LASSO, button, QPointF(pos), [image_point])
        return True

    def _split_x(self) -> float | None:
        """Where the before/after divider is, in widget pixels (None: no divider shown)."""
        if self._split is None or self._result is None or self._base is None or self._compare:
            return None
        return self._offset.x() + self._split * self._base.width * self._zoom

    def _near_divider(self, pos: QPointF) -> bool:
        x = self._split_x()
        return x is not None and abs(pos.x() - x) <= DIVIDER_GRAB_PX

    def _drag_divider(self, pos: QPointF) -> None:
        if self._base is None:
            return
        width = self._base.width * self._zoom
        fraction = max(0.0, min(1.0, (pos.x() - self._offset.x()) / max(1.0, width)))
        self.set_compare_split(fraction)
        self.split_dragged.emit(fraction)

    def _brush_point(self, pos: QPointF) -> tuple[float, float]:
        point = self.widget_to_image(QPointF(pos) + QPointF(0.5, 0.5))
        return point.x(), point.y()

    def _move(self, pos: QPointF, pressure: float) -> None:
        old_ring = self._ring_rect()
        self._pointer = QPointF(pos)
        if self._editor is not None:
            image_point = self.widget_to_image(pos)
            self.cursor_moved.emit(QPoint(math.floor(image_point.x()), math.floor(image_point.y())))
        drag = self._drag
        if drag is not None and self._editor is not None:
            if drag.kind is Gesture.PAN:
                self._pan_by(QPointF(pos) - drag.last_widget)
            elif drag.kind is Gesture.DIVIDER:
                self._drag_divider(pos)
            elif drag.kind is Gesture.STROKE:
                self._editor.stroke_to(self._brush_point(pos), self._radius(pressure))
            elif drag.kind in (Gesture.RECT, Gesture.LASSO):
                self._extend_selection(drag, pos)
            drag.last_widget = QPointF(pos)
        if self._show_ring() or not old_ring.isNull():
            self.update(old_ring | self._ring_rect())

    def _extend_selection(self, drag: Drag, pos: QPointF) -> None:
        image_point = self.widget_to_image(pos)
        if drag.kind is Gesture.RECT:
            drag.points[-1] = image_point
        else:
            last = self.image_to_widget(drag.points[-1])
            if (QPointF(pos) - last).manhattanLength() < 1.0:
                return
            drag.points.append(image_point)
        new_rect = self._preview_polygon(drag).boundingRect().toAlignedRect().adjusted(-2, -2, 2, 2)
        self.update(self._preview_rect | new_rect)
        self._preview_rect = new_rect

    def _release(
        self, pos: QPointF, button: Qt.MouseButton, modifiers: Qt.KeyboardModifier
    ) -> None:
        drag = self._drag
        if drag is None or button != drag.button or self._editor is None:
            return
        if drag.kind in (Gesture.RECT, Gesture.LASSO):
            self._extend_selection(drag, pos)
        self._drag = None
        self._watch_shortcuts(False)
        subtract = self._subtract or bool(modifiers & Qt.KeyboardModifier.AltModifier)
        points = [(p.x(), p.y()) for p in drag.points]
        if drag.kind is Gesture.STROKE:
            self._editor.end_stroke()  # pushing the command emits mask_changed once
        elif drag.kind is Gesture.RECT and self._tool is Tool.OBJECT:
            self._select_object(points[0], points[-1], modifiers)
        elif drag.kind is Gesture.RECT:
            self._editor.fill_rect(points[0], points[-1], subtract=subtract)
        elif drag.kind is Gesture.CLICK:
            self._click_select(drag.points[0], modifiers)
        elif drag.kind is Gesture.LASSO:
            self._editor.fill_polygon(points, subtract=subtract)
        self.update(self._preview_rect)
        self._preview_rect = QRect()
        self._update_cursor_shape()
        self._update_brush_outline()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Space:
            if not event.isAutoRepeat():
                self._space_held = True
                self._update_cursor_shape()
                self._update_brush_outline()
            event.accept()
        elif key == Qt.Key.Key_BracketRight:
            self.set_brush_size(brush_step(self._size, +1))
        elif key == Qt.Key.Key_BracketLeft:
            self.set_brush_size(brush_step(self._size, -1))
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._pick is not None:
            self.apply_color_range(event.modifiers())
        elif key == Qt.Key.Key_Escape and self._pick is not None:
            self.clear_color_pick()
        else:
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_held = False
            self._update_cursor_shape()
            self._update_brush_outline()
            event.accept()
        else:
            super().keyReleaseEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._space_held = False
        self._update_cursor_shape()
        super().focusOutEvent(event)
