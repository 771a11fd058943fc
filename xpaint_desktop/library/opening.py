"""Opening a library safely: where it may live, whether it can be written, how its index is.

Every way a library can be unusable gets its own code and a message that names the path and says
what to do, and none of them changes a file: a missing, empty or damaged index is reported with
the advice to run `library rebuild`, never replaced by a fresh one over the person's jobs.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from xpaint_desktop import APP_NAME
from xpaint_desktop.library.recovery import count_job_folders
from xpaint_desktop.library.schema import LibraryError

DB_NAME = "library.sqlite3"
REBUILD_HINT = f"Run `{APP_NAME} library rebuild` to rebuild it from the job folders"
_SQLITE_MAGIC = b"SQLite format 3\x00"


class LibraryPathError(LibraryError):
    """The library folder is somewhere a library cannot be (a file, not creatable, full disk)."""

    code = "LibraryPathInvalid"


class IndexState(StrEnum):
    OK = "ok"
    NEW = "new"  # no index and no job folders: a new library
    MISSING = "missing"
    EMPTY = "empty"
    DAMAGED = "damaged"


def ensure_folder(root: Path) -> None:
    """Make sure `root` is (or can become) a library folder; `LibraryPathError` otherwise."""
    fix = "set XPAINT_HOME or the library folder in Preferences to a folder you can write"
    if root.exists() and not root.is_dir():
        raise LibraryPathError(
            f"The library folder {root} is a file, not a folder; {fix}, or move the file away."
        )
    for parent in (root, *root.parents):
        if parent.exists():
            if not parent.is_dir():
                raise LibraryPathError(
                    f"The library folder {root} cannot be created because {parent} is a file; "
                    f"{fix}."
                )
            break
    if root.is_dir():
        return
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise path_error(root, exc) from exc


def path_error(root: Path, exc: OSError) -> LibraryPathError:
    """A one-line error for an `OSError` met while creating or writing under `root`."""
    if exc.errno == errno.ENOSPC:
        return LibraryPathError(
            f"The disk holding the library folder {root} is full; free some space or move the "
            "library to another disk."
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return LibraryPathError(
            f"The library folder {root} cannot be created or written ({exc.strerror}); choose a "
            "folder you can write (XPAINT_HOME or Preferences) or fix its permissions."
        )
    return LibraryPathError(
        f"The library folder {root} cannot be created or used ({exc.strerror or exc}); choose "
        "another folder (XPAINT_HOME or Preferences)."
    )


def write_error(root: Path, exc: OSError) -> LibraryError:
    """The error for a job's files that could not be written under `root`."""
    if exc.errno in (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM):
        return path_error(root, exc)
    return LibraryError(
        f"Could not write the job's files under {root}: {exc.strerror or exc}. "
        "Check free disk space and permissions."
    )


def read_only_reason(root: Path) -> str | None:
    """Why the library at `root` cannot be written, or None if it can."""
    try:
        if os.statvfs(root).f_flag & os.ST_RDONLY:
            return f"the disk holding {root} is mounted read-only"
    except (AttributeError, OSError):
        pass
    if not os.access(root, os.W_OK):
        return f"you are not allowed to write in {root}"
    db = root / DB_NAME
    if db.exists() and not os.access(db, os.W_OK):
        return f"you are not allowed to write {db}"
    return None


@dataclass(frozen=True)
class IndexDiagnosis:
    state: IndexState
    detail: str = ""
    job_folders: int = 0


def diagnose(root: Path) -> IndexDiagnosis:
    """What state the index of the library at `root` is in (reads only; never writes)."""
    db = root / DB_NAME
    folders = count_job_folders(root)
    if not db.exists():
        state = IndexState.MISSING if folders else IndexState.NEW
        return IndexDiagnosis(state, job_folders=folders)
    if db.is_dir():
        return IndexDiagnosis(IndexState.DAMAGED, "it is a folder, not a file", folders)
    size = db.stat().st_size
    if size == 0:
        state = IndexState.EMPTY if folders else IndexState.NEW
        return IndexDiagnosis(state, job_folders=folders)
    with open(db, "rb") as f:
        if f.read(len(_SQLITE_MAGIC)) != _SQLITE_MAGIC:
            return IndexDiagnosis(IndexState.DAMAGED, "not an SQLite file", folders)
    try:
        conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA quick_check(5)").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return IndexDiagnosis(IndexState.DAMAGED, str(exc), folders)
    problems = [str(r[0]) for r in rows if r[0] != "ok"]
    if problems:
        return IndexDiagnosis(IndexState.DAMAGED, "; ".join(problems)[:300], folders)
    return IndexDiagnosis(IndexState.OK, job_folders=folders)


def unusable_index_error(root: Path, diagnosis: IndexDiagnosis) -> LibraryError:
    """The error for an index that cannot be opened as it is; nothing has been changed."""
    db = root / DB_NAME
    jobs = f"{diagnosis.job_folders} job folder(s)"
    if diagnosis.state is IndexState.MISSING:
        what, code = f"{root} holds {jobs} but no index file {DB_NAME}", "IndexMissing"
    elif diagnosis.state is IndexState.EMPTY:
        what, code = f"the index {db} is empty (0 bytes) while {root} holds {jobs}", "IndexEmpty"
    else:
        what, code = f"the index {db} is damaged ({diagnosis.detail})", "IndexDamaged"
    return LibraryError(
        f"The library cannot be opened: {what}. Nothing was changed. {REBUILD_HINT} (the old "
        "index is kept beside the new one), or restore the folder from a backup.",
        code=code,
    )
