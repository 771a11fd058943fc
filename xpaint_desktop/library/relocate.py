"""Moving a library to another folder without ever having zero good copies.

Years of results must survive a move to a new disk: everything is copied first, the copy is
checked (SQLite integrity, the same rows, every file byte-for-byte), and only then does the
caller switch to it and remove the old files. A failure at any point leaves the old library
untouched and removes the partial copy.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from pathlib import Path

from xpaint_desktop.library import patches
from xpaint_desktop.library.files import (
    INPUTS_DIR,
    JOBS_DIR,
    TMP_SUFFIX,
    fsync_dir,
    remove_tree,
    trashed_job_id,
    write_atomic,
)
from xpaint_desktop.library.schema import LibraryError

log = logging.getLogger(__name__)

_DB_SIDE_FILES = ("-wal", "-shm")


def check_target(root: Path, new_root: Path) -> None:
    """Raise `LibraryError` unless `new_root` is a usable destination for the library."""
    if new_root == root:
        raise LibraryError(f"The library is already in {root}.")
    if new_root.is_relative_to(root):
        raise LibraryError(
            f"Cannot move the library into a folder inside itself ({new_root}); choose a "
            "folder outside it."
        )
    if new_root.exists() and (not new_root.is_dir() or any(new_root.iterdir())):
        raise LibraryError(
            f"{new_root} is not an empty folder; choose an empty or new folder for the library."
        )


def _library_files(root: Path) -> list[Path]:
    """Every job file and photo, relative to `root`, leaving out temporary files and trash."""
    found = []
    for path in [*(root / JOBS_DIR).rglob("*"), *(root / INPUTS_DIR).rglob("*")]:
        rel = path.relative_to(root)
        trashed = any(trashed_job_id(Path(part)) is not None for part in rel.parts)
        if path.is_file() and not path.name.endswith(TMP_SUFFIX) and not trashed:
            found.append(rel)
    return found


def _copy_files(root: Path, new_root: Path) -> dict[Path, str]:
    digests: dict[Path, str] = {}
    for rel in _library_files(root):
        data = (root / rel).read_bytes()
        write_atomic(new_root / rel, data)
        digests[rel] = hashlib.sha256(data).hexdigest()
    return digests


def _copy_db(conn: sqlite3.Connection, target: Path) -> None:
    tmp = target.with_name(target.name + TMP_SUFFIX)
    dst = sqlite3.connect(tmp)
    try:
        conn.backup(dst)
    finally:
        dst.close()
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, target)
    fsync_dir(target.parent)


def _counts(conn: sqlite3.Connection) -> tuple[int, int]:
    jobs = conn.execute("SELECT COUNT(*) FROM jobs").fetchone()[0]
    results = conn.execute("SELECT COUNT(*) FROM results").fetchone()[0]
    return int(jobs), int(results)


def _referenced_files(conn: sqlite3.Connection, root: Path) -> set[Path]:
    refs: set[Path] = set()
    for folder, photo in conn.execute("SELECT folder, base_file FROM jobs"):
        # a photo kept as a patch needs the photos under it too
        photos = patches.with_ancestors(root, photo) if photo else [f"{folder}/base.png"]
        refs |= {*(Path(p) for p in photos), Path(folder) / "mask.png"}
    for path, composite in conn.execute("SELECT path, composite_path FROM results"):
        refs |= {Path(p) for p in (path, composite) if p is not None}
    return refs


def _verify(conn: sqlite3.Connection, new_root: Path, db: Path, digests: dict[Path, str]) -> None:
    copy = sqlite3.connect(db)
    try:
        check = copy.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise LibraryError(f"The copied library file {db} is damaged: {check}")
        if _counts(copy) != _counts(conn):
            raise LibraryError(f"The copied library file {db} does not hold the same jobs.")
    finally:
        copy.close()
    missing = sorted(str(p) for p in _referenced_files(conn, new_root) if p not in digests)
    if missing:
        raise LibraryError(
            f"The library refers to files that do not exist, e.g. {missing[0]}; it was not moved."
        )
    for rel, digest in digests.items():
        if hashlib.sha256((new_root / rel).read_bytes()).hexdigest() != digest:
            raise LibraryError(f"The copy of {rel} in {new_root} differs from the original.")


def copy_library(conn: sqlite3.Connection, root: Path, new_root: Path, db_name: str) -> None:
    """Copy files and database from `root` to `new_root` and verify the copy."""
    created = not new_root.exists()
    new_root.mkdir(parents=True, exist_ok=True)
    try:
        digests = _copy_files(root, new_root)
        _copy_db(conn, new_root / db_name)
        _verify(conn, new_root, new_root / db_name, digests)
    except BaseException as exc:
        remove_tree(new_root / JOBS_DIR)
        remove_tree(new_root / INPUTS_DIR)
        for name in (db_name, *(db_name + s for s in _DB_SIDE_FILES)):
            (new_root / name).unlink(missing_ok=True)
        if created:
            new_root.rmdir()
        if isinstance(exc, OSError):
            raise LibraryError(
                f"Could not copy the library to {new_root}: {exc}. The library was not moved."
            ) from exc
        raise


def remove_old(root: Path, db_name: str) -> None:
    """Remove the old copy's database and job files (other things in `root` stay)."""
    try:
        remove_tree(root / JOBS_DIR)
        remove_tree(root / INPUTS_DIR)
        for name in (db_name, *(db_name + s for s in _DB_SIDE_FILES)):
            (root / name).unlink(missing_ok=True)
    except OSError as exc:
        log.warning("the old library files in %s could not all be removed: %s", root, exc)
