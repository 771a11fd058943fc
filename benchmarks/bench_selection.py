"""How long selecting from the photo takes on a 24-megapixel photo (6000x4000).

The photo is the coffee sample (`tests/data/coffee.png`, a real camera picture) upscaled ten
times with a little sensor-like grain and saved as a JPEG of quality 92, so that a box around
its cup is a box around a real object. Measured: a box selection (fresh, added, refined by a
second box inside it), a magic wand click (contiguous and everywhere), a colour range (the full
photo and its one-megapixel preview) and edge smoothing, each against a plain Pillow decode of
the same JPEG in the same run. Targets: a box within 1.5 s, a wand click within 0.2 s.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from benchmarks.core import ROOT, Context, Figure, Target, median_s
from xpaint_desktop.imaging.loading import load_image
from xpaint_desktop.imaging.selection import (
    ColorRangePreview,
    SelectBox,
    SelectMode,
    color_range,
    magic_wand,
    select_object,
    smooth_edge,
)

SIZE = (6000, 4000)
GRAIN = 3
# Where the cup of coffee.png (600x400, box 70,10,415,385) is on the ten times larger copy.
CUP = SelectBox(700, 100, 4150, 3850)
RIM = SelectBox(3900, 600, 1000, 1200)  # spoon and saucer rim, inside the cup's box
SAUCER = (1500, 2500)  # a click on the saucer
TABLE_COLOURS = [(120, 60, 30), (90, 40, 20)]
BOX_TARGET_MS = 1500.0
WAND_TARGET_MS = 200.0


def coffee_photo(cache: Path) -> Path:
    """The 24-megapixel JPEG of the coffee sample, built once and kept in the cache."""
    path = cache / "inputs" / f"coffee-{SIZE[0]}x{SIZE[1]}.jpg"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with Image.open(ROOT / "tests" / "data" / "coffee.png") as src:
            big = np.asarray(src.convert("RGB").resize(SIZE, Image.Resampling.BICUBIC))
        grain = np.random.default_rng(0).integers(-GRAIN, GRAIN + 1, big.shape, dtype=np.int16)
        pixels = np.clip(big.astype(np.int16) + grain, 0, 255).astype(np.uint8)
        part = path.with_suffix(".part")
        Image.fromarray(pixels).save(part, format="JPEG", quality=92)
        part.replace(path)
    return path


def _decode(path: Path) -> None:
    with Image.open(path) as im:
        im.load()


def run(ctx: Context) -> list[Figure]:
    runs = ctx.runs(5, 2)
    jpg = coffee_photo(ctx.cache)
    decode_ms = median_s(lambda: _decode(jpg), runs) * 1000
    image = np.array(load_image(jpg))  # writable, as the canvas keeps it
    cup = select_object(image, CUP)
    other = np.zeros_like(cup)
    other[100:600, 5000:5900] = 255
    x, y = SAUCER
    preview = ColorRangePreview(image)
    cases = [
        ("box", "box around the cup", lambda: select_object(image, CUP)),
        ("box_add", "box added (Shift)", lambda: select_object(image, CUP, other, SelectMode.ADD)),
        (
            "box_refine",
            "second box inside refines",
            lambda: select_object(image, RIM, cup, SelectMode.REFINE),
        ),
        ("wand", "wand click, contiguous", lambda: magic_wand(image, x, y, 24)),
        (
            "wand_global",
            "wand click, everywhere",
            lambda: magic_wand(image, x, y, 24, contiguous=False),
        ),
        ("color_range", "colour range, 2 colours", lambda: color_range(image, TABLE_COLOURS, 24)),
        ("color_preview", "colour range preview (1 MP)", lambda: preview.mask(TABLE_COLOURS, 24)),
        ("smooth", "smooth edge, radius 8", lambda: smooth_edge(cup, 8)),
    ]
    targets = {"box": BOX_TARGET_MS, "box_add": BOX_TARGET_MS, "box_refine": BOX_TARGET_MS}
    targets |= {"wand": WAND_TARGET_MS, "wand_global": WAND_TARGET_MS}
    figures = []
    for key, title, fn in cases:
        limit = targets.get(key)
        figures.append(
            Figure(
                key=f"selection.{key}",
                title=f"{title}, 24 MP",
                value=median_s(fn, runs) * 1000,
                unit="ms",
                baseline=decode_ms,
                baseline_label="plain Pillow decode",
                target=None if limit is None else Target(limit),
                samples=runs,
            )
        )
    return figures
