"""Odd places and several users of one library: read-only opening, bad folders, job claims."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.library.helpers import TINY, TINY_MASK, make_spec
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.library.opening import LibraryPathError
from xpaint_desktop.library.pngmeta import export_png
from xpaint_desktop.library.schema import LibraryError
from xpaint_desktop.library.store import DB_NAME, Library

REPO = Path(__file__).resolve().parents[2]


def _library_with_a_job(root: Path) -> int:
    with Library(root) as lib:
        job = lib.create_job(make_spec("read me"), TINY, TINY_MASK, "a.png")
        lib.save_result(job.id, 0, TINY, composite=TINY)
        lib.set_status(job.id, JobStatus.DONE)
        return job.id


def test_a_read_only_library_is_browsed_searched_and_exported_but_refuses_writes(
    tmp_path: Path,
) -> None:
    root = tmp_path / "lib"
    job_id = _library_with_a_job(root)

    def files() -> list[tuple[Path, int]]:
        # SQLite may add its -wal/-shm side files to read a WAL database in a writable folder.
        found = [
            p for p in root.rglob("*") if p.is_file() and not p.name.endswith(("-wal", "-shm"))
        ]
        return sorted((p, p.stat().st_mtime_ns) for p in found)

    before = files()
    with Library(root, read_only=True) as lib:
        assert lib.read_only
        assert [j.id for j in lib.search("read")] == [job_id]
        out = export_png(lib.get_job(job_id), 0, tmp_path)
        assert out.is_file()
        for write in (
            lambda: lib.set_favourite(job_id, True),
            lambda: lib.create_job(make_spec(), TINY, TINY_MASK, "b.png"),
            lambda: lib.delete_job(job_id),
            lambda: lib.claim_job(job_id),
        ):
            with pytest.raises(LibraryError, match=r"read-only.*browsed.*Copy it") as caught:
                write()
            assert caught.value.code == "ReadOnlyLibrary"
    assert files() == before


def test_a_library_path_that_is_a_file_is_named_with_the_fix(tmp_path: Path) -> None:
    target = tmp_path / "not-a-folder"
    target.write_text("x")
    with pytest.raises(LibraryPathError, match=f"{target} is a file.*XPAINT_HOME"):
        Library(target)
    with pytest.raises(LibraryPathError, match=f"because {target} is a file"):
        Library(target / "lib")
    assert target.read_text() == "x"


def test_a_library_that_cannot_be_created_is_named_with_the_fix(tmp_path: Path) -> None:
    with pytest.raises(LibraryPathError, match="/proc/xpaint-lib cannot be created"):
        Library(Path("/proc/xpaint-lib"))


def test_one_job_is_claimed_by_one_process_at_a_time(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    job_id = _library_with_a_job(root)
    probe = (
        "import sys; from xpaint_desktop.library.store import Library; "
        "lib = Library(sys.argv[1]); print(lib.claim_job(int(sys.argv[2])) is not None)"
    )

    def other_process_claims() -> bool:
        out = subprocess.run(
            [sys.executable, "-c", probe, str(root), str(job_id)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
        return out.strip() == "True"

    with Library(root) as lib:
        claim = lib.claim_job(job_id)
        assert claim is not None
        assert lib.claim_job(job_id) is None  # another thread of this process
        assert not other_process_claims()
        claim.release()
        assert other_process_claims()  # and its claim ended with the process
        with lib.claim_job(job_id) as again:
            assert again is not None and again.held


def test_opening_deletes_nothing_while_another_process_creates(tmp_path: Path) -> None:
    """The old clean-up on open removed a folder another process was creating."""
    root = tmp_path / "lib"
    _library_with_a_job(root)
    with Library(root) as creator:
        # What a creation in flight looks like from outside: a folder without a committed row.
        in_flight = root / "jobs" / "2026" / "99"
        in_flight.mkdir(parents=True)
        (in_flight / "base.png").write_bytes(b"being written")
        with Library(root) as reader:
            assert reader.count_jobs() == 1
        assert (in_flight / "base.png").read_bytes() == b"being written"
        assert creator.count_jobs() == 1
    assert (root / DB_NAME).is_file()
