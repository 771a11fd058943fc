"""The library against real SQLite files and real image files: every field, every update."""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from tests.library.helpers import TINY, TINY_MASK, make_spec, new_job
from xpaint_desktop.errors import InputError
from xpaint_desktop.library.files import trash_name
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.library.schema import LibraryError
from xpaint_desktop.library.store import Library
from xpaint_desktop.spec import ContextMode, EngineKind


def _png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def _same_pixels(path: Path, expected: Image.Image) -> bool:
    with Image.open(path) as img:
        img.load()
        return img.mode == expected.mode and ImageChops.difference(img, expected).getbbox() is None


def test_create_job_stores_lossless_inputs_and_a_queued_row(
    library: Library, photo: Image.Image, photo_mask: Image.Image
) -> None:
    spec = make_spec("一只戴红色眼镜的狗", style="<flat illustration>", n=3)
    job = library.create_job(spec, photo, photo_mask, "猫 chelsea.png")

    assert job.status is JobStatus.QUEUED
    assert job.spec == spec
    assert job.source_name == "猫 chelsea.png"
    assert job.original_size == photo.size
    assert job.mask_path.parent == library.root / "jobs" / f"{job.created_at.year:04d}" / str(
        job.id
    )
    assert job.base_path.parent.parent == library.root / "inputs"
    assert _same_pixels(job.base_path, photo)
    with Image.open(job.mask_path) as stored:  # kept as a 1-bit PNG
        assert ImageChops.difference(stored.convert("L"), photo_mask).getbbox() is None
    assert job.created_at.tzinfo is not None and job.created_at == job.updated_at
    assert (job.task_id, job.placement_json, job.image_count, job.results) == (None, None, None, ())
    assert (job.favourite, job.note, job.engine) == (False, "", EngineKind.CLOUD)
    assert library.get_job(job.id) == job


def test_every_field_survives_closing_and_reopening(tmp_path: Path, photo: Image.Image) -> None:
    root = tmp_path / "lib"
    spec = make_spec(
        "red glasses",
        mask_color=((255, 0, 0), (0, 0, 255)),
        engine=EngineKind.LOCAL,
        context=ContextMode.FULL,
        feather=3,
        size="1024*1024",
        parent_job_id=41,
        parent_result_index=2,
        extra={"seed": 7, "tags": ["a", "b"]},
    )
    result0 = photo.rotate(90, expand=True)
    with Library(root) as lib:
        job_id = lib.create_job(spec, photo, Image.new("L", photo.size, 255), "cat.png").id
        lib.set_task_id(job_id, "task-123")
        lib.set_placement(job_id, '{"crop_box": [1, 2, 3, 4]}')
        lib.save_result(job_id, 0, _png(result0), composite=photo)
        lib.save_result_failure(job_id, 1, "DataInspectionFailed", "内容不合规")
        lib.set_usage(job_id, 1)
        lib.set_favourite(job_id, True)
        lib.set_note(job_id, "keep this one")
        lib.set_status(
            job_id, JobStatus.PARTIAL, error_code="X", error_message="one failed", request_id="r-9"
        )
        before = lib.get_job(job_id)

    with Library.open(root) as lib:
        after = lib.get_job(job_id)
    assert after == before
    assert after.spec == spec and after.engine is EngineKind.LOCAL
    assert (after.task_id, after.status, after.request_id) == ("task-123", JobStatus.PARTIAL, "r-9")
    assert (after.error_code, after.error_message) == ("X", "one failed")
    assert after.placement_json == '{"crop_box": [1, 2, 3, 4]}'
    assert (after.image_count, after.favourite, after.note) == (1, True, "keep this one")
    ok, failed = after.results
    assert (ok.index, ok.code, ok.message) == (0, None, None)
    assert ok.path is not None and _same_pixels(ok.path, result0)
    assert ok.composite_path is not None and _same_pixels(ok.composite_path, photo)
    assert (failed.index, failed.path, failed.composite_path) == (1, None, None)
    assert (failed.code, failed.message) == ("DataInspectionFailed", "内容不合规")
    assert after.updated_at >= after.created_at


def test_status_replaces_errors_but_keeps_the_request_id(library: Library) -> None:
    job = library.create_job(make_spec(), TINY, TINY_MASK, "a.png")
    library.set_status(job.id, JobStatus.FAILED, error_code="E", error_message="m", request_id="r")
    library.set_status(job.id, JobStatus.QUEUED)
    again = library.get_job(job.id)
    assert (again.status, again.error_code, again.error_message) == (JobStatus.QUEUED, None, None)
    assert again.request_id == "r"


def test_downloaded_bytes_are_kept_as_they_came(library: Library, photo: Image.Image) -> None:
    job = library.create_job(make_spec(), TINY, TINY_MASK, "a.png")
    jpeg = io.BytesIO()
    photo.save(jpeg, format="JPEG", quality=80)
    result = library.save_result(job.id, 0, jpeg.getvalue())
    assert result.path is not None and result.path.suffix == ".jpg"
    assert result.path.read_bytes() == jpeg.getvalue()
    assert result.composite_path is None

    replaced = library.save_result(job.id, 0, photo)
    assert replaced.path is not None and replaced.path.suffix == ".png"
    assert not result.path.exists(), "the replaced result's old file is removed"
    assert [r.path for r in library.get_job(job.id).results] == [replaced.path]


def test_a_result_that_is_not_an_image_is_refused_clearly(library: Library) -> None:
    job = library.create_job(make_spec(), TINY, TINY_MASK, "a.png")
    with pytest.raises(LibraryError, match=rf"Result 2 of job {job.id}.*not a readable image"):
        library.save_result(job.id, 2, b"<html>403 Forbidden</html>")
    assert library.get_job(job.id).results == ()
    assert not (job.folder / "results").exists() or not any((job.folder / "results").iterdir())


def test_unknown_job_ids_raise_key_error_naming_the_id(library: Library) -> None:
    with pytest.raises(KeyError, match="Job 999 is not in the library"):
        library.get_job(999)
    for call in (
        lambda: library.set_status(999, JobStatus.DONE),
        lambda: library.set_task_id(999, "t"),
        lambda: library.set_note(999, "n"),
        lambda: library.save_result(999, 0, TINY),
        lambda: library.save_result_failure(999, 0, "c", "m"),
        lambda: library.delete_job(999),
        lambda: library.parent(999),
    ):
        with pytest.raises(KeyError, match="999"):
            call()


def test_a_mask_of_another_size_is_refused_naming_the_file(library: Library) -> None:
    with pytest.raises(InputError, match=r"mask for 'holiday.jpg' is 8x8 px but the image is 8x6"):
        library.create_job(make_spec(), TINY, Image.new("L", (8, 8), 255), "holiday.jpg")
    assert library.count_jobs() == 0


def test_failed_batch_leaves_neither_rows_nor_files(library: Library) -> None:
    blocked_year = library.root / "jobs" / "2001"
    blocked_year.parent.mkdir(parents=True)
    blocked_year.write_bytes(b"not a folder")
    good = new_job("fine", created_at=datetime(2020, 5, 1, tzinfo=UTC))
    bad = new_job("blocked", created_at=datetime(2001, 5, 1, tzinfo=UTC))

    with pytest.raises(LibraryError, match="Could not write the job's files"):
        library.import_jobs([good, bad])

    assert library.count_jobs() == 0
    assert not (library.root / "jobs" / "2020").exists() or not any(
        (library.root / "jobs" / "2020").iterdir()
    )
    assert library.create_job(make_spec(), TINY, TINY_MASK, "a.png").id >= 1


def test_import_jobs_returns_records_in_order_and_shares_encoding(library: Library) -> None:
    stamps = [datetime(2024, 1, d, 12, tzinfo=UTC) for d in (3, 1, 2)]
    jobs = library.import_jobs(new_job(f"p{i}", created_at=s) for i, s in enumerate(stamps))
    assert [j.prompt for j in jobs] == ["p0", "p1", "p2"]
    assert [j.created_at for j in jobs] == stamps
    assert all(j.folder.parent.name == "2024" for j in jobs)
    assert len({j.mask_path.read_bytes() for j in jobs}) == 1


def test_delete_removes_files_and_row_together(library: Library) -> None:
    keep = library.create_job(make_spec("keep"), TINY, TINY_MASK, "k.png")
    gone = library.create_job(make_spec("gone"), TINY, TINY_MASK, "g.png")
    library.save_result(gone.id, 0, TINY, composite=TINY)
    library.delete_job(gone.id)

    assert not gone.folder.exists()
    assert not any(p.name.startswith(".trash-") for p in gone.folder.parent.iterdir())
    with pytest.raises(KeyError):
        library.get_job(gone.id)
    assert library.job_ids() == [keep.id]
    assert library.count_jobs(search="gone") == 0
    assert keep.base_path.exists() and library.get_job(keep.id) == keep


def test_an_interrupted_delete_is_finished_by_the_next_process_alone_with_the_library(
    tmp_path: Path,
) -> None:
    root = tmp_path / "lib"
    with Library(root) as lib:
        keep = lib.create_job(make_spec("keep"), TINY, TINY_MASK, "k.png")
        row_still_there = lib.create_job(make_spec("a"), TINY, TINY_MASK, "a.png")
        row_deleted = lib.create_job(make_spec("b"), TINY, TINY_MASK, "b.png")
        # A deletion killed after renaming the folder (the decision), before deleting the row:
        trash_a = trash_name(row_still_there.folder)
        os.replace(row_still_there.folder, trash_a)
        # A deletion killed after the row was deleted, before the folder was removed:
        trash_b = trash_name(row_deleted.folder)
        lib.delete_job(row_deleted.id)
        os.makedirs(trash_b / "results")
        (trash_b / "base.png").write_bytes(b"leftover")
        with Library(root) as other:  # another process has it open: nothing is touched
            assert trash_a.exists() and trash_b.exists()
            assert other.job_ids() == [row_still_there.id, keep.id]

    with Library(root) as lib:
        assert lib.job_ids() == [keep.id]
        assert not trash_a.exists() and not trash_b.exists()
        assert sorted(p.name for p in keep.folder.parent.iterdir()) == [str(keep.id)]


def test_lineage_follows_parent_job_id(library: Library) -> None:
    root_job = library.create_job(make_spec("root"), TINY, TINY_MASK, "r.png")
    kids = [
        library.create_job(
            make_spec(f"child {i}", parent_job_id=root_job.id, parent_result_index=i),
            TINY,
            TINY_MASK,
            "r.png",
        )
        for i in range(2)
    ]
    grandchild = library.create_job(
        make_spec("grandchild", parent_job_id=kids[0].id), TINY, TINY_MASK, "r.png"
    )
    assert [j.id for j in library.children(root_job.id)] == [k.id for k in kids]
    assert [j.id for j in library.children(kids[0].id)] == [grandchild.id]
    assert library.children(grandchild.id) == []
    assert library.parent(grandchild.id) == library.get_job(kids[0].id)
    assert library.parent(root_job.id) is None
    library.delete_job(root_job.id)
    assert library.parent(kids[1].id) is None


def test_usage_is_summed_per_local_day(library: Library) -> None:
    base = datetime(2025, 3, 10, 12, tzinfo=UTC)
    stamps = [base, base + timedelta(hours=1), base + timedelta(days=2), base + timedelta(days=3)]
    counts = [2, 3, 4, None]
    jobs = library.import_jobs(new_job(created_at=s) for s in stamps)
    for job, count in zip(jobs, counts, strict=True):
        library.set_usage(job.id, count)

    expected: dict = {}
    for stamp, count in zip(stamps, counts, strict=True):
        if count:
            day = stamp.astimezone().date()
            expected[day] = expected.get(day, 0) + count
    assert library.usage_by_day() == sorted(expected.items())
    assert library.total_images() == 9


def test_unfinished_jobs_are_every_job_not_finished_oldest_first(library: Library) -> None:
    jobs = library.import_jobs(
        new_job(f"j{s}", created_at=datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=i))
        for i, s in enumerate(JobStatus)
    )
    for job, status in zip(jobs, JobStatus, strict=True):
        library.set_status(job.id, status)
    unfinished = library.unfinished_jobs()
    assert [j.status for j in unfinished] == [s for s in JobStatus if not s.is_finished]
    assert JobStatus.INTERRUPTED in {j.status for j in unfinished}


def test_a_closed_library_says_so(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib")
    lib.close()
    with pytest.raises(LibraryError, match="has been closed"):
        lib.count_jobs()


def test_results_unknown_to_a_restored_older_index_are_set_aside_not_deleted(
    tmp_path: Path,
) -> None:
    root = tmp_path / "lib"
    with Library(root) as lib:
        kept = lib.create_job(make_spec("kept"), TINY, TINY_MASK, "a.png")
    backup = (root / "library.sqlite3").read_bytes()
    with Library(root) as lib:
        newer = lib.create_job(make_spec("newer"), TINY, TINY_MASK, "b.png")
        lib.save_result(newer.id, 0, TINY)
    (root / "library.sqlite3").write_bytes(backup)  # the person restores last week's index

    with Library(root) as lib:
        assert lib.job_ids() == [kept.id]
        assert (newer.folder / "results" / "0.png").is_file()  # opening touches nothing
        again = lib.create_job(make_spec("again"), TINY, TINY_MASK, "c.png")
        aside = [p for p in newer.folder.parent.iterdir() if p.name.startswith(".unindexed-")]
        assert len(aside) == 1 and (aside[0] / "results" / "0.png").is_file()
        assert again.id == newer.id and again.base_path.is_file()
        assert lib.get_job(again.id).results == ()
