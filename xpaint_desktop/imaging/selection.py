"""Masks from the photo itself: an object inside a box, a magic wand, a colour range.

Painting around a cup by hand takes a minute; OpenCV, already a dependency, can do it from a
rough box without any downloaded model:

- Object selection runs GrabCut on a downscaled copy of the region around the box (GrabCut's
  graph cut costs seconds per megapixel, so it sees at most `WORK_PIXELS`), then refines the
  upscaled edge at full resolution with a guided filter steered by the photo. The filter runs
  only on the tiles the edge passes through, so a 24-megapixel photo costs what its outline
  costs, not what its area costs.
- The magic wand and the colour range use one notion of "the same colour": every channel
  within `tolerance` of the reference (the largest channel difference, as OpenCV's fixed-range
  flood fill measures it), so a wand click in "everywhere" mode and a colour range of that one
  colour select exactly the same pixels.

Arrays here are numpy: images `uint8` H x W x 3 RGB, masks `uint8` H x W with 255 = repaint
and 0 = keep, the form `imaging.masks` uses. The box and the modes live in `select_box`, which
loads no OpenCV, so the window can speak of them before OpenCV is needed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image

from xpaint_desktop.errors import InputError
from xpaint_desktop.imaging.masks import KEEP, REPAINT, Colour
from xpaint_desktop.imaging.select_box import MIN_BOX_SIDE, SelectBox, SelectMode

ImageArray = npt.NDArray[np.uint8]
MaskArray = npt.NDArray[np.uint8]

# GrabCut sees at most this many pixels (the box and its margin, downscaled).
WORK_PIXELS = 80_000
# Three rounds: more let the colour models drift onto background that resembles the object.
GRABCUT_ITERATIONS = 3
# GrabCut starts its colour models from k-means with OpenCV's per-thread random generator:
# a fixed seed makes the same box give the same mask every time.
GRABCUT_SEED = 1
# Background context around the box, as a share of the box's size, for GrabCut's colour model.
MARGIN_SHARE = 0.1
# Guided filter regularisation (intensities 0-1): small keeps the edge on the photo's edges.
GUIDE_EPS = 1e-3
TILE = 128
TOLERANCE_MAX = 255


# -- object selection ---------------------------------------------------------------------------
def select_object(
    image: ImageArray,
    box: SelectBox,
    current: MaskArray | None = None,
    mode: SelectMode = SelectMode.REPLACE,
) -> MaskArray:
    """The mask after selecting the object inside `box` and combining it with `current`.

    REFINE re-cuts only the inside of the box, with the current mask as GrabCut's starting
    guess (inside the box) and as fixed knowledge (around it): the mask outside the box is
    kept as it is. The other modes cut the object from the box alone.
    """
    h, w = image.shape[:2]
    inner = _checked_box(box, w, h)
    if current is None:
        current = np.zeros((h, w), np.uint8)
    if mode is SelectMode.REFINE and not np.any(current[inner.slices]):
        mode = SelectMode.ADD  # nothing to refine inside the box: select afresh
    prior = current if mode is SelectMode.REFINE else None
    cut, region = _cut_object(image, inner, prior)
    if mode is SelectMode.REFINE:
        result = current.copy()
        result[inner.slices] = cut[_relative(inner, region).slices]
        return result
    selection = np.zeros((h, w), np.uint8)
    selection[region.slices] = cut
    return combine(current, selection, mode)


def combine(current: MaskArray, selection: MaskArray, mode: SelectMode) -> MaskArray:
    """`selection` replacing, added to or taken from `current` (REFINE: see `select_object`)."""
    if mode is SelectMode.ADD:
        return np.asarray(cv2.bitwise_or(current, selection), np.uint8)
    if mode is SelectMode.SUBTRACT:
        return np.asarray(cv2.bitwise_and(current, cv2.bitwise_not(selection)), np.uint8)
    return selection.copy()


def _checked_box(box: SelectBox, width: int, height: int) -> SelectBox:
    inner = box.clipped(width, height)
    if inner.width < MIN_BOX_SIDE or inner.height < MIN_BOX_SIDE:
        raise InputError(
            f"the selection box {box.x},{box.y},{box.width},{box.height} covers "
            f"{inner.width}x{inner.height} px of the {width}x{height} image; it must cover at "
            f"least {MIN_BOX_SIDE}x{MIN_BOX_SIDE} px inside the image."
        )
    return inner


def _relative(box: SelectBox, origin: SelectBox) -> SelectBox:
    return SelectBox(box.x - origin.x, box.y - origin.y, box.width, box.height)


def _cut_object(
    image: ImageArray, box: SelectBox, prior: MaskArray | None
) -> tuple[MaskArray, SelectBox]:
    """GrabCut around `box` at low resolution, edge refined at full; (mask, region it covers)."""
    h, w = image.shape[:2]
    mx = max(2, round(box.width * MARGIN_SHARE))
    my = max(2, round(box.height * MARGIN_SHARE))
    region = SelectBox(box.x - mx, box.y - my, box.width + 2 * mx, box.height + 2 * my)
    region = region.clipped(w, h)
    crop = image[region.slices]
    scale = min(1.0, math.sqrt(WORK_PIXELS / (region.width * region.height)))
    small_size = (max(1, round(region.width * scale)), max(1, round(region.height * scale)))
    small = _resize(crop, small_size)
    sx, sy = small_size[0] / region.width, small_size[1] / region.height
    rel = _relative(box, region)
    small_box = SelectBox(
        math.floor(rel.x * sx),
        math.floor(rel.y * sy),
        max(1, math.ceil(rel.right * sx) - math.floor(rel.x * sx)),
        max(1, math.ceil(rel.bottom * sy) - math.floor(rel.y * sy)),
    ).clipped(*small_size)
    seeds = _seeds(small_box, small_size, None if prior is None else prior[region.slices])
    fg = _grabcut(small, seeds).astype(np.uint8) * np.uint8(REPAINT)
    if small_size == (region.width, region.height):
        cut = fg
    else:
        size = (region.width, region.height)
        soft = np.asarray(cv2.resize(fg, size, interpolation=cv2.INTER_LINEAR), np.uint8)
        cut = _refine_edge(crop, soft, radius=max(2, math.ceil(1 / scale)))
    # Outside the box: nothing for a fresh selection (the box is a hard limit), else the prior.
    keep = prior[region.slices] if prior is not None else np.zeros_like(cut)
    for rows, cols in _outside(rel, cut.shape):
        cut[rows, cols] = keep[rows, cols]
    return cut, region


def _outside(box: SelectBox, shape: tuple[int, ...]) -> list[tuple[slice, slice]]:
    """The parts of a `shape` array around `box`, as four slices (top, bottom, left, right)."""
    everything = slice(0, shape[1])
    rows = slice(box.y, box.bottom)
    return [
        (slice(0, box.y), everything),
        (slice(box.bottom, shape[0]), everything),
        (rows, slice(0, box.x)),
        (rows, slice(box.right, shape[1])),
    ]


def _resize(img: ImageArray | MaskArray, size: tuple[int, int]) -> npt.NDArray[np.uint8]:
    """`img` shrunk to `size` by pixel averaging.

    OpenCV averages fast only by a whole factor, so a big reduction goes in two steps: by the
    largest whole factor first (on the few rows and columns that fit it), then the small rest.
    """
    h, w = img.shape[:2]
    if (w, h) == size:
        return np.ascontiguousarray(img)
    k = min(w // size[0], h // size[1])
    if k >= 2:
        whole = img[: h // k * k, : w // k * k]
        img = np.asarray(cv2.resize(whole, (w // k, h // k), interpolation=cv2.INTER_AREA))
    return np.asarray(cv2.resize(img, size, interpolation=cv2.INTER_AREA), np.uint8)


def _seeds(box: SelectBox, size: tuple[int, int], prior: MaskArray | None) -> MaskArray:
    """GrabCut's starting labels at the working size."""
    seeds = np.full((size[1], size[0]), cv2.GC_BGD, np.uint8)
    if prior is None:
        seeds[box.slices] = cv2.GC_PR_FGD
        return seeds
    known = _resize(prior, size) > 127
    seeds[known] = cv2.GC_FGD
    inside = known[box.slices]
    seeds[box.slices] = np.where(inside, cv2.GC_PR_FGD, cv2.GC_PR_BGD)
    return seeds


def _grabcut(small: ImageArray, seeds: MaskArray) -> npt.NDArray[np.bool_]:
    """GrabCut from `seeds`; True where the object is."""
    is_fg = (seeds == cv2.GC_FGD) | (seeds == cv2.GC_PR_FGD)
    if is_fg.all() or not is_fg.any():
        return is_fg  # no background (or no object) to learn colours from: nothing to cut
    labels = seeds.copy()
    cv2.setRNGSeed(GRABCUT_SEED)
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    cv2.grabCut(  # type: ignore[call-overload]  # the stubs do not allow rect=None
        np.ascontiguousarray(small),
        labels,
        None,
        bgd,
        fgd,
        GRABCUT_ITERATIONS,
        cv2.GC_INIT_WITH_MASK,
    )
    return np.asarray((labels == cv2.GC_FGD) | (labels == cv2.GC_PR_FGD))


def _refine_edge(crop: ImageArray, soft: MaskArray, radius: int) -> MaskArray:
    """The upscaled mask (0-255) snapped to the photo's edges and thresholded at half.

    Away from the edge `soft` is exactly 0 or 255 and is only thresholded; the tiles that hold
    values in between (the bilinear ramp along the low-resolution outline) are filtered first.
    """
    h, w = soft.shape
    _, cut = cv2.threshold(soft, 127, REPAINT, cv2.THRESH_BINARY)
    for y in range(0, h, TILE):
        for x in range(0, w, TILE):
            tile = soft[y : y + TILE, x : x + TILE]
            lo, hi, _, _ = cv2.minMaxLoc(tile)
            if lo == hi:
                continue
            y0, x0 = max(0, y - radius), max(0, x - radius)
            y1, x1 = min(h, y + TILE + radius), min(w, x + TILE + radius)
            guide = cv2.cvtColor(crop[y0:y1, x0:x1], cv2.COLOR_RGB2GRAY)
            filtered = _guided_filter(
                guide.astype(np.float32) / 255.0,
                soft[y0:y1, x0:x1].astype(np.float32) / 255.0,
                radius,
            )
            th, tw = tile.shape
            inner = filtered[y - y0 : y - y0 + th, x - x0 : x - x0 + tw]
            cut[y : y + th, x : x + tw] = np.where(inner >= 0.5, REPAINT, KEEP)
    return np.asarray(cut, np.uint8)


def _guided_filter(guide: npt.NDArray, src: npt.NDArray, radius: int) -> npt.NDArray:
    """He, Sun and Tang's guided filter with a grey guide (edge-preserving smoothing).

    The four local means are taken in one pass over a four-channel image, the two
    coefficient means in another.
    """
    k = (2 * radius + 1, 2 * radius + 1)
    stacked = cv2.merge([guide, src, guide * guide, guide * src])
    mean_i, mean_p, mean_ii, mean_ip = cv2.split(
        cv2.boxFilter(stacked, cv2.CV_32F, k, borderType=cv2.BORDER_REFLECT)
    )
    a = (mean_ip - mean_i * mean_p) / (mean_ii - mean_i * mean_i + GUIDE_EPS)
    b = mean_p - a * mean_i
    mean_a, mean_b = cv2.split(
        cv2.boxFilter(cv2.merge([a, b]), cv2.CV_32F, k, borderType=cv2.BORDER_REFLECT)
    )
    return mean_a * guide + mean_b


# -- magic wand and colour range ----------------------------------------------------------------
def _check_tolerance(tolerance: int) -> int:
    if isinstance(tolerance, bool) or not isinstance(tolerance, int):
        raise InputError(f"tolerance {tolerance!r}: give a whole number from 0 to 255.")
    if not 0 <= tolerance <= TOLERANCE_MAX:
        raise InputError(f"tolerance {tolerance}: choose a value from 0 to {TOLERANCE_MAX}.")
    return tolerance


def _colour_bounds(colour: Sequence[int], tolerance: int) -> tuple[list[int], list[int]]:
    lo = [max(0, int(c) - tolerance) for c in colour]
    hi = [min(255, int(c) + tolerance) for c in colour]
    return lo, hi


def _in_range(image: ImageArray | MaskArray, lo: list[int], hi: list[int]) -> MaskArray:
    return np.asarray(cv2.inRange(image, np.array(lo, np.uint8), np.array(hi, np.uint8)), np.uint8)


def magic_wand(
    image: ImageArray, x: int, y: int, tolerance: int, *, contiguous: bool = True
) -> MaskArray:
    """The pixels of the colour under (x, y): each channel within `tolerance` of it.

    Contiguous: only those connected to (x, y) through such pixels (4-neighbours). OpenCV's
    fixed-range flood fill then visits only the region it selects, so a click costs what the
    region costs; it wants a writable image (it is not changed), so a read-only one is copied.
    """
    h, w = image.shape[:2]
    if not (0 <= x < w and 0 <= y < h):
        raise InputError(f"the point {x},{y} is outside the {w}x{h} image.")
    tolerance = _check_tolerance(tolerance)
    if not contiguous:
        lo, hi = _colour_bounds(image[y, x], tolerance)
        return _in_range(image, lo, hi)
    if not image.flags.writeable or not image.flags.c_contiguous:
        image = image.copy()
    filled = np.zeros((h + 2, w + 2), np.uint8)
    flags = 4 | cv2.FLOODFILL_FIXED_RANGE | cv2.FLOODFILL_MASK_ONLY | (REPAINT << 8)
    diff = (tolerance, tolerance, tolerance)
    cv2.floodFill(image, filled, (x, y), (0, 0, 0), diff, diff, flags)
    return np.ascontiguousarray(filled[1:-1, 1:-1])


def color_range(image: ImageArray, colours: Sequence[Colour], tolerance: int) -> MaskArray:
    """The pixels within `tolerance` (in every channel) of any of `colours`."""
    tolerance = _check_tolerance(tolerance)
    if not colours:
        raise InputError("a colour range needs at least one colour.")
    result: MaskArray | None = None
    for colour in colours:
        lo, hi = _colour_bounds(colour, tolerance)
        hits = _in_range(image, lo, hi)
        result = hits if result is None else np.asarray(cv2.bitwise_or(result, hits), np.uint8)
    return np.asarray(result, np.uint8)


class ColorRangePreview:
    """A colour range recomputed as fast as a slider moves, on a downscaled copy of the photo.

    What it shows is what `color_range` selects on the full photo, at the preview's scale.
    """

    def __init__(self, image: ImageArray, max_pixels: int = 1_000_000) -> None:
        h, w = image.shape[:2]
        self.scale = min(1.0, math.sqrt(max_pixels / (w * h)))
        size = (max(1, round(w * self.scale)), max(1, round(h * self.scale)))
        # nearest neighbour: the preview holds only colours that exist in the photo
        self.image: ImageArray = np.ascontiguousarray(
            cv2.resize(image, size, interpolation=cv2.INTER_NEAREST) if self.scale < 1 else image
        )

    def mask(self, colours: Sequence[Colour], tolerance: int) -> MaskArray:
        return color_range(self.image, colours, tolerance)


def sample_colour(image: ImageArray, x: int, y: int) -> Colour:
    """The RGB colour of one pixel, as the colour range picks it."""
    h, w = image.shape[:2]
    if not (0 <= x < w and 0 <= y < h):
        raise InputError(f"the point {x},{y} is outside the {w}x{h} image.")
    r, g, b = (int(v) for v in image[y, x])
    return (r, g, b)


# -- edges --------------------------------------------------------------------------------------
def smooth_edge(mask: MaskArray, radius: int) -> MaskArray:
    """The mask with its outline smoothed over about `radius` px: jags, specks and pinholes
    smaller than that go, the area stays where it was (a Gaussian blur thresholded at half).
    """
    if radius <= 0:
        return mask.copy()
    h, w = mask.shape
    ys, xs = np.nonzero(mask.any(axis=1))[0], np.nonzero(mask.any(axis=0))[0]
    if ys.size == 0:
        return mask.copy()
    pad = 3 * radius + 1
    box = SelectBox(int(xs[0]) - pad, int(ys[0]) - pad, 0, 0)
    box = SelectBox(box.x, box.y, int(xs[-1]) + 1 + pad - box.x, int(ys[-1]) + 1 + pad - box.y)
    box = box.clipped(w, h)
    blurred = cv2.GaussianBlur(
        mask[box.slices], (0, 0), radius / 2, borderType=cv2.BORDER_REPLICATE
    )
    result = np.zeros_like(mask)
    result[box.slices] = np.where(blurred >= 128, REPAINT, KEEP).astype(np.uint8)
    return result


def mask_from_selection(
    image: Image.Image,
    *,
    box: SelectBox | None = None,
    colours: Sequence[Colour] = (),
    tolerance: int = 0,
) -> Image.Image:
    """A binary "L" mask of `image`: the object in `box`, or the pixels within `tolerance` of
    `colours` (the command line's `--select-box` and `--select-color`)."""
    pixels = np.asarray(image.convert("RGB"))
    mask = (
        select_object(pixels, box) if box is not None else color_range(pixels, colours, tolerance)
    )
    return Image.fromarray(mask, mode="L")
