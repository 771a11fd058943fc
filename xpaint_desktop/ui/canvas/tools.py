"""The canvas's tools and brush-size rules, free of numpy so the main window can import them
at start-up without paying for the imaging stack."""

from __future__ import annotations

import enum

MIN_BRUSH_SIZE = 1
MAX_BRUSH_SIZE = 2000
DEFAULT_BRUSH_SIZE = 40
DEFAULT_TOLERANCE = 32  # of the magic wand and the colour range, 0-255 in every channel
MAX_TOLERANCE = 255


class Tool(enum.Enum):
    """What a left-button drag on the canvas does."""

    BRUSH = "brush"
    ERASER = "eraser"
    RECT = "rect"
    LASSO = "lasso"
    PAN = "pan"
    OBJECT = "object"  # drag a box around a thing: the mask becomes that thing
    WAND = "wand"  # click a colour region
    COLOR_RANGE = "color_range"  # click colours, then apply them with a tolerance

    @property
    def selects(self) -> bool:
        """True for the tools that select from the photo itself."""
        return self in (Tool.OBJECT, Tool.WAND, Tool.COLOR_RANGE)

    @property
    def paints(self) -> bool:
        """True for the round-brush tools whose cursor is the brush outline."""
        return self in (Tool.BRUSH, Tool.ERASER)


def clamp_brush_size(size: int) -> int:
    """Keep a brush diameter (image pixels) inside the supported range."""
    return max(MIN_BRUSH_SIZE, min(MAX_BRUSH_SIZE, int(size)))


def brush_step(size: int, direction: int) -> int:
    """The next brush size for `]` (direction +1) or `[` (direction -1).

    Steps are 10 % of the current size (at least 1 px), so small brushes stay precise and large
    ones change quickly, as in Krita and IOPaint.
    """
    step = max(1, round(size * 0.1))
    return clamp_brush_size(size + step * (1 if direction > 0 else -1))


def painted_radius(size: float, hardness: float) -> float:
    """Radius (image pixels) of the binary footprint of a brush of `size` and `hardness`.

    The stored mask is strictly binary, so a soft brush is defined as the 50 % threshold of a
    linear falloff from full opacity at `hardness * r` to zero at `r`: the footprint has radius
    `r * (1 + hardness) / 2`. A hard brush (1.0) paints exactly its nominal size.
    """
    h = max(0.0, min(1.0, hardness))
    return size / 2.0 * (1.0 + h) / 2.0
