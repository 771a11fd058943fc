"""Turn whatever mode a file decodes to into 8-bit RGB or 8-bit grey.

Pillow's own `convert()` clips 16-bit and 32-bit images instead of scaling them (a 16-bit
PNG comes out almost white), converts CMYK with a naive formula that ignores the embedded
colour profile, and drops transparency onto whatever colour the hidden pixels happen to hold.
These helpers do each of those properly, so every later step sees plain RGB or L.

Decision on transparency: images are composited over white. Transparent pixels often hold
black or leftover colours that were never meant to be seen; white is what viewers show.
"""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING

from PIL import Image, ImageCms

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

_HIGH_DEPTH_MODES = ("I;16", "I;16L", "I;16B", "I;16N", "I", "F")
_ALPHA_MODES = ("RGBA", "LA", "PA", "RGBa", "La")


def has_alpha(img: Image.Image) -> bool:
    """True if the image carries transparency (an alpha channel or a transparent colour)."""
    return img.mode in _ALPHA_MODES or "transparency" in img.info


def to_grey8(img: Image.Image) -> Image.Image:
    """8-bit grey ("L"); high bit depths are scaled to 0-255, not clipped."""
    if img.mode in _HIGH_DEPTH_MODES:
        import numpy as np  # only high bit depths need it: opening an ordinary file does not

        return Image.fromarray(_scale_to_8bit(np.asarray(img)), mode="L")
    if img.mode == "L":
        return img
    return to_rgb(img).convert("L") if has_alpha(img) else img.convert("L")


def to_rgb(img: Image.Image) -> Image.Image:
    """8-bit RGB: transparency composited over white, high depths scaled, CMYK via ICC."""
    if img.mode == "RGB":
        return img
    if img.mode in _HIGH_DEPTH_MODES:
        return to_grey8(img).convert("RGB")
    if img.mode == "CMYK":
        return _cmyk_to_rgb(img)
    if has_alpha(img):
        return _over_white(img)
    return img.convert("RGB")


def alpha_channel(img: Image.Image) -> Image.Image:
    """The alpha channel ("L"), resolving palette and single-colour transparency."""
    if img.mode not in ("RGBA", "LA", "PA"):
        img = img.convert("RGBA")
    return img.getchannel("A")


def _over_white(img: Image.Image) -> Image.Image:
    rgba = img.convert("RGBA")
    background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(background, rgba).convert("RGB")


def _scale_to_8bit(arr: np.ndarray) -> np.ndarray:
    """Map 16-bit, 32-bit integer or float samples onto 0-255."""
    import numpy as np

    if arr.dtype.kind == "f":
        arr = np.nan_to_num(arr.astype(np.float64))
        hi = float(arr.max()) if arr.size else 1.0
        lo = float(arr.min()) if arr.size else 0.0
        if lo >= 0.0 and hi <= 1.0:
            return np.rint(arr * 255.0).astype(np.uint8)
        return _stretch(arr, lo, hi)
    arr = arr.astype(np.int64)
    lo = int(arr.min()) if arr.size else 0
    hi = int(arr.max()) if arr.size else 0
    if lo >= 0 and hi <= 65535:
        # 16-bit data: v * 255 / 65535 == v / 257, rounded.
        return ((arr + 128) // 257).astype(np.uint8)
    return _stretch(arr.astype(np.float64), float(lo), float(hi))


def _stretch(arr: np.ndarray, lo: float, hi: float) -> np.ndarray:
    import numpy as np

    span = hi - lo if hi > lo else 1.0
    return np.rint((arr - lo) * (255.0 / span)).astype(np.uint8)


def _cmyk_to_rgb(img: Image.Image) -> Image.Image:
    """CMYK through its embedded profile when it has one, else Pillow's formula."""
    icc = img.info.get("icc_profile")
    if icc:
        try:
            src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            dst = ImageCms.createProfile("sRGB")
            out = ImageCms.profileToProfile(
                img, src, dst, renderingIntent=ImageCms.Intent.PERCEPTUAL, outputMode="RGB"
            )
            if out is not None:
                return out
        except (ImageCms.PyCMSError, OSError, ValueError) as exc:
            log.warning("CMYK colour profile unusable (%s); converting without it", exc)
    return img.convert("RGB")
