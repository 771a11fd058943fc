"""Thumbnails are made once from the job's picture, kept on disk, and renewed when it changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from xpaint_desktop import paths
from xpaint_desktop.library.store import Library
from xpaint_desktop.library.thumbnails import THUMBNAILS_DIR, ThumbnailCache, thumbnail_source
from xpaint_desktop.spec import JobSpec


def _job(library: Library, photo: Image.Image, mask: Image.Image) -> int:
    return library.create_job(JobSpec(prompt="a cat on a sofa"), photo, mask, "chelsea.png").id


def test_made_once_under_the_cache_dir_and_reused_by_a_new_session(
    library: Library, photo: Image.Image, photo_mask: Image.Image
) -> None:
    job = library.get_job(_job(library, photo, photo_mask))
    cache = ThumbnailCache()
    assert cache.root == paths.cache_dir() / THUMBNAILS_DIR
    key = cache.key_for(job)
    assert key is not None and key.source == job.base_path
    assert cache.cached(key) is None
    path = cache.ensure(key)
    assert path.is_relative_to(paths.cache_dir() / THUMBNAILS_DIR)
    made = path.stat().st_mtime_ns
    os.utime(path, ns=(made - 10**9, made - 10**9))  # would change if it were written again
    again = ThumbnailCache()  # another session
    same_key = again.key_for(library.get_job(job.id))
    assert same_key == key
    assert again.cached(same_key) == path
    assert again.ensure(same_key) == path
    assert path.stat().st_mtime_ns == made - 10**9


def test_fits_the_box_and_keeps_the_aspect_ratio(
    library: Library, photo: Image.Image, photo_mask: Image.Image
) -> None:
    job = library.get_job(_job(library, photo, photo_mask))
    cache = ThumbnailCache(max_px=128)
    key = cache.key_for(job)
    assert key is not None
    with Image.open(cache.ensure(key)) as thumb:
        assert thumb.format == "JPEG"
        assert max(thumb.size) == 128
        w, h = photo.size
        assert abs(thumb.size[1] - round(128 * h / w)) <= 1
        # The thumbnail is the photo, not a blank: compare with a plain downscale.
        expected = photo.resize(thumb.size).convert("RGB")
        got, want = thumb.getpixel((64, 40)), expected.getpixel((64, 40))
        assert isinstance(got, tuple) and isinstance(want, tuple)
        diff = sum(abs(a - b) for a, b in zip(got, want, strict=True))
        assert diff < 60


def test_a_new_result_gives_a_new_thumbnail_and_removes_the_old(
    library: Library, photo: Image.Image, photo_mask: Image.Image, data_dir: Path
) -> None:
    job_id = _job(library, photo, photo_mask)
    cache = ThumbnailCache()
    first_key = cache.key_for(library.get_job(job_id))
    assert first_key is not None
    first = cache.ensure(first_key)
    with Image.open(data_dir / "coffee.png") as coffee:
        library.save_result(job_id, 0, coffee.convert("RGB"))
    job = library.get_job(job_id)
    assert thumbnail_source(job) == job.results[0].path
    key = cache.key_for(job)
    assert key is not None and key != first_key
    second = cache.ensure(key)
    assert second != first
    assert not first.exists()
    with Image.open(second) as thumb:
        assert thumb.size == (256, 171)  # coffee.png is 600x400
    assert cache.remove(job_id) == 1
    assert not second.exists()


def test_missing_and_unreadable_pictures(
    library: Library, photo: Image.Image, photo_mask: Image.Image
) -> None:
    job = library.get_job(_job(library, photo, photo_mask))
    cache = ThumbnailCache()
    job.base_path.write_bytes(b"not a png at all")
    key = cache.key_for(job)
    assert key is not None
    with pytest.raises(OSError):
        cache.ensure(key)
    assert list(cache.root.rglob("*")) == [] or all(p.is_dir() for p in cache.root.rglob("*"))
    job.base_path.unlink()
    assert cache.key_for(job) is None
