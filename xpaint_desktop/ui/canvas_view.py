"""Drawing a large image fast at any zoom: a pyramid of halved copies.

Zoomed out, a 6000x4000 photo drawn with smooth scaling straight from full resolution costs
tens of milliseconds per paint and aliases badly. Each level here is half the previous one, so
the painter always samples from a copy at most twice the on-screen size, and only the exposed
part (a source rectangle) is ever drawn.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter

SMALLEST_LEVEL_SIDE = 512
# The formats QPainter's raster engine blends without converting (opaque, with alpha).
_FAST_FORMATS = (QImage.Format.Format_RGB32, QImage.Format.Format_ARGB32_Premultiplied)


class ImagePyramid:
    """An image and its halved copies down to about 512 px, in a format QPainter blends fast."""

    def __init__(self, image: QImage) -> None:
        base = image
        if image.format() not in _FAST_FORMATS:
            fast = _FAST_FORMATS[1] if image.hasAlphaChannel() else _FAST_FORMATS[0]
            base = image.convertToFormat(fast)
        self.levels: list[QImage] = [base]
        level = base
        while max(level.width(), level.height()) > 2 * SMALLEST_LEVEL_SIDE:
            level = level.scaled(
                max(1, level.width() // 2),
                max(1, level.height() // 2),
                Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self.levels.append(level)

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
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, scale < 1.0)
        painter.drawImage(target, level, src)
