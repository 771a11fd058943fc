"""Small image factories for the imaging tests: real pixels, written to real files."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

EXIF_ORIENTATION = 0x0112


def gradient(width: int, height: int, seed: int = 0) -> Image.Image:
    """An RGB picture with structure in both directions and some texture."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width]
    r = x * 255 // max(width - 1, 1)
    g = y * 255 // max(height - 1, 1)
    b = (x + y) % 256
    arr = np.dstack([r, g, b]).astype(np.int16) + rng.integers(-8, 9, (height, width, 3))
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="RGB")


def rect_mask(size: tuple[int, int], box: tuple[int, int, int, int]) -> Image.Image:
    mask = Image.new("L", size, 0)
    mask.paste(255, box)
    return mask


def save(img: Image.Image, path: Path, **params: Any) -> Path:
    img.save(path, **params)
    return path


def with_orientation(img: Image.Image, path: Path, orientation: int, fmt: str = "JPEG") -> Path:
    """Save `img` as stored pixels with an EXIF orientation tag."""
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = orientation
    params: dict[str, Any] = {"exif": exif.tobytes()}
    if fmt == "JPEG":
        params["quality"] = 95
    img.save(path, format=fmt, **params)
    return path


def truncated(img: Image.Image, path: Path, fmt: str, keep: float = 0.5) -> Path:
    buf = io.BytesIO()
    img.save(buf, format=fmt)
    data = buf.getvalue()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def as_array(img: Image.Image) -> np.ndarray:
    return np.asarray(img).astype(np.int32)
