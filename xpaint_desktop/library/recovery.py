"""Tidying up after a crash, run each time a library is opened.

A process killed at any moment can leave debris, none of which is ever shown as a result: a job
folder moved to a trash name whose row was not yet deleted (restored), a trash folder whose row
is gone (removed), the inputs of a job whose row was never committed (removed), and temporary
files of writes that did not finish (removed). Nothing that could be a person's only copy of a
result is deleted: a folder with results but no row is set aside, not removed.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

from xpaint_desktop.library.files import (
    JOBS_DIR,
    TMP_SUFFIX,
    UNINDEXED_PREFIX,
    fsync_dir,
    remove_tmp_files,
    remove_tree,
    trash_name,
    trashed_job_id,
)
from xpaint_desktop.library.models import JobStatus

log = logging.getLogger(__name__)


def _year_dirs(root: Path) -> list[Path]:
    jobs = root / JOBS_DIR
    if not jobs.is_dir():
        return []
    return [p for p in jobs.iterdir() if p.is_dir() and p.name.isdigit()]


def has_job_folders(root: Path) -> bool:
    """Whether `root` already holds job folders (used to refuse starting a fresh index there)."""
    return any(entry.name.isdigit() for year in _year_dirs(root) for entry in os.scandir(year))


def _restore_or_remove_trash(conn: sqlite3.Connection, root: Path, trash: Path) -> None:
    job_id = trashed_job_id(trash)
    row = None
    if job_id is not None:
        row = conn.execute("SELECT folder FROM jobs WHERE id = ?", (job_id,)).fetchone()
    target = root / row["folder"] if row is not None else None
    if target is not None and not target.exists():
        os.replace(trash, target)
        fsync_dir(target.parent)
        log.warning("job %s: deletion did not finish; its files were restored", job_id)
    else:
        remove_tree(trash)
        log.info("removed the leftovers of deleted job %s", job_id)


def discard_orphan(folder: Path) -> None:
    """Clear the way for a job id whose folder exists without a row.

    A creation killed before its commit leaves only the inputs: those are removed. A folder
    with results cannot come from that (an index restored from an older backup, say), so it is
    kept under an `.unindexed-` name for the person to look at, never deleted.
    """
    inputs_only = all(
        p.name in ("base.png", "mask.png") or p.name.endswith(TMP_SUFFIX) for p in folder.iterdir()
    )
    if inputs_only:
        remove_tree(folder)
        log.info("removed the files of job %s, whose creation did not finish", folder.name)
        return
    aside = trash_name(folder, UNINDEXED_PREFIX)
    os.replace(folder, aside)
    log.warning("%s holds results but is not in the index; kept as %s", folder, aside.name)


def _last_committed_id(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'jobs'").fetchone()
    return int(row[0]) if row is not None else 0


def recover(conn: sqlite3.Connection, root: Path) -> None:
    """Bring the files in line with the committed rows after an unclean stop."""
    last_id = _last_committed_id(conn)
    for year in _year_dirs(root):
        for entry in list(year.iterdir()):
            if trashed_job_id(entry) is not None:
                _restore_or_remove_trash(conn, root, entry)
            elif entry.name.isdigit() and int(entry.name) > last_id:
                # Ids above the last committed one belong to creations that never committed.
                discard_orphan(entry)
    finished = tuple(str(s) for s in JobStatus if s.is_finished)
    marks = ", ".join("?" * len(finished))
    for row in conn.execute(f"SELECT folder FROM jobs WHERE status NOT IN ({marks})", finished):
        remove_tmp_files(root / row["folder"])
