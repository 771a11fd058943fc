"""Masks from the photo: object selection against hand-drawn references, and the wand and
colour range against synthetic images whose every pixel's answer is known."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from xpaint_desktop.errors import InputError
from xpaint_desktop.imaging import selection
from xpaint_desktop.imaging.selection import (
    ColorRangePreview,
    SelectBox,
    SelectMode,
    color_range,
    magic_wand,
    sample_colour,
    select_object,
    smooth_edge,
)

# Photo, the reference mask drawn by hand around its main object (see tests/data/SOURCES.md),
# and a box a person would drag around that object.
OBJECTS = {
    "cup": ("coffee.png", "coffee-cup-mask.png", SelectBox(70, 10, 415, 385)),
    "shuttle": ("astronaut.png", "astronaut-shuttle-mask.png", SelectBox(345, 0, 130, 292)),
}


def iou(a: np.ndarray, b: np.ndarray) -> float:
    a, b = a != 0, b != 0
    return float((a & b).sum() / (a | b).sum())


def rgb(path: Path) -> np.ndarray:
    return np.asarray(Image.open(path).convert("RGB"))


def reference(path: Path) -> np.ndarray:
    return np.asarray(Image.open(path).convert("L"))


@pytest.mark.parametrize("name", sorted(OBJECTS))
def test_a_box_around_the_main_object_selects_it(data_dir: Path, name: str) -> None:
    photo, ref, box = OBJECTS[name]
    image = rgb(data_dir / photo)
    mask = select_object(image, box)
    assert mask.shape == image.shape[:2] and mask.dtype == np.uint8
    assert set(np.unique(mask)) <= {0, 255}
    assert iou(mask, reference(data_dir / ref)) >= 0.85
    outside = np.ones(mask.shape, bool)
    outside[box.slices] = False
    assert not mask[outside].any()  # a fresh selection never leaves its box


def test_a_large_photo_is_cut_small_and_its_edge_refined_at_full_size(data_dir: Path) -> None:
    photo, ref, box = OBJECTS["cup"]
    small = Image.open(data_dir / photo).convert("RGB")
    factor = 4
    size = (small.width * factor, small.height * factor)
    image = np.asarray(small.resize(size, Image.Resampling.BICUBIC))
    truth = np.asarray(
        Image.open(data_dir / ref).convert("L").resize(size, Image.Resampling.NEAREST)
    )
    big_box = SelectBox(box.x * factor, box.y * factor, box.width * factor, box.height * factor)
    assert big_box.width * big_box.height > 10 * selection.WORK_PIXELS  # GrabCut sees a copy
    mask = select_object(image, big_box)
    assert iou(mask, truth) >= 0.85


def test_the_edge_is_refined_at_full_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a large photo with a sharp, wavy outline, the refined edge has far fewer wrong
    pixels than the small cut's outline merely scaled up."""
    rng = np.random.default_rng(3)
    h, w = 1800, 2400
    image = np.clip(rng.normal(128, 12, (h, w, 3)), 0, 255).astype(np.uint8)
    yy, xx = np.mgrid[:h, :w]
    angle, radius = np.arctan2(yy - 900, xx - 1100), np.hypot(yy - 900, xx - 1100)
    shape = radius <= 500 + 60 * np.sin(9 * angle)
    image[shape] = (200, 30, 40)
    box = SelectBox(500, 300, 1200, 1200)
    refined = select_object(image, box) != 0

    def scaled_up_only(crop: np.ndarray, soft: np.ndarray, radius: int) -> np.ndarray:
        return np.where(soft >= 128, 255, 0).astype(np.uint8)

    monkeypatch.setattr(selection, "_refine_edge", scaled_up_only)
    plain = select_object(image, box) != 0
    assert iou(refined, shape) >= 0.99
    assert np.count_nonzero(refined != shape) < 0.6 * np.count_nonzero(plain != shape)


def _disc_scene() -> tuple[np.ndarray, np.ndarray]:
    """A red disc on a noisy grey background, and the disc's exact pixels."""
    rng = np.random.default_rng(3)
    image = np.clip(rng.normal(128, 12, (240, 320, 3)), 0, 255).astype(np.uint8)
    yy, xx = np.mgrid[:240, :320]
    disc = (xx - 110) ** 2 + (yy - 120) ** 2 <= 50**2
    image[disc] = (200, 30, 40)
    return image, np.where(disc, 255, 0).astype(np.uint8)


def test_shift_adds_alt_subtracts_and_a_plain_box_replaces() -> None:
    image, disc = _disc_scene()
    box = SelectBox(50, 60, 120, 120)
    square = np.zeros_like(disc)
    square[10:40, 250:300] = 255
    assert iou(select_object(image, box), disc) >= 0.97
    replaced = select_object(image, box, square, SelectMode.REPLACE)
    assert not replaced[10:40, 250:300].any()
    added = select_object(image, box, square, SelectMode.ADD)
    assert added[10:40, 250:300].all() and iou(added[:, :200], disc[:, :200]) >= 0.97
    everything = np.full_like(disc, 255)
    cut_out = select_object(image, box, everything, SelectMode.SUBTRACT)
    assert iou(cut_out, 255 - disc) >= 0.99


def test_a_second_box_inside_refines_only_inside_it() -> None:
    """A rough selection took the ring's hole too; a box over the hole takes it out again."""
    rng = np.random.default_rng(5)
    image = np.clip(rng.normal(128, 12, (240, 320, 3)), 0, 255).astype(np.uint8)
    yy, xx = np.mgrid[:240, :320]
    r2 = (xx - 160) ** 2 + (yy - 120) ** 2
    ring = (r2 <= 80**2) & (r2 > 40**2)
    image[ring] = (30, 60, 200)
    rough = np.where(r2 <= 80**2, 255, 0).astype(np.uint8)  # the ring and its hole
    rough[5:15, 5:15] = 255  # a stray patch far away: a refine elsewhere must keep it
    inner = SelectBox(105, 65, 110, 110)
    refined = select_object(image, inner, rough, SelectMode.REFINE)
    hole = r2 <= 38**2
    assert not refined[hole].any()
    assert refined[ring & (r2 <= 75**2) & (r2 > 45**2)].all()
    outside = np.ones(rough.shape, bool)
    outside[inner.slices] = False
    np.testing.assert_array_equal(refined[outside], rough[outside])


def test_refining_where_nothing_is_selected_selects_afresh() -> None:
    image, disc = _disc_scene()
    refined = select_object(image, SelectBox(50, 60, 120, 120), None, SelectMode.REFINE)
    assert iou(refined, disc) >= 0.97


@pytest.mark.parametrize(
    "box", [SelectBox(10, 10, 3, 50), SelectBox(400, 10, 50, 50), SelectBox(-60, -60, 62, 62)]
)
def test_a_box_without_room_inside_the_image_is_refused(box: SelectBox) -> None:
    image, _ = _disc_scene()
    with pytest.raises(InputError, match="at least 4x4 px inside the image"):
        select_object(image, box)


# -- magic wand and colour range ----------------------------------------------------------------
RED, NEAR_RED, FAR_RED, BLUE = (200, 40, 40), (212, 30, 52), (213, 40, 40), (20, 40, 220)


def _blocks() -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Grey ground with: red block A, red block B apart from it, a near-red block touching A,
    a red block touching A only at a corner, a far-red block and a blue block."""
    image = np.full((100, 160, 3), 128, np.uint8)
    regions: dict[str, np.ndarray] = {}

    def put(name: str, ys: slice, xs: slice, colour: tuple[int, int, int]) -> None:
        image[ys, xs] = colour
        region = np.zeros(image.shape[:2], bool)
        region[ys, xs] = True
        regions[name] = region

    put("a", slice(10, 30), slice(10, 40), RED)
    put("near", slice(30, 40), slice(10, 40), NEAR_RED)  # every channel within 12 of red
    put("corner", slice(0, 10), slice(40, 50), RED)  # meets block a only diagonally
    put("b", slice(60, 90), slice(100, 140), RED)
    put("far", slice(60, 90), slice(10, 30), FAR_RED)  # red channel 13 away
    put("blue", slice(60, 90), slice(50, 80), BLUE)
    return image, regions


def _union(regions: dict[str, np.ndarray], *names: str) -> np.ndarray:
    out = np.zeros_like(next(iter(regions.values())))
    for name in names:
        out |= regions[name]
    return np.where(out, 255, 0).astype(np.uint8)


@pytest.mark.parametrize(
    ("tolerance", "contiguous", "expected"),
    [
        (0, True, ("a",)),
        (12, True, ("a", "near")),
        (12, False, ("a", "near", "corner", "b")),
        (13, False, ("a", "near", "corner", "b", "far")),
        (0, False, ("a", "corner", "b")),
    ],
)
def test_magic_wand_selects_exactly_the_matching_pixels(
    tolerance: int, contiguous: bool, expected: tuple[str, ...]
) -> None:
    image, regions = _blocks()
    before = image.copy()
    mask = magic_wand(image, 20, 20, tolerance, contiguous=contiguous)
    np.testing.assert_array_equal(mask, _union(regions, *expected))
    np.testing.assert_array_equal(image, before)  # the photo itself is never touched
    image.setflags(write=False)  # as numpy sees a decoded Pillow image
    np.testing.assert_array_equal(magic_wand(image, 20, 20, tolerance, contiguous=contiguous), mask)


def test_wand_everywhere_and_colour_range_of_that_colour_agree() -> None:
    image, _ = _blocks()
    rng = np.random.default_rng(9)
    noisy = np.clip(image.astype(np.int16) + rng.integers(-20, 21, image.shape), 0, 255)
    noisy = noisy.astype(np.uint8)
    colour = sample_colour(noisy, 20, 20)
    for tolerance in (0, 5, 30):
        wand = magic_wand(noisy, 20, 20, tolerance, contiguous=False)
        np.testing.assert_array_equal(wand, color_range(noisy, [colour], tolerance))
        # ...and the contiguous wand is the connected part of it that holds the click
        assert not np.any(magic_wand(noisy, 20, 20, tolerance) & ~wand)


def test_colour_range_takes_several_colours() -> None:
    image, regions = _blocks()
    mask = color_range(image, [RED, BLUE], 0)
    np.testing.assert_array_equal(mask, _union(regions, "a", "corner", "b", "blue"))
    mask = color_range(image, [BLUE, (128, 128, 128)], 12)
    background = ~_union(regions, *regions).astype(bool)
    np.testing.assert_array_equal(mask, _union({"bg": background, **regions}, "bg", "blue"))


def test_colour_range_preview_matches_the_full_photo_at_its_scale() -> None:
    image, _ = _blocks()
    big = np.repeat(np.repeat(image, 4, axis=0), 4, axis=1)  # 640x400 of 4x4 blocks
    preview = ColorRangePreview(big, max_pixels=big.shape[0] * big.shape[1] // 16)
    assert preview.scale == pytest.approx(0.25)
    small = preview.mask([RED], 12)
    full = color_range(big, [RED], 12)
    np.testing.assert_array_equal(np.repeat(np.repeat(small, 4, axis=0), 4, axis=1), full)


@pytest.mark.parametrize("tolerance", [-1, 256, 2.5, True])
def test_a_tolerance_outside_0_to_255_is_refused(tolerance: object) -> None:
    image, _ = _blocks()
    with pytest.raises(InputError, match="tolerance"):
        magic_wand(image, 1, 1, tolerance)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="tolerance"):
        color_range(image, [RED], tolerance)  # type: ignore[arg-type]


def test_a_click_outside_the_image_is_refused() -> None:
    image, _ = _blocks()
    with pytest.raises(InputError, match="160x100"):
        magic_wand(image, 160, 5, 10)
    with pytest.raises(InputError, match="outside"):
        sample_colour(image, -1, 5)


# -- edges --------------------------------------------------------------------------------------
def test_smoothing_removes_jags_specks_and_pinholes_but_keeps_the_shape() -> None:
    m = Image.new("L", (200, 160), 0)
    ImageDraw.Draw(m).rectangle((40, 40, 159, 119), fill=255)
    mask = np.asarray(m).copy()
    mask[20, 20] = 255  # a speck
    mask[80, 100] = 0  # a pinhole
    mask[60:62, 160:166] = 255  # a thin spur
    smooth = smooth_edge(mask, 4)
    assert not smooth[20, 20] and smooth[80, 100] and not smooth[60:62, 162:166].any()
    inside = np.zeros_like(mask, dtype=bool)
    inside[46:114, 46:154] = True
    assert smooth[inside].all() and not smooth[:34].any() and not smooth[:, 166:].any()
    np.testing.assert_array_equal(smooth_edge(mask, 0), mask)
    np.testing.assert_array_equal(smooth_edge(np.zeros_like(mask), 4), np.zeros_like(mask))
