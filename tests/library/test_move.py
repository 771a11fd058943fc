"""Moving a library: everything arrives, the old copy goes only after the new one is checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from tests.library.helpers import TINY, TINY_MASK, make_spec
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.library.schema import LibraryError
from xpaint_desktop.library.store import DB_NAME, Library


def _fill(lib: Library, photo: Image.Image) -> list[int]:
    ids = []
    for i in range(3):
        job = lib.create_job(
            make_spec(f"红色眼镜 {i}"), photo, Image.new("L", photo.size, 255), "a"
        )
        lib.save_result(job.id, 0, photo.rotate(i * 90), composite=photo)
        lib.set_status(job.id, JobStatus.DONE)
        ids.append(job.id)
    lib.set_note(ids[1], "moved note")
    return ids


def test_move_copies_everything_then_removes_the_old_files(
    tmp_path: Path, photo: Image.Image
) -> None:
    old_root, new_root = tmp_path / "old", tmp_path / "disk2" / "library"
    lib = Library(old_root)
    ids = _fill(lib, photo)
    before = [lib.get_job(i) for i in ids]
    (old_root / "cache").mkdir()  # not the library's: must stay

    moved = lib.move_to(new_root)
    try:
        after = [moved.get_job(i) for i in ids]
        for old_job, new_job in zip(before, after, strict=True):
            assert new_job.base_path.is_relative_to(new_root)
            assert new_job.results[0].path is not None
            assert new_job.results[0].path.is_file()
            assert (new_job.spec, new_job.status, new_job.note) == (
                old_job.spec,
                old_job.status,
                old_job.note,
            )
        assert moved.count_jobs(search="红色眼镜") == 3
        assert moved.job_ids(search="moved note") == [ids[1]]
        assert moved.create_job(make_spec(), TINY, TINY_MASK, "n").id == ids[-1] + 1
    finally:
        moved.close()
    assert not (old_root / DB_NAME).exists() and not (old_root / "jobs").exists()
    assert (old_root / "cache").is_dir()
    with pytest.raises(LibraryError, match="closed"):
        lib.count_jobs()


def test_move_keeps_file_contents_byte_for_byte(tmp_path: Path, photo: Image.Image) -> None:
    lib = Library(tmp_path / "old")
    ids = _fill(lib, photo)
    contents = {
        p.relative_to(lib.root): p.read_bytes()
        for p in (lib.root / "jobs").rglob("*")
        if p.is_file()
    }
    moved = lib.move_to(tmp_path / "new")
    with moved:
        copied = {
            p.relative_to(moved.root): p.read_bytes()
            for p in (moved.root / "jobs").rglob("*")
            if p.is_file()
        }
        assert copied == contents
        assert len(moved.list_jobs()) == len(ids)


@pytest.mark.parametrize("where", ["inside", "not_empty", "same"])
def test_move_refuses_a_bad_target_and_changes_nothing(tmp_path: Path, where: str) -> None:
    root = tmp_path / "lib"
    with Library(root) as lib:
        job = lib.create_job(make_spec(), TINY, TINY_MASK, "a")
        target = {
            "inside": root / "sub",
            "not_empty": tmp_path / "full",
            "same": root,
        }[where]
        if where == "not_empty":
            target.mkdir()
            (target / "photo.jpg").write_bytes(b"someone's file")
        with pytest.raises(LibraryError, match="library"):
            lib.move_to(target)
        assert lib.get_job(job.id) == job and job.base_path.exists()


def test_a_failed_copy_leaves_the_old_library_and_no_partial_copy(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    with Library(root) as lib:
        job = lib.create_job(make_spec(), TINY, TINY_MASK, "a")
        job.mask_path.unlink()  # a damaged library: a row points at a missing file
        with pytest.raises(LibraryError, match=r"refers to files that do not exist.*mask.png"):
            lib.move_to(tmp_path / "new")
        assert not (tmp_path / "new").exists()
        assert lib.get_job(job.id).base_path.exists()
        assert (root / DB_NAME).exists()
