"""Reading jobs: one, many, filtered and ordered, lineage and usage (one snapshot each)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Unpack

from xpaint_desktop.library.connection import LibraryIndex
from xpaint_desktop.library.models import JobRecord, JobStatus
from xpaint_desktop.library.query import (
    JobFilter,
    JobQuery,
    JobQueryArgs,
    from_db_time,
    order_clause,
    where_clause,
)
from xpaint_desktop.library.rows import chunks, load_jobs


class JobReading(LibraryIndex):
    """The queries of `Library`."""

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
