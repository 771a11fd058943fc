"""Masks as the rest of the program sees them: mode "L", 255 = repaint, 0 = keep.

People bring masks in many shapes: white strokes on black, a transparent layer with opaque
strokes, or (as the service's `mask_color` allows) a picture where some exact colours mark
the area. Everything is turned into one binary form here, once, so prepare and composite
never have to guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from PIL import Image

from xpaint_desktop.imaging.conversion import alpha_channel, has_alpha, to_grey8

REPAINT = 255
KEEP = 0
_THRESHOLD = 127

Box = tuple[int, int, int, int]
Colour = tuple[int, int, int]


def binarize_mask(img: Image.Image) -> Image.Image:
    """Binary "L" mask from any image.

    An image with transparency is read by its alpha (opaque = painted), since masks drawn as
    a layer are transparent where nothing is painted; a fully transparent one is empty.
    Otherwise grey > 127 = painted. A uniformly opaque alpha (a PNG saved with an alpha
    channel it does not use) says nothing, so such an image is read by its grey values.
    """
    return _threshold(_reading_band(img)[0])


def _reading_band(img: Image.Image) -> tuple[Image.Image, str]:
    """The band a mask is read by (`binarize_mask`), and what it is called for people."""
    if has_alpha(img):
        alpha = alpha_channel(img)
        lo, hi = _int_extrema(alpha)
        if lo != hi or hi <= _THRESHOLD:
            return alpha, "transparency"
        img = img.convert("RGB")
    return to_grey8(img), "grey"


GREY_BAND = (16, 239)  # values outside are black or white (anti-aliased edges included)
_GREY_SHARE = 0.01


@dataclass(frozen=True)
class GreyReading:
    """How a mask with real grey areas was read: the window and the command line both say it."""

    grey_share: float  # of the pixels, clearly between black and white
    painted_share: float  # of the pixels, read as "repaint"
    source: str  # "grey" or "transparency"
    threshold: int = _THRESHOLD

    def describe(self, template: str = "", source: str = "") -> str:
        """The sentence people read; the window passes its translation of `DESCRIPTION`."""
        return (template or DESCRIPTION).format(
            grey=f"{self.grey_share:.0%}",
            source=source or self.source,
            threshold=self.threshold,
            painted=f"{self.painted_share:.0%}",
        )


DESCRIPTION = (
    "{grey} of its pixels are {source} values between black and white; they were read with "
    "threshold {threshold} (lighter than {threshold} = repaint), so {painted} of the picture "
    "will be repainted"
)


def grey_reading(img: Image.Image) -> GreyReading | None:
    """How a mask with real grey areas was read, or None for a black-and-white one.

    A soft brush edge is grey too, so only a mask where more than 1% of the pixels are clearly
    between black and white counts.
    """
    band, source = _reading_band(img)
    histogram = band.histogram()
    total = sum(histogram)
    grey = sum(histogram[GREY_BAND[0] : GREY_BAND[1] + 1])
    if total == 0 or grey / total <= _GREY_SHARE:
        return None
    painted = sum(histogram[_THRESHOLD + 1 :]) / total
    return GreyReading(grey / total, painted, source)


def mask_from_colors(img: Image.Image, colors: Iterable[Colour]) -> Image.Image:
    """Binary "L" mask: pixels whose stored RGB equals any of `colors` exactly are painted.

    Alpha is ignored (the colours are compared as stored), as the service's `mask_color`
    compares the colours of the mask picture.
    """
    import numpy as np  # only colour masks need it: loading a photo and its mask does not

    if img.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I", "F"):
        img = to_grey8(img)
    rgb = np.asarray(img.convert("RGB"), dtype=np.uint32)
    keys = (rgb[..., 0] << 16) | (rgb[..., 1] << 8) | rgb[..., 2]
    wanted = np.array([(r << 16) | (g << 8) | b for r, g, b in colors], dtype=np.uint32)
    hit = np.isin(keys, wanted)
    return Image.fromarray(np.where(hit, REPAINT, KEEP).astype(np.uint8), mode="L")


def mask_bbox(mask: Image.Image) -> Box | None:
    """(left, top, right, bottom) of the painted pixels, right/bottom exclusive; None if empty."""
    box = mask.getbbox()
    return None if box is None else (box[0], box[1], box[2], box[3])


def mask_is_empty(mask: Image.Image) -> bool:
    """True if a binary mask has no painted pixel."""
    return mask.getbbox() is None


def _int_extrema(band: Image.Image) -> tuple[int, int]:
    lo, hi = band.getextrema()  # a single band gives (min, max)
    return int(lo), int(hi)  # type: ignore[arg-type]


def _threshold(grey: Image.Image) -> Image.Image:
    return grey.point(lambda v: REPAINT if v > _THRESHOLD else KEEP)


MAX_PALETTE_COLOURS = 64


def mask_palette(img: Image.Image) -> list[tuple[Colour, int]] | None:
    """The colours of a coloured mask picture, most frequent first, with their pixel counts.

    None when the picture is not a coloured mask: every pixel grey (a black-and-white or
    grey mask, read by brightness) or more than `MAX_PALETTE_COLOURS` colours (a photo).
    This is what a person picks the service's `mask_color` list from.
    """
    counts = img.convert("RGB").getcolors(MAX_PALETTE_COLOURS)
    if counts is None:
        return None
    colours: list[tuple[Colour, int]] = []
    for n, c in counts:
        r, g, b = cast(tuple[int, int, int], c)
        colours.append(((int(r), int(g), int(b)), int(n)))
    colours.sort(key=lambda item: -item[1])
    if all(r == g == b for (r, g, b), _ in colours):
        return None
    return colours
