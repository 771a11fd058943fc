"""local_inpaint: fills the masked area from its surroundings and leaves the rest alone."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.imaging.images import as_array, rect_mask
from xpaint_desktop.imaging.inpaint import local_inpaint
from xpaint_desktop.imaging.loading import load_image


def smooth(width: int, height: int) -> Image.Image:
    y, x = np.mgrid[0:height, 0:width]
    arr = np.dstack([x * 200 // width + 20, y * 200 // height + 20, np.full_like(x, 120)])
    return Image.fromarray(arr.astype(np.uint8))


def test_a_blemish_on_a_smooth_surface_disappears() -> None:
    clean = smooth(320, 280)
    damaged = clean.copy()
    box = (140, 120, 170, 150)
    damaged.paste((0, 0, 0), box)  # a black square
    out = local_inpaint(damaged, rect_mask(clean.size, box), radius=5)
    assert out.mode == "RGB"
    assert out.size == clean.size
    region = (slice(box[1], box[3]), slice(box[0], box[2]))
    err_after = np.abs(as_array(out)[region] - as_array(clean)[region]).mean()
    err_before = np.abs(as_array(damaged)[region] - as_array(clean)[region]).mean()
    assert err_after < 10
    assert err_after < err_before / 5


def test_outside_the_mask_is_unchanged(data_dir: Path) -> None:
    photo = load_image(data_dir / "astronaut.png")
    mask = rect_mask(photo.size, (200, 200, 260, 240))
    out = local_inpaint(photo, mask)
    keep = np.asarray(mask) == 0
    assert np.array_equal(np.asarray(out)[keep], np.asarray(photo)[keep])
    assert not np.array_equal(np.asarray(out)[~keep], np.asarray(photo)[~keep])


def test_refuses_bad_arguments() -> None:
    with pytest.raises(ValueError, match="differ in size"):
        local_inpaint(smooth(300, 300), Image.new("L", (10, 10)))
    with pytest.raises(ValueError, match="at least 1 px"):
        local_inpaint(smooth(300, 300), Image.new("L", (300, 300)), radius=0)
