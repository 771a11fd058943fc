"""Drawing a large image fast at any zoom: a pyramid of halved copies.

Zoomed out, a 6000x4000 photo drawn with smooth scaling straight from full resolution costs
tens of milliseconds per paint and aliases badly. Each level here is half the previous one, so
the painter always samples from a copy at most twice the on-screen size, and only the exposed
part (a source rectangle) is ever drawn.

Converting and halving a 24-megapixel photo takes tens of milliseconds, so a pyramid can be
made `deferred`: it draws from the image as given (Qt samples it directly, a few milliseconds
per paint) until `build_levels`, run in a pool thread, hands over the finished levels. A
result that differs from the photo only in a box gets its levels from the photo's
(`patched_levels`): copied, with only that box's part halved again.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter

SMALLEST_LEVEL_SIDE = 512
# The formats QPainter's raster engine blends without converting (opaque, with alpha).
_FAST_FORMATS = (QImage.Format.Format_RGB32, QImage.Format.Format_ARGB32_Premultiplied)
# The formats `build_levels` converts and halves in numpy.
_NUMPY_FORMATS = (*_FAST_FORMATS, QImage.Format.Format_RGB888, QImage.Format.Format_RGBA8888)


class ImagePyramid:
    """An image and its halved copies down to about 512 px, in a format QPainter blends fast."""

    def __init__(self, image: QImage, *, deferred: bool = False) -> None:
        """Deferred: draw from `image` itself until `finish` gets the levels."""
        self.ready = not deferred
        self.levels: list[QImage] = [image] if deferred else _qt_levels(image)
        self._buffers: list[object] = []  # the memory of levels made in numpy

    def finish(self, built: tuple[list[QImage], list[object]]) -> None:
        """Install the levels `build_levels` made from this pyramid's image."""
        self.levels, self._buffers = built
        self.ready = True

    @property
    def width(self) -> int:
        return self.levels[0].width()

    @property
    def height(self) -> int:
        return self.levels[0].height()

    def level_for(self, scale: float) -> QImage:
        """The smallest level still at least `scale` times the full size."""
        chosen = self.levels[0]
        for level in self.levels[1:]:
            if level.width() < self.width * scale:
                break
            chosen = level
        return chosen

    def draw(self, painter: QPainter, target: QRectF, source: QRectF, scale: float) -> None:
        """Draw the full-resolution `source` rectangle into `target` at `scale`."""
        level = self.level_for(scale)
        sx = level.width() / self.width
        sy = level.height() / self.height
        src = QRectF(source.x() * sx, source.y() * sy, source.width() * sx, source.height() * sy)
        # Until the levels are built, sample the full image unsmoothed: a frame, not several.
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, self.ready and scale < 1.0)
        painter.drawImage(target, level, src)


def build_levels(image: QImage) -> tuple[list[QImage], list[object]]:
    """`image` in a fast format and its halved copies down to about 512 px (any thread).

    The second list holds the numpy buffers the levels are wrapped around; keep it alive as
    long as the levels. The work is done in numpy, which lets go of the interpreter lock while
    it computes; Qt's own `scaled` and `convertToFormat` hold it, stalling the UI thread.
    """
    import numpy as np

    rgba = _fast_array(image)
    if rgba is None:  # an unusual format: Qt converts it (holding the lock, rarely)
        return _qt_levels(image), []
    pixels, fmt = rgba
    arrays = [pixels]
    while max(pixels.shape[0], pixels.shape[1]) > 2 * SMALLEST_LEVEL_SIDE:
        pixels = _halved(np, pixels)
        arrays.append(pixels)
    if image.format() in _FAST_FORMATS:
        arrays[0] = None  # level 0 is the image as given; `arrays` must not outlive it
    levels = [
        image if a is None else QImage(a.data, a.shape[1], a.shape[0], a.strides[0], fmt)  # type: ignore[call-overload]
        for a in arrays
    ]
    return levels, [a for a in arrays if a is not None]


def patched_levels(
    levels: list[QImage], image: QImage, box: tuple[int, int, int, int]
) -> tuple[list[QImage], list[object]] | None:
    """The levels of `image`, which equals `levels[0]` outside `box` (left, top, right,
    bottom): `levels` copied with the box's part made again from `image` (any thread), the same
    pixels `build_levels(image)` makes. None when `image` does not fit `levels` (its size or
    format) or the box cannot be halved alone."""
    import numpy as np

    first = levels[0]
    fmt = image.format()
    if (
        sys.byteorder != "little"
        or fmt not in _FAST_FORMATS
        or fmt != first.format()
        or image.size() != first.size()
    ):
        return None
    unit = 1 << (len(levels) - 1)  # the box grown to whole blocks of the smallest level
    left, top, right, bottom = box
    x0, y0 = left // unit * unit, top // unit * unit
    x1 = min(-(-right // unit) * unit, image.width())
    y1 = min(-(-bottom // unit) * unit, image.height())
    region = pixel_view(image)[y0:y1, x0:x1]
    out: list[QImage] = [image]
    buffers: list[object] = []
    for k, level in enumerate(levels[1:], start=1):
        region = _halved(np, region)
        pixels = np.array(pixel_view(level))  # a contiguous copy
        target = pixels[
            y0 >> k : (y0 >> k) + region.shape[0], x0 >> k : (x0 >> k) + region.shape[1]
        ]
        if target.shape != region.shape:
            return None  # a one-pixel edge: halved otherwise than the whole image
        target[...] = region
        shape, stride = pixels.shape, pixels.strides[0]
        out.append(QImage(pixels.data, shape[1], shape[0], stride, fmt))  # type: ignore[call-overload]
        buffers.append(pixels)
    return out, buffers


def pixel_view(image: QImage) -> Any:
    """The pixels of a 3- (RGB888) or 4-byte-per-pixel `image` as an (h, w, channels) uint8
    array viewing its memory, without the padding at the end of each line (no copy)."""
    import numpy as np

    h, w = image.height(), image.width()
    channels = 3 if image.format() == QImage.Format.Format_RGB888 else 4
    flat = np.frombuffer(image.constBits(), dtype=np.uint8)  # type: ignore[call-overload]
    return flat.reshape(h, image.bytesPerLine())[:, : w * channels].reshape(h, w, channels)


def _fast_array(image: QImage) -> tuple[Any, QImage.Format] | None:
    """The pixels of `image` as an (h, w, 4) uint8 array in a fast format, or None."""
    import numpy as np

    fmt = image.format()
    if sys.byteorder != "little" or fmt not in _NUMPY_FORMATS:
        return None
    h, w = image.height(), image.width()
    src = pixel_view(image)
    if fmt in _FAST_FORMATS:
        return src, fmt  # a view: level 0 is then `image` itself
    out = np.empty((h, w, 4), dtype=np.uint8)
    out[..., 0] = src[..., 2]  # RGB32 is B, G, R, A in memory on a little-endian machine
    out[..., 1] = src[..., 1]
    out[..., 2] = src[..., 0]
    if fmt == QImage.Format.Format_RGB888:
        out[..., 3] = 255
        return out, QImage.Format.Format_RGB32
    alpha = src[..., 3:4].astype(np.uint16)
    out[..., :3] = (out[..., :3] * alpha + 127) // 255
    out[..., 3] = src[..., 3]
    return out, QImage.Format.Format_ARGB32_Premultiplied


def _halved(np: Any, a: Any) -> Any:
    """Each 2x2 block averaged (rounded); a side of 1 pixel stays 1."""
    rows = (a[0 : a.shape[0] // 2 * 2 : 2], a[1::2]) if a.shape[0] > 1 else (a, a)
    h = rows[0].shape[0]
    quads = []
    for r in rows:
        r = r[:h]
        if r.shape[1] > 1:
            w = r.shape[1] // 2
            quads += [r[:, 0 : 2 * w : 2], r[:, 1 : 2 * w : 2]]
        else:
            quads += [r, r]
    total = quads[0].astype(np.uint16)
    for q in quads[1:]:
        total += q
    total += 2
    total >>= 2
    return total.astype(np.uint8)


def _qt_levels(image: QImage) -> list[QImage]:
    """The levels made by Qt (fast for small images, but holding the interpreter lock)."""
    base = image
    if image.format() not in _FAST_FORMATS:
        fast = _FAST_FORMATS[1] if image.hasAlphaChannel() else _FAST_FORMATS[0]
        base = image.convertToFormat(fast)
    levels = [base]
    level = base
    while max(level.width(), level.height()) > 2 * SMALLEST_LEVEL_SIDE:
        level = level.scaled(
            max(1, level.width() // 2),
            max(1, level.height() // 2),
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        levels.append(level)
    return levels
