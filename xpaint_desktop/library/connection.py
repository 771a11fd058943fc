"""The library's index: opening it (migrating older formats, moving older libraries' photos
under `inputs/`), one SQLite connection per thread, and the write and read transactions every
other part of the library goes through. `Library` (in `store`) is built on it.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from xpaint_desktop.library import inputs, jobfile, opening, recovery
from xpaint_desktop.library.files import (
    JobLayout,
)
from xpaint_desktop.library.locks import LIBRARY_LOCK, SHARED_LOCKS, FileLock
from xpaint_desktop.library.opening import DB_NAME, IndexDiagnosis, IndexState
from xpaint_desktop.library.query import (
    to_db_time,
)
from xpaint_desktop.library.schema import (
    JOB_FILES_VERSION,
    SCHEMA_VERSION,
    LibraryError,
    has_fts,
    migrate,
    schema_version,
)

log = logging.getLogger(__name__)

_LOCK_WAIT_S = 30.0
_BUSY_TIMEOUT_MS = 30_000


def db_now() -> str:
    return to_db_time(datetime.now(UTC))


class LibraryIndex:
    """An open library's index and folders; see `Library` for what it offers."""

    def __init__(self, root: Path, *, read_only: bool | None = None) -> None:
        """Open the library at `root`, creating it if the folder holds no library yet.

        `read_only` None: decided by whether the folder can be written. Raises
        `LibraryPathError` for a folder that cannot hold a library and `LibraryError` (with
        advice, changing nothing) for an index that is missing, empty or damaged.
        """
        self.root = Path(root).absolute()
        self.db_path = self.root / DB_NAME
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._closed = False
        opening.ensure_folder(self.root)
        reason = opening.read_only_reason(self.root)
        if read_only is not None:
            reason = "opened read-only" if read_only else None
        self.read_only_reason = reason
        diagnosis = opening.diagnose(self.root)
        if diagnosis.state not in (IndexState.OK, IndexState.NEW):
            raise opening.unusable_index_error(self.root, diagnosis)
        if diagnosis.state is IndexState.NEW and self.read_only_reason:
            raise LibraryError(
                f"There is no library in {self.root}, and a new one cannot be made there: "
                f"{self.read_only_reason}.",
                code="ReadOnlyLibrary",
            )
        self._library_lock = FileLock(self.root / LIBRARY_LOCK)
        try:
            self._open_index()
        except sqlite3.DatabaseError as exc:
            self.close()
            raise opening.unusable_index_error(
                self.root, IndexDiagnosis(IndexState.DAMAGED, str(exc))
            ) from exc
        except OSError as exc:
            self.close()
            raise opening.path_error(self.root, exc) from exc
        except BaseException:
            self.close()
            raise

    def _open_index(self) -> None:
        if self.read_only_reason:
            conn = self._conn()
            version = schema_version(conn)
            if version > SCHEMA_VERSION:
                migrate(conn, where=str(self.db_path))  # raises: newer than this application
            self._fts = has_fts(conn)
            return
        # Alone with the library (no other process has it open): sweep crash debris first.
        if self._library_lock.acquire(exclusive=True):
            conn = self._prepare_index()
            recovery.sweep(conn, self.root)
            self._library_lock.release()
        else:
            conn = self._prepare_index()
        if (
            SHARED_LOCKS
            and not self._library_lock.acquire(exclusive=False, wait_s=_LOCK_WAIT_S)
            and not self._library_lock.unavailable
        ):
            raise LibraryError(
                f"The library at {self.root} is being rebuilt or repaired by another process; "
                "try again when it has finished.",
                code="LibraryBusy",
            )

    def _prepare_index(self) -> sqlite3.Connection:
        conn = self._conn()
        conn.execute("PRAGMA journal_mode = WAL")
        before = schema_version(conn)
        migrate(conn, where=str(self.db_path))
        self._fts = has_fts(conn)
        if before < JOB_FILES_VERSION:
            self._write_job_files()  # folders of older libraries learn to describe themselves
        self._move_legacy_photos()
        return conn

    def _write_job_files(self) -> None:
        with self._write() as conn:
            ids = [int(r[0]) for r in conn.execute("SELECT id FROM jobs")]
            for job_id in ids:
                jobfile.write(conn, self.root, job_id, sync=False)
        if ids and hasattr(os, "sync"):
            os.sync()

    def _move_legacy_photos(self) -> None:
        """Jobs of older libraries keep their photo in their folder (`base.png`): keep it once
        under `inputs/` instead. Runs again on the next open if it was interrupted."""
        conn = self._conn()
        rows = conn.execute(
            "SELECT id, folder FROM jobs WHERE base_file IS NULL AND folder != ''"
        ).fetchall()
        placed = []
        for row in rows:
            rel = inputs.place_legacy_photo(self.root, row["folder"])
            if rel is not None:
                placed.append((int(row["id"]), str(row["folder"]), rel))
        if not placed:
            return
        with self._write() as conn:
            for job_id, _, rel in placed:
                conn.execute(
                    "UPDATE jobs SET base_file = ? WHERE id = ? AND base_file IS NULL",
                    (rel, job_id),
                )
                jobfile.write(conn, self.root, job_id, sync=False)
        if hasattr(os, "sync"):
            os.sync()
        for _, folder, _ in placed:  # the rows name the new place: the old copies may go
            (self.root / folder / inputs.LEGACY_BASE).unlink(missing_ok=True)
        log.info("%d photo(s) of older jobs now kept once under inputs/", len(placed))

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    # -- connections and transactions -------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        with self._lock:
            if self._closed:
                raise LibraryError(f"The library at {self.root} has been closed.")
            conn = self._connect()
            self._connections.append(conn)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        self._local.conn = conn
        return conn

    def _connect(self) -> sqlite3.Connection:
        if not self.read_only_reason:
            return sqlite3.connect(
                self.db_path, isolation_level=None, check_same_thread=False, timeout=30
            )
        uri = self.db_path.as_uri()
        try:
            conn = sqlite3.connect(
                f"{uri}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
            )
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError:
            # A WAL library on a read-only disk, without its -shm file: nobody can be
            # writing it, so it may be read as immutable.
            return sqlite3.connect(
                f"{uri}?immutable=1", uri=True, isolation_level=None, check_same_thread=False
            )

    def refuse_if_read_only(self) -> None:
        """Raise `LibraryError` (code ReadOnlyLibrary) saying why nothing can be written."""
        if self.read_only_reason:
            raise LibraryError(
                f"The library at {self.root} is read-only ({self.read_only_reason}): its jobs "
                "can be browsed, searched and exported, but nothing can be added or changed. "
                "Copy it to a folder you can write, or fix its permissions.",
                code="ReadOnlyLibrary",
            )

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        self.refuse_if_read_only()
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """One snapshot for several SELECTs (jobs and their results agree)."""
        conn = self._conn()
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            conn.execute("COMMIT")

    def close(self) -> None:
        """Close every thread's connection; later calls raise `LibraryError`."""
        with self._lock:
            self._closed = True
            connections, self._connections = self._connections, []
        for conn in connections:
            conn.close()
        self._local = threading.local()
        lock = getattr(self, "_library_lock", None)
        if lock is not None:
            lock.release()

    def _missing(self, job_id: int) -> KeyError:
        return KeyError(f"Job {job_id} is not in the library at {self.root}")

    def _folder_of(self, conn: sqlite3.Connection, job_id: int) -> JobLayout:
        row = conn.execute("SELECT folder FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise self._missing(job_id)
        return JobLayout(row["folder"])

    def _update(
        self, job_id: int, assignments: str, params: Sequence[Any], *, sync: bool = False
    ) -> None:
        """Change a row; its `job.json` is rewritten before the change is committed.

        Like the index (WAL, `synchronous = NORMAL`) the file reaches the disk soon after, not
        at once, unless `sync`.
        """
        with self._write() as conn:
            cur = conn.execute(
                f"UPDATE jobs SET {assignments}, updated_at = ? WHERE id = ?",
                (*params, db_now(), job_id),
            )
            if cur.rowcount == 0:
                raise self._missing(job_id)
            jobfile.write(conn, self.root, job_id, sync=sync)
