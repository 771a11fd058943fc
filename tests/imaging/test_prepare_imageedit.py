"""prepare for wanx2.1-imageedit: the region keeps its own shape, its sides fit 512-4096."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from tests.imaging.images import as_array, gradient, rect_mask
from xpaint_desktop.errors import InputError
from xpaint_desktop.imaging.composite import composite
from xpaint_desktop.imaging.limits import IMAGEEDIT, X_PAINTING
from xpaint_desktop.imaging.prepare import PreparedImages, prepare, scaled_to_limits
from xpaint_desktop.spec import ContextMode

LOW, HIGH = IMAGEEDIT.side_range()


def run(
    base: Image.Image, mask: Image.Image, context: ContextMode = ContextMode.AUTO
) -> PreparedImages:
    return prepare(base, mask, size="auto", context=context, limits=IMAGEEDIT)


def decoded_size(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as img:
        return img.size


def test_side_range_is_512_to_4096() -> None:
    assert (LOW, HIGH) == (512, 4096)


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        ((800, 600), (800, 600)),  # within the limits: sent as it is
        ((300, 200), (768, 512)),  # too small: enlarged until the short side is 512
        ((6000, 3000), (4096, 2048)),  # too large: reduced until the long side is 4096
        ((512, 4096), (512, 4096)),  # both limits at once
    ],
)
def test_scaled_to_limits(size: tuple[int, int], expected: tuple[int, int]) -> None:
    assert scaled_to_limits(size, IMAGEEDIT) == expected


def test_region_keeps_its_aspect_and_its_pixels_at_native_scale() -> None:
    base = gradient(3000, 2000)
    mask = rect_mask(base.size, (1000, 800, 1900, 1100))  # a wide mask: 900 x 300
    prepared = run(base, mask)
    left, top, right, bottom = prepared.placement.crop_box
    crop_w, crop_h = right - left, bottom - top
    assert prepared.placement.output_size == (crop_w, crop_h)  # no resampling needed
    assert crop_w / crop_h > 1.5  # wide like the mask, not squeezed into a fixed size
    assert (
        decoded_size(prepared.base_bytes) == decoded_size(prepared.mask_bytes) == (crop_w, crop_h)
    )
    assert prepared.size == f"{crop_w}*{crop_h}"


def test_small_image_is_enlarged_to_the_minimum_side() -> None:
    base = gradient(400, 300)  # x-painting takes it as it is; imageedit needs 512 per side
    mask = rect_mask(base.size, (150, 100, 250, 200))
    prepared = run(base, mask, ContextMode.FULL)
    w, h = prepared.placement.output_size
    assert min(w, h) == LOW and abs(w / h - 4 / 3) < 0.01
    assert decoded_size(prepared.base_bytes) == (w, h)


def test_full_large_photo_is_reduced_to_the_maximum_side() -> None:
    base = gradient(6000, 4000)
    mask = rect_mask(base.size, (100, 100, 5900, 3900))
    prepared = run(base, mask, ContextMode.FULL)
    assert prepared.placement.output_size == (4096, 2731)
    assert prepared.placement.crop_box == (0, 0, 6000, 4000)
    assert len(prepared.base_bytes) <= IMAGEEDIT.max_file_bytes


def test_very_thin_region_is_widened_to_what_the_limits_allow() -> None:
    base = gradient(6000, 1000)
    mask = rect_mask(base.size, (0, 480, 6000, 520))  # a 6000 x 40 stripe
    prepared = run(base, mask, ContextMode.FULL)
    w, h = prepared.placement.output_size
    assert min(w, h) >= LOW and max(w, h) <= HIGH
    assert w / h <= HIGH / LOW + 0.01


def test_result_at_the_sent_size_maps_back_exactly() -> None:
    base = gradient(2400, 1600, seed=3)
    mask = rect_mask(base.size, (900, 500, 1300, 900))
    prepared = run(base, mask)
    sent = Image.open(io.BytesIO(prepared.base_bytes)).convert("RGB")
    painted = np.asarray(sent).copy()
    sent_mask = np.asarray(Image.open(io.BytesIO(prepared.mask_bytes))) > 0
    painted[sent_mask] = (255, 0, 0)
    out = composite(base, Image.fromarray(painted), mask, prepared.placement, feather=0)
    got, original = as_array(out), as_array(base)
    inside = np.asarray(mask) > 0
    assert np.array_equal(got[~inside], original[~inside])  # outside: bit-identical
    assert (got[inside] == (255, 0, 0)).all()


def test_a_fixed_size_is_refused_for_imageedit_but_taken_by_x_painting() -> None:
    base = gradient(1200, 900)
    mask = rect_mask(base.size, (400, 300, 700, 600))
    with pytest.raises(InputError, match="takes no output size"):
        prepare(base, mask, size="1024*1024", context=ContextMode.AUTO, limits=IMAGEEDIT)
    fixed = prepare(base, mask, size="1024*1024", context=ContextMode.AUTO, limits=X_PAINTING)
    assert fixed.placement.output_size == (1024, 1024)
