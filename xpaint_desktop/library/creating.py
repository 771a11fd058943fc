"""Creating jobs: the inputs on disk (the photo once, the mask), then the row, then job.json."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image

from xpaint_desktop.errors import InputError
from xpaint_desktop.library import inputs, jobfile, opening, recovery
from xpaint_desktop.library.files import (
    JobLayout,
    png_bytes,
    remove_tree,
    sync_files,
    write_atomic,
)
from xpaint_desktop.library.models import JobRecord, JobStatus
from xpaint_desktop.library.query import (
    to_db_time,
)
from xpaint_desktop.library.reading import JobReading
from xpaint_desktop.spec import JobSpec

log = logging.getLogger(__name__)

_IMPORT_BATCH = 200


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


def _check_inputs(job: NewJob) -> None:
    if job.base.size != job.mask.size:
        bw, bh = job.base.size
        mw, mh = job.mask.size
        raise InputError(
            f"The mask for {job.source_name!r} is {mw}x{mh} px but the image is {bw}x{bh} px; "
            "a mask must have exactly the size of its image."
        )


class JobCreation(JobReading):
    """Adding jobs to `Library`."""

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
