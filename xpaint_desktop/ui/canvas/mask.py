"""The mask layer: a binary numpy mask that is at the same time the overlay drawn over the photo.

The mask is a `uint8` array (0 = keep, 255 = repaint) written by exact numpy rasterisation.
The overlay is an Indexed8 QImage wrapping that very array, with a colour table that maps 0 to
transparent and 255 to the mask colour: there is no second copy to keep in sync, so filling,
inverting or undoing the whole mask of a 6000x4000 photo writes 24 MB once instead of also
converting a 96 MB ARGB overlay, and QPainter converts only the pixels it actually draws.
A pixel count and a bounding box are maintained on the way, so "is the mask empty?" and
"where is it?" are cheap questions.
"""

from __future__ import annotations

import mmap
import zlib

import numpy as np
from PySide6.QtGui import QColor, QImage

from xpaint_desktop.ui.canvas.raster import BoolArray, Box, MaskArray, true_box

# Masks from this size on are allocated as a lazily zeroed anonymous mapping.
LAZY_ZERO_BYTES = 1 << 20


def _stride(width: int) -> int:
    """Bytes per row: QImage wants every scanline 32-bit aligned."""
    return (width + 3) & ~3


class MaskLayer:
    """The binary mask of one image and its overlay, kept in sync box by box."""

    def __init__(self, width: int, height: int, color: QColor) -> None:
        self.full = Box(0, 0, width, height)
        self._rows: MaskArray = _zeros(height, _stride(width))
        self.bits: MaskArray = self._rows[:, :width]
        self.overlay = QImage()
        self.set_color(color)
        self._count = 0
        self.revision = 0  # bumped by every change, so work computed from an older mask is seen
        self._bbox: Box | None = None  # a superset of the set pixels (None: nothing set)
        self._bbox_exact = True

    @property
    def count(self) -> int:
        return self._count

    def bbox(self) -> Box | None:
        """The tight box of the set pixels, or None when the mask is empty."""
        if self._count == 0:
            return None
        if not self._bbox_exact and self._bbox is not None:
            self._bbox = true_box(self.bits[self._bbox.slices] != 0, self._bbox)
            self._bbox_exact = True
        return self._bbox

    def region(self, box: Box) -> MaskArray:
        return self.bits[box.slices].copy()

    def to_qimage(self) -> QImage:
        """A Grayscale8 copy of the mask (255 = repaint, 0 = keep)."""
        h, w = self.bits.shape
        data = self.bits.tobytes()
        return QImage(data, w, h, w, QImage.Format.Format_Grayscale8).copy()

    # -- changes -----------------------------------------------------------------------------
    def set_color(self, color: QColor) -> None:
        """Draw repaint pixels in `color` from now on (a new colour table, no pixel work)."""
        h, w = self._rows.shape[0], self.full.width
        # A fresh wrapper each time: changing the table of an image someone shares would copy.
        overlay = QImage(self._rows.data, w, h, self._rows.shape[1], QImage.Format.Format_Indexed8)
        table = [0] * 256
        table[255] = color.rgba()
        overlay.setColorTable(table)
        self.overlay = overlay

    def paint(self, box: Box, pixels: BoolArray, value: int) -> Box | None:
        """Set (value 255) or clear (0) the `pixels` footprint at `box`; the changed box."""
        if box.empty:
            return None
        sub = self.bits[box.slices]
        changed = pixels & (sub == 0) if value else pixels & (sub != 0)
        n = int(np.count_nonzero(changed))
        if n == 0:
            return None
        sub[changed] = value
        changed_box = true_box(changed, box)
        assert changed_box is not None
        self._note_change(changed_box, n if value else -n, grew=bool(value))
        return changed_box

    def replace(self, box: Box, content: MaskArray) -> None:
        """Put `content` (0/255, the size of `box`) into the mask."""
        sub = self.bits[box.slices]
        delta = int(np.count_nonzero(content)) - int(np.count_nonzero(sub))
        sub[...] = content
        self._note_change(box, delta, grew=False)

    def invert(self) -> None:
        np.bitwise_xor(self.bits, 255, out=self.bits)
        self._note_change(self.full, self.full.width * self.full.height - 2 * self._count)

    def _note_change(self, box: Box, delta: int, *, grew: bool = False) -> None:
        self.revision += 1
        self._count += delta
        if self._count == 0:
            self._bbox, self._bbox_exact = None, True
        elif grew:
            self._bbox = box.union(self._bbox)
        else:
            self._bbox = box.union(self._bbox)
            self._bbox_exact = False


def _zeros(height: int, stride: int) -> MaskArray:
    """A zeroed array whose pages the kernel zeroes lazily, on first touch.

    `np.zeros` of 24 MB right after a 24 MB array was freed is served from the heap and
    memset on the spot (15 ms, on the UI thread); an anonymous mapping costs nothing until
    painted, and only the pages painted are ever zeroed.
    """
    size = height * stride
    if size < LAZY_ZERO_BYTES:
        return np.zeros((height, stride), dtype=np.uint8)
    buffer = mmap.mmap(-1, size)
    return np.frombuffer(buffer, dtype=np.uint8).reshape(height, stride)


def pack(content: MaskArray) -> bytes:
    """A compact, lossless form of a binary mask region: one bit per pixel, deflated."""
    return zlib.compress(np.packbits(content != 0).tobytes(), 6)


def unpack(data: bytes, box: Box) -> MaskArray:
    bits = np.frombuffer(zlib.decompress(data), dtype=np.uint8)
    flat = np.unpackbits(bits, count=box.width * box.height)
    return (flat.reshape(box.height, box.width) * np.uint8(255)).astype(np.uint8)
