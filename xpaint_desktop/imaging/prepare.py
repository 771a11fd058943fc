"""Cut the region the model should see, scale it to an output size, encode it for upload.

The service returns images at a few fixed sizes only (1024*1024, 720*1280, 1280*720),
whatever the input's shape. So instead of sending the whole photo and getting a squashed
square back, we pick the output size whose aspect ratio fits the masked region best, crop a
box of exactly that aspect around the mask with some context, and scale it to the output
size. The result then maps back onto the box 1:1 (see `composite`), and `Placement` records
the box so this works after a restart too.

Context (ContextMode.AUTO): the mask's bounding box grown by a quarter of its mean side on
every side (at least `CONTEXT_MIN_PAD_PX`), and at least `CONTEXT_MIN_SIDE_PX` on each side,
so the model sees enough surroundings to match light and texture (the same idea as Krita AI
Diffusion's context area). ContextMode.FULL uses the whole image.

When the box at the output's aspect does not fit inside the image (a long panorama, or a
mask spanning a thin image), the box is capped at the image: if that changes the aspect by
at most `MAX_STRETCH` the capped box is used and scaled non-uniformly (invisible at that
level, and undone exactly when pasting back); beyond that the box keeps the exact aspect and
extends past the image, the outside filled with a mirror image of the border and marked
"keep" in the mask. Only the part inside the image is ever pasted back.

A model whose output keeps the input's size (`OutputRule.SAME_AS_INPUT`, wanx2.1-imageedit)
needs no fitting to a fixed size: the box keeps the region's own aspect (limited so both
sides can lie within the model's side limits) and is scaled only as far as needed to bring
each side within those limits (a small region is enlarged to the minimum side, a large one
reduced to the maximum); the result maps back onto the box the same way.

The mask is always sent black and white: colour masks (`mask_color`) are converted when the
mask is loaded, so the service's `mask_color` parameter is never needed.
"""

from __future__ import annotations

import io
import json
import logging
import math
from dataclasses import dataclass

import numpy as np
from PIL import Image

from xpaint_desktop.errors import InputError
from xpaint_desktop.imaging.limits import ModelLimits, OutputRule
from xpaint_desktop.imaging.masks import REPAINT, Box, mask_bbox
from xpaint_desktop.imaging.validation import check_mask_size, empty_mask_error, normalise_size
from xpaint_desktop.spec import SIZE_AUTO, ContextMode

log = logging.getLogger(__name__)

CONTEXT_GROWTH = 0.25  # per side, as a fraction of the mask box's mean side
CONTEXT_MIN_PAD_PX = 64
CONTEXT_MIN_SIDE_PX = 512
MAX_STRETCH = 1.1
JPEG_QUALITIES = (95, 92, 88, 84, 80, 75, 70, 60, 50)
PNG_COMPRESS_LEVEL = 3  # level 6 (the default) is ~2x slower for ~3% smaller photos

Size = tuple[int, int]


@dataclass(frozen=True)
class Placement:
    """Where the model's output goes in the original: kept with the job to paste results back.

    `crop_box` (left, top, right, bottom, right/bottom exclusive) is in original pixels and
    may extend past the image when the crop was padded; `output_size` is the size the crop
    was scaled to (the size the service returns).
    """

    original_size: Size
    crop_box: Box
    output_size: Size

    @property
    def crop_size(self) -> Size:
        left, top, right, bottom = self.crop_box
        return right - left, bottom - top

    @property
    def visible_box(self) -> Box:
        """The part of `crop_box` inside the original image."""
        left, top, right, bottom = self.crop_box
        w, h = self.original_size
        return max(left, 0), max(top, 0), min(right, w), min(bottom, h)

    def to_json(self) -> str:
        return json.dumps(
            {
                "original_size": list(self.original_size),
                "crop_box": list(self.crop_box),
                "output_size": list(self.output_size),
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Placement:
        d = json.loads(text)
        ow, oh = (int(v) for v in d["original_size"])
        left, top, right, bottom = (int(v) for v in d["crop_box"])
        sw, sh = (int(v) for v in d["output_size"])
        return cls((ow, oh), (left, top, right, bottom), (sw, sh))


@dataclass(frozen=True)
class PreparedImages:
    """The two files to upload (both exactly `placement.output_size`) and how to map back."""

    base_bytes: bytes
    mask_bytes: bytes
    base_ext: str  # ".png" or ".jpg"
    size: str  # wire value, e.g. "1280*720"
    placement: Placement

    mask_ext = ".png"


def choose_size(region_w: int, region_h: int, limits: ModelLimits) -> str:
    """The output size whose aspect ratio is closest to the region's (first one on a tie)."""
    target = math.log(region_w / region_h)

    def distance(size: str) -> float:
        w, h = limits.size_tuple(size)
        return abs(math.log(w / h) - target)

    return min(limits.sizes, key=distance)


def prepare(
    base: Image.Image,
    mask: Image.Image,
    *,
    size: str,
    context: ContextMode,
    limits: ModelLimits,
) -> PreparedImages:
    """Crop, scale and encode `base` (RGB) and `mask` (binary "L") for one request."""
    check_mask_size(mask.size, base.size)
    bbox = mask_bbox(mask)
    if bbox is None:
        raise empty_mask_error()
    centre, need = _region(bbox, base.size, context)
    wire = normalise_size(size, limits)
    if limits.output is OutputRule.SAME_AS_INPUT:
        box = fit_box(centre, need, base.size, _free_aspect(need, limits))
        out_size = scaled_to_limits(_box_size(box), limits)
        wire = f"{out_size[0]}*{out_size[1]}"
    else:
        if wire == SIZE_AUTO:
            wire = choose_size(need[0], need[1], limits)
        out_size = limits.size_tuple(wire)
        box = fit_box(centre, need, base.size, out_size[0] / out_size[1])
    if not all(limits.min_side < side < limits.max_side for side in out_size):
        raise ValueError(f"output size {wire} is outside {limits.model}'s input limits")
    placement = Placement(base.size, box, out_size)
    rgb = base if base.mode == "RGB" else base.convert("RGB")
    base_img = _scaled_crop(rgb, box, out_size, is_mask=False)
    mask_img = _scaled_crop(mask, box, out_size, is_mask=True)
    base_bytes, ext = _encode_base(base_img, limits)
    mask_bytes = _png(mask_img)
    log.info(
        "prepared %s crop %s of %s -> %s (%s, %d + %d bytes)",
        context,
        box,
        base.size,
        wire,
        ext,
        len(base_bytes),
        len(mask_bytes),
    )
    return PreparedImages(base_bytes, mask_bytes, ext, wire, placement)


def scaled_to_limits(size: Size, limits: ModelLimits) -> Size:
    """`size` scaled (keeping its aspect) just enough for both sides to fit the limits."""
    low, high = limits.side_range()
    w, h = size
    scale = 1.0
    if min(w, h) < low:
        scale = low / min(w, h)
    if max(w, h) * scale > high:
        scale = high / max(w, h)
    return (
        min(max(round(w * scale), low), high),
        min(max(round(h * scale), low), high),
    )


def _free_aspect(need: Size, limits: ModelLimits) -> float:
    """The region's own aspect, limited to what the side limits allow (at most 8:1 for 512-4096)."""
    low, high = limits.side_range()
    widest = high / low
    return min(max(need[0] / need[1], 1 / widest), widest)


def _box_size(box: Box) -> Size:
    left, top, right, bottom = box
    return right - left, bottom - top


def fit_box(centre: tuple[float, float], need: Size, image_size: Size, aspect: float) -> Box:
    """The smallest box of `aspect` holding `need` around `centre`, kept inside the image.

    See the module docstring for what happens when that box does not fit.
    """
    img_w, img_h = image_size
    need_w, need_h = need
    w = math.ceil(max(need_w, need_h * aspect) - 1e-9)
    h = math.ceil(max(need_h, need_w / aspect) - 1e-9)
    if w > img_w or h > img_h:
        capped_w, capped_h = min(w, img_w), min(h, img_h)
        stretch = (capped_w / capped_h) / aspect
        if max(stretch, 1 / stretch) <= MAX_STRETCH:
            w, h = capped_w, capped_h
    left = _place(centre[0], w, img_w)
    top = _place(centre[1], h, img_h)
    return left, top, left + w, top + h


def _region(bbox: Box, image_size: Size, context: ContextMode) -> tuple[tuple[float, float], Size]:
    """Centre and minimum size of the area the model must see."""
    img_w, img_h = image_size
    if context is ContextMode.FULL:
        return (img_w / 2, img_h / 2), (img_w, img_h)
    left, top, right, bottom = bbox
    bw, bh = right - left, bottom - top
    pad = max(CONTEXT_MIN_PAD_PX, round(CONTEXT_GROWTH * (bw + bh) / 2))
    need_w = min(max(bw + 2 * pad, CONTEXT_MIN_SIDE_PX), img_w)
    need_h = min(max(bh + 2 * pad, CONTEXT_MIN_SIDE_PX), img_h)
    return ((left + right) / 2, (top + bottom) / 2), (need_w, need_h)


def _place(centre: float, length: int, limit: int) -> int:
    """Start of a span of `length` centred on `centre`, shifted inside [0, limit] if it fits."""
    if length > limit:
        return (limit - length) // 2
    return min(max(round(centre - length / 2), 0), limit - length)


def _scaled_crop(img: Image.Image, box: Box, out_size: Size, *, is_mask: bool) -> Image.Image:
    """`box` of `img` scaled to `out_size`; outside the image: mirrored pixels, or "keep".

    Only the part inside the image is resampled; padding is added at the output scale,
    which is far cheaper than padding a large photo first.
    """
    left, top, right, bottom = box
    x0, x1 = _inside_span(left, right, img.width, out_size[0])
    y0, y1 = _inside_span(top, bottom, img.height, out_size[1])
    sx, sy = out_size[0] / (right - left), out_size[1] / (bottom - top)
    source = (
        max(left + x0 / sx, 0.0),
        max(top + y0 / sy, 0.0),
        min(left + x1 / sx, float(img.width)),
        min(top + y1 / sy, float(img.height)),
    )
    # For the mask, BOX gives each output pixel its coverage, and any coverage counts as
    # painted, so thin strokes survive a downscale.
    resample = Image.Resampling.BOX if is_mask else Image.Resampling.LANCZOS
    scaled = img.resize((x1 - x0, y1 - y0), resample, box=source, reducing_gap=3.0)
    if (x0, y0, x1, y1) != (0, 0, *out_size):
        pixels = np.asarray(scaled)
        widths = [(y0, out_size[1] - y1), (x0, out_size[0] - x1)] + [(0, 0)] * (pixels.ndim - 2)
        # "reflect" mirrors without repeating the edge pixel (OpenCV's BORDER_REFLECT_101)
        padded = np.pad(pixels, widths, mode="constant" if is_mask else "reflect")
        scaled = Image.fromarray(padded)
    if is_mask:
        scaled = scaled.point(lambda v: REPAINT if v > 0 else 0)
    return scaled


def _inside_span(start: int, end: int, limit: int, out_len: int) -> tuple[int, int]:
    """Output pixels [first, last) whose footprint lies inside the image along one axis."""
    scale = out_len / (end - start)
    first = 0 if start >= 0 else min(math.ceil(-start * scale - 1e-9), out_len - 1)
    last = out_len if end <= limit else max(math.floor((limit - start) * scale + 1e-9), first + 1)
    return first, last


def _encode_base(img: Image.Image, limits: ModelLimits) -> tuple[bytes, str]:
    """PNG if it fits the service's file limit, else the best JPEG quality that does."""
    data = _png(img)
    if len(data) <= limits.max_file_bytes:
        return data, ".png"
    for quality in JPEG_QUALITIES:
        buf = io.BytesIO()
        img.save(buf, format="JPEG", quality=quality, subsampling=0 if quality >= 90 else 2)
        if buf.tell() <= limits.max_file_bytes:
            log.info("base image sent as JPEG quality %d (PNG was %d bytes)", quality, len(data))
            return buf.getvalue(), ".jpg"
    raise InputError(
        f"the image cannot be encoded under {limits.max_file_bytes // (1024 * 1024)} MB "
        "even as a JPEG: choose a smaller output size"
    )


def _png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG", compress_level=PNG_COMPRESS_LEVEL)
    return buf.getvalue()
