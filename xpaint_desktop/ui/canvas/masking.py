"""The canvas's image and mask: opening an image, undoable mask edits, results shown over it.

Fill, clear, grow and shrink of a large mask are planned in the canvas's background pool (see
`editor`); meanwhile the canvas shows a busy cursor, ignores pointer input and queues further
operations. A stroke in progress is already on the mask, so anything else that changes the
mask first finishes it into its own undo step.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QImage, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication

from xpaint_desktop.ui.canvas.painting import PaintedCanvas
from xpaint_desktop.ui.canvas.transform import EditMaker, Gesture
from xpaint_desktop.ui.canvas.view import ImagePyramid

if TYPE_CHECKING:
    from xpaint_desktop.imaging.masks import GreyReading
    from xpaint_desktop.ui.canvas.editor import MaskEditor, PlannedEdit
    from xpaint_desktop.ui.canvas.raster import Box, MaskArray

log = logging.getLogger(__name__)

# Masks up to this many pixels are edited inline (a few ms); larger ones in the thread pool.
INLINE_EDIT_PIXELS = 2_000_000


class MaskingCanvas(PaintedCanvas):
    """The image, its mask and the whole-mask operations, each one undoable step."""

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

    def _on_levels_built(
        self, built: tuple[ImagePyramid, tuple[list[QImage], list[object]]]
    ) -> None:
        pyramid, levels = built
        pyramid.finish(levels)
        if pyramid is self._base or pyramid is self._result:
            self.update()

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

        self._require_image()
        bits, reading = read_mask(path, (self._image.width(), self._image.height()), mask_color)
        self.import_mask_bits(bits)
        return reading

    def import_mask_bits(self, bits: MaskArray) -> None:
        """A mask read by `io.read_mask` (0/255 rows of the image's size), one undoable step."""
        self._require_image().set_bits(bits, str(QT_TRANSLATE_NOOP("MaskCanvas", "Import mask")))

    def mask_bits(self) -> MaskArray:
        """A copy of the mask as 0/255 rows, to be written elsewhere (in any thread)."""
        return self._require_image().layer.bits.copy()

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

    def set_overlay_image(self, image: QImage | None, changed: QRect | None = None) -> None:
        """Show `image` (a result) instead of the photo, the mask still over it (unless hidden
        with `set_mask_visible`); None to go back to the photo. `changed`: `image` is the photo
        on the canvas outside this rectangle (its display levels are then the photo's, made
        again only there)."""
        if image is None or image.isNull():
            self._result = None
        else:
            if self._image.size() != image.size() and not self._image.isNull():
                image = image.scaled(
                    self._image.size(),
                    Qt.AspectRatioMode.IgnoreAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
                changed = None
            self._result = self._result_pyramid(image, changed)
        self.update()

    def _result_pyramid(self, image: QImage, changed: QRect | None) -> ImagePyramid:
        base = self._base
        small = image.width() * image.height() <= INLINE_EDIT_PIXELS
        if changed is None or base is None or not base.ready or small:
            return self._pyramid_of(image)
        from xpaint_desktop.ui.canvas.view import build_levels, patched_levels

        levels = base.levels
        box = (changed.left(), changed.top(), changed.right() + 1, changed.bottom() + 1)

        def build() -> tuple[ImagePyramid, tuple[list[QImage], list[object]]]:
            if not changed.isEmpty():
                made = patched_levels(levels, image, box)
            elif image.format() == levels[0].format():
                made = ([image, *levels[1:]], [base])  # the photo's levels, kept alive
            else:
                made = None
            return pyramid, made or build_levels(image)

        pyramid = ImagePyramid(image, deferred=True)
        self.background().run(build, self._on_levels_built, self._on_levels_failed)
        return pyramid

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

    def result_levels(self) -> list[QImage]:
        """The result shown at full resolution and its display levels, once they are made
        (only the first while they are made); empty when no result is shown."""
        return [] if self._result is None else list(self._result.levels)

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

    def _cancel_drag(self) -> None:
        self._finish_stroke()
        self._drag = None
        self._watch_shortcuts(False)
        self.update(self._preview_rect)
        self._preview_rect = QRect()

    def _finish_stroke(self) -> None:
        """Close a stroke in progress into its undo step; the drag then paints no more."""
        drag = self._drag
        if drag is not None and drag.kind is Gesture.STROKE and self._editor is not None:
            drag.kind = Gesture.SPENT
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
