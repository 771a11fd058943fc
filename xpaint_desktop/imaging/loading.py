"""Open a person's image and mask files and turn every failure into one clear sentence.

Files are decoded completely here (not lazily), so a truncated download or a broken export is
reported while the person is still choosing files, not halfway through a job. Images larger
than the service accepts are fine: prepare scales them. Images too small for the service are
refused here, because scaling them up would only send a blurry picture.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Sequence
from pathlib import Path

from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from xpaint_desktop.errors import InputError
from xpaint_desktop.imaging.conversion import to_rgb
from xpaint_desktop.imaging.limits import MAX_PIXELS, X_PAINTING, ModelLimits
from xpaint_desktop.imaging.masks import (
    binarize_mask,
    grey_reading,
    mask_bbox,
    mask_from_colors,
    mask_is_empty,
)
from xpaint_desktop.imaging.validation import check_mask_not_empty, check_mask_size

__all__ = [
    "binarize_mask",
    "check_mask_not_empty",
    "load_image",
    "load_mask",
    "load_mask_image",
    "mask_bbox",
    "mask_from_colors",
    "mask_is_empty",
]

log = logging.getLogger(__name__)

# Pillow warns from 89 megapixels and refuses from twice its limit; ours is checked first.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

_SUPPORTED = "JPEG, PNG, BMP, WebP or TIFF"
_TURNED = (5, 6, 7, 8)  # EXIF orientations that swap width and height


def load_image(
    path: Path | str, *, role: str = "image", limits: ModelLimits = X_PAINTING
) -> Image.Image:
    """Decode `path` to RGB with its EXIF orientation applied.

    Raises `InputError` if the file is missing, empty, not an image, truncated, or has a side
    of `limits.min_side` px or less.
    """
    path = Path(path)
    img, _ = _open_decoded(path, role)
    _check_min_size(img, path, role, limits)
    return to_rgb(img)


def upright_size(path: Path | str) -> tuple[int, int] | None:
    """The size `load_image` gives `path` (EXIF orientation applied), from its header alone;
    None when the header does not tell (`load_image` then says what is wrong)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                w, h = img.size
                orientation = img.getexif().get(ExifTags.Base.Orientation, 1)
    except Exception:  # anything unreadable is load_image's to report
        return None
    return (h, w) if orientation in _TURNED else (w, h)


def load_mask(
    path: Path | str,
    size: tuple[int, int],
    mask_color: Sequence[tuple[int, int, int]] = (),
    *,
    image_path: Path | str | None = None,
    notes: list[str] | None = None,
) -> Image.Image:
    """Decode a mask file to a binary "L" mask (255 repaint, 0 keep) of exactly `size`.

    `image_path` only names the image in the message when the sizes differ. A mask with real
    grey areas adds to `notes` how it was read (the threshold), for the person to see.
    """
    path = Path(path)
    img, raw_size = _open_decoded(path, "mask")
    if img.size != tuple(size) and raw_size == tuple(size):
        raise InputError(
            f"mask {path} is {_px(raw_size)} but {_px(img.size)} after applying its EXIF "
            f"rotation, and the image{_named(image_path)} is {_px(size)}: save the mask "
            "without an orientation tag, or rotated to match the image"
        )
    mask = load_mask_image(img, size, mask_color, name=str(path), image_path=image_path)
    reading = None if mask_color else grey_reading(img)
    if reading and notes is not None:
        notes.append(f"mask {path}: {reading.describe()}")
    return mask


def load_mask_image(
    img: Image.Image,
    size: tuple[int, int],
    mask_color: Sequence[tuple[int, int, int]] = (),
    *,
    name: str = "mask",
    image_path: Path | str | None = None,
) -> Image.Image:
    """Binary "L" mask from an image in memory (a drawn layer, a pasted picture)."""
    check_mask_size(img.size, size, name, image_path)
    mask = mask_from_colors(img, mask_color) if mask_color else binarize_mask(img)
    check_mask_not_empty(mask, name, mask_color)
    return mask


def _open_decoded(path: Path, role: str) -> tuple[Image.Image, tuple[int, int]]:
    """The decoded image with its EXIF orientation applied, and its size as stored."""
    label = f"{role} {path}"
    if not path.exists():
        raise InputError(f"{label} not found: check the path", code="FileNotFound")
    if path.is_dir():
        raise InputError(f"{label} is a folder, not an image file: choose an image file")
    try:
        if path.stat().st_size == 0:
            raise InputError(f"{label} is empty (0 bytes): choose another file")
        with warnings.catch_warnings():
            # Our own limit, checked below, names the file and the figure.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            src = Image.open(path)
        try:
            _check_max_pixels(src.size, label)
            stored_size = src.size
            src.load()  # a single-image file is closed once decoded
            _exif_transpose(src, path)
            if getattr(src, "fp", None) is None:
                return src, stored_size  # no copy of the pixels
            frame = src.copy()  # a file of several images stays open: keep the first one
        finally:
            if getattr(src, "fp", None) is not None:
                src.close()
        return frame, stored_size
    except InputError:
        raise
    except UnidentifiedImageError:
        raise InputError(
            f"{label} is not an image that can be read: use a {_SUPPORTED} file"
        ) from None
    except Image.DecompressionBombError as exc:
        raise InputError(f"{label} has too many pixels to open safely ({exc})") from None
    except PermissionError:
        raise InputError(f"{label} cannot be read (permission denied): check its rights") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        log.info("decoding %s failed: %s", path, exc)
        raise InputError(
            f"{label} is truncated or corrupt ({_reason(exc)}): export it again or choose "
            "another file"
        ) from None


def _check_max_pixels(size: tuple[int, int], label: str) -> None:
    w, h = size
    if w * h > MAX_PIXELS:
        raise InputError(
            f"{label} is {_px(size)} ({w * h / 1e6:.0f} megapixels); the most this app opens is "
            f"{MAX_PIXELS // 1_000_000} megapixels: scale it down first",
            code="ImageTooLarge",
        )


def _exif_transpose(img: Image.Image, path: Path) -> None:
    """Turn `img` upright by its EXIF orientation, in place."""
    try:
        ImageOps.exif_transpose(img, in_place=True)
    except (OSError, ValueError, SyntaxError, KeyError, TypeError) as exc:
        log.warning("ignoring unreadable EXIF orientation of %s: %s", path, exc)


def _check_min_size(img: Image.Image, path: Path, role: str, limits: ModelLimits) -> None:
    w, h = img.size
    if w <= limits.min_side or h <= limits.min_side:
        raise InputError(
            f"{role} {path}: {_px(img.size)} is too small: each side must be more than "
            f"{limits.min_side} px; use a larger image"
        )


def _px(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]} px"


def _named(path: Path | str | None) -> str:
    return f" {path}" if path is not None else ""


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text and text[0] else type(exc).__name__
