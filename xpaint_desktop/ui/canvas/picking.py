"""Selections from the photo on the canvas: object in a box, magic wand, colour range, smoothing.

They go through the canvas's background pool whatever the photo's size (see `selecting`).
OpenCV and the photo's RGB copy are made in the pool as soon as such a tool is chosen.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from xpaint_desktop.ui.canvas.masking import MaskingCanvas
from xpaint_desktop.ui.canvas.tools import MAX_TOLERANCE, Tool

if TYPE_CHECKING:
    from xpaint_desktop.imaging.select_box import SelectMode
    from xpaint_desktop.ui.canvas.selecting import PhotoPixels


class SelectingCanvas(MaskingCanvas):
    """The selection tools' state (tolerance, picked colours, the last object box)."""

    def set_image(self, image: QImage) -> None:
        """Show `image`; clears the mask, the selections and the undo history."""
        self._pixels = None
        self._object_box = None
        self.clear_color_pick()
        super().set_image(image)
        if self._tool.selects:
            self._prepare_selection()

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
