"""Finishing what a crash interrupted, without ever racing another process.

Opening a library deletes nothing. The debris a killed process can leave is swept only by a
process that holds the library lock exclusively (no other process has the library open), and
it is only debris by construction, never a person's data:

- a job folder renamed to `.trash-<id>-...`: its deletion was decided (the rename is the
  decision); the row, if still there, is deleted and the folder removed;
- temporary files (`*.tmp`) of writes that did not finish;
- claim files of jobs no process runs any more.

A folder whose job was never committed (a creation killed before its commit) is dealt with by
the next creation of that id, under SQLite's write lock: inputs alone are removed, anything that
describes a job is set aside as `.unindexed-...` for `library rebuild`, never deleted.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from xpaint_desktop.library.files import (
    JOBS_DIR,
    TMP_SUFFIX,
    UNINDEXED_PREFIX,
    remove_tmp_files,
    remove_tree,
    trash_name,
    trashed_job_id,
)
from xpaint_desktop.library.inputs import LEGACY_BASE, sweep_inputs
from xpaint_desktop.library.jobfile import JOB_FILE
from xpaint_desktop.library.locks import CLAIMS_DIR
from xpaint_desktop.library.models import JobStatus

log = logging.getLogger(__name__)

_INPUT_NAMES = frozenset({LEGACY_BASE, "mask.png"})


def year_dirs(root: Path) -> list[Path]:
    jobs = root / JOBS_DIR
    try:
        return sorted(p for p in jobs.iterdir() if p.is_dir() and p.name.isdigit())
    except OSError:
        return []


def job_folders(root: Path, *, unindexed: bool = False) -> Iterator[Path]:
    """Every job folder (`jobs/<yyyy>/<id>`), and with `unindexed` the set-aside ones too."""
    for year in year_dirs(root):
        for entry in sorted(os.scandir(year), key=lambda e: e.name):
            if not entry.is_dir():
                continue
            if entry.name.isdigit() or (unindexed and entry.name.startswith(UNINDEXED_PREFIX)):
                yield Path(entry.path)


def count_job_folders(root: Path) -> int:
    return sum(1 for _ in job_folders(root))


def has_set_aside_folders(root: Path) -> bool:
    """Whether a job folder is set aside as not indexed (`library rebuild` brings it back)."""
    return any(
        entry.name.startswith(UNINDEXED_PREFIX)
        for year in year_dirs(root)
        for entry in year.iterdir()
    )


def has_job_folders(root: Path) -> bool:
    return next(job_folders(root), None) is not None


def _finish_deletion(conn: sqlite3.Connection, root: Path, trash: Path) -> None:
    job_id = trashed_job_id(trash)
    if job_id is not None:
        rel = f"{trash.parent.relative_to(root).as_posix()}/{job_id}"
        conn.execute("DELETE FROM jobs WHERE id = ? AND folder = ?", (job_id, rel))
    shutil.rmtree(trash, ignore_errors=True)
    log.info("finished deleting job %s (%s)", job_id, trash.name)


def sweep(conn: sqlite3.Connection, root: Path) -> None:
    """Clear crash debris; call it only while holding the library lock exclusively."""
    for year in year_dirs(root):
        for entry in list(year.iterdir()):
            if trashed_job_id(entry) is not None:
                _finish_deletion(conn, root, entry)
    finished = tuple(str(s) for s in JobStatus if s.is_finished)
    marks = ", ".join("?" * len(finished))
    for row in conn.execute(f"SELECT folder FROM jobs WHERE status NOT IN ({marks})", finished):
        remove_tmp_files(root / row["folder"])
    sweep_inputs(root)
    claims = root / CLAIMS_DIR
    if claims.is_dir():
        shutil.rmtree(claims, ignore_errors=True)


def discard_orphan(folder: Path) -> None:
    """Clear the way for a new job whose id already has a folder but no committed row.

    Call it inside the write transaction that allocated the id: no other process can be
    creating that id then. Inputs alone (a creation killed before its commit) are removed; a
    folder that describes a job (an index older than the folders, say) is set aside for
    `library rebuild`, never deleted.
    """
    inputs_only = all(
        p.name in _INPUT_NAMES or p.name.endswith(TMP_SUFFIX) for p in folder.iterdir()
    )
    if inputs_only:
        remove_tree(folder)
        log.info("removed the inputs of job %s, whose creation did not finish", folder.name)
        return
    aside = trash_name(folder, UNINDEXED_PREFIX)
    os.replace(folder, aside)
    described = (aside / JOB_FILE).is_file()
    log.warning(
        "%s is not in the index; kept as %s%s",
        folder,
        aside.name,
        " (library rebuild brings it back)" if described else "",
    )
