"""The mask-brush canvas: the photo with the mask as a translucent overlay, and the tools that
paint it.

Why it is built this way:
- A plain QWidget with its own paintEvent. Only the exposed rectangle is drawn, the photo from
  an `ImagePyramid` level and the mask from a cached ARGB32_Premultiplied overlay that is kept
  in sync box by box, so a dab on a 6000x4000 photo costs what a dab on a small one costs.
- The stored mask is strictly binary and rasterised exactly in numpy (`canvas_raster`), not by
  QPainter: a brush paints every pixel whose centre lies within the brush radius of the pointer's
  path (a capsule between successive pointer events, so fast moves leave no gaps); rectangles
  and lassos fill the pixels whose centres are inside. See `canvas_raster` for the exact rules.
- The brush is centred on the centre of the screen pixel under the pointer; rectangle and lasso
  corners are the pointer positions themselves, so a drag covers the pixels it spans.
- Every stroke or operation is one command on a bounded QUndoStack that stores only the changed
  box, compressed (`canvas_commands`).
- A large photo is shown at once from the QImage as given; its display pyramid (format
  conversion and halved copies, tens of milliseconds) is built in the thread pool.
- numpy, OpenCV and Pillow are loaded on the first `set_image`, not at start-up.
- A stroke in progress is already on the mask, so anything else that changes the mask (undo,
  redo, a whole-mask operation) first finishes it into its own undo step, as Krita does; the
  rest of that drag paints nothing until the button is released. Undo and redo shortcuts are
  caught (while a stroke is held) before their actions run.
- Fill, clear, grow and shrink of a large mask are planned in a QThreadPool task (see
  `canvas_editor`); meanwhile the canvas shows a busy cursor, ignores pointer input and queues
  further operations. The result becomes one undo step when it comes back; if the mask changed
  in between (an undo from the toolbar), it is planned again from the mask as it is then.
- Selections from the photo (object in a box, magic wand, colour range, smoothing; see
  `selecting`) go the same way, always through the pool whatever the photo's size. OpenCV and
  the photo's RGB copy are made in the pool as soon as such a tool is chosen.
"""

from __future__ import annotations

import enum
import logging
import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QObject,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
    QTabletEvent,
    QUndoStack,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QWidget

from xpaint_desktop.ui.canvas.tools import (
    DEFAULT_BRUSH_SIZE,
    DEFAULT_TOLERANCE,
    MAX_TOLERANCE,
    Tool,
    brush_step,
    clamp_brush_size,
    painted_radius,
)
from xpaint_desktop.ui.canvas.view import ImagePyramid

if TYPE_CHECKING:
    from xpaint_desktop.imaging.masks import GreyReading
    from xpaint_desktop.imaging.select_box import SelectBox, SelectMode
    from xpaint_desktop.ui.canvas.editor import MaskEditor, PlannedEdit, Planner
    from xpaint_desktop.ui.canvas.raster import Box
    from xpaint_desktop.ui.canvas.selecting import ColorPick, PhotoPixels
    from xpaint_desktop.ui.shared.background import Background

__all__ = ["MaskCanvas", "Tool"]

log = logging.getLogger(__name__)

# Masks up to this many pixels are edited inline (a few ms); larger ones in the thread pool.
INLINE_EDIT_PIXELS = 2_000_000

UNDO_LIMIT = 100
ZOOM_MIN = 0.02
ZOOM_MAX = 32.0
ZOOM_STEP = 1.25
FIT_MARGIN = 8
DEFAULT_MASK_COLOR = QColor(255, 40, 90, 128)
BACKGROUND = QColor(48, 48, 52)
DIVIDER_HANDLE_PX = 9.0
DIVIDER_GRAB_PX = 8.0  # how near the before/after divider a press grabs it


class _Gesture(enum.Enum):
    STROKE = enum.auto()
    RECT = enum.auto()
    LASSO = enum.auto()
    PAN = enum.auto()
    DIVIDER = enum.auto()  # dragging the before/after divider
    SPENT = enum.auto()  # a stroke finished early (by undo or an operation): wait for release
    CLICK = enum.auto()  # a wand or colour pick, done on release


@dataclass
class _Drag:
    """A pointer gesture in progress (button held)."""

    kind: _Gesture
    button: Qt.MouseButton
    last_widget: QPointF
    points: list[QPointF] = field(default_factory=list)  # image coordinates (rect, lasso)


EditMaker = Callable[["MaskEditor"], "Planner"]


class MaskCanvas(QWidget):
    """The photo, its binary inpainting mask, and the tools to paint, select, zoom and pan."""

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
        self._drag: _Drag | None = None
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
        self._update_cursor_shape()

    # -- image and mask ----------------------------------------------------------------------
    def set_image(self, image: QImage) -> None:
        """Show `image`; clears the mask and the undo history and fits the view."""
        from xpaint_desktop.ui.canvas.editor import MaskEditor

        self._cancel_drag()
        self._job = None
        self._pending.clear()
        self._set_busy(False)
        self._undo.clear()
        self._image = QImage(image)
        self._base = self._pyramid_of(image)
        self._result = None
        self._compare = False
        self._split = None
        self._editor = MaskEditor(
            image.width(),
            image.height(),
            self._mask_color,
            self._undo,
            self._on_mask_change,
            self.background(),
        )
        self._pixels = None
        self._object_box = None
        self.clear_color_pick()
        if self._tool.selects:
            self._prepare_selection()
        self.zoom_fit()
        self.update()
        self.mask_changed.emit()

    def _pyramid_of(self, image: QImage) -> ImagePyramid:
        """A pyramid drawing from `image` at once; a large one gets its levels from the pool."""
        if image.width() * image.height() <= INLINE_EDIT_PIXELS:
            return ImagePyramid(image)
        from xpaint_desktop.ui.canvas.view import build_levels

        pyramid = ImagePyramid(image, deferred=True)
        self.background().run(
            lambda: (pyramid, build_levels(image)), self._on_levels_built, self._on_levels_failed
        )
        return pyramid

    def background(self) -> Background:
        """The canvas's own pool: display levels, planned edits, selection pixels, undo
        compression."""
        if self._background is None:
            from xpaint_desktop.ui.shared.background import Background

            self._background = Background(self)
        return self._background

    def _on_levels_built(
        self, built: tuple[ImagePyramid, tuple[list[QImage], list[object]]]
    ) -> None:
        pyramid, levels = built
        pyramid.finish(levels)
        if pyramid is self._base or pyramid is self._result:
            self.update()

    def _on_levels_failed(self, error: Exception) -> None:
        log.error("Scaling the photo for display failed: %s", error, exc_info=error)

    def image(self) -> QImage:
        return QImage(self._image)

    def has_image(self) -> bool:
        return self._editor is not None

    def mask(self) -> QImage:  # type: ignore[override]
        """The mask as Format_Grayscale8 at the image size: 255 = repaint, 0 = keep."""
        if self._editor is None:
            return QImage()
        return self._editor.layer.to_qimage()

    def set_mask(self, mask: QImage) -> None:
        """Replace the mask (any format, binarised at grey > 127) as one undoable step."""
        editor = self._require_image()
        if mask.size() != self._image.size():
            raise ValueError(
                f"The mask is {mask.width()}x{mask.height()} pixels but the image is "
                f"{self._image.width()}x{self._image.height()}; they must be the same size."
            )
        import numpy as np

        grey = mask.convertToFormat(QImage.Format.Format_Grayscale8)
        flat = np.frombuffer(grey.constBits(), dtype=np.uint8)  # type: ignore[call-overload]
        rows = flat.reshape(grey.height(), grey.bytesPerLine())[:, : grey.width()]
        editor.set_bits(
            np.where(rows > 127, 255, 0).astype(np.uint8),
            str(QT_TRANSLATE_NOOP("MaskCanvas", "Set mask")),
        )

    def is_mask_empty(self) -> bool:
        return self._editor is None or self._editor.layer.count == 0

    def mask_bbox(self) -> QRect:
        """The smallest rectangle holding every repaint pixel (a null QRect when empty)."""
        box = None if self._editor is None else self._editor.layer.bbox()
        if box is None:
            return QRect()
        return QRect(box.x0, box.y0, box.width, box.height)

    def undo_stack(self) -> QUndoStack:
        return self._undo

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._undo.count():
            from xpaint_desktop.ui.canvas.commands import rename_steps

            rename_steps(self._undo)  # the steps made so far, named in the new language
        super().changeEvent(event)

    def fill_all(self) -> None:
        self._edit(lambda editor: editor.plan_fill_all())

    def clear_mask(self) -> None:
        self._edit(lambda editor: editor.plan_clear())

    def invert_mask(self) -> None:
        self._require_image().invert()

    def grow_mask(self, px: int) -> None:
        """Grow the mask by `px` pixels (a disk: every pixel within px of the mask)."""
        n = int(px)
        self._edit(lambda editor: editor.plan_grow(n))

    def shrink_mask(self, px: int) -> None:
        """Shrink the mask by `px` pixels (a disk); the image border does not erode it."""
        n = int(px)
        self._edit(lambda editor: editor.plan_shrink(n))

    def is_busy(self) -> bool:
        """True while an operation is being computed in the background (input is ignored)."""
        return self._busy

    def _edit(self, make: EditMaker, *, background: bool = False) -> None:
        """Plan and apply an edit; in the pool if the mask is large or `background` is set."""
        editor = self._require_image()
        if self._busy:
            self._pending.append((make, background))
        else:
            self._start_edit(editor, make, background)

    def _start_edit(self, editor: MaskEditor, make: EditMaker, background: bool) -> None:
        planner = make(editor)
        small = editor.layer.full.width * editor.layer.full.height <= INLINE_EDIT_PIXELS
        if small and not background:
            editor.apply(planner())
            return
        self._job = (editor, make, background)
        self._set_busy(True)
        self.background().run(planner, self._on_edit_planned, self._on_edit_failed)

    def _on_edit_planned(self, plan: PlannedEdit) -> None:
        job, self._job = self._job, None
        if job is None:
            return  # another image was opened meanwhile
        editor, make, background = job
        if not editor.apply(plan):
            self._start_edit(editor, make, background)  # the mask changed: plan again
            return
        self._next_edit(editor)

    def _on_edit_failed(self, error: Exception) -> None:
        log.error("A mask operation failed: %s", error, exc_info=error)
        job, self._job = self._job, None
        if job is not None:
            self._next_edit(job[0])

    def _next_edit(self, editor: MaskEditor) -> None:
        if self._pending:
            make, background = self._pending.popleft()
            self._start_edit(editor, make, background)
        if self._job is None:
            self._set_busy(False)

    def _set_busy(self, on: bool) -> None:
        if on != self._busy:
            self._busy = on
            self._update_cursor_shape()
            self.busy_changed.emit(on)

    def import_mask(
        self, path: str, mask_color: list[tuple[int, int, int]] | None = None
    ) -> GreyReading | None:
        """Load a mask file of the image's size as one undoable step (ValueError if unusable);
        how its grey areas were read, if it has any."""
        from xpaint_desktop.ui.canvas.io import read_mask

        editor = self._require_image()
        bits, reading = read_mask(path, (self._image.width(), self._image.height()), mask_color)
        editor.set_bits(bits, str(QT_TRANSLATE_NOOP("MaskCanvas", "Import mask")))
        return reading

    def export_mask(self, path: str) -> None:
        """Write the mask as a black-and-white PNG of the image's size."""
        from xpaint_desktop.ui.canvas.io import write_mask

        write_mask(path, self._require_image().layer.bits)

    def _require_image(self) -> MaskEditor:
        """The editor, with any stroke in progress finished first (it is already on the mask)."""
        if self._editor is None:
            raise ValueError("There is no image on the canvas yet; open an image first.")
        self._finish_stroke()
        return self._editor

    def _on_mask_change(self, box: Box) -> None:
        self.update(self._widget_rect_of(box))
        if self._editor is not None and not self._editor.stroking:
            self.mask_changed.emit()

    # -- display modes -----------------------------------------------------------------------
    def set_overlay_image(self, image: QImage | None) -> None:
        """Show `image` (a result) instead of the photo, the mask still over it (unless hidden
        with `set_mask_visible`); None to go back to the photo."""
        if image is None or image.isNull():
            self._result = None
        else:
            if self._image.size() != image.size() and not self._image.isNull():
                image = image.scaled(
                    self._image.size(),
                    Qt.AspectRatioMode.IgnoreAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            self._result = self._pyramid_of(image)
        self.update()

    def set_compare(self, on: bool) -> None:
        """While on, show the original photo instead of the result (hold-to-compare)."""
        if on != self._compare:
            self._compare = on
            self.update()

    def set_compare_split(self, fraction: float | None) -> None:
        """Left of `fraction` of the width shows the original, right the result; None: off."""
        self._split = None if fraction is None else max(0.0, min(1.0, float(fraction)))
        self.update()

    def has_result(self) -> bool:
        """Whether a result is shown instead of the photo."""
        return self._result is not None

    def is_comparing(self) -> bool:
        """Whether the original photo is shown for comparison (the compare key is held)."""
        return self._compare

    def mask_visible(self) -> bool:
        return self._mask_visible

    def set_mask_visible(self, on: bool) -> None:
        """Show or hide the mask overlay (over the photo and over a result alike)."""
        if on != self._mask_visible:
            self._mask_visible = on
            self.update()

    def mask_color(self) -> QColor:
        return QColor(self._mask_color)

    def set_mask_color(self, color: QColor) -> None:
        """The overlay colour with its opacity (alpha); an opaque colour is drawn at 50 % so the
        photo shows through."""
        color = QColor(color)
        if color.alpha() == 255:
            color.setAlpha(128)
        self._mask_color = color
        if self._editor is not None:
            self._editor.layer.set_color(color)
        self.update()

    # -- tools -------------------------------------------------------------------------------
    def tool(self) -> Tool:
        return self._tool

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

    # -- selections from the photo -----------------------------------------------------------
    def tolerance(self) -> int:
        return self._tolerance

    def set_tolerance(self, tolerance: int) -> None:
        """How far (0-255, in every channel) the wand and the colour range reach."""
        self._tolerance = max(0, min(MAX_TOLERANCE, int(tolerance)))
        self._update_color_preview()

    def contiguous(self) -> bool:
        return self._contiguous

    def set_contiguous(self, on: bool) -> None:
        """Whether the wand takes only the region around the click or the colour everywhere."""
        self._contiguous = bool(on)

    def color_pick(self) -> list[tuple[int, int, int]]:
        """The colours picked for the colour range (click picks, Shift+click adds)."""
        return [] if self._pick is None else list(self._pick.colours)

    def clear_color_pick(self) -> None:
        had = self._pick is not None
        self._pick = None
        if had:
            self.update()
            self.color_pick_changed.emit(0)

    def apply_color_range(self, modifiers: Qt.KeyboardModifier | None = None) -> None:
        """Select the picked colours as one step (Shift adds to the mask, Alt subtracts)."""
        if self._pick is None or not self._pick.colours:
            return
        from xpaint_desktop.ui.canvas.selecting import plan_color_range

        held = QApplication.keyboardModifiers() if modifiers is None else modifiers
        mode, pixels = self._select_mode(held), self._photo_pixels()
        colours, tolerance = list(self._pick.colours), self._tolerance
        self.clear_color_pick()
        self._edit(
            lambda editor: plan_color_range(editor, pixels, colours, tolerance, mode),
            background=True,
        )

    def smooth_mask(self, radius: int) -> None:
        """Smooth the mask's outline over about `radius` px (jags and specks go)."""
        from xpaint_desktop.ui.canvas.selecting import plan_smooth

        n = int(radius)
        self._edit(lambda editor: plan_smooth(editor, n), background=True)

    def is_selection_ready(self) -> bool:
        """Whether OpenCV and the photo's RGB copy are ready (made in the pool meanwhile)."""
        return self._pixels is not None and self._pixels.ready()

    def _photo_pixels(self) -> PhotoPixels:
        from xpaint_desktop.ui.canvas.selecting import PhotoPixels

        if self._pixels is None:
            self._pixels = PhotoPixels(self._image)
        return self._pixels

    def _prepare_selection(self) -> None:
        """Load OpenCV and make the photo's RGB copy in the pool, before the first click."""
        if self._editor is None or self._pixels is not None:
            return
        image = QImage(self._image)

        def prepare() -> tuple[QImage, PhotoPixels]:
            from xpaint_desktop.ui.canvas.selecting import PhotoPixels

            pixels = PhotoPixels(image)
            pixels.warm_up()
            return image, pixels

        self.background().run(prepare, self._on_selection_prepared, self._on_levels_failed)

    def _on_selection_prepared(self, prepared: tuple[QImage, PhotoPixels]) -> None:
        image, pixels = prepared
        if self._pixels is None and image.cacheKey() == self._image.cacheKey():
            self._pixels = pixels

    def _select_mode(self, modifiers: Qt.KeyboardModifier) -> SelectMode:
        from xpaint_desktop.imaging.select_box import SelectMode

        if modifiers & Qt.KeyboardModifier.ShiftModifier:
            return SelectMode.ADD
        if self._subtract or modifiers & Qt.KeyboardModifier.AltModifier:
            return SelectMode.SUBTRACT
        return SelectMode.REPLACE

    def _select_object(
        self, a: tuple[float, float], b: tuple[float, float], modifiers: Qt.KeyboardModifier
    ) -> None:
        from xpaint_desktop.imaging.select_box import MIN_BOX_SIDE, SelectBox, SelectMode
        from xpaint_desktop.ui.canvas.selecting import plan_object

        x0, x1 = sorted((a[0], b[0]))
        y0, y1 = sorted((a[1], b[1]))
        left, top = math.floor(x0), math.floor(y0)
        box = SelectBox(left, top, math.ceil(x1) - left, math.ceil(y1) - top)
        box = box.clipped(self._image.width(), self._image.height())
        if box.width < MIN_BOX_SIDE or box.height < MIN_BOX_SIDE:
            return  # a click, not a box
        mode = self._select_mode(modifiers)
        outer = self._object_box
        if mode is SelectMode.REPLACE and outer is not None and box.inside(outer):
            mode = SelectMode.REFINE
        elif mode in (SelectMode.REPLACE, SelectMode.ADD):
            self._object_box = box
        pixels = self._photo_pixels()
        self._edit(lambda editor: plan_object(editor, pixels, box, mode), background=True)

    def _click_select(self, point: QPointF, modifiers: Qt.KeyboardModifier) -> None:
        x, y = math.floor(point.x()), math.floor(point.y())
        if not (0 <= x < self._image.width() and 0 <= y < self._image.height()):
            return
        if self._tool is Tool.WAND:
            from xpaint_desktop.ui.canvas.selecting import plan_wand

            mode, pixels = self._select_mode(modifiers), self._photo_pixels()
            tolerance, contiguous = self._tolerance, self._contiguous
            self._edit(
                lambda editor: plan_wand(editor, pixels, (x, y), tolerance, contiguous, mode),
                background=True,
            )
            return
        from xpaint_desktop.ui.canvas.selecting import ColorPick

        colour = self._image.pixelColor(x, y)
        rgb = (colour.red(), colour.green(), colour.blue())
        if self._pick is None or not modifiers & Qt.KeyboardModifier.ShiftModifier:
            self._pick = ColorPick([rgb])
        elif rgb not in self._pick.colours:
            self._pick.colours.append(rgb)
        self._update_color_preview()

    def _update_color_preview(self) -> None:
        """Show what the picked colours would select (made in the pool the first time)."""
        pick = self._pick
        if pick is None:
            return
        self.color_pick_changed.emit(len(pick.colours))
        preview = self._photo_pixels().ready_preview()
        if preview is None:
            self.background().run(
                self._photo_pixels().preview,
                lambda _preview: self._update_color_preview(),
                self._on_levels_failed,
            )
            return
        from xpaint_desktop.ui.canvas.selecting import preview_overlay

        pick.overlay, pick.rows = preview_overlay(preview, pick.colours, self._tolerance)
        self.update()

    def brush_size(self) -> int:
        return self._size

    def set_brush_size(self, size: int) -> None:
        """Brush diameter in image pixels (1-2000)."""
        size = clamp_brush_size(size)
        if size == self._size:
            return
        old = self._ring_rect()
        self._size = size
        self.update(old | self._ring_rect())
        self.brush_size_changed.emit(size)

    def hardness(self) -> float:
        return self._hardness

    def set_hardness(self, hardness: float) -> None:
        """0..1; the binary footprint of a soft brush is its 50 % contour (see canvas_tools)."""
        old = self._ring_rect()
        self._hardness = max(0.0, min(1.0, float(hardness)))
        self.update(old | self._ring_rect())

    def set_subtract(self, on: bool) -> None:
        """Rectangle and lasso remove from the mask instead of adding (also while Alt is held)."""
        self._subtract = bool(on)

    def _radius(self, pressure: float = 1.0) -> float:
        return max(0.5, painted_radius(self._size * pressure, self._hardness))

    # -- view transform ----------------------------------------------------------------------
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

    # -- painting ----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        exposed = QRectF(event.rect())
        painter.fillRect(exposed, BACKGROUND)
        if self._base is None or self._editor is None:
            painter.setPen(QColor(200, 200, 200))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Open an image"))
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
        if drag is None or drag.kind not in (_Gesture.RECT, _Gesture.LASSO) or not drag.points:
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

    def _preview_polygon(self, drag: _Drag) -> QPolygonF:
        if drag.kind is _Gesture.RECT:
            a = self.image_to_widget(drag.points[0])
            b = self.image_to_widget(drag.points[-1])
            return QPolygonF(QRectF(a, b).normalized())
        return QPolygonF([self.image_to_widget(p) for p in drag.points])

    def _ring_center(self) -> QPointF | None:
        if self._pointer is None:
            return None
        return self._pointer + QPointF(0.5, 0.5)

    def _show_ring(self) -> bool:
        panning = self._space_held or (self._drag is not None and self._drag.kind is _Gesture.PAN)
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
            dragging = self._drag is not None and self._drag.kind is _Gesture.PAN
            shape = Qt.CursorShape.ClosedHandCursor if dragging else Qt.CursorShape.OpenHandCursor
        else:
            shape = Qt.CursorShape.CrossCursor
        self.setCursor(shape)

    # -- pointer input -----------------------------------------------------------------------
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
            self._drag = _Drag(_Gesture.PAN, button, QPointF(pos))
            self._update_cursor_shape()
            self._update_brush_outline()
            return True
        if button != Qt.MouseButton.LeftButton:
            return False
        if self._near_divider(pos):
            self._drag = _Drag(_Gesture.DIVIDER, button, QPointF(pos))
            return True
        image_point = self.widget_to_image(pos)
        if self._tool.paints:
            self._drag = _Drag(_Gesture.STROKE, button, QPointF(pos))
            self._watch_shortcuts(True)
            centre = self._brush_point(pos)
            self._editor.begin_stroke(
                centre, self._radius(pressure), erase=self._tool is Tool.ERASER
            )
        elif self._tool in (Tool.RECT, Tool.OBJECT):
            self._drag = _Drag(_Gesture.RECT, button, QPointF(pos), [image_point, image_point])
        elif self._tool in (Tool.WAND, Tool.COLOR_RANGE):
            self._drag = _Drag(_Gesture.CLICK, button, QPointF(pos), [image_point])
        elif self._tool is Tool.LASSO:
            self._drag = _Drag(_Gesture.LASSO, button, QPointF(pos), [image_point])
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
            if drag.kind is _Gesture.PAN:
                self._pan_by(QPointF(pos) - drag.last_widget)
            elif drag.kind is _Gesture.DIVIDER:
                self._drag_divider(pos)
            elif drag.kind is _Gesture.STROKE:
                self._editor.stroke_to(self._brush_point(pos), self._radius(pressure))
            elif drag.kind in (_Gesture.RECT, _Gesture.LASSO):
                self._extend_selection(drag, pos)
            drag.last_widget = QPointF(pos)
        if self._show_ring() or not old_ring.isNull():
            self.update(old_ring | self._ring_rect())

    def _extend_selection(self, drag: _Drag, pos: QPointF) -> None:
        image_point = self.widget_to_image(pos)
        if drag.kind is _Gesture.RECT:
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
        if drag.kind in (_Gesture.RECT, _Gesture.LASSO):
            self._extend_selection(drag, pos)
        self._drag = None
        self._watch_shortcuts(False)
        subtract = self._subtract or bool(modifiers & Qt.KeyboardModifier.AltModifier)
        points = [(p.x(), p.y()) for p in drag.points]
        if drag.kind is _Gesture.STROKE:
            self._editor.end_stroke()  # pushing the command emits mask_changed once
        elif drag.kind is _Gesture.RECT and self._tool is Tool.OBJECT:
            self._select_object(points[0], points[-1], modifiers)
        elif drag.kind is _Gesture.RECT:
            self._editor.fill_rect(points[0], points[-1], subtract=subtract)
        elif drag.kind is _Gesture.CLICK:
            self._click_select(drag.points[0], modifiers)
        elif drag.kind is _Gesture.LASSO:
            self._editor.fill_polygon(points, subtract=subtract)
        self.update(self._preview_rect)
        self._preview_rect = QRect()
        self._update_cursor_shape()
        self._update_brush_outline()

    def _cancel_drag(self) -> None:
        self._finish_stroke()
        self._drag = None
        self._watch_shortcuts(False)
        self.update(self._preview_rect)
        self._preview_rect = QRect()

    def _finish_stroke(self) -> None:
        """Close a stroke in progress into its undo step; the drag then paints no more."""
        drag = self._drag
        if drag is not None and drag.kind is _Gesture.STROKE and self._editor is not None:
            drag.kind = _Gesture.SPENT
            self._editor.end_stroke()

    def _watch_shortcuts(self, on: bool) -> None:
        """While a stroke is held, see undo and redo key presses before their actions do."""
        app = QApplication.instance()
        if app is None or on == self._watching:
            return
        self._watching = on
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (
            kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
            and isinstance(event, QKeyEvent)
            and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
            )
        ):
            self._finish_stroke()
        return False

    def wheelEvent(self, event: QWheelEvent) -> None:
        """The wheel (with or without Ctrl) zooms around the pointer."""
        if self._base is None:
            event.ignore()
            return
        delta = event.angleDelta().y() or event.angleDelta().x()
        if delta:
            self.zoom_at(event.position(), self._zoom * ZOOM_STEP ** (delta / 120))
        event.accept()

    def leaveEvent(self, event: QEvent) -> None:
        old = self._ring_rect()
        self._pointer = None
        self.update(old)
        super().leaveEvent(event)

    # -- keys --------------------------------------------------------------------------------
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
