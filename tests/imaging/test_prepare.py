"""prepare: the crop has the output's aspect, holds the mask with context, maps back exactly."""

from __future__ import annotations

import dataclasses
import io
import math
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.imaging.images import as_array, gradient, rect_mask
from xpaint_desktop.errors import InputError
from xpaint_desktop.imaging.limits import X_PAINTING
from xpaint_desktop.imaging.loading import load_image
from xpaint_desktop.imaging.prepare import (
    CONTEXT_MIN_PAD_PX,
    MAX_STRETCH,
    Placement,
    PreparedImages,
    choose_size,
    prepare,
)
from xpaint_desktop.spec import ContextMode


def decode(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def run(
    base: Image.Image,
    mask: Image.Image,
    context: ContextMode = ContextMode.AUTO,
    size: str = "auto",
) -> PreparedImages:
    return prepare(base, mask, size=size, context=context, limits=X_PAINTING)


def aspect_error(box: tuple[int, int, int, int], out: tuple[int, int]) -> float:
    w, h = box[2] - box[0], box[3] - box[1]
    return abs(math.log((w / h) / (out[0] / out[1])))


@pytest.mark.parametrize(
    ("w", "h", "size"),
    [
        (1000, 1000, "1024*1024"),
        (1100, 1000, "1024*1024"),
        (1920, 1080, "1280*720"),
        (3000, 1000, "1280*720"),
        (1080, 1920, "720*1280"),
        (300, 2000, "720*1280"),
        (1300, 1000, "1024*1024"),
        (1400, 1000, "1280*720"),
    ],
)
def test_choose_size_picks_the_closest_aspect(w: int, h: int, size: str) -> None:
    assert choose_size(w, h, X_PAINTING) == size


def test_placement_json_round_trip() -> None:
    p = Placement((640, 427), (-60, 0, 700, 427), (1280, 720))
    assert Placement.from_json(p.to_json()) == p
    assert p.crop_size == (760, 427)
    assert p.visible_box == (0, 0, 640, 427)


@pytest.mark.parametrize(
    ("size", "box"),
    [
        ((2000, 1500), (900, 700, 1000, 760)),  # small mask in the middle
        ((2000, 1500), (0, 0, 50, 50)),  # top left corner
        ((2000, 1500), (1950, 1400, 2000, 1500)),  # bottom right corner
        ((2000, 1500), (100, 200, 1900, 1300)),  # most of the image
        ((600, 2000), (250, 900, 350, 1000)),  # tall image
        ((2000, 600), (0, 100, 300, 500)),  # wide image, left edge
    ],
)
def test_auto_crop_holds_the_mask_with_context(
    size: tuple[int, int], box: tuple[int, int, int, int]
) -> None:
    base = Image.new("RGB", size, (90, 90, 90))
    prepared = run(base, rect_mask(size, box))
    p = prepared.placement
    out = X_PAINTING.size_tuple(prepared.size)
    assert p.output_size == out
    assert p.original_size == size
    left, top, right, bottom = p.crop_box
    vl, vt, vr, vb = p.visible_box
    # The mask with its context padding, where the image allows, is inside the crop.
    assert vl <= max(box[0] - CONTEXT_MIN_PAD_PX, 0)
    assert vt <= max(box[1] - CONTEXT_MIN_PAD_PX, 0)
    assert vr >= min(box[2] + CONTEXT_MIN_PAD_PX, size[0])
    assert vb >= min(box[3] + CONTEXT_MIN_PAD_PX, size[1])
    # Either the crop has the output's aspect (within rounding) and may be padded past the
    # image, or it lies inside the image and is stretched by at most MAX_STRETCH.
    inside = (left, top, right, bottom) == (vl, vt, vr, vb)
    if inside:
        assert aspect_error(p.crop_box, out) <= math.log(MAX_STRETCH) + 1e-9
    else:
        assert aspect_error(p.crop_box, out) < 0.01
    for data in (prepared.base_bytes, prepared.mask_bytes):
        assert decode(data).size == out


def test_small_mask_gets_a_context_of_at_least_512_px() -> None:
    size = (3000, 2000)
    prepared = run(Image.new("RGB", size), rect_mask(size, (1500, 1000, 1510, 1010)))
    w, h = prepared.placement.crop_size
    assert min(w, h) >= 512
    assert max(w, h) < 1000  # but not the whole photo
    assert prepared.size == "1024*1024"


def test_crop_pixels_map_back_to_the_original(data_dir: Path) -> None:
    base = load_image(data_dir / "coffee.png")  # 600x400
    mask = rect_mask(base.size, (250, 150, 350, 250))
    prepared = run(base, mask, size="1024*1024")
    left, top, right, bottom = prepared.placement.crop_box
    sent = decode(prepared.base_bytes)
    # Scaling what was sent back onto the crop box gives the original, up to resampling.
    back = sent.resize((right - left, bottom - top), Image.Resampling.LANCZOS)
    vl, vt, vr, vb = prepared.placement.visible_box
    got = as_array(back)[vt - top : vb - top, vl - left : vr - left]
    want = as_array(base)[vt:vb, vl:vr]
    assert np.abs(got - want).mean() < 3
    # One pixel off would be much worse: the mapping is exact, not approximately right.
    shifted = as_array(base)[vt:vb, vl + 1 : vr + 1]
    assert np.abs(got[:, : shifted.shape[1]] - shifted).mean() > 2 * np.abs(got - want).mean()


def test_sent_mask_is_binary_and_in_place() -> None:
    size = (1200, 900)
    box = (400, 300, 700, 500)
    prepared = run(gradient(*size), rect_mask(size, box))
    sent = decode(prepared.mask_bytes)
    assert sent.mode in ("L", "1")
    arr = np.asarray(sent.convert("L"))
    assert set(np.unique(arr)) == {0, 255}
    left, top, right, bottom = prepared.placement.crop_box
    sx = prepared.placement.output_size[0] / (right - left)
    sy = prepared.placement.output_size[1] / (bottom - top)
    ys, xs = np.nonzero(arr)
    # Painted pixels cover the mask's box in output coordinates, give or take a pixel.
    assert abs(xs.min() - (box[0] - left) * sx) <= 1.5
    assert abs(xs.max() + 1 - (box[2] - left) * sx) <= 1.5
    assert abs(ys.min() - (box[1] - top) * sy) <= 1.5
    assert abs(ys.max() + 1 - (box[3] - top) * sy) <= 1.5


def test_thin_strokes_survive_a_downscale() -> None:
    size = (3000, 1700)  # scaled down about 2.4 times to 1280*720
    mask = Image.new("L", size, 0)
    mask.paste(255, (1500, 0, 1501, 1700))  # one pixel wide, full height
    prepared = run(Image.new("RGB", size), mask, context=ContextMode.FULL)
    assert prepared.placement.crop_box == (0, 0, *size)
    arr = np.asarray(decode(prepared.mask_bytes))
    assert (arr == 255).any(axis=1).all()  # painted on every output row
    assert (arr == 255).any(axis=0).sum() <= 2  # and still thin


def test_full_uses_the_whole_image() -> None:
    size = (1800, 1000)
    prepared = run(gradient(*size), rect_mask(size, (10, 10, 20, 20)), ContextMode.FULL)
    assert prepared.size == "1280*720"
    assert prepared.placement.visible_box == (0, 0, *size)


def test_panorama_is_padded_not_squashed() -> None:
    size = (3000, 400)  # aspect 7.5, far from any output size
    prepared = run(gradient(*size), rect_mask(size, (0, 0, 3000, 400)), ContextMode.AUTO)
    p = prepared.placement
    assert prepared.size == "1280*720"
    assert aspect_error(p.crop_box, p.output_size) < 0.01
    assert p.crop_box[0] == 0 and p.crop_box[2] == 3000
    assert p.crop_box[1] < 0 and p.crop_box[3] > 400
    # The padding is marked "keep" in the mask sent.
    mask = np.asarray(decode(prepared.mask_bytes))
    pad_rows = round(-p.crop_box[1] * p.output_size[1] / (p.crop_box[3] - p.crop_box[1]))
    assert not mask[: pad_rows - 1].any()
    assert not mask[-(pad_rows - 1) :].any()
    assert mask[pad_rows + 1 : -(pad_rows + 1)].all()


def test_nearly_fitting_image_is_stretched_slightly_not_padded() -> None:
    size = (1350, 720)  # aspect 1.875, 5% from 1280*720
    prepared = run(gradient(*size), rect_mask(size, (0, 0, 1350, 720)), ContextMode.FULL)
    assert prepared.placement.crop_box == (0, 0, 1350, 720)


def test_explicit_size_is_respected() -> None:
    size = (2000, 1000)
    prepared = run(gradient(*size), rect_mask(size, (900, 400, 1000, 500)), size="720x1280")
    assert prepared.size == "720*1280"
    assert aspect_error(prepared.placement.crop_box, (720, 1280)) < 0.01


def test_small_pictures_are_png_large_ones_jpeg_under_the_limit() -> None:
    size = (1600, 1200)
    base, mask = gradient(*size, seed=3), rect_mask(size, (700, 500, 900, 700))
    png = run(base, mask)
    assert png.base_ext == ".png"
    assert decode(png.base_bytes).format == "PNG"
    tight = dataclasses.replace(X_PAINTING, max_file_bytes=len(png.base_bytes) // 3)
    jpg = prepare(base, mask, size="auto", context=ContextMode.AUTO, limits=tight)
    assert jpg.base_ext == ".jpg"
    assert len(jpg.base_bytes) <= tight.max_file_bytes
    sent = decode(jpg.base_bytes)
    assert sent.format == "JPEG"
    assert np.abs(as_array(sent) - as_array(decode(png.base_bytes))).mean() < 6
    impossible = dataclasses.replace(X_PAINTING, max_file_bytes=1000)
    with pytest.raises(InputError, match="cannot be encoded under"):
        prepare(base, mask, size="auto", context=ContextMode.AUTO, limits=impossible)


def test_refuses_empty_and_mismatched_masks() -> None:
    base = gradient(600, 400)
    with pytest.raises(InputError, match="no painted pixels"):
        run(base, Image.new("L", base.size))
    with pytest.raises(InputError, match="mask is 400x600 px but the image is 600x400 px"):
        run(base, rect_mask((400, 600), (0, 0, 9, 9)))
    with pytest.raises(InputError, match="size '999'"):
        run(base, rect_mask(base.size, (0, 0, 9, 9)), size="999")


def test_outputs_meet_the_service_limits(data_dir: Path) -> None:
    base = load_image(data_dir / "rocket.jpg")
    prepared = run(base, rect_mask(base.size, (300, 100, 360, 200)))
    for data in (prepared.base_bytes, prepared.mask_bytes):
        img = decode(data)
        assert img.format in X_PAINTING.input_formats
        assert all(X_PAINTING.min_side < s < X_PAINTING.max_side for s in img.size)
        assert len(data) <= X_PAINTING.max_file_bytes
