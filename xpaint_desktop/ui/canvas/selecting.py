"""Selections from the photo on the canvas: an object in a box, the magic wand, a colour range
and edge smoothing (the computing is `imaging.selection`'s; this module feeds it the photo).

Each selection is planned like grow and shrink (`MaskEditor.plan`): a pure function of the
mask as it is, run in the thread pool, that becomes one undo step when it comes back. The
photo's pixels are converted to an RGB array once per image, in the pool, on first use; the
colour range's live preview works on a copy of at most a megapixel, small enough to be
recomputed on the UI thread as the tolerance slider moves. OpenCV (`imaging.selection`) is
imported only by the code that runs in the pool.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor, QImage

from xpaint_desktop.imaging.masks import Colour
from xpaint_desktop.imaging.select_box import SelectBox, SelectMode
from xpaint_desktop.ui.canvas.editor import MaskEditor, Planner
from xpaint_desktop.ui.canvas.raster import Box, MaskArray
from xpaint_desktop.ui.canvas.view import pixel_view

if TYPE_CHECKING:
    from xpaint_desktop.imaging.selection import ColorRangePreview, ImageArray

PREVIEW_COLOR = QColor(0, 200, 255, 140)


class PhotoPixels:
    """The photo as an RGB array, made once, in whichever thread first asks for it."""

    def __init__(self, image: QImage) -> None:
        self._image = QImage(image)  # implicitly shared: no copy until someone writes
        self._lock = threading.Lock()
        self._rgb: ImageArray | None = None
        self._preview: ColorRangePreview | None = None

    def rgb(self) -> ImageArray:
        with self._lock:
            if self._rgb is None:
                self._rgb = _rgb_array(self._image)
            return self._rgb

    def preview(self) -> ColorRangePreview:
        rgb = self.rgb()
        with self._lock:
            if self._preview is None:
                from xpaint_desktop.imaging.selection import ColorRangePreview

                self._preview = ColorRangePreview(rgb)
            return self._preview

    def ready(self) -> bool:
        return self._rgb is not None

    def warm_up(self) -> None:
        """Load OpenCV and make the RGB copy now (in the pool), before the first selection."""
        import xpaint_desktop.imaging.selection  # noqa: F401

        self.rgb()

    def ready_preview(self) -> ColorRangePreview | None:
        """The preview if it is made already (never blocks the UI thread)."""
        return self._preview


def _rgb_array(image: QImage) -> ImageArray:
    """A writable RGB copy of `image` (any thread).

    The usual formats are reordered in numpy, which lets go of the interpreter lock while it
    copies; Qt's `convertToFormat` holds it and would stall the UI thread for the whole photo.
    """
    fmt, h, w = image.format(), image.height(), image.width()
    bgra = (
        QImage.Format.Format_RGB32,
        QImage.Format.Format_ARGB32,
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    if sys.byteorder != "little" or fmt not in (*bgra, QImage.Format.Format_RGB888):
        image = image.convertToFormat(QImage.Format.Format_RGB888)  # unusual: Qt converts it
        fmt = QImage.Format.Format_RGB888
    src = pixel_view(image)
    if fmt == QImage.Format.Format_RGB888:
        return src.copy()
    rgb = np.empty((h, w, 3), np.uint8)
    rgb[..., 0], rgb[..., 1], rgb[..., 2] = src[..., 2], src[..., 1], src[..., 0]  # B,G,R,A
    return rgb


def mode_text(mode: SelectMode) -> str:
    return {
        SelectMode.REPLACE: str(QT_TRANSLATE_NOOP("MaskCanvas", "Select object")),
        SelectMode.ADD: str(QT_TRANSLATE_NOOP("MaskCanvas", "Add object")),
        SelectMode.SUBTRACT: str(QT_TRANSLATE_NOOP("MaskCanvas", "Subtract object")),
        SelectMode.REFINE: str(QT_TRANSLATE_NOOP("MaskCanvas", "Refine selection")),
    }[mode]


def plan_object(
    editor: MaskEditor, pixels: PhotoPixels, box: SelectBox, mode: SelectMode
) -> Planner:
    full = editor.layer.full

    def compute(bits: MaskArray) -> tuple[Box, MaskArray]:
        from xpaint_desktop.imaging.selection import select_object

        return full, select_object(pixels.rgb(), box, bits, mode)

    return editor.plan(mode_text(mode), compute)


def plan_wand(
    editor: MaskEditor,
    pixels: PhotoPixels,
    point: tuple[int, int],
    tolerance: int,
    contiguous: bool,
    mode: SelectMode,
) -> Planner:
    full = editor.layer.full
    x, y = point

    def compute(bits: MaskArray) -> tuple[Box, MaskArray]:
        from xpaint_desktop.imaging.selection import combine, magic_wand

        picked = magic_wand(pixels.rgb(), x, y, tolerance, contiguous=contiguous)
        return full, combine(bits, picked, mode)

    return editor.plan(str(QT_TRANSLATE_NOOP("MaskCanvas", "Magic wand")), compute)


def plan_color_range(
    editor: MaskEditor,
    pixels: PhotoPixels,
    colours: Sequence[Colour],
    tolerance: int,
    mode: SelectMode,
) -> Planner:
    full = editor.layer.full
    chosen = list(colours)

    def compute(bits: MaskArray) -> tuple[Box, MaskArray]:
        from xpaint_desktop.imaging.selection import color_range, combine

        return full, combine(bits, color_range(pixels.rgb(), chosen, tolerance), mode)

    return editor.plan(str(QT_TRANSLATE_NOOP("MaskCanvas", "Colour range")), compute)


def plan_smooth(editor: MaskEditor, radius: int) -> Planner:
    full = editor.layer.full

    def compute(bits: MaskArray) -> tuple[Box, MaskArray]:
        from xpaint_desktop.imaging.selection import smooth_edge

        return full, smooth_edge(bits, radius)

    return editor.plan(str(QT_TRANSLATE_NOOP("MaskCanvas", "Smooth edge")), compute)


@dataclass
class ColorPick:
    """The colours picked for a colour range, and its preview over the photo."""

    colours: list[Colour]
    overlay: QImage | None = None  # Indexed8 at the preview's size; None until computed
    rows: MaskArray | None = None  # the overlay's pixels (it wraps them, no copy)


def preview_overlay(
    preview: ColorRangePreview, colours: Sequence[Colour], tolerance: int
) -> tuple[QImage, MaskArray]:
    """What the colour range would select, as an overlay image over the preview's pixels."""
    mask = preview.mask(colours, tolerance)
    h, w = mask.shape
    stride = (w + 3) & ~3
    rows = np.zeros((h, stride), np.uint8)
    rows[:, :w] = mask
    image = QImage(rows.data, w, h, stride, QImage.Format.Format_Indexed8)
    table = [0] * 256
    table[255] = PREVIEW_COLOR.rgba()
    image.setColorTable(table)
    return image, rows
