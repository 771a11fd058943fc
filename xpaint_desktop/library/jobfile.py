"""`job.json`: each job folder describes itself, so the index can always be rebuilt.

The file holds the job's row (parameters, status, task id, error, usage, favourite, note, ...)
and its results, written atomically from the row inside the same write transaction that changes
it. Columns are copied generically, so a column a later version adds is kept without any change
here, and a rebuild fills every column the current schema has. Paths of files inside the job
folder are stored relative to that folder, so a folder can be moved or renamed and still
describe itself.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xpaint_desktop.library.files import write_atomic

JOB_FILE = "job.json"
FORMAT = 1
_ROOT_PREFIX = "/"  # marks a path relative to the library root instead of the job folder
# Columns that are not part of a job's description (they follow from where the folder is).
_IMPLIED = frozenset({"folder"})
_RESULT_PATHS = ("path", "composite_path")


class JobFileError(ValueError):
    """A `job.json` that cannot be read or does not describe a job."""


@dataclass
class JobFile:
    """The content of one `job.json`: the job's columns and its results' columns."""

    job: dict[str, Any]
    results: list[dict[str, Any]] = field(default_factory=list)

    @property
    def job_id(self) -> int:
        return int(self.job["id"])


def _to_folder_relative(rel: str | None, folder: str) -> str | None:
    if rel is None:
        return None
    prefix = folder.rstrip("/") + "/"
    return rel[len(prefix) :] if rel.startswith(prefix) else _ROOT_PREFIX + rel


def _to_root_relative(rel: str | None, folder: str) -> str | None:
    if rel is None:
        return None
    if rel.startswith(_ROOT_PREFIX):
        return rel[len(_ROOT_PREFIX) :]
    return f"{folder.rstrip('/')}/{rel}"


def encode(job_row: sqlite3.Row, result_rows: list[sqlite3.Row]) -> bytes:
    """The `job.json` bytes for a job row and its result rows."""
    folder = str(job_row["folder"])
    job = {k: v for k, v in zip(job_row.keys(), job_row, strict=True) if k not in _IMPLIED}
    job["spec"] = json.loads(job.pop("spec_json"))
    results = []
    for row in result_rows:
        item = {k: v for k, v in zip(row.keys(), row, strict=True) if k != "job_id"}
        for key in _RESULT_PATHS:
            if key in item:
                item[key] = _to_folder_relative(item[key], folder)
        results.append(item)
    doc = {"format": FORMAT, "job": job, "results": results}
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def write(conn: sqlite3.Connection, root: Path, job_id: int, *, sync: bool = True) -> None:
    """Write the job's `job.json` from its current row (call it inside the write transaction)."""
    row = conn.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
    if row is None or not row["folder"]:
        return
    results = conn.execute(
        "SELECT * FROM results WHERE job_id = ? ORDER BY idx", (job_id,)
    ).fetchall()
    write_atomic(root / row["folder"] / JOB_FILE, encode(row, results), sync=sync)


def read(folder: Path, rel_folder: str) -> JobFile:
    """The description in `folder/job.json`, with paths made relative to the library root.

    `rel_folder` is where the folder is now (relative to the root); raises JobFileError.
    """
    path = folder / JOB_FILE
    try:
        doc = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise JobFileError(f"{path} does not exist") from None
    except (OSError, ValueError) as exc:
        raise JobFileError(f"{path} cannot be read: {exc}") from exc
    try:
        if int(doc["format"]) > FORMAT:
            raise JobFileError(f"{path} was written by a newer version of the application")
        job = dict(doc["job"])
        job["spec_json"] = json.dumps(job.pop("spec"), ensure_ascii=False, sort_keys=True)
        job["folder"] = rel_folder
        int(job["id"])
        results = []
        for item in doc.get("results", []):
            item = dict(item)
            for key in _RESULT_PATHS:
                if key in item:
                    item[key] = _to_root_relative(item[key], rel_folder)
            item["job_id"] = job["id"]
            results.append(item)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        if isinstance(exc, JobFileError):
            raise
        raise JobFileError(f"{path} does not describe a job ({exc!r})") from exc
    return JobFile(job, results)


def insert(conn: sqlite3.Connection, data: JobFile) -> None:
    """Add a job and its results, as described, to an index (only columns it has)."""
    for table, rows in (("jobs", [data.job]), ("results", data.results)):
        columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        for row in rows:
            keys = [k for k in row if k in columns]
            marks = ", ".join("?" * len(keys))
            conn.execute(
                f"INSERT OR REPLACE INTO {table} ({', '.join(keys)}) VALUES ({marks})",
                [row[k] for k in keys],
            )
