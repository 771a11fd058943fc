"""The index is rebuilt from the job folders: deleted, emptied or damaged, every job comes back."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from tests.library.helpers import TINY, TINY_MASK, make_spec
from xpaint_desktop.library import jobfile
from xpaint_desktop.library.models import JobRecord, JobStatus
from xpaint_desktop.library.opening import IndexState
from xpaint_desktop.library.rebuild import check, rebuild
from xpaint_desktop.library.schema import JOB_FILES_VERSION, LibraryError
from xpaint_desktop.library.store import DB_NAME, Library
from xpaint_desktop.spec import EngineKind


def fill(root: Path) -> list[JobRecord]:
    """A library with every kind of field set, returned as the gallery would read it."""
    with Library(root) as lib:
        done = lib.create_job(
            make_spec("一只戴红色眼镜的狗", style="<anime>", n=2, feather=12),
            TINY,
            TINY_MASK,
            "dog.jpg",
        )
        lib.set_task_id(done.id, "task-1")
        lib.set_placement(done.id, '{"crop_box": [0, 0, 8, 6]}')
        lib.save_result(done.id, 0, Image.new("RGB", (8, 6), (1, 2, 3)), composite=TINY)
        lib.save_result_failure(done.id, 1, "DataInspectionFailed", "rejected")
        lib.set_usage(done.id, 1)
        lib.set_status(done.id, JobStatus.PARTIAL, request_id="req-9")
        lib.set_favourite(done.id, True)
        lib.set_note(done.id, "keep this one")
        child = lib.create_job(
            make_spec(
                "a quiet harbour",
                parent_job_id=done.id,
                parent_result_index=0,
                engine=EngineKind.LOCAL,
            ),
            TINY,
            TINY_MASK,
            "harbour.png",
        )
        failed = lib.create_job(make_spec("snow"), TINY, TINY_MASK, "snow.png")
        lib.set_status(failed.id, JobStatus.FAILED, error_code="Arrearage", error_message="pay")
        gone = lib.create_job(make_spec("deleted"), TINY, TINY_MASK, "x.png")
        lib.delete_job(gone.id)
        assert child.id
        return lib.list_jobs()


def delete(db: Path) -> None:
    db.unlink()


def truncate(db: Path) -> None:
    db.write_bytes(b"")


def overwrite_pages(db: Path) -> None:
    """Keep the 100-byte header and the first page, scribble over every other page."""
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    assert len(data) >= 3 * page
    for start in range(page, len(data), page):
        data[start : start + page] = bytes([0xA5]) * page
    db.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("damage", "code"),
    [(delete, "IndexMissing"), (truncate, "IndexEmpty"), (overwrite_pages, "IndexDamaged")],
)
def test_a_lost_index_is_rebuilt_with_every_job_prompt_parameter_and_result(
    tmp_path: Path, damage: Callable[[Path], None], code: str
) -> None:
    root = tmp_path / "lib"
    before = fill(root)
    files_before = sorted(p for p in (root / "jobs").rglob("*") if p.is_file())
    damage(root / DB_NAME)

    with pytest.raises(LibraryError, match=r"Nothing was changed.*library rebuild") as caught:
        Library(root)
    assert caught.value.code == code
    assert sorted(p for p in (root / "jobs").rglob("*") if p.is_file()) == files_before
    assert not check(root).healthy

    report = rebuild(root)
    assert report.jobs == len(before) and report.results == 2
    assert report.reconstructed == [] and report.salvaged == []
    with Library(root) as lib:
        assert lib.list_jobs() == before
        assert lib.count_jobs(search="红色眼镜") == 1
        assert lib.count_jobs(favourites_only=True) == 1
        assert lib.children(before[-1].id)[0].prompt == "a quiet harbour"
        assert lib.total_images() == 1
        assert lib._conn().execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        new = lib.create_job(make_spec("after"), TINY, TINY_MASK, "n.png")
        assert new.id > max(j.id for j in before) and new.base_path.is_file()
    assert check(root).healthy
    if code != "IndexMissing":
        assert report.old_index is not None and report.old_index.is_file()


def test_a_library_from_before_job_files_describes_itself_on_first_open(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    before = fill(root)
    for described in (root / "jobs").rglob(jobfile.JOB_FILE):
        described.unlink()
    conn = sqlite3.connect(root / DB_NAME)
    conn.execute(f"PRAGMA user_version = {JOB_FILES_VERSION - 1}")
    conn.close()
    with Library(root) as lib:
        assert lib.list_jobs() == before
    assert len(list((root / "jobs").rglob(jobfile.JOB_FILE))) == len(before)
    (root / DB_NAME).unlink()
    rebuild(root)
    with Library(root) as lib:
        assert lib.list_jobs() == before


def test_folders_without_job_files_are_salvaged_from_a_damaged_index_or_their_files(
    tmp_path: Path,
) -> None:
    root = tmp_path / "lib"
    before = fill(root)
    for described in (root / "jobs").rglob(jobfile.JOB_FILE):
        described.unlink()
    report = rebuild(root)  # the old index is readable: everything comes from it
    assert sorted(report.salvaged) == sorted(j.id for j in before)
    with Library(root) as lib:
        assert lib.list_jobs() == before

    for described in (root / "jobs").rglob(jobfile.JOB_FILE):
        described.unlink()
    (root / DB_NAME).unlink()
    report = rebuild(root)  # nothing but the images: the job with results still comes back
    with Library(root) as lib:
        [job] = lib.list_jobs()
        assert job.id == before[-1].id and [r.index for r in job.results] == [0]
        assert job.results[0].path is not None and job.results[0].path.is_file()
    assert report.reconstructed == [job.id]
    assert len(report.skipped) == len(before) - 1


def test_rebuild_refuses_while_another_process_has_the_library_open(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    fill(root)
    with Library(root), pytest.raises(LibraryError, match="open in another") as caught:
        rebuild(root)
    assert caught.value.code == "LibraryBusy"


def test_set_aside_folders_come_back_under_a_free_id(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    with Library(root) as lib:
        lib.create_job(make_spec("kept"), TINY, TINY_MASK, "a.png")
    backup = (root / DB_NAME).read_bytes()
    with Library(root) as lib:
        newer = lib.create_job(make_spec("newer"), TINY, TINY_MASK, "b.png")
        lib.save_result(newer.id, 0, TINY)
    os.remove(root / DB_NAME)
    (root / DB_NAME).write_bytes(backup)  # an older index restored from a backup
    with Library(root) as lib:
        again = lib.create_job(make_spec("again"), TINY, TINY_MASK, "c.png")
    assert check(root).set_aside
    report = rebuild(root)
    assert len(report.brought_back) == 1
    with Library(root) as lib:
        prompts = {j.prompt: j for j in lib.list_jobs()}
        assert set(prompts) == {"kept", "newer", "again"}
        assert prompts["again"].id == again.id
        assert [r.index for r in prompts["newer"].results] == [0]
    assert check(root).healthy


def test_check_reports_an_ok_index_and_its_counts(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    before = fill(root)
    report = check(root)
    assert report.index is IndexState.OK and report.healthy
    assert report.indexed == report.folders == len(before)
    shutil.rmtree(before[0].folder)
    report = check(root)
    assert report.folder_missing == [before[0].id] and not report.healthy
