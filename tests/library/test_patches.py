"""A result used as the new base is kept as a patch over the photo it came from: the same
picture bit for bit, a fraction of the disk, and the photo under it kept as long as a patch
needs it (deleting, moving, checking the library)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from tests.library.helpers import make_spec
from tests.library.test_composites import _job
from xpaint_desktop.library import patches, rebuild
from xpaint_desktop.library.composites import composite_image, photo_patch, preview_image
from xpaint_desktop.library.files import png_bytes
from xpaint_desktop.library.models import JobRecord
from xpaint_desktop.library.store import Library


def _derived(lib: Library, parent: JobRecord, index: int = 0) -> tuple[JobRecord, Image.Image]:
    """A new job on `parent`'s result `index` used as the new base, stored as the window does."""
    picture = composite_image(parent, parent.results[index])
    data = photo_patch(lib.root, parent, picture)
    assert data is not None
    mask = Image.new("L", picture.size, 0)
    mask.paste(255, (650, 450, 850, 600))  # inside the placement the result comes back to
    spec = make_spec("again", parent_job_id=parent.id, parent_result_index=index)
    job = lib.create_job(spec, picture, mask, "photo-job1-1.png", base_bytes=data)
    return job, picture


def _same(a: Image.Image, b: Image.Image) -> bool:
    return a.size == b.size and bool(np.array_equal(np.asarray(a), np.asarray(b)))


def test_a_result_used_as_the_new_base_is_kept_as_a_patch_and_read_back_exactly(
    tmp_path: Path,
) -> None:
    with Library(tmp_path / "lib") as lib:
        parent, _base, _mask = _job(lib, tmp_path)
        child, picture = _derived(lib, parent)
        rel = child.base_path.relative_to(lib.root).as_posix()
        assert patches.is_patch(rel)
        assert patches.under(lib.root, rel) == parent.base_path.relative_to(lib.root).as_posix()
        # a small file instead of the whole picture as PNG
        assert child.base_path.stat().st_size * 5 < len(png_bytes(picture))
        assert _same(patches.open_photo(child.base_path), picture)

        # the child's own result composes over the picture it was made from
        lib.set_placement(child.id, parent.placement_json or "")
        lib.save_result(child.id, 0, Image.new("RGB", (1024, 1024), (250, 0, 0)))
        child = lib.get_job(child.id)
        made = np.asarray(composite_image(child, child.results[0]))
        outside = np.ones(made.shape[:2], dtype=bool)
        outside[450 - 20 : 600 + 20, 650 - 20 : 850 + 20] = False  # the mask and its feather
        assert np.array_equal(made[outside], np.asarray(picture)[outside])
        assert not np.array_equal(made, np.asarray(picture))
        assert preview_image(child, child.results[0], 128).size[0] == 128


def test_a_patch_over_a_patch_and_the_same_picture_again_are_kept_once(tmp_path: Path) -> None:
    with Library(tmp_path / "lib") as lib:
        parent, _base, _mask = _job(lib, tmp_path)
        child, _picture = _derived(lib, parent)
        lib.set_placement(child.id, parent.placement_json or "")
        lib.save_result(child.id, 0, Image.new("RGB", (1024, 1024), (0, 0, 250)))
        child = lib.get_job(child.id)
        grandchild, second = _derived(lib, child)
        assert patches.with_ancestors(lib.root, _rel(lib, grandchild)) == [
            _rel(lib, grandchild),
            _rel(lib, child),
            _rel(lib, parent),
        ]
        assert _same(patches.open_photo(grandchild.base_path), second)
        # the very photo again (nothing differs): its own file, no new one
        again = photo_patch(lib.root, parent, patches.open_photo(parent.base_path))
        assert again == parent.base_path.read_bytes()
        # the same picture used again names the same patch
        twin, _ = _derived(lib, parent)
        assert twin.base_path == child.base_path


def test_the_photo_under_a_patch_stays_until_its_last_job_and_patch_are_deleted(
    tmp_path: Path,
) -> None:
    with Library(tmp_path / "lib") as lib:
        parent, _base, _mask = _job(lib, tmp_path)
        child, picture = _derived(lib, parent)
        photo, patch = parent.base_path, child.base_path
        lib.delete_job(parent.id)
        assert photo.is_file() and patch.is_file()  # the patch lies over it
        assert _same(patches.open_photo(patch), picture)
        assert rebuild.check(lib.root).photos_unnamed == []
        lib.delete_job(child.id)
        assert not patch.exists() and not photo.exists()  # both go with the last job


def test_a_library_with_patches_moves_and_checks_whole(tmp_path: Path) -> None:
    with Library(tmp_path / "lib") as lib:
        parent, _base, _mask = _job(lib, tmp_path)
        child, picture = _derived(lib, parent)
        report = rebuild.check(lib.root)
        assert report.photo_missing == [] and report.photos_unnamed == []
        moved = lib.move_to(tmp_path / "elsewhere")
    with moved:
        job = moved.get_job(child.id)
        assert _same(patches.open_photo(job.base_path), picture)
        # the photo under the patch missing is told, not taken for whole
        moved.get_job(parent.id).base_path.unlink()
        assert rebuild.check(moved.root).photo_missing == [parent.id, child.id]


def _rel(lib: Library, job: JobRecord) -> str:
    return job.base_path.relative_to(lib.root).as_posix()
