"""Exact rasterisation of the canvas's shapes into a binary mask, in numpy.

Qt's own rasteriser approximates circles with Bezier curves and snaps to a fixed-point grid,
so its edge pixels cannot be predicted exactly. The mask must be strictly binary and testable
pixel for pixel, so every shape here is defined by a closed-form rule on pixel centres
(`x + 0.5`, `y + 0.5`):

- capsule (a brush segment): centre within distance `r` of the segment, `d**2 <= r**2`;
- polygon (lasso, rectangle): centre inside by the even-odd rule; a centre exactly on a left or
  top edge is inside, on a right or bottom edge outside (half-open, so shapes tile);
- grow / shrink: a disk structuring element of radius `n` (Euclidean: a pixel is within `n` of
  another when `dx**2 + dy**2 <= n**2`); the image border never erodes a mask.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

BoolArray = npt.NDArray[np.bool_]
MaskArray = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class Box:
    """A pixel rectangle with exclusive ends, the shape numpy slicing wants."""

    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def width(self) -> int:
        return self.x1 - self.x0

    @property
    def height(self) -> int:
        return self.y1 - self.y0

    @property
    def empty(self) -> bool:
        return self.x1 <= self.x0 or self.y1 <= self.y0

    @property
    def slices(self) -> tuple[slice, slice]:
        return slice(self.y0, self.y1), slice(self.x0, self.x1)

    def union(self, other: Box | None) -> Box:
        if other is None or other.empty:
            return self
        if self.empty:
            return other
        return Box(
            min(self.x0, other.x0),
            min(self.y0, other.y0),
            max(self.x1, other.x1),
            max(self.y1, other.y1),
        )

    def intersect(self, other: Box) -> Box:
        return Box(
            max(self.x0, other.x0),
            max(self.y0, other.y0),
            min(self.x1, other.x1),
            min(self.y1, other.y1),
        )

    def grown(self, n: int) -> Box:
        return Box(self.x0 - n, self.y0 - n, self.x1 + n, self.y1 + n)

    def shifted(self, dx: int, dy: int) -> Box:
        return Box(self.x0 + dx, self.y0 + dy, self.x1 + dx, self.y1 + dy)


@dataclass(frozen=True)
class Footprint:
    """The pixels a shape covers: a box and a boolean array of that box's size."""

    box: Box
    pixels: BoolArray


def bounding_box(points: Sequence[tuple[float, float]], pad: float, limit: Box) -> Box:
    """The integer box around `points` grown by `pad`, clipped to `limit`."""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    box = Box(
        math.floor(min(xs) - pad),
        math.floor(min(ys) - pad),
        math.ceil(max(xs) + pad) + 1,
        math.ceil(max(ys) + pad) + 1,
    )
    return box.intersect(limit)


def true_box(pixels: BoolArray, origin: Box) -> Box | None:
    """The tight box of the set pixels of `pixels` (placed at `origin`), or None if none."""
    rows = np.flatnonzero(pixels.any(axis=1))
    if rows.size == 0:
        return None
    cols = np.flatnonzero(pixels.any(axis=0))
    return Box(
        origin.x0 + int(cols[0]),
        origin.y0 + int(rows[0]),
        origin.x0 + int(cols[-1]) + 1,
        origin.y0 + int(rows[-1]) + 1,
    )


def capsule(a: tuple[float, float], b: tuple[float, float], radius: float, limit: Box) -> Footprint:
    """Pixels whose centre lies within `radius` of the segment a-b (a disk when a == b)."""
    box = bounding_box([a, b], radius, limit)
    if box.empty:
        return Footprint(box, np.zeros((0, 0), dtype=bool))
    px = np.arange(box.x0, box.x1, dtype=np.float64)[None, :] + 0.5
    py = np.arange(box.y0, box.y1, dtype=np.float64)[:, None] + 0.5
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    length2 = dx * dx + dy * dy
    if length2 == 0.0:
        dist2 = (px - ax) ** 2 + (py - ay) ** 2
    else:
        t = np.clip(((px - ax) * dx + (py - ay) * dy) / length2, 0.0, 1.0)
        dist2 = (px - (ax + t * dx)) ** 2 + (py - (ay + t * dy)) ** 2
    return Footprint(box, dist2 <= radius * radius)


def polygon(points: Sequence[tuple[float, float]], limit: Box) -> Footprint:
    """Pixels whose centre is inside the closed polygon `points` (even-odd rule)."""
    if len(points) < 3:
        return Footprint(Box(0, 0, 0, 0), np.zeros((0, 0), dtype=bool))
    box = bounding_box(points, 0.0, limit)
    if box.empty:
        return Footprint(box, np.zeros((0, 0), dtype=bool))
    pts = np.asarray(points, dtype=np.float64)
    x0, y0 = pts[:, 0], pts[:, 1]
    x1, y1 = np.roll(x0, -1), np.roll(y0, -1)
    yc = np.arange(box.y0, box.y1, dtype=np.float64)[:, None] + 0.5
    crosses = (y0[None, :] <= yc) != (y1[None, :] <= yc)
    with np.errstate(divide="ignore", invalid="ignore"):
        xcross = x0[None, :] + (yc - y0[None, :]) * (x1 - x0)[None, :] / (y1 - y0)[None, :]
    rows, edges = np.nonzero(crosses)
    # First pixel column whose centre is at or right of the crossing: ceil(x - 0.5).
    cols = np.ceil(xcross[rows, edges] - 0.5).astype(np.int64) - box.x0
    cols = np.clip(cols, 0, box.width)
    toggles = np.zeros((box.height, box.width + 1), dtype=np.int32)
    np.add.at(toggles, (rows, cols), 1)
    inside = (np.cumsum(toggles, axis=1) & 1).astype(bool)
    return Footprint(box, inside[:, : box.width])


def grow(mask: MaskArray, n: int) -> tuple[Box, MaskArray] | None:
    """Dilate `mask` by a disk of radius n; the changed box and its new content, or None."""
    return _morph(mask, n, grow=True)


def shrink(mask: MaskArray, n: int) -> tuple[Box, MaskArray] | None:
    """Erode `mask` by a disk of radius n (the image border does not erode)."""
    return _morph(mask, n, grow=False)


def _morph(mask: MaskArray, n: int, *, grow: bool) -> tuple[Box, MaskArray] | None:
    import cv2  # OpenCV only when a person actually grows or shrinks a mask

    full = Box(0, 0, mask.shape[1], mask.shape[0])
    set_box = true_box(mask != 0, full)
    if set_box is None or n <= 0:
        return None
    box = set_box.grown(n + 1).intersect(full)
    region = mask[box.slices]
    limit = n * n
    if grow:
        # Distance of every unset pixel to the nearest set pixel.
        dist = cv2.distanceTransform(
            (region == 0).astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE
        )
    else:
        # Distance of every set pixel to the nearest unset pixel inside the image.
        dist = cv2.distanceTransform(
            (region != 0).astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE
        )
    # Squared distances are integers; float32 sqrt is off by far less than the gap to the
    # next integer, so rounding the square recovers them exactly.
    dist2 = np.rint(dist.astype(np.float64) ** 2)
    keep = dist2 <= limit if grow else dist2 > limit
    result = np.where(keep, 255, 0).astype(np.uint8)
    if np.array_equal(result, region):
        return None
    return box, result
