"""Schema versions and migrations, on real database files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.library.helpers import TINY, TINY_MASK, make_spec
from xpaint_desktop.library.schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    LibraryError,
    Migration,
    migrate,
    schema_version,
)
from xpaint_desktop.library.store import DB_NAME, Library


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    return sqlite3.connect(path, isolation_level=None)


def test_a_new_library_is_at_the_latest_version_in_wal_mode(library: Library) -> None:
    conn = _connect(library.db_path)
    try:
        assert schema_version(conn) == SCHEMA_VERSION == len(MIGRATIONS)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


def test_a_version_1_library_is_migrated_and_its_jobs_become_searchable(tmp_path: Path) -> None:
    root = tmp_path / "old"
    conn = _connect(root / DB_NAME)
    assert migrate(conn, MIGRATIONS[:1]) == 1
    spec = make_spec("一只戴红色眼镜的狗")
    conn.execute(
        """INSERT INTO jobs (created_at, updated_at, spec_json, prompt, style, engine, model,
               status, source_name, folder, width, height, note, image_count)
           VALUES ('2024-02-03T04:05:06.000000Z', '2024-02-03T04:05:06.000000Z', ?, ?, '<auto>',
               'cloud', 'wanx-x-painting', 'done', 'dog.png', 'jobs/2024/1', 8, 6,
               'old note', 4)""",
        (spec.to_json(), spec.prompt),
    )
    conn.close()

    with Library(root) as lib:
        check = _connect(root / DB_NAME)
        assert schema_version(check) == SCHEMA_VERSION
        indexes = {r[0] for r in check.execute("SELECT name FROM sqlite_master")}
        check.close()
        assert {"jobs_fts", "jobs_favourite", "jobs_usage"} <= indexes
        assert [j.spec for j in lib.list_jobs(search="红色眼镜")] == [spec]
        assert lib.count_jobs(search="OLD NOTE") == 1
        assert lib.total_images() == 4
        new = lib.create_job(make_spec("red glasses"), TINY, TINY_MASK, "n.png")
        assert new.id == 2 and lib.job_ids(search="glasses") == [2]


def test_a_failing_migration_leaves_the_previous_version(tmp_path: Path) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("disk trouble")

    conn = _connect(tmp_path / "db.sqlite3")
    migrate(conn, MIGRATIONS[:1])
    with pytest.raises(RuntimeError, match="disk trouble"):
        migrate(conn, (*MIGRATIONS[:1], Migration(2, "broken", broken)))
    assert schema_version(conn) == 1
    assert (
        conn.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchone() is None
    )
    assert migrate(conn) == SCHEMA_VERSION
    conn.close()


def test_a_library_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    Library(root).close()
    conn = _connect(root / DB_NAME)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(LibraryError, match=f"format version {SCHEMA_VERSION + 5}.*Update"):
        Library(root)


def test_job_files_without_their_index_are_not_overwritten(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    with Library(root) as lib:
        job = lib.create_job(make_spec(), TINY, TINY_MASK, "a.png")
    (root / DB_NAME).unlink()
    with pytest.raises(
        LibraryError, match=f"holds 1 job folder.* no index file {DB_NAME}.*rebuild"
    ):
        Library(root)
    assert job.base_path.exists()


def test_a_damaged_index_file_is_reported_as_such(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    root.mkdir()
    (root / DB_NAME).write_bytes(b"this is not a database" * 100)
    with pytest.raises(LibraryError, match=r"is damaged.*Nothing was changed.*library rebuild"):
        Library(root)
