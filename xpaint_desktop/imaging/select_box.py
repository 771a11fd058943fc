"""The box and the combination modes of a selection from the photo (see `selection`).

Plain Python, no OpenCV or numpy: the window decides a selection's box and mode on the UI
thread while OpenCV may still be loading in the thread pool.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from xpaint_desktop.errors import InputError

MIN_BOX_SIDE = 4


class SelectMode(enum.Enum):
    """How a new selection meets the mask that is already there."""

    REPLACE = "replace"
    ADD = "add"
    SUBTRACT = "subtract"
    REFINE = "refine"  # re-cut the inside of the box, seeded by the current mask


@dataclass(frozen=True)
class SelectBox:
    """A box in image pixels: left, top, width, height."""

    x: int
    y: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height

    def clipped(self, width: int, height: int) -> SelectBox:
        """The part of the box inside a `width` x `height` image (possibly empty)."""
        x0, y0 = max(0, self.x), max(0, self.y)
        x1, y1 = min(width, self.right), min(height, self.bottom)
        return SelectBox(x0, y0, max(0, x1 - x0), max(0, y1 - y0))

    def inside(self, other: SelectBox) -> bool:
        return (
            self.x >= other.x
            and self.y >= other.y
            and self.right <= other.right
            and self.bottom <= other.bottom
        )

    @property
    def slices(self) -> tuple[slice, slice]:
        return slice(self.y, self.bottom), slice(self.x, self.right)

    @classmethod
    def parse(cls, text: str) -> SelectBox:
        """Parse "X,Y,W,H" (left, top, width, height in pixels)."""
        parts = [p for p in re.split(r"[\s,;]+", text.strip()) if p]
        try:
            values = [int(p) for p in parts]
        except ValueError:
            values = []
        if len(values) != 4 or values[2] <= 0 or values[3] <= 0:
            raise InputError(
                f"selection box {text!r} is not valid: write left,top,width,height in pixels "
                "with a positive width and height, e.g. 120,80,400,300"
            )
        return cls(*values)
