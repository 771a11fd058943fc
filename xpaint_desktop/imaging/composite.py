"""Paste the model's output back into the full-resolution original.

The service repaints its whole input, not just the masked area, and at a lower resolution
than most photos. Pasting its output wholesale would blur and subtly change everything, so
only the masked area is taken, with a soft edge (the feather) so the seam does not show.
Everything farther than `feather` px from the mask (and everything outside the crop box) is
bit-identical to the original.

The feather is a smooth ramp over the Euclidean distance to the mask: 255 on the mask,
falling to 0 beyond `feather` px. This is what "dilate by `feather` px, then blur" aims at,
without the blur leaking past the dilated edge.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

from xpaint_desktop.imaging.prepare import Placement

_MASK_THRESHOLD = 127


def feather_mask(mask: Image.Image, feather: int) -> Image.Image:
    """ "L" weights: 255 on the mask, a smooth fall-off to 0 at `feather` px outside it."""
    return Image.fromarray(_feather(np.asarray(mask.convert("L")), feather), mode="L")


def composite(
    original: Image.Image,
    result: Image.Image,
    mask: Image.Image,
    placement: Placement,
    feather: int,
) -> Image.Image:
    """A copy of `original` with `result` blended in through the feathered `mask`.

    `result` is scaled from `placement.output_size` (whatever size it really has) to the crop
    box; `mask` is the full-resolution binary mask the job was prepared with.
    """
    out = original.copy() if original.mode == "RGB" else original.convert("RGB")
    blended = blend_window(out, result, mask, placement, feather)
    if blended is not None:
        (left, top, _, _), pixels = blended
        out.paste(Image.fromarray(pixels), (left, top))
    return out


Box = tuple[int, int, int, int]


def blend_window(
    original: Image.Image,
    result: Image.Image,
    mask: Image.Image,
    placement: Placement,
    feather: int,
) -> tuple[Box, np.ndarray] | None:
    """The only part of `composite` that differs from `original`: the smallest box (left, top,
    right, bottom) holding every non-zero weight of the feathered mask, and its composited
    RGB pixels (an (h, w, 3) uint8 array); None when the mask weighs nothing in view.
    Outside that box the composite is `original` itself."""
    if original.size != placement.original_size or mask.size != placement.original_size:
        raise ValueError(
            f"original {original.size} and mask {mask.size} must both be "
            f"{placement.original_size}, the size the job was prepared for"
        )
    grey = mask if mask.mode == "L" else mask.convert("L")
    window = _weights_window(grey, placement.visible_box, feather)
    if window is None:
        return None
    (wl, wt, wr, wb), alpha = window
    left, top, _, _ = placement.crop_box
    crop_w, crop_h = placement.crop_size
    # Scale only the window's part of the result: the same mapping as scaling all of it to
    # the crop box and cutting the window out, at a fraction of the cost on big photos.
    sx, sy = result.width / crop_w, result.height / crop_h
    source_box = ((wl - left) * sx, (wt - top) * sy, (wr - left) * sx, (wb - top) * sy)
    pasted = result.convert("RGB").resize(
        (wr - wl, wb - wt), Image.Resampling.LANCZOS, box=source_box
    )
    crop = original.crop((wl, wt, wr, wb))
    under = np.asarray(crop if crop.mode == "RGB" else crop.convert("RGB"))
    return (wl, wt, wr, wb), _blend(under, np.asarray(pasted), alpha)


def _weights_window(
    mask: Image.Image, visible: tuple[int, int, int, int], feather: int
) -> tuple[tuple[int, int, int, int], np.ndarray] | None:
    """The smallest window of `visible` with non-zero weights, and those weights."""
    w, h = mask.size
    vl, vt, vr, vb = visible
    margin = max(feather, 0) + 1
    # Mask pixels up to `margin` outside the crop box still count in the distance.
    el, et = max(vl - margin, 0), max(vt - margin, 0)
    er, eb = min(vr + margin, w), min(vb + margin, h)
    near = mask if (el, et, er, eb) == (0, 0, w, h) else mask.crop((el, et, er, eb))
    painted = near.point(_binary_lut()).getbbox()
    if painted is None:
        return None
    # The weights reach `feather` px past the painted pixels; keep them inside `visible`.
    wl, wt = max(el + painted[0] - margin, vl), max(et + painted[1] - margin, vt)
    wr, wb = min(el + painted[2] + margin, vr), min(et + painted[3] + margin, vb)
    if wr <= wl or wb <= wt:
        return None
    # Feather on the window grown by the margin (clipped to the image), then cut it back.
    fl, ft = max(wl - margin, 0), max(wt - margin, 0)
    fr, fb = min(wr + margin, w), min(wb + margin, h)
    weights = _feather(np.asarray(mask.crop((fl, ft, fr, fb))), feather)
    return (wl, wt, wr, wb), weights[wt - ft : wb - ft, wl - fl : wr - fl]


def _binary_lut() -> list[int]:
    return [255 if v > _MASK_THRESHOLD else 0 for v in range(256)]


def _feather(mask: np.ndarray, feather: int) -> np.ndarray:
    painted = mask > _MASK_THRESHOLD
    if feather <= 0 or not painted.any():
        return np.where(painted, 255, 0).astype(np.uint8)
    # Distance of every pixel to the nearest painted pixel (0 on the mask), exact Euclidean.
    distance = cv2.distanceTransform(
        np.where(painted, 0, 255).astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE
    )
    t = np.clip(1.0 - distance / np.float32(feather + 1), 0.0, 1.0)
    weight = np.rint(t * t * (3.0 - 2.0 * t) * 255.0).astype(np.uint8)
    weight[distance > feather] = 0
    weight[painted] = 255
    return weight


def _blend(base: np.ndarray, top: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """Integer blend; alpha 0 gives `base` and 255 gives `top` exactly."""
    a = alpha.astype(np.uint32)[..., None]
    mixed = base.astype(np.uint32) * (255 - a) + top.astype(np.uint32) * a + 127
    return (mixed // 255).astype(np.uint8)
