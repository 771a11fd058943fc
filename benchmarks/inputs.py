"""Realistic inputs: a large JPEG with a photo's texture and a hand-drawn-looking mask.

The photo is a mosaic of the sample photos (`tests/data/`, real camera pictures) upscaled 2x
with Lanczos, randomly mirrored, plus a little sensor-like grain, saved as a JPEG of quality 92:
it compresses like a camera picture (about 5 MB at 24 megapixels), unlike a flat or noise-only
test image. Built once per size and kept under `benchmarks/results/inputs/` (git-ignored).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from benchmarks.core import CACHE, ROOT

SAMPLES = ("astronaut.png", "coffee.png", "chelsea.png", "rocket.jpg")
PHOTO_24MP = (6000, 4000)
QUALITY = 92
GRAIN = 3


def _tiles() -> list[Image.Image]:
    tiles = []
    for name in SAMPLES:
        path = ROOT / "tests" / "data" / name
        if not path.exists():
            path = Path("/work/shared/samples") / name
        if path.exists():
            with Image.open(path) as im:
                rgb = im.convert("RGB")
            tiles.append(rgb.resize((rgb.width * 2, rgb.height * 2), Image.Resampling.LANCZOS))
    if not tiles:
        raise FileNotFoundError("no sample photos in tests/data")
    return tiles


def make_photo(size: tuple[int, int]) -> Image.Image:
    width, height = size
    rng = np.random.default_rng(12)
    tiles = _tiles()
    canvas = Image.new("RGB", size)
    y = 0
    while y < height:
        x, row_h = 0, 0
        while x < width:
            tile = tiles[int(rng.integers(len(tiles)))]
            if rng.random() < 0.5:
                tile = tile.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
            canvas.paste(tile, (x, y))
            x += tile.width
            row_h = max(row_h, tile.height)
        y += row_h
    pixels = np.asarray(canvas).astype(np.int16)
    grain = rng.integers(-GRAIN, GRAIN + 1, pixels.shape, dtype=np.int16)
    return Image.fromarray(np.clip(pixels + grain, 0, 255).astype(np.uint8))


def make_mask(size: tuple[int, int]) -> Image.Image:
    """A brushed area of about 15% x 15% of the photo near its centre, white = repaint."""
    width, height = size
    mask = Image.new("L", size, 0)
    draw = ImageDraw.Draw(mask)
    cx, cy = width * 0.5, height * 0.45
    rx, ry = width * 0.07, height * 0.08
    draw.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=255)
    draw.line(
        (cx - rx * 1.4, cy + ry * 1.4, cx + rx * 1.4, cy - ry * 0.9), fill=255, width=width // 100
    )
    return mask


def photo_path(size: tuple[int, int] = PHOTO_24MP, cache: Path = CACHE) -> Path:
    """The cached JPEG of `size`, built on first use."""
    path = cache / "inputs" / f"photo-{size[0]}x{size[1]}.jpg"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(".part")
        make_photo(size).save(part, format="JPEG", quality=QUALITY)
        part.replace(path)
    return path


def mask_path(size: tuple[int, int] = PHOTO_24MP, cache: Path = CACHE) -> Path:
    """The cached mask PNG of `size` (white = repaint)."""
    path = cache / "inputs" / f"mask-{size[0]}x{size[1]}.png"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(".part")
        make_mask(size).save(part, format="PNG")
        part.replace(path)
    return path
