"""Reading a saved mask into the canvas and writing the canvas's mask to a PNG file.

Import rules (the command line's own, `imaging.masks`): with `mask_color`, pixels equal to
any listed RGB colour are repaint; otherwise `binarize_mask` reads the alpha or the grey level
(> 127), and `grey_reading` says how a mask with real grey areas was read. EXIF orientation is
applied first.
Export writes a 1-bit PNG (black = keep, white = repaint) with `atomic.write_atomic`, so a
crash never leaves half a mask behind.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from PySide6.QtGui import QImage, QImageReader

from xpaint_desktop.atomic import write_atomic
from xpaint_desktop.errors import InputError
from xpaint_desktop.imaging.masks import GreyReading, binarize_mask, grey_reading
from xpaint_desktop.ui.canvas.raster import MaskArray


class MaskFileError(InputError, ValueError):
    """A mask file that cannot be used: unreadable, or not the size of the photo."""


def _rgba_array(image: QImage) -> np.ndarray:
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    h, w = rgba.height(), rgba.width()
    flat = np.frombuffer(rgba.constBits(), dtype=np.uint8)  # type: ignore[call-overload]
    return flat.reshape(h, rgba.bytesPerLine())[:, : w * 4].reshape(h, w, 4).copy()


def read_mask(
    path: str | os.PathLike[str],
    size: tuple[int, int],
    mask_color: list[tuple[int, int, int]] | None = None,
) -> tuple[MaskArray, GreyReading | None]:
    """The binary mask (0/255, shape h x w) stored in `path`, which must be `size` (w, h),
    and how its grey areas were read (None for a black-and-white mask or with `mask_color`)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    image = reader.read()
    if image.isNull():
        raise MaskFileError(
            f"Cannot read the mask file {path}: {reader.errorString()}. "
            "Choose a PNG, JPEG, BMP or WebP image."
        )
    if (image.width(), image.height()) != size:
        raise MaskFileError(
            f"The mask file {path} is {image.width()}x{image.height()} pixels but the image is "
            f"{size[0]}x{size[1]}; a mask must have exactly the size of its image."
        )
    rgba = _rgba_array(image)
    if mask_color:
        hit = np.zeros(rgba.shape[:2], dtype=bool)
        for r, g, b in mask_color:
            hit |= (rgba[..., 0] == r) & (rgba[..., 1] == g) & (rgba[..., 2] == b)
        return np.where(hit, 255, 0).astype(np.uint8), None
    from PIL import Image

    picture = (
        Image.fromarray(rgba, mode="RGBA")
        if image.hasAlphaChannel()
        else Image.fromarray(np.ascontiguousarray(rgba[..., :3]), mode="RGB")
    )
    return np.asarray(binarize_mask(picture), dtype=np.uint8).copy(), grey_reading(picture)


def write_mask(path: str | os.PathLike[str], bits: MaskArray) -> None:
    """Write `bits` as a black-and-white PNG at `path`, atomically."""
    from PIL import Image

    target = Path(path)
    grey = Image.fromarray(np.where(bits != 0, 255, 0).astype(np.uint8))
    image = grey.convert("1", dither=Image.Dither.NONE)
    try:
        write_atomic(target, lambda fh: image.save(fh, format="PNG"))
    except OSError as exc:
        raise MaskFileError(f"Cannot write the mask to {target}: {exc.strerror}.") from exc
