"""Masks: every way people draw them becomes the same binary "L" mask, or a clear error."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.imaging.images import rect_mask, save, with_orientation
from xpaint_desktop.errors import InputError
from xpaint_desktop.imaging.loading import (
    binarize_mask,
    load_mask,
    load_mask_image,
    mask_bbox,
    mask_from_colors,
    mask_is_empty,
)

SIZE = (320, 280)


def painted(mask: Image.Image) -> np.ndarray:
    arr = np.asarray(mask)
    assert set(np.unique(arr)) <= {0, 255}
    return arr == 255


def test_grey_mask_is_thresholded_at_half(tmp_path: Path) -> None:
    src = Image.new("L", SIZE, 0)
    src.paste(127, (0, 0, 100, 100))  # just below half: keep
    src.paste(128, (100, 0, 200, 100))  # just above: repaint
    src.paste(255, (200, 0, 320, 100))
    mask = load_mask(save(src, tmp_path / "m.png"), SIZE)
    assert mask.mode == "L"
    p = painted(mask)
    assert not p[50, 50]
    assert p[50, 150]
    assert p[50, 250]
    assert p.sum() == 220 * 100


def test_colour_mask_uses_brightness(tmp_path: Path) -> None:
    src = Image.new("RGB", SIZE, (0, 0, 0))
    src.paste((255, 255, 255), (10, 10, 60, 60))
    src.paste((0, 0, 255), (100, 100, 150, 150))  # dark blue: grey 29, keep
    mask = load_mask(save(src, tmp_path / "m.jpg", quality=98), SIZE)
    p = painted(mask)
    assert p[30, 30]
    assert not p[120, 120]


def test_transparent_layer_uses_alpha(tmp_path: Path) -> None:
    # Black strokes on a transparent layer: the strokes are the painted area.
    src = Image.new("RGBA", SIZE, (255, 255, 255, 0))
    src.paste((0, 0, 0, 255), (40, 40, 90, 120))
    mask = load_mask(save(src, tmp_path / "layer.png"), SIZE)
    assert np.array_equal(painted(mask), np.asarray(rect_mask(SIZE, (40, 40, 90, 120))) == 255)


def test_opaque_png_with_alpha_channel_uses_grey(tmp_path: Path) -> None:
    src = Image.new("RGBA", SIZE, (0, 0, 0, 255))
    src.paste((255, 255, 255, 255), (5, 5, 50, 50))
    mask = load_mask(save(src, tmp_path / "opaque.png"), SIZE)
    assert mask_bbox(mask) == (5, 5, 50, 50)


def test_mask_colour_matches_exact_colours_only(tmp_path: Path) -> None:
    src = Image.new("RGB", SIZE, (255, 255, 255))
    src.paste((134, 134, 134), (0, 0, 50, 50))
    src.paste((0, 0, 0), (100, 100, 130, 130))
    src.paste((135, 134, 134), (200, 200, 250, 250))  # one off: not a mask colour
    path = save(src, tmp_path / "colours.png")
    mask = load_mask(path, SIZE, ((134, 134, 134), (0, 0, 0)))
    p = painted(mask)
    assert p.sum() == 50 * 50 + 30 * 30
    assert p[10, 10]
    assert p[110, 110]
    assert not p[210, 210]


def test_mask_from_colors_on_palette_image() -> None:
    src = Image.new("P", SIZE, 0)
    src.putpalette([255, 255, 255, 10, 20, 30] + [0] * 762)
    src.paste(1, (0, 0, 10, 10))
    assert mask_bbox(mask_from_colors(src, [(10, 20, 30)])) == (0, 0, 10, 10)


def test_size_mismatch_names_both_files_and_sizes(tmp_path: Path) -> None:
    path = save(rect_mask((300, 300), (0, 0, 10, 10)), tmp_path / "small-mask.png")
    with pytest.raises(InputError) as info:
        load_mask(path, SIZE, image_path=tmp_path / "photo.jpg")
    text = str(info.value)
    assert "small-mask.png is 300x300 px" in text
    assert "photo.jpg is 320x280 px" in text


def test_exif_rotated_mask_fitting_only_before_rotation(tmp_path: Path) -> None:
    stored = rect_mask(SIZE, (0, 0, 30, 30))  # stored 320x280, displayed 280x320
    path = with_orientation(stored, tmp_path / "rotated.jpg", 6)
    with pytest.raises(InputError) as info:
        load_mask(path, SIZE, image_path="photo.png")
    text = str(info.value)
    assert "rotated.jpg is 320x280 px but 280x320 px after applying its EXIF rotation" in text
    assert "photo.png is 320x280 px" in text


def test_exif_rotated_mask_matching_after_rotation(tmp_path: Path) -> None:
    stored = rect_mask((280, 320), (0, 0, 40, 40))  # stored top left corner
    path = with_orientation(stored, tmp_path / "rotated.png", 6, "PNG")
    mask = load_mask(path, SIZE)
    # Rotated 90 degrees clockwise: the corner is now at the top right.
    assert mask_bbox(mask) == (SIZE[0] - 40, 0, SIZE[0], 40)


def test_empty_mask(tmp_path: Path) -> None:
    path = save(Image.new("L", SIZE, 40), tmp_path / "blank.png")
    with pytest.raises(InputError, match=r"mask .*blank\.png has no painted pixels"):
        load_mask(path, SIZE)


def test_empty_mask_with_colours_names_them(tmp_path: Path) -> None:
    path = save(Image.new("RGB", SIZE, (1, 2, 3)), tmp_path / "c.png")
    with pytest.raises(InputError, match="no pixel has the mask colour 134,134,134"):
        load_mask(path, SIZE, ((134, 134, 134),))


def test_bad_mask_file_gets_the_same_checks_as_images(tmp_path: Path) -> None:
    path = tmp_path / "m.png"
    path.write_bytes(b"")
    with pytest.raises(InputError, match=r"^mask .*m\.png is empty"):
        load_mask(path, SIZE)


def test_in_memory_mask() -> None:
    layer = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    layer.paste((255, 0, 0, 255), (1, 2, 3, 4))
    mask = load_mask_image(layer, SIZE, name="canvas")
    assert mask_bbox(mask) == (1, 2, 3, 4)
    with pytest.raises(InputError, match="mask canvas has no painted pixels"):
        load_mask_image(Image.new("RGBA", SIZE), SIZE, name="canvas")
    with pytest.raises(InputError, match="mask canvas is 10x10 px but the image is 320x280"):
        load_mask_image(Image.new("L", (10, 10)), SIZE, name="canvas")


def test_16bit_mask_is_scaled_before_thresholding() -> None:
    arr = np.zeros((280, 320), np.uint16)
    arr[:, :100] = 40000  # 61% of full scale: repaint
    arr[:, 100:200] = 200  # nearly black: keep (would be "bright" if clipped to 8 bit)
    mask = binarize_mask(Image.fromarray(arr))
    assert mask_bbox(mask) == (0, 0, 100, 280)


def test_bbox_and_empty() -> None:
    mask = rect_mask(SIZE, (7, 9, 11, 20))
    assert mask_bbox(mask) == (7, 9, 11, 20)
    assert not mask_is_empty(mask)
    assert mask_is_empty(Image.new("L", SIZE))
    assert mask_bbox(Image.new("L", SIZE)) is None
