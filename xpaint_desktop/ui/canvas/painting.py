"""Drawing the canvas: only the exposed rectangle, the photo or a result from its pyramid,
the mask overlay, the before/after divider, selection previews and the brush ring."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from xpaint_desktop.ui.canvas.tools import Tool, clamp_brush_size
from xpaint_desktop.ui.canvas.transform import CanvasView, Drag, Gesture

BACKGROUND = QColor(48, 48, 52)
DIVIDER_HANDLE_PX = 9.0


def _tr(text: str) -> str:
    return QCoreApplication.translate("MaskCanvas", text)


class PaintedCanvas(CanvasView):
    """Paints the canvas's state; keeps the brush ring and the cursor shape up to date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._update_cursor_shape()

    def set_brush_size(self, size: int) -> None:
        """Brush diameter in image pixels (1-2000)."""
        size = clamp_brush_size(size)
        if size == self._size:
            return
        old = self._ring_rect()
        self._size = size
        self.update(old | self._ring_rect())
        self.brush_size_changed.emit(size)

    def set_hardness(self, hardness: float) -> None:
        """0..1; the binary footprint of a soft brush is its 50 % contour (see canvas_tools)."""
        old = self._ring_rect()
        self._hardness = max(0.0, min(1.0, float(hardness)))
        self.update(old | self._ring_rect())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        exposed = QRectF(event.rect())
        painter.fillRect(exposed, BACKGROUND)
        if self._base is None or self._editor is None:
            painter.setPen(QColor(200, 200, 200))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, _tr("Open an image"))
            return
        target = QRectF(
            self._offset.x(),
            self._offset.y(),
            self._base.width * self._zoom,
            self._base.height * self._zoom,
        )
        visible = target.intersected(exposed)
        if not visible.isEmpty():
            self._paint_image(painter, visible, target)
        self._paint_preview(painter)
        self._paint_brush_outline(painter)

    def _source_of(self, widget_rect: QRectF) -> QRectF:
        top_left = self.widget_to_image(widget_rect.topLeft())
        return QRectF(
            top_left.x(),
            top_left.y(),
            widget_rect.width() / self._zoom,
            widget_rect.height() / self._zoom,
        )

    def _paint_image(self, painter: QPainter, visible: QRectF, target: QRectF) -> None:
        assert self._base is not None and self._editor is not None
        result = self._result
        if result is None or self._compare:
            self._base.draw(painter, visible, self._source_of(visible), self._zoom)
            if result is None:
                self._paint_mask(painter, visible)
                self._paint_color_preview(painter, visible)
            return
        if self._split is None:
            result.draw(painter, visible, self._source_of(visible), self._zoom)
            self._paint_mask(painter, visible)
            return
        split_x = target.left() + self._split * target.width()
        left = visible.intersected(
            QRectF(visible.left(), visible.top(), split_x - visible.left(), visible.height())
        )
        right = visible.intersected(
            QRectF(split_x, visible.top(), visible.right() - split_x, visible.height())
        )
        if not left.isEmpty():
            self._base.draw(painter, left, self._source_of(left), self._zoom)
        if not right.isEmpty():
            result.draw(painter, right, self._source_of(right), self._zoom)
        self._paint_mask(painter, visible)
        self._paint_divider(painter, split_x, visible)

    def _paint_mask(self, painter: QPainter, visible: QRectF) -> None:
        if self._mask_visible and self._editor is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            painter.drawImage(visible, self._editor.layer.overlay, self._source_of(visible))

    @staticmethod
    def _paint_divider(painter: QPainter, x: float, visible: QRectF) -> None:
        """The before/after divider with a round handle in the middle to drag it by."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(QColor(255, 255, 255), 2))
        painter.drawLine(QPointF(x, visible.top()), QPointF(x, visible.bottom()))
        painter.setBrush(QColor(255, 255, 255, 220))
        painter.setPen(QPen(QColor(40, 40, 40), 1))
        painter.drawEllipse(QPointF(x, visible.center().y()), DIVIDER_HANDLE_PX, DIVIDER_HANDLE_PX)

    def _paint_color_preview(self, painter: QPainter, visible: QRectF) -> None:
        overlay = None if self._pick is None else self._pick.overlay
        if overlay is None or self._base is None:
            return
        sx, sy = overlay.width() / self._base.width, overlay.height() / self._base.height
        src = self._source_of(visible)
        scaled = QRectF(src.x() * sx, src.y() * sy, src.width() * sx, src.height() * sy)
        painter.drawImage(visible, overlay, scaled)

    def _paint_preview(self, painter: QPainter) -> None:
        drag = self._drag
        if drag is None or drag.kind not in (Gesture.RECT, Gesture.LASSO) or not drag.points:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        polygon = self._preview_polygon(drag)
        for color, style in (
            (QColor(0, 0, 0), Qt.PenStyle.SolidLine),
            (QColor(255, 255, 255), Qt.PenStyle.DashLine),
        ):
            painter.setPen(QPen(color, 1, style))
            if polygon.size() > 2:
                painter.drawPolygon(polygon)
            else:
                painter.drawPolyline(polygon)

    def _preview_polygon(self, drag: Drag) -> QPolygonF:
        if drag.kind is Gesture.RECT:
            a = self.image_to_widget(drag.points[0])
            b = self.image_to_widget(drag.points[-1])
            return QPolygonF(QRectF(a, b).normalized())
        return QPolygonF([self.image_to_widget(p) for p in drag.points])

    def _ring_center(self) -> QPointF | None:
        if self._pointer is None:
            return None
        return self._pointer + QPointF(0.5, 0.5)

    def _show_ring(self) -> bool:
        panning = self._space_held or (self._drag is not None and self._drag.kind is Gesture.PAN)
        return self._tool.paints and self._pointer is not None and not panning

    def _ring_rect(self) -> QRect:
        center = self._ring_center()
        if center is None:
            return QRect()
        r = self._size / 2 * self._zoom + 3
        return QRectF(center.x() - r, center.y() - r, 2 * r, 2 * r).toAlignedRect()

    def _paint_brush_outline(self, painter: QPainter) -> None:
        center = self._ring_center()
        if center is None or not self._show_ring():
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        r = self._radius() * self._zoom
        painter.setPen(QPen(QColor(0, 0, 0, 160), 3))
        painter.drawEllipse(center, r, r)
        painter.setPen(QPen(QColor(255, 255, 255), 1))
        painter.drawEllipse(center, r, r)
        if self._hardness < 1.0:
            nominal = self._size / 2 * self._zoom
            painter.setPen(QPen(QColor(255, 255, 255, 160), 1, Qt.PenStyle.DotLine))
            painter.drawEllipse(center, nominal, nominal)

    def _update_brush_outline(self) -> None:
        rect = self._ring_rect()
        if not rect.isNull():
            self.update(rect)

    def _update_cursor_shape(self) -> None:
        if self._busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
            return
        if self._space_held or self._tool is Tool.PAN:
            dragging = self._drag is not None and self._drag.kind is Gesture.PAN
            shape = Qt.CursorShape.ClosedHandCursor if dragging else Qt.CursorShape.OpenHandCursor
        else:
            shape = Qt.CursorShape.CrossCursor
        self.setCursor(shape)

    def leaveEvent(self, event: QEvent) -> None:
        old = self._ring_rect()
        self._pointer = None
        self.update(old)
        super().leaveEvent(event)
