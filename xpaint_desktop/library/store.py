"""The library: every job, its inputs and its results, kept on disk for years.

The files are the truth. Each job folder (`jobs/<yyyy>/<id>/`) holds the inputs, the results
and `job.json`, the job's own description, rewritten atomically inside the transaction that
changes its row. The SQLite file (`library.sqlite3`, WAL) is an index over the folders: when it
is missing, empty or damaged, opening says so and changes nothing, and `library rebuild` makes a
new one from the folders. Files are written before the row that points at them is committed,
and a job's folder is renamed to a trash name before its row is deleted, so a process killed
between any two steps leaves a consistent library.

Several processes may use one library: SQLite serialises the writes, each open library holds a
shared lock so crash debris is swept only by a process alone with it, and a job is run only by
the process that holds its claim (`claim_job`). A library that cannot be written opens
read-only: browsing works, writes raise `LibraryError` saying why.

The worker thread writes and the UI thread reads; each thread gets its own connection.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PIL import Image

from xpaint_desktop.library import inputs, jobfile, patches, recovery, relocate
from xpaint_desktop.library.connection import LibraryIndex, db_now
from xpaint_desktop.library.creating import JobCreation, NewJob
from xpaint_desktop.library.files import (
    DiskUsage,
    fsync_dir,
    library_bytes,
    png_bytes,
    remove_tree,
    result_bytes,
    trash_name,
    write_atomic,
)
from xpaint_desktop.library.locks import JobClaim, claim_job
from xpaint_desktop.library.models import JobStatus, ResultRecord
from xpaint_desktop.library.opening import DB_NAME
from xpaint_desktop.library.query import to_db_time
from xpaint_desktop.library.rows import result_from_row
from xpaint_desktop.library.schema import (
    LibraryError,
)

__all__ = ["DB_NAME", "Library", "LibraryError", "LibraryIndex", "NewJob"]

log = logging.getLogger(__name__)


class Library(JobCreation):
    """The job library at `root`: open it, add and update jobs, query them, delete or move."""

    @classmethod
    def open(cls, root: Path) -> Library:
        return cls(root)

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- updating jobs ----------------------------------------------------------------------

    def set_status(
        self,
        job_id: int,
        status: JobStatus,
        *,
        error_code: str | None = None,
        error_message: str | None = None,
        request_id: str | None = None,
    ) -> None:
        """Record a new status; the error fields are replaced, a given request id is kept."""
        self._update(
            job_id,
            "status = ?, error_code = ?, error_message = ?, request_id = COALESCE(?, request_id)",
            (str(JobStatus(status)), error_code, error_message, request_id),
        )

    def set_task_id(self, job_id: int, task_id: str | None) -> None:
        """Store the service's task id, synced to disk at once: it is what makes resuming safe."""
        conn = self._conn()
        conn.execute("PRAGMA synchronous = FULL")
        try:
            self._update(job_id, "task_id = ?", (task_id,), sync=True)
        finally:
            conn.execute("PRAGMA synchronous = NORMAL")

    def set_creation_sent(self, job_id: int, moment: datetime | None) -> None:
        """Record (synced at once) that a task-creation request is about to go out, or clear it.

        After a lost answer or a crash this moment bounds the search in the task list.
        """
        conn = self._conn()
        conn.execute("PRAGMA synchronous = FULL")
        try:
            value = None if moment is None else to_db_time(moment)
            self._update(job_id, "creation_sent_at = ?", (value,), sync=True)
        finally:
            conn.execute("PRAGMA synchronous = NORMAL")

    def task_ids_since(self, moment: datetime) -> set[str]:
        """Task ids stored since `moment`: every task created after it that the library knows
        (a job changes, and so gets a newer `updated_at`, when its task id is stored)."""
        rows = self._conn().execute(
            "SELECT task_id FROM jobs WHERE task_id IS NOT NULL AND updated_at >= ?",
            (to_db_time(moment),),
        )
        return {str(r[0]) for r in rows}

    def set_placement(self, job_id: int, placement_json: str | None) -> None:
        self._update(job_id, "placement_json = ?", (placement_json,))

    def set_usage(self, job_id: int, image_count: int | None) -> None:
        """The number of images the service billed for the job (its `usage.image_count`)."""
        self._update(job_id, "image_count = ?", (image_count,))

    def set_favourite(self, job_id: int, favourite: bool) -> None:
        self._update(job_id, "favourite = ?", (1 if favourite else 0,))

    def set_note(self, job_id: int, note: str) -> None:
        self._update(job_id, "note = ?", (note,))

    def save_result(
        self,
        job_id: int,
        index: int,
        image: bytes | Image.Image,
        composite: Image.Image | None = None,
    ) -> ResultRecord:
        """Store result `index` (downloaded bytes kept as they are) and its composite."""
        with self._read() as conn:
            layout = self._folder_of(conn, job_id)
        try:
            data, ext = result_bytes(image, f"Result {index} of job {job_id}")
        except ValueError as exc:
            raise LibraryError(str(exc), code="InvalidResultImage") from exc
        rel = layout.result(index, ext)
        write_atomic(self.root / rel, data)
        comp_rel = None
        if composite is not None:
            comp_rel = layout.composite(index)
            write_atomic(self.root / comp_rel, png_bytes(composite))
        return self._put_result(job_id, index, rel, comp_rel, None, None)

    def save_result_failure(self, job_id: int, index: int, code: str, message: str) -> ResultRecord:
        """Record that result `index` failed on the service (the others may have succeeded)."""
        return self._put_result(job_id, index, None, None, code, message)

    def _put_result(
        self,
        job_id: int,
        index: int,
        rel: str | None,
        comp_rel: str | None,
        code: str | None,
        message: str | None,
    ) -> ResultRecord:
        with self._write() as conn:
            self._folder_of(conn, job_id)
            old = conn.execute(
                "SELECT path, composite_path FROM results WHERE job_id = ? AND idx = ?",
                (job_id, index),
            ).fetchone()
            conn.execute(
                """INSERT OR REPLACE INTO results
                   (job_id, idx, path, composite_path, code, message, created_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?)""",
                (job_id, index, rel, comp_rel, code, message, db_now()),
            )
            conn.execute("UPDATE jobs SET updated_at = ? WHERE id = ?", (db_now(), job_id))
            jobfile.write(conn, self.root, job_id)
            row = conn.execute(
                "SELECT * FROM results WHERE job_id = ? AND idx = ?", (job_id, index)
            ).fetchone()
        for stale in (old[0], old[1]) if old is not None else ():
            if stale is not None and stale not in (rel, comp_rel):
                (self.root / stale).unlink(missing_ok=True)
        return result_from_row(self.root, row)

    # -- deleting and moving ----------------------------------------------------------------

    def delete_job(self, job_id: int) -> None:
        """Delete a job's files and row together: never one without the other.

        Renaming the folder to a trash name is the decision (a folder so named no longer
        describes a job); a crash after it is finished by the next sweep. The job's photo goes
        too when no other job names it.
        """
        self.refuse_if_read_only()
        with self._read() as conn:
            folder = self.root / self._folder_of(conn, job_id).folder
        trash = trash_name(folder) if folder.exists() else None
        if trash is not None:
            try:
                os.replace(folder, trash)
            except FileNotFoundError:  # another process deleted it meanwhile
                trash = None
            else:
                fsync_dir(folder.parent)
        photos_aside: list[tuple[Path, Path]] = []
        try:
            with self._write() as conn:
                row = conn.execute("SELECT base_file FROM jobs WHERE id = ?", (job_id,)).fetchone()
                conn.execute("DELETE FROM jobs WHERE id = ?", (job_id,))
                self._photos_no_longer_named(conn, row, photos_aside)
        except BaseException:
            for place, aside in reversed(photos_aside):
                os.replace(aside, place)
            if trash is not None:
                os.replace(trash, folder)
            raise
        for leftover in (trash, *(aside for _, aside in photos_aside)):
            if leftover is None:
                continue
            try:
                remove_tree(leftover) if leftover.is_dir() else leftover.unlink(missing_ok=True)
            except OSError as exc:
                log.warning("job %d: %s left (%s); removed on next start", job_id, leftover, exc)

    def _photos_no_longer_named(
        self, conn: sqlite3.Connection, row: sqlite3.Row | None, aside: list[tuple[Path, Path]]
    ) -> None:
        """Set the deleted job's photo aside if no job names it any more and no patch lies
        over it, then the photo under it (a patch's) the same way (inside the write
        transaction, so no creation can be naming them meanwhile); each (its place, where it
        went) is added to `aside`."""
        photo = row["base_file"] if row is not None else None
        if not photo or recovery.has_set_aside_folders(self.root):
            return  # a folder set aside for `library rebuild` may name it: kept
        while photo:
            named = conn.execute("SELECT 1 FROM jobs WHERE base_file = ? LIMIT 1", (photo,))
            if named.fetchone() is not None or patches.patches_over(self.root, photo):
                return
            below = patches.under(self.root, photo)
            went = inputs.set_photo_aside(self.root / photo)
            if went is None:
                return
            aside.append((self.root / photo, went))
            photo = below

    def disk_usage(self) -> DiskUsage:
        """Bytes the library takes: index, job folders, photos (each photo counted once)."""
        return library_bytes(self.root, DB_NAME)

    def claim_job(self, job_id: int) -> JobClaim | None:
        """The right to run `job_id` in this process, or None if another process or thread
        has it. Hold it while the job runs and release it after (the operating system releases
        it if the process dies). Re-read the job after claiming: it may have finished meanwhile.
        """
        self.refuse_if_read_only()
        return claim_job(self.root, job_id)

    def move_to(self, new_root: Path) -> Library:
        """Copy the library to `new_root`, verify the copy, open it, then remove the old one.

        Call it while no job is running. On any failure the old library stays as it was and
        the partial copy is removed. This library is closed on success.
        """
        new_root = Path(new_root).absolute()
        relocate.check_target(self.root, new_root)
        # A second connection holds the write lock so nothing changes while this one copies
        # (a backup cannot read through the connection that holds the lock).
        guard = sqlite3.connect(self.db_path, isolation_level=None, timeout=30)
        try:
            guard.execute("BEGIN IMMEDIATE")
            with self._read() as conn:
                relocate.copy_library(conn, self.root, new_root, DB_NAME)
        finally:
            guard.close()
        moved = Library(new_root)
        self.close()
        relocate.remove_old(self.root, DB_NAME)
        log.info("library moved from %s to %s", self.root, new_root)
        return moved
