"""Turning SQLite rows into records, with paths made absolute against the library root.

The database stores paths relative to the root so a library can be moved or restored from a
backup to another folder and still open.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from xpaint_desktop.library.files import JobLayout
from xpaint_desktop.library.models import JobRecord, JobStatus, ResultRecord
from xpaint_desktop.library.query import from_db_time
from xpaint_desktop.spec import EngineKind, JobSpec

# SQLite allows 999 host parameters in old builds; stay well below.
CHUNK = 500


def chunks(values: Sequence[int], size: int = CHUNK) -> Iterable[Sequence[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _abs(root: Path, rel: str | None) -> Path | None:
    return None if rel is None else root / rel


def result_from_row(root: Path, row: sqlite3.Row) -> ResultRecord:
    return ResultRecord(
        job_id=int(row["job_id"]),
        index=int(row["idx"]),
        path=_abs(root, row["path"]),
        composite_path=_abs(root, row["composite_path"]),
        code=row["code"],
        message=row["message"],
        created_at=from_db_time(row["created_at"]),
    )


def _optional(row: sqlite3.Row, column: str) -> str | None:
    """A column a read-only library of an older format may not have yet."""
    names = row.keys()
    return row[column] if column in names else None


def job_from_row(root: Path, row: sqlite3.Row, results: tuple[ResultRecord, ...]) -> JobRecord:
    layout = JobLayout(row["folder"])
    return JobRecord(
        id=int(row["id"]),
        created_at=from_db_time(row["created_at"]),
        updated_at=from_db_time(row["updated_at"]),
        spec=JobSpec.from_json(row["spec_json"]),
        status=JobStatus(row["status"]),
        task_id=row["task_id"],
        source_name=row["source_name"],
        base_path=root / (_optional(row, "base_file") or layout.base),
        mask_path=root / layout.mask,
        original_size=(int(row["width"]), int(row["height"])),
        placement_json=row["placement_json"],
        error_code=row["error_code"],
        error_message=row["error_message"],
        request_id=row["request_id"],
        image_count=row["image_count"],
        favourite=bool(row["favourite"]),
        note=row["note"],
        engine=EngineKind(row["engine"]),
        results=results,
        creation_sent_at=_time_or_none(row, "creation_sent_at"),
    )


def _time_or_none(row: sqlite3.Row, column: str) -> datetime | None:
    text = row[column]
    return from_db_time(text) if text else None


def load_jobs(conn: sqlite3.Connection, root: Path, rows: list[sqlite3.Row]) -> list[JobRecord]:
    """Records for `rows` of `jobs`, each with its results (fetched in a few queries)."""
    by_job: dict[int, list[ResultRecord]] = {}
    ids = [int(r["id"]) for r in rows]
    for part in chunks(ids):
        marks = ", ".join("?" * len(part))
        for r in conn.execute(
            f"SELECT * FROM results WHERE job_id IN ({marks}) ORDER BY job_id, idx", tuple(part)
        ):
            by_job.setdefault(int(r["job_id"]), []).append(result_from_row(root, r))
    return [job_from_row(root, r, tuple(by_job.get(int(r["id"]), ()))) for r in rows]
