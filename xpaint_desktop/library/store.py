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
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Unpack

from PIL import Image

from xpaint_desktop.errors import InputError
from xpaint_desktop.library import inputs, jobfile, opening, recovery, relocate
from xpaint_desktop.library.files import (
    DiskUsage,
    JobLayout,
    fsync_dir,
    library_bytes,
    png_bytes,
    remove_tree,
    result_bytes,
    sync_files,
    trash_name,
    write_atomic,
)
from xpaint_desktop.library.locks import LIBRARY_LOCK, SHARED_LOCKS, FileLock, JobClaim, claim_job
from xpaint_desktop.library.models import JobRecord, JobStatus, ResultRecord
from xpaint_desktop.library.opening import DB_NAME, IndexDiagnosis, IndexState
from xpaint_desktop.library.query import (
    JobFilter,
    JobQuery,
    JobQueryArgs,
    from_db_time,
    order_clause,
    to_db_time,
    where_clause,
)
from xpaint_desktop.library.rows import chunks, load_jobs, result_from_row
from xpaint_desktop.library.schema import (
    JOB_FILES_VERSION,
    SCHEMA_VERSION,
    LibraryError,
    has_fts,
    migrate,
    schema_version,
)
from xpaint_desktop.spec import JobSpec

log = logging.getLogger(__name__)

_LOCK_WAIT_S = 30.0
_IMPORT_BATCH = 200
_BUSY_TIMEOUT_MS = 30_000


@dataclass(frozen=True)
class NewJob:
    """Inputs of one job to add: what `create_job` takes, for `import_jobs` batches."""

    spec: JobSpec
    base: Image.Image
    mask: Image.Image
    source_name: str
    created_at: datetime | None = None  # now, unless importing an older job
    # The photo file's own bytes, kept as they are (not re-encoded). `base` must be what
    # `imaging.loading.load_image` makes of them: the composite is made from them again.
    base_bytes: bytes | None = None


def _now() -> str:
    return to_db_time(datetime.now(UTC))


def _check_inputs(job: NewJob) -> None:
    if job.base.size != job.mask.size:
        bw, bh = job.base.size
        mw, mh = job.mask.size
        raise InputError(
            f"The mask for {job.source_name!r} is {mw}x{mh} px but the image is {bw}x{bh} px; "
            "a mask must have exactly the size of its image."
        )


class Library:
    """The job library at `root`: open it, add and update jobs, query them, delete or move."""

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

    @classmethod
    def open(cls, root: Path) -> Library:
        return cls(root)

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

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

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
                (*params, _now(), job_id),
            )
            if cur.rowcount == 0:
                raise self._missing(job_id)
            jobfile.write(conn, self.root, job_id, sync=sync)

    # -- creating jobs ----------------------------------------------------------------------

    def create_job(
        self,
        spec: JobSpec,
        base: Image.Image,
        mask: Image.Image,
        source_name: str,
        *,
        base_bytes: bytes | None = None,
    ) -> JobRecord:
        """Store the inputs and a `queued` row, before anything is sent.

        The photo is kept once under `inputs/` (its own bytes when `base_bytes` are given, else
        a lossless PNG), the mask as a 1-bit PNG in the job's folder.
        """
        new = NewJob(spec, base, mask, source_name, base_bytes=base_bytes)
        return self.import_jobs([new])[0]

    def import_jobs(self, jobs: Iterable[NewJob]) -> list[JobRecord]:
        """Add many jobs at once (a batch, or jobs brought from elsewhere), in a few commits.

        Each image is encoded once even when shared by several jobs (one mask for a batch).
        A job's row is committed only after its files are on disk; on failure, the files of
        the uncommitted jobs are removed.
        """
        items = list(jobs)
        for item in items:
            _check_inputs(item)
        photos: dict[int, tuple[str, bytes]] = {}
        masks: dict[tuple[int, str], bytes] = {}

        def photo(job: NewJob) -> tuple[str, bytes]:
            if job.base_bytes is not None:
                return inputs.photo_file(job.base_bytes), job.base_bytes
            if id(job.base) not in photos:
                data = png_bytes(job.base)
                photos[id(job.base)] = (inputs.photo_file(data), data)
            return photos[id(job.base)]

        def stored(job: NewJob) -> tuple[NewJob, str, bytes, bytes]:
            rel, data = photo(job)
            if (id(job.mask), rel) not in masks:
                masks[id(job.mask), rel] = inputs.mask_bytes(job.mask, rel)
            return job, rel, data, masks[id(job.mask), rel]

        ids: list[int] = []
        for start in range(0, len(items), _IMPORT_BATCH):
            ids += self._insert_batch([stored(j) for j in items[start : start + _IMPORT_BATCH]])
            photos.clear()
            masks.clear()
        return self.get_jobs(ids)

    def _insert_batch(self, batch: list[tuple[NewJob, str, bytes, bytes]]) -> list[int]:
        """Inputs on disk, then the rows committed, then each folder's `job.json`.

        A failure removes the new folders before the transaction ends: while it holds the
        write lock no other process can be creating those ids.
        """
        written: list[Path] = []
        files: list[Path] = []
        new_photos: list[Path] = []
        ids: list[int] = []
        try:
            with self._write() as conn:
                try:
                    for job, photo, base_data, mask_png in batch:
                        job_id, layout = self._insert_row(conn, job, photo)
                        folder = self.root / layout.folder
                        if folder.exists():  # left by a creation that never committed
                            recovery.discard_orphan(folder)
                        written.append(folder)
                        if not (self.root / photo).is_file():  # kept once for every job
                            write_atomic(self.root / photo, base_data, sync=False)
                            new_photos.append(self.root / photo)
                        write_atomic(self.root / layout.mask, mask_png, sync=False)
                        files.append(self.root / layout.mask)
                        ids.append(job_id)
                    sync_files(files + new_photos)  # on disk before the rows are committed
                except BaseException:
                    self._remove_folders(written)
                    for path in new_photos:  # no other job can name them: the lock is ours
                        path.unlink(missing_ok=True)
                    raise
        except OSError as exc:
            raise opening.write_error(self.root, exc) from exc
        self._describe_new_jobs(ids)
        return ids

    def _describe_new_jobs(self, ids: list[int]) -> None:
        conn = self._conn()
        try:
            for job_id in ids:
                jobfile.write(conn, self.root, job_id, sync=False)
        except OSError as exc:
            log.warning("job files not described yet (%s); `library check` writes them", exc)

    def _insert_row(
        self, conn: sqlite3.Connection, job: NewJob, photo: str
    ) -> tuple[int, JobLayout]:
        created = job.created_at or datetime.now(UTC)
        stamp = to_db_time(created)
        spec = job.spec
        cur = conn.execute(
            """INSERT INTO jobs (created_at, updated_at, spec_json, prompt, style, engine, model,
                   parent_job_id, status, source_name, folder, width, height, base_file)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)""",
            (
                stamp,
                stamp,
                spec.to_json(),
                spec.prompt,
                spec.style,
                str(spec.engine),
                spec.model,
                spec.parent_job_id,
                str(JobStatus.QUEUED),
                job.source_name,
                *job.base.size,
                photo,
            ),
        )
        job_id = int(cur.lastrowid or 0)
        year = created.astimezone(UTC).year if created.tzinfo else created.year
        layout = JobLayout.for_job(year, job_id)
        conn.execute("UPDATE jobs SET folder = ? WHERE id = ?", (layout.folder, job_id))
        return job_id, layout

    @staticmethod
    def _remove_folders(folders: list[Path]) -> None:
        for folder in folders:
            try:
                remove_tree(folder)
            except OSError:
                log.warning("could not remove %s; it is cleaned up on the next start", folder)

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
                (job_id, index, rel, comp_rel, code, message, _now()),
            )
            conn.execute("UPDATE jobs SET updated_at = ? WHERE id = ?", (_now(), job_id))
            jobfile.write(conn, self.root, job_id)
            row = conn.execute(
                "SELECT * FROM results WHERE job_id = ? AND idx = ?", (job_id, index)
            ).fetchone()
        for stale in (old[0], old[1]) if old is not None else ():
            if stale is not None and stale not in (rel, comp_rel):
                (self.root / stale).unlink(missing_ok=True)
        return result_from_row(self.root, row)

    # -- reading jobs -----------------------------------------------------------------------

    def get_job(self, job_id: int) -> JobRecord:
        jobs = self.get_jobs([job_id])
        if not jobs:
            raise self._missing(job_id)
        return jobs[0]

    def get_jobs(self, job_ids: Sequence[int]) -> list[JobRecord]:
        """Records for `job_ids`, in that order; ids not in the library are skipped."""
        ids = list(job_ids)
        found: dict[int, JobRecord] = {}
        with self._read() as conn:
            for part in chunks(ids):
                marks = ", ".join("?" * len(part))
                rows = conn.execute(
                    f"SELECT * FROM jobs WHERE id IN ({marks})", tuple(part)
                ).fetchall()
                found.update((j.id, j) for j in load_jobs(conn, self.root, rows))
        return [found[i] for i in ids if i in found]

    def list_jobs(self, **query: Unpack[JobQueryArgs]) -> list[JobRecord]:
        """Jobs matching the filters (see `JobFilter`), newest first unless told otherwise."""
        q = JobQuery(**query)
        where, params = where_clause(q, fts=self._fts)
        order, order_params = order_clause(q)
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT * FROM jobs{where}{order}", (*params, *order_params)
            ).fetchall()
            return load_jobs(conn, self.root, rows)

    def search(self, text: str, **query: Unpack[JobQueryArgs]) -> list[JobRecord]:
        """`list_jobs(search=text, ...)`: prompt and note, Chinese or English, any case."""
        query["search"] = text
        return self.list_jobs(**query)

    def job_ids(self, **query: Unpack[JobQueryArgs]) -> list[int]:
        """Only the ids of `list_jobs` (cheap: for a model that loads records lazily)."""
        q = JobQuery(**query)
        where, params = where_clause(q, fts=self._fts)
        order, order_params = order_clause(q)
        rows = self._conn().execute(
            f"SELECT jobs.id FROM jobs{where}{order}", (*params, *order_params)
        )
        return [int(r[0]) for r in rows]

    def count_jobs(self, **filters: Unpack[JobFilter]) -> int:
        where, params = where_clause(JobQuery(**filters), fts=self._fts)
        return int(self._conn().execute(f"SELECT COUNT(*) FROM jobs{where}", params).fetchone()[0])

    def unfinished_jobs(self) -> list[JobRecord]:
        """Jobs that are not finished (including interrupted ones), oldest first."""
        unfinished = [s for s in JobStatus if not s.is_finished]
        return self.list_jobs(statuses=unfinished, descending=False)

    def children(self, job_id: int) -> list[JobRecord]:
        """Jobs made from one of this job's results (by `spec.parent_job_id`), oldest first."""
        rows = self._conn().execute(
            "SELECT id FROM jobs WHERE parent_job_id = ? ORDER BY id", (job_id,)
        )
        return self.get_jobs([int(r[0]) for r in rows])

    def parent(self, job_id: int) -> JobRecord | None:
        """The job this one was made from, or None (none, or since deleted)."""
        row = (
            self._conn()
            .execute("SELECT parent_job_id FROM jobs WHERE id = ?", (job_id,))
            .fetchone()
        )
        if row is None:
            raise self._missing(job_id)
        parents = self.get_jobs([row[0]]) if row[0] is not None else []
        return parents[0] if parents else None

    def usage_by_day(self, model: str | None = None) -> list[tuple[date, int]]:
        """Images billed per local calendar day, oldest first (days without usage left out);
        only `model`'s when one is given."""
        per_day: dict[date, int] = {}
        sql = "SELECT created_at, image_count FROM jobs WHERE image_count > 0"
        params: tuple[str, ...] = ()
        if model is not None:
            sql, params = sql + " AND model = ?", (model,)
        for created, count in self._conn().execute(sql, params):
            key = from_db_time(created).astimezone().date()
            per_day[key] = per_day.get(key, 0) + int(count)
        return sorted(per_day.items())

    def total_images(self, model: str | None = None) -> int:
        """Images billed in all; only `model`'s when one is given."""
        sql = "SELECT COALESCE(SUM(image_count), 0) FROM jobs"
        params: tuple[str, ...] = ()
        if model is not None:
            sql, params = sql + " WHERE model = ?", (model,)
        row = self._conn().execute(sql, params).fetchone()
        return int(row[0])

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
        photo_aside: tuple[Path, Path] | None = None
        try:
            with self._write() as conn:
                row = conn.execute("SELECT base_file FROM jobs WHERE id = ?", (job_id,)).fetchone()
                conn.execute("DELETE FROM jobs WHERE id = ?", (job_id,))
                photo_aside = self._photo_no_longer_named(conn, row)
        except BaseException:
            if photo_aside is not None:
                os.replace(photo_aside[1], photo_aside[0])
            if trash is not None:
                os.replace(trash, folder)
            raise
        for leftover in (trash, photo_aside[1] if photo_aside else None):
            if leftover is None:
                continue
            try:
                remove_tree(leftover) if leftover.is_dir() else leftover.unlink(missing_ok=True)
            except OSError as exc:
                log.warning("job %d: %s left (%s); removed on next start", job_id, leftover, exc)

    def _photo_no_longer_named(
        self, conn: sqlite3.Connection, row: sqlite3.Row | None
    ) -> tuple[Path, Path] | None:
        """Set the deleted job's photo aside if no job names it any more (inside the write
        transaction, so no creation can be naming it meanwhile): (its place, where it went)."""
        photo = row["base_file"] if row is not None else None
        if not photo:
            return None
        named = conn.execute("SELECT 1 FROM jobs WHERE base_file = ? LIMIT 1", (photo,))
        if named.fetchone() is not None or recovery.has_set_aside_folders(self.root):
            return None  # a folder set aside for `library rebuild` may name it: kept
        aside = inputs.set_photo_aside(self.root / photo)
        return None if aside is None else (self.root / photo, aside)

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
