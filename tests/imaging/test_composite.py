"""composite: outside the feather band nothing changes, bit for bit; inside, the result wins."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from tests.imaging.images import as_array, gradient, rect_mask
from xpaint_desktop.imaging.composite import composite, feather_mask
from xpaint_desktop.imaging.limits import X_PAINTING
from xpaint_desktop.imaging.loading import load_image
from xpaint_desktop.imaging.prepare import Placement, prepare
from xpaint_desktop.spec import ContextMode

RESULT_COLOUR = (255, 0, 255)


def blob_mask(size: tuple[int, int], where: str) -> Image.Image:
    """An irregular mask (an ellipse and a stroke) at a named place of the image."""
    w, h = size
    s = max(min(w, h) // 6, 12)
    x, y = {
        "centre": (w // 2, h // 2),
        "top-left": (s // 3, s // 3),
        "bottom-right": (w - s // 3, h - s // 3),
        "right-edge": (w - s // 2, h // 3),
        "top-edge": (w // 3, 2),
    }[where]
    mask = Image.new("L", size, 0)
    draw = ImageDraw.Draw(mask)
    draw.ellipse((x - s, y - s // 2, x + s, y + s // 2), fill=255)
    draw.line((x - 2 * s, y + s, x + s, y - s), fill=255, width=max(s // 8, 2))
    return mask


def square_dilation(mask: Image.Image, radius: int) -> np.ndarray:
    """Painted pixels grown by `radius` px in every direction, diagonals included.

    This is a superset of the Euclidean `radius` neighbourhood, so every pixel outside it is
    farther than `radius` px from the mask.
    """
    painted = (np.asarray(mask) > 127).astype(np.uint8)
    if radius == 0:
        return painted.astype(bool)
    kernel = np.ones((2 * radius + 1, 2 * radius + 1), np.uint8)
    return cv2.dilate(painted, kernel).astype(bool)


def composite_through_service(
    original: Image.Image, mask: Image.Image, context: ContextMode, feather: int
) -> tuple[Image.Image, Placement]:
    """Prepare, let a stand-in "service" answer with a flat colour, paste back."""
    prepared = prepare(original, mask, size="auto", context=context, limits=X_PAINTING)
    result = Image.new("RGB", prepared.placement.output_size, RESULT_COLOUR)
    return composite(original, result, mask, prepared.placement, feather), prepared.placement


CASES = [
    ((300, 300), "centre"),
    ((300, 300), "top-left"),
    ((451, 300), "bottom-right"),
    ((451, 300), "right-edge"),
    ((640, 427), "top-edge"),
    ((640, 427), "top-left"),
    ((2000, 600), "right-edge"),
    ((2000, 600), "centre"),
    ((600, 2000), "bottom-right"),
    ((600, 2000), "top-edge"),
]


@pytest.mark.parametrize("context", [ContextMode.AUTO, ContextMode.FULL])
@pytest.mark.parametrize("feather", [0, 8, 40])
@pytest.mark.parametrize(("size", "where"), CASES)
def test_pixels_outside_the_feather_band_are_untouched(
    size: tuple[int, int], where: str, feather: int, context: ContextMode
) -> None:
    original = gradient(*size, seed=size[0])
    mask = blob_mask(size, where)
    out, placement = composite_through_service(original, mask, context, feather)
    assert out.size == original.size
    assert out.mode == "RGB"
    before, after = np.asarray(original), np.asarray(out)

    far = ~square_dilation(mask, feather)
    assert np.array_equal(after[far], before[far])
    vl, vt, vr, vb = placement.visible_box
    outside_box = np.ones(far.shape, bool)
    outside_box[vt:vb, vl:vr] = False
    assert np.array_equal(after[outside_box], before[outside_box])

    inside = np.asarray(mask) == 255
    assert np.abs(after[inside].astype(int) - RESULT_COLOUR).max() <= 1


def test_large_photo_keeps_its_full_resolution() -> None:
    size = (4500, 3000)
    original = Image.fromarray(
        np.random.default_rng(1).integers(0, 256, (size[1], size[0], 3), dtype=np.uint8)
    )
    mask = blob_mask(size, "bottom-right")
    out, placement = composite_through_service(original, mask, ContextMode.AUTO, 16)
    far = ~square_dilation(mask, 16)
    assert np.array_equal(np.asarray(out)[far], np.asarray(original)[far])
    assert placement.crop_size[0] < size[0]  # a crop around the mask, not the whole photo
    assert np.abs(np.asarray(out)[np.asarray(mask) == 255].astype(int) - RESULT_COLOUR).max() <= 1


def test_feather_band_blends_between_original_and_result() -> None:
    size = (400, 300)
    original = Image.new("RGB", size, (0, 0, 0))
    mask = rect_mask(size, (150, 100, 250, 200))
    prepared = prepare(original, mask, size="auto", context=ContextMode.AUTO, limits=X_PAINTING)
    white = Image.new("RGB", prepared.placement.output_size, (255, 255, 255))
    row = as_array(composite(original, white, mask, prepared.placement, 10))[150, :, 0]
    # Leaving the mask to the right: 255 on the mask, then falling to 0 at 10 px.
    band = row[249:262]
    assert band[0] == 255
    assert all(a >= b for a, b in itertools.pairwise(band))
    assert 0 < band[5] < 255
    assert band[11] == 0
    # Same on the left side, mirrored.
    assert list(row[140:151][::-1]) == list(row[249:260])


def test_result_is_mapped_onto_the_crop_box(data_dir: Path) -> None:
    original = load_image(data_dir / "chelsea.png")
    mask = rect_mask(original.size, (150, 80, 300, 220))
    prepared = prepare(original, mask, size="auto", context=ContextMode.AUTO, limits=X_PAINTING)
    # A "service" that hands back exactly what it got: the composite must equal the original
    # up to resampling, with nothing shifted.
    sent = Image.open(io.BytesIO(prepared.base_bytes))
    out = as_array(composite(original, sent, mask, prepared.placement, 0))
    diff = np.abs(out - as_array(original))[80:220, 150:300]
    assert diff.mean() < 3


def test_result_in_an_unexpected_size_is_still_placed() -> None:
    size = (640, 427)
    original = gradient(*size)
    mask = blob_mask(size, "centre")
    prepared = prepare(original, mask, size="auto", context=ContextMode.FULL, limits=X_PAINTING)
    w, h = prepared.placement.output_size
    result = Image.new("RGB", (w * 2, h * 2), RESULT_COLOUR)
    out = composite(original, result, mask, prepared.placement, 4)
    far = ~square_dilation(mask, 4)
    assert np.array_equal(np.asarray(out)[far], np.asarray(original)[far])
    assert np.abs(as_array(out)[np.asarray(mask) == 255] - RESULT_COLOUR).max() <= 1


def test_original_is_not_modified() -> None:
    original = gradient(300, 300)
    copy = original.copy()
    composite_through_service(original, blob_mask((300, 300), "centre"), ContextMode.AUTO, 8)
    assert np.array_equal(np.asarray(original), np.asarray(copy))


def exact_distance(mask: np.ndarray) -> np.ndarray:
    """Euclidean distance of every pixel to the nearest painted pixel, by brute force."""
    ys, xs = np.nonzero(mask)
    gy, gx = np.mgrid[0 : mask.shape[0], 0 : mask.shape[1]]
    d2 = (gy[..., None] - ys) ** 2 + (gx[..., None] - xs) ** 2
    return np.sqrt(d2.min(axis=-1))


@pytest.mark.parametrize("feather", [1, 3, 7])
def test_feather_mask_reaches_exactly_feather_px(feather: int) -> None:
    rng = np.random.default_rng(feather)
    painted = np.zeros((40, 50), bool)
    for y, x in rng.integers(5, 35, (4, 2)):
        painted[y : y + 3, x : x + 4] = True
    weights = np.asarray(feather_mask(Image.fromarray(painted.astype(np.uint8) * 255), feather))
    d = exact_distance(painted)
    assert (weights[painted] == 255).all()
    assert (weights[d > feather] == 0).all()
    assert (weights[(d > 0) & (d <= feather)] > 0).all()
    # Weights fall off with distance.
    order = np.argsort(d, axis=None, kind="stable")
    assert np.all(np.diff(weights.ravel()[order].astype(int)) <= 0)


def test_feather_zero_is_the_mask_itself() -> None:
    mask = blob_mask((120, 90), "centre")
    assert np.array_equal(np.asarray(feather_mask(mask, 0)), np.asarray(mask))
