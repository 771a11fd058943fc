"""load_image: every common format decodes to the right RGB pixels; bad files get a sentence."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from tests.imaging.images import as_array, gradient, save, truncated, with_orientation
from xpaint_desktop.errors import InputError
from xpaint_desktop.imaging.limits import IMAGEEDIT, X_PAINTING
from xpaint_desktop.imaging.loading import load_image, upright_size


@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("astronaut.png", (512, 512)),
        ("chelsea.png", (451, 300)),
        ("coffee.png", (600, 400)),
        ("rocket.jpg", (640, 427)),
    ],
)
def test_real_photos_load_as_rgb(data_dir: Path, name: str, size: tuple[int, int]) -> None:
    img = load_image(data_dir / name)
    assert img.mode == "RGB"
    assert img.size == size
    # A real photo, not a blank: many distinct colours.
    assert len(np.unique(np.asarray(img).reshape(-1, 3), axis=0)) > 1000


@pytest.mark.parametrize(
    ("fmt", "suffix", "params"),
    [
        ("PNG", ".png", {}),
        ("BMP", ".bmp", {}),
        ("TIFF", ".tif", {}),
        ("TIFF", ".tiff", {"compression": "tiff_lzw"}),
        ("WEBP", ".webp", {"lossless": True}),
    ],
)
def test_lossless_formats_keep_every_pixel(
    tmp_path: Path, fmt: str, suffix: str, params: dict[str, object]
) -> None:
    src = gradient(300, 280)
    path = save(src, tmp_path / f"img{suffix}", format=fmt, **params)
    img = load_image(path)
    assert img.mode == "RGB"
    assert np.array_equal(np.asarray(img), np.asarray(src))


def test_jpeg_decodes_close_to_source(tmp_path: Path) -> None:
    src = gradient(400, 300)
    img = load_image(save(src, tmp_path / "a.jpg", quality=95))
    assert img.size == (400, 300)
    assert np.abs(as_array(img) - as_array(src)).mean() < 4


def test_rgba_is_composited_over_white(tmp_path: Path) -> None:
    src = Image.new("RGBA", (300, 300), (200, 10, 10, 255))
    src.paste((0, 0, 0, 0), (0, 0, 150, 300))  # transparent black on the left
    src.paste((0, 0, 255, 128), (150, 0, 300, 100))  # half-transparent blue
    img = load_image(save(src, tmp_path / "a.png"))
    arr = np.asarray(img)
    assert tuple(arr[150, 10]) == (255, 255, 255)
    assert tuple(arr[200, 200]) == (200, 10, 10)
    assert np.allclose(arr[50, 200], (127, 127, 255), atol=1)


def test_la_image_is_grey_over_white(tmp_path: Path) -> None:
    src = Image.new("LA", (300, 300), (40, 255))
    src.paste((0, 0), (0, 0, 300, 100))
    arr = np.asarray(load_image(save(src, tmp_path / "a.png")))
    assert tuple(arr[50, 50]) == (255, 255, 255)
    assert tuple(arr[200, 50]) == (40, 40, 40)


def test_palette_png_with_transparent_index_is_white_there(tmp_path: Path) -> None:
    src = Image.new("P", (300, 300), 1)
    src.putpalette([0, 0, 0, 10, 200, 30] + [0] * 762)
    src.paste(0, (0, 0, 300, 150))
    path = save(src, tmp_path / "p.png", transparency=0)
    arr = np.asarray(load_image(path))
    assert tuple(arr[10, 10]) == (255, 255, 255)
    assert tuple(arr[250, 10]) == (10, 200, 30)


@pytest.mark.parametrize("suffix", [".png", ".tif"])
def test_16bit_grey_is_scaled_not_clipped(tmp_path: Path, suffix: str) -> None:
    values = np.linspace(0, 65535, 300 * 300).astype(np.uint16).reshape(300, 300)
    path = tmp_path / f"g16{suffix}"
    assert cv2.imwrite(str(path), values)
    arr = as_array(load_image(path))
    expected = np.rint(values / 257.0)
    assert np.abs(arr[..., 0] - expected).max() <= 1
    assert arr[0, 0, 0] == 0
    assert arr[-1, -1, 0] == 255
    assert np.array_equal(arr[..., 0], arr[..., 2])


@pytest.mark.parametrize("suffix", [".png", ".tif"])
def test_16bit_colour_is_scaled(tmp_path: Path, suffix: str) -> None:
    rgb16 = np.zeros((300, 300, 3), np.uint16)
    rgb16[..., 0] = 65535
    rgb16[..., 1] = 32896  # 128 * 257
    rgb16[..., 2] = 0
    path = tmp_path / f"c16{suffix}"
    assert cv2.imwrite(str(path), rgb16[..., ::-1])  # OpenCV writes BGR
    arr = as_array(load_image(path))
    assert np.abs(arr[150, 150] - np.array([255, 128, 0])).max() <= 1


def test_cmyk_jpeg_has_sensible_colours(tmp_path: Path) -> None:
    src = Image.new("RGB", (300, 300), (220, 40, 30))
    src.paste((30, 90, 200), (0, 150, 300, 300))
    path = save(src.convert("CMYK"), tmp_path / "cmyk.jpg", quality=95)
    assert Image.open(path).mode == "CMYK"
    arr = as_array(load_image(path))
    assert np.abs(arr[50, 150] - np.array([220, 40, 30])).max() <= 8
    assert np.abs(arr[250, 150] - np.array([30, 90, 200])).max() <= 8


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_exif_orientation_is_applied(tmp_path: Path, fmt: str) -> None:
    stored = Image.new("RGB", (400, 300), (0, 0, 0))
    stored.paste((255, 0, 0), (0, 0, 40, 40))  # a red corner at the stored top left
    path = with_orientation(stored, tmp_path / f"rot.{fmt.lower()}", 6, fmt)
    img = load_image(path)
    # Orientation 6: rotate 90 degrees clockwise to display; top left goes to top right.
    assert img.size == (300, 400)
    arr = as_array(img)
    assert arr[10, 290, 0] > 200
    assert arr[10, 10, 0] < 50


@pytest.mark.parametrize(
    ("orientation", "size"), [(1, (400, 300)), (3, (400, 300)), (6, (300, 400))]
)
def test_the_header_tells_the_size_load_image_gives(
    tmp_path: Path, orientation: int, size: tuple[int, int]
) -> None:
    path = with_orientation(gradient(400, 300), tmp_path / "turned.jpg", orientation)
    assert upright_size(path) == size == load_image(path).size
    # what the header cannot tell, load_image reports
    assert upright_size(tmp_path / "nope.jpg") is None
    (tmp_path / "empty.jpg").write_bytes(b"")
    assert upright_size(tmp_path / "empty.jpg") is None


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.png"
    with pytest.raises(InputError, match=r"image .*nope\.png not found"):
        load_image(path)


def test_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder, not an image file"):
        load_image(tmp_path)


def test_zero_bytes(tmp_path: Path) -> None:
    path = tmp_path / "empty.png"
    path.write_bytes(b"")
    with pytest.raises(InputError, match=r"empty\.png is empty \(0 bytes\)"):
        load_image(path)


def test_text_file_named_png(tmp_path: Path) -> None:
    path = tmp_path / "notes.png"
    path.write_text("these are not pixels\n" * 20)
    with pytest.raises(InputError, match=r"notes\.png is not an image .*JPEG, PNG, BMP"):
        load_image(path)


@pytest.mark.parametrize(("fmt", "suffix"), [("JPEG", ".jpg"), ("PNG", ".png")])
def test_truncated_file(tmp_path: Path, fmt: str, suffix: str) -> None:
    path = truncated(gradient(600, 500), tmp_path / f"cut{suffix}", fmt)
    with pytest.raises(InputError, match=rf"cut\{suffix} is truncated or corrupt") as info:
        load_image(path)
    assert "\n" not in str(info.value)


def test_corrupt_png_checksum(tmp_path: Path) -> None:
    path = save(gradient(300, 300), tmp_path / "crc.png")
    data = bytearray(path.read_bytes())
    idat = data.index(b"IDAT")
    data[idat + 40] ^= 0xFF  # flip bits inside the compressed data
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match="truncated or corrupt"):
        load_image(path)


def test_too_small_names_sizes_and_limit(tmp_path: Path) -> None:
    path = save(gradient(100, 100), tmp_path / "tiny.png")
    with pytest.raises(InputError) as info:
        load_image(path)
    text = str(info.value)
    assert "tiny.png" in text
    assert "100x100 px is too small: each side must be more than 256 px" in text


@pytest.mark.parametrize(("w", "h"), [(256, 400), (400, 256)])
def test_a_side_of_exactly_the_minimum_is_refused(tmp_path: Path, w: int, h: int) -> None:
    path = save(gradient(w, h), tmp_path / "edge.png")
    with pytest.raises(InputError, match="more than 256 px"):
        load_image(path)
    assert load_image(save(gradient(w + 1, h + 1), tmp_path / "ok.png")).size == (w + 1, h + 1)


def test_minimum_follows_the_model(tmp_path: Path) -> None:
    path = save(gradient(400, 400), tmp_path / "mid.png")
    assert load_image(path, limits=X_PAINTING).size == (400, 400)
    with pytest.raises(InputError, match="more than 511 px"):
        load_image(path, limits=IMAGEEDIT)


def test_role_names_the_input(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^reference .*gone\.png not found"):
        load_image(tmp_path / "gone.png", role="reference")


def test_larger_than_the_service_limit_is_fine(tmp_path: Path) -> None:
    path = save(Image.new("RGB", (4500, 300), (9, 9, 9)), tmp_path / "wide.png")
    assert load_image(path).size == (4500, 300)
