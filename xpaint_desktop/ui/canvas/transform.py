"""The canvas's state and its view transform: zoom, pan and fit, in one base class.

`MaskCanvas` (`widget.py`) is built in layers, each a class of its own module: this view
(state, signals, widget <-> image coordinates), `painting.PaintedCanvas` (drawing the exposed
rectangle and the brush ring), `masking.MaskingCanvas` (the image, the mask and its undoable
edits, planned in the canvas's background pool when large), `picking.SelectingCanvas`
(selections from the photo) and `widget.MaskCanvas` (pointer, pen and keys).
"""

from __future__ import annotations

import enum
import logging
import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QResizeEvent, QUndoStack, QWheelEvent
from PySide6.QtWidgets import QWidget

from xpaint_desktop.ui.canvas.tools import (
    DEFAULT_BRUSH_SIZE,
    DEFAULT_TOLERANCE,
    Tool,
    painted_radius,
)
from xpaint_desktop.ui.canvas.view import ImagePyramid

if TYPE_CHECKING:
    from xpaint_desktop.imaging.select_box import SelectBox
    from xpaint_desktop.ui.canvas.editor import MaskEditor, Planner
    from xpaint_desktop.ui.canvas.raster import Box
    from xpaint_desktop.ui.canvas.selecting import ColorPick, PhotoPixels
    from xpaint_desktop.ui.shared.background import Background

log = logging.getLogger(__name__)

UNDO_LIMIT = 100
ZOOM_MIN = 0.02
ZOOM_MAX = 32.0
ZOOM_STEP = 1.25
FIT_MARGIN = 8
DEFAULT_MASK_COLOR = QColor(255, 40, 90, 128)


class Gesture(enum.Enum):
    STROKE = enum.auto()
    RECT = enum.auto()
    LASSO = enum.auto()
    PAN = enum.auto()
    DIVIDER = enum.auto()  # dragging the before/after divider
    SPENT = enum.auto()  # a stroke finished early (by undo or an operation): wait for release
    CLICK = enum.auto()  # a wand or colour pick, done on release


@dataclass
class Drag:
    """A pointer gesture in progress (button held)."""

    kind: Gesture
    button: Qt.MouseButton
    last_widget: QPointF
    points: list[QPointF] = field(default_factory=list)  # image coordinates (rect, lasso)


EditMaker = Callable[["MaskEditor"], "Planner"]


class CanvasView(QWidget):
    """The canvas's state and signals, and where the image lies in the widget."""

    mask_changed = Signal()
    zoom_changed = Signal(float)
    tool_changed = Signal(object)
    brush_size_changed = Signal(int)
    cursor_moved = Signal(QPoint)
    busy_changed = Signal(bool)
    color_pick_changed = Signal(int)  # how many colours the colour range has picked
    split_dragged = Signal(float)  # the before/after divider moved by hand (0..1)
    open_requested = Signal()  # the empty canvas was clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._undo = QUndoStack(self)
        self._undo.setUndoLimit(UNDO_LIMIT)
        self._image = QImage()
        self._base: ImagePyramid | None = None
        self._editor: MaskEditor | None = None
        self._result: ImagePyramid | None = None
        self._compare = False
        self._split: float | None = None
        self._mask_color = QColor(DEFAULT_MASK_COLOR)
        self._mask_visible = True
        self._zoom = 1.0
        self._offset = QPointF(0.0, 0.0)
        self._fit_mode = True
        self._tool = Tool.BRUSH
        self._size = DEFAULT_BRUSH_SIZE
        self._hardness = 1.0
        self._subtract = False
        self._drag: Drag | None = None
        self._space_held = False
        self._pointer: QPointF | None = None
        self._preview_rect = QRect()
        self._watching = False
        self._busy = False
        self._job: tuple[MaskEditor, EditMaker, bool] | None = None
        self._pending: deque[tuple[EditMaker, bool]] = deque()
        self._pixels: PhotoPixels | None = None
        self._background: Background | None = None
        self._object_box: SelectBox | None = None  # a later box inside it refines
        self._tolerance = DEFAULT_TOLERANCE
        self._contiguous = True
        self._pick: ColorPick | None = None
        self.setMouseTracking(True)
        self.setTabletTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(64, 64)

    def background(self) -> Background:
        """The canvas's own pool: display levels, planned edits, selection pixels, undo
        compression."""
        if self._background is None:
            from xpaint_desktop.ui.shared.background import Background

            self._background = Background(self)
        return self._background

    def _on_levels_failed(self, error: Exception) -> None:
        log.error("Scaling the photo for display failed: %s", error, exc_info=error)

    def tool(self) -> Tool:
        return self._tool

    def brush_size(self) -> int:
        return self._size

    def hardness(self) -> float:
        return self._hardness

    def _radius(self, pressure: float = 1.0) -> float:
        return max(0.5, painted_radius(self._size * pressure, self._hardness))

    def zoom(self) -> float:
        return self._zoom

    def widget_to_image(self, point: QPointF) -> QPointF:
        """Image coordinates (pixels, 0..width) of a widget point."""
        return (QPointF(point) - self._offset) / self._zoom

    def image_to_widget(self, point: QPointF) -> QPointF:
        return QPointF(point) * self._zoom + self._offset

    def zoom_in(self) -> None:
        self.zoom_at(self._center(), self._zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_at(self._center(), self._zoom / ZOOM_STEP)

    def zoom_100(self) -> None:
        """Actual pixels, keeping the image point at the centre of the view in place."""
        self.zoom_at(self._center(), 1.0)
        self._offset = QPointF(round(self._offset.x()), round(self._offset.y()))
        self.update()

    def zoom_fit(self) -> None:
        """Fit the whole image into the view (and keep fitting it when the view resizes)."""
        self._fit_mode = True
        if self._base is None or self.width() <= 0 or self.height() <= 0:
            return
        avail_w = max(1, self.width() - 2 * FIT_MARGIN)
        avail_h = max(1, self.height() - 2 * FIT_MARGIN)
        zoom = min(avail_w / self._base.width, avail_h / self._base.height)
        self._set_zoom_value(zoom)
        self._offset = QPointF(
            round((self.width() - self._base.width * self._zoom) / 2),
            round((self.height() - self._base.height * self._zoom) / 2),
        )
        self.update()

    def zoom_at(self, widget_point: QPointF, zoom: float) -> None:
        """Zoom to `zoom`, keeping the image point under `widget_point` where it is."""
        anchor = self.widget_to_image(widget_point)
        self._fit_mode = False
        if not self._set_zoom_value(zoom):
            return
        self._offset = QPointF(widget_point) - anchor * self._zoom
        self.update()

    def _set_zoom_value(self, zoom: float) -> bool:
        zoom = max(ZOOM_MIN, min(ZOOM_MAX, zoom))
        if math.isclose(zoom, self._zoom, rel_tol=1e-12):
            return False
        self._zoom = zoom
        self.zoom_changed.emit(zoom)
        return True

    def _center(self) -> QPointF:
        return QPointF(self.width() / 2, self.height() / 2)

    def _pan_by(self, delta: QPointF) -> None:
        self._fit_mode = False
        self._offset += delta
        self.update()

    def _widget_rect_of(self, box: Box) -> QRect:
        z = self._zoom
        rect = QRectF(
            self._offset.x() + box.x0 * z,
            self._offset.y() + box.y0 * z,
            box.width * z,
            box.height * z,
        )
        return rect.toAlignedRect().adjusted(-1, -1, 1, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit_mode:
            self.zoom_fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        """The wheel (with or without Ctrl) zooms around the pointer."""
        if self._base is None:
            event.ignore()
            return
        delta = event.angleDelta().y() or event.angleDelta().x()
        if delta:
            self.zoom_at(event.position(), self._zoom * ZOOM_STEP ** (delta / 120))
        event.accept()
