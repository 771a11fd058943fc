"""Composites made when asked for: the same picture as the one stored before, bit-identical to
the photo outside the feathered mask, written only where someone asks; stored composites of
older libraries used as they are."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageChops

from tests.library.helpers import make_spec
from xpaint_desktop.errors import InputError
from xpaint_desktop.imaging.composite import composite, feather_mask
from xpaint_desktop.imaging.limits import X_PAINTING
from xpaint_desktop.imaging.loading import load_image
from xpaint_desktop.imaging.prepare import Placement, prepare
from xpaint_desktop.library.composites import (
    composite_image,
    composite_patch,
    preview_image,
    save_composite,
    save_composites,
)
from xpaint_desktop.library.models import JobRecord
from xpaint_desktop.library.store import Library


def _job(lib: Library, tmp_path: Path, n: int = 2) -> tuple[JobRecord, Image.Image, Image.Image]:
    """A job on a JPEG photo with `n` results as a service would send them (1024 px PNGs)."""
    photo = tmp_path / "photo.jpg"
    Image.effect_noise((1500, 1000), 60).convert("RGB").save(photo, quality=90)
    base = load_image(photo)
    mask = Image.new("L", base.size, 0)
    mask.paste(255, (600, 400, 900, 650))
    spec = make_spec("x", feather=8)
    job = lib.create_job(spec, base, mask, "photo.jpg", base_bytes=photo.read_bytes())
    prepared = prepare(base, mask, size=spec.size, context=spec.context, limits=X_PAINTING)
    lib.set_placement(job.id, prepared.placement.to_json())
    for i in range(n):
        sent = Image.new("RGB", prepared.placement.output_size, (40 * i, 200, 90))
        lib.save_result(job.id, i, sent)
    return lib.get_job(job.id), base, mask


def test_a_composite_is_made_when_asked_and_keeps_the_photo_outside_the_mask(
    tmp_path: Path,
) -> None:
    with Library(tmp_path / "lib") as lib:
        job, base, mask = _job(lib, tmp_path)
        assert all(r.composite_path is None for r in job.results)
        assert not (job.folder / "composites").exists()  # nothing stored at full size
        for result in job.results:
            made = composite_image(job, result)
            assert made.size == base.size
            assert result.path is not None
            with Image.open(result.path) as sent:
                placement_json = job.placement_json or ""
                expected = composite(
                    base, sent, mask, Placement.from_json(placement_json), job.spec.feather
                )
            assert ImageChops.difference(made, expected).getbbox() is None
            outside = np.asarray(feather_mask(mask, job.spec.feather)) == 0
            assert np.array_equal(np.asarray(made)[outside], np.asarray(base)[outside])
            assert not np.array_equal(np.asarray(made), np.asarray(base))
        written = save_composites(job, tmp_path / "out" / "made.png")
        assert sorted(p.name for p in written.values()) == ["made-2.png", "made.png"]
        with Image.open(written[0]) as saved:
            assert (
                ImageChops.difference(
                    saved.convert("RGB"), composite_image(job, job.results[0])
                ).getbbox()
                is None
            )


def test_the_composite_differs_from_the_photo_only_in_its_patch(tmp_path: Path) -> None:
    with Library(tmp_path / "lib") as lib:
        job, base, _ = _job(lib, tmp_path, n=1)
        patch = composite_patch(job, job.results[0])
        assert patch is not None
        (left, top, right, bottom), pixels = patch
        assert pixels.shape == (bottom - top, right - left, 3)
        pasted = base.copy()
        pasted.paste(Image.fromarray(pixels), (left, top))
        assert ImageChops.difference(pasted, composite_image(job, job.results[0])).getbbox() is None


def test_a_preview_is_the_composite_at_a_small_scale(tmp_path: Path) -> None:
    with Library(tmp_path / "lib") as lib:
        job, _, _ = _job(lib, tmp_path, n=1)
        full = composite_image(job, job.results[0])
        small = preview_image(job, job.results[0], 150)
        assert max(small.size) == 150
        expected = full.resize(small.size, Image.Resampling.BOX)
        diff = np.abs(np.asarray(small, dtype=int) - np.asarray(expected, dtype=int))
        assert diff.mean() < 12  # the same picture to the eye (the noise photo averages out)
        inside = small.getpixel((int(750 * 0.1), int(525 * 0.1)))
        assert isinstance(inside, tuple) and inside[1] > 150  # the result is in the mask


def test_an_older_librarys_stored_composite_is_used_as_it_is(tmp_path: Path) -> None:
    with Library(tmp_path / "lib") as lib:
        job, base, _ = _job(lib, tmp_path, n=0)
        stored = base.transpose(Image.Transpose.FLIP_LEFT_RIGHT)  # unmistakable
        lib.save_result(job.id, 0, Image.new("RGB", (64, 64)), composite=stored)
        job = lib.get_job(job.id)
        (result,) = job.results
        assert result.composite_path is not None
        assert ImageChops.difference(composite_image(job, result), stored).getbbox() is None
        copy = save_composite(job, result, tmp_path / "copy.png")
        assert copy.read_bytes() == result.composite_path.read_bytes()


def test_a_result_that_cannot_be_put_back_says_why(tmp_path: Path) -> None:
    with Library(tmp_path / "lib") as lib:
        job, _, _ = _job(lib, tmp_path, n=1)
        assert job.results[0].path is not None
        job.results[0].path.unlink()
        with pytest.raises(InputError, match="missing from the library folder"):
            composite_image(job, job.results[0])
        lib.set_placement(job.id, None)
        with pytest.raises(InputError, match="does not say where its crop came from"):
            composite_image(lib.get_job(job.id), job.results[0])
