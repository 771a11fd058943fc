"""`library check` and `library rebuild`: the index measured against the job folders, and made
again from them.

The job folders are the truth (see `jobfile`). `check` only reads: the index's state and
integrity, jobs the index lacks, rows whose folder is gone, and folders that cannot describe
themselves. `rebuild` writes a new index beside the old one from every folder's `job.json`,
salvages what the old index still knows for folders without one (libraries from before
`job.json`), brings set-aside `.unindexed-` folders back, checks the new file's integrity, and
only then swaps it in, keeping the old file as `library.sqlite3.old-<time>`. It runs only when
no other process has the library open.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PIL import Image

from xpaint_desktop.library import jobfile, patches
from xpaint_desktop.library.files import JOBS_DIR, UNINDEXED_PREFIX, fsync_dir
from xpaint_desktop.library.inputs import LEGACY_BASE, photo_named_by_mask, stored_photos
from xpaint_desktop.library.jobfile import JobFile, JobFileError
from xpaint_desktop.library.locks import LIBRARY_LOCK, SHARED_LOCKS, FileLock
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.library.opening import DB_NAME, IndexState, diagnose
from xpaint_desktop.library.recovery import job_folders
from xpaint_desktop.library.schema import LibraryError, migrate
from xpaint_desktop.spec import JobSpec

log = logging.getLogger(__name__)

_NEW_SUFFIX = ".rebuilding"
_SIDE_FILES = ("-wal", "-shm")


@dataclass
class CheckReport:
    """What `check` found; `healthy` when the index is sound and agrees with the folders."""

    root: Path
    index: IndexState
    index_detail: str = ""
    folders: int = 0
    indexed: int = 0
    not_indexed: list[int] = field(default_factory=list)
    folder_missing: list[int] = field(default_factory=list)
    undescribed: list[str] = field(default_factory=list)
    set_aside: list[str] = field(default_factory=list)
    photos: int = 0
    photo_missing: list[int] = field(default_factory=list)
    photos_unnamed: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        """Index sound and agreeing with the folders, every job's photo there (a photo no job
        names is reported but harmless: it is only disk)."""
        return self.index in (IndexState.OK, IndexState.NEW) and not (
            self.not_indexed
            or self.folder_missing
            or self.undescribed
            or self.set_aside
            or self.photo_missing
        )

    def lines(self) -> list[str]:
        out = [f"library {self.root}"]
        detail = f" ({self.index_detail})" if self.index_detail else ""
        out.append(f"index: {self.index.value}{detail}; {self.indexed} job(s) indexed")
        out.append(f"job folders: {self.folders}; photos under inputs/: {self.photos}")
        for label, items in (
            ("jobs in folders but not in the index", self.not_indexed),
            ("jobs in the index whose folder is missing", self.folder_missing),
            ("folders without a readable job.json", self.undescribed),
            ("folders set aside as not indexed", self.set_aside),
            ("jobs whose photo is missing (restore it from a backup)", self.photo_missing),
            (
                "photos no job names (kept; a creation may have been interrupted)",
                self.photos_unnamed,
            ),
        ):
            if items:
                shown = ", ".join(str(i) for i in items[:10])
                more = f" and {len(items) - 10} more" if len(items) > 10 else ""
                out.append(f"{label}: {shown}{more}")
        out.append(
            "healthy"
            if self.healthy
            else "problems found: `xpaint-desktop library rebuild` makes a new index from the "
            "job folders (the old one is kept beside it)"
        )
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "library": str(self.root),
            "index": self.index.value,
            "index_detail": self.index_detail,
            "healthy": self.healthy,
            "folders": self.folders,
            "indexed": self.indexed,
            "not_indexed": self.not_indexed,
            "folder_missing": self.folder_missing,
            "undescribed": self.undescribed,
            "set_aside": self.set_aside,
            "photos": self.photos,
            "photo_missing": self.photo_missing,
            "photos_unnamed": self.photos_unnamed,
        }


def _photo_named(folder: Path, data: JobFile | None) -> str | None:
    """The photo a job folder names: in its job.json, else in its mask."""
    named = data.job.get("base_file") if data is not None else None
    return str(named) if named else photo_named_by_mask(folder / "mask.png")


def _rel(root: Path, folder: Path) -> str:
    return folder.relative_to(root).as_posix()


def _read_only(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def check(root: Path) -> CheckReport:
    """Compare the index with the job folders; reads only."""
    root = Path(root).absolute()
    diagnosis = diagnose(root)
    report = CheckReport(root, diagnosis.state, diagnosis.detail)
    on_disk: dict[int, str] = {}
    named: set[str] = set()
    for folder in job_folders(root, unindexed=True):
        rel = _rel(root, folder)
        try:
            data: JobFile | None = jobfile.read(folder, rel)
        except JobFileError:
            data = None
        photo = _photo_named(folder, data)
        # a photo kept as a patch needs the photos under it too
        photos = patches.with_ancestors(root, photo) if photo else [f"{rel}/{LEGACY_BASE}"]
        if photo is not None:
            named.update(photos)
        if folder.name.startswith(UNINDEXED_PREFIX):
            report.set_aside.append(rel)
            continue
        report.folders += 1
        on_disk[int(folder.name)] = rel
        if data is None:
            report.undescribed.append(rel)
        elif not all((root / p).is_file() for p in photos):
            report.photo_missing.append(int(folder.name))
    photos = stored_photos(root)
    report.photos = len(photos)
    report.photos_unnamed = [p for p in photos if p not in named]
    if diagnosis.state is not IndexState.OK:
        return report
    conn = _read_only(root / DB_NAME)
    try:
        rows = {int(r["id"]): str(r["folder"]) for r in conn.execute("SELECT id, folder FROM jobs")}
        integrity = [str(r[0]) for r in conn.execute("PRAGMA integrity_check(5)")]
    except sqlite3.DatabaseError as exc:
        report.index, report.index_detail = IndexState.DAMAGED, str(exc)
        return report
    finally:
        conn.close()
    if integrity != ["ok"]:
        report.index, report.index_detail = IndexState.DAMAGED, "; ".join(integrity)[:300]
    report.indexed = len(rows)
    report.not_indexed = sorted(i for i, rel in on_disk.items() if rows.get(i) != rel)
    report.folder_missing = sorted(i for i, rel in rows.items() if on_disk.get(i) != rel)
    return report


# -- rebuilding ----------------------------------------------------------------------------


@dataclass
class RebuildReport:
    root: Path
    jobs: int
    results: int
    salvaged: list[int]
    reconstructed: list[int]
    brought_back: list[int]
    skipped: list[str]
    old_index: Path | None
    photos_unnamed: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"rebuilt the index of {self.root}: {self.jobs} job(s), {self.results} result(s)"]
        if self.salvaged:
            out.append(f"taken from the old index (their folders had no job.json): {self.salvaged}")
        if self.reconstructed:
            out.append(f"made from their files alone, parameters unknown: {self.reconstructed}")
        if self.brought_back:
            out.append(f"brought back from set-aside folders: {self.brought_back}")
        if self.skipped:
            out.append(f"left out (no job in them): {', '.join(self.skipped)}")
        if self.photos_unnamed:
            shown = ", ".join(self.photos_unnamed[:10])
            out.append(f"photos no job names (kept under inputs/): {shown}")
        if self.old_index is not None:
            out.append(f"the old index is kept as {self.old_index}")
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "library": str(self.root),
            "jobs": self.jobs,
            "results": self.results,
            "salvaged": self.salvaged,
            "reconstructed": self.reconstructed,
            "brought_back": self.brought_back,
            "skipped": self.skipped,
            "old_index": str(self.old_index) if self.old_index else None,
            "photos_unnamed": self.photos_unnamed,
        }


class _Salvage:
    """Rows the old index can still give, one job at a time (a damaged file fails per page)."""

    def __init__(self, db: Path) -> None:
        self.conn: sqlite3.Connection | None = None
        if db.is_file() and db.stat().st_size > 0:
            try:
                self.conn = _read_only(db)
            except sqlite3.DatabaseError:
                self.conn = None

    def job(self, job_id: int, rel: str) -> JobFile | None:
        if self.conn is None:
            return None
        try:
            row = self.conn.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
            if row is None:
                return None
            results = self.conn.execute(
                "SELECT * FROM results WHERE job_id = ? ORDER BY idx", (job_id,)
            ).fetchall()
        except sqlite3.DatabaseError:
            return None
        job = dict(zip(row.keys(), row, strict=True))
        job["folder"] = rel
        return JobFile(job, [dict(zip(r.keys(), r, strict=True)) for r in results])

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


def _from_files(folder: Path, rel: str, job_id: int) -> JobFile | None:
    """A job made from its files alone: inputs and results kept, parameters unknown."""
    base = folder / LEGACY_BASE  # older libraries; newer ones keep the photo under inputs/
    photo = None if base.is_file() else photo_named_by_mask(folder / "mask.png")
    base = base if base.is_file() else folder / "mask.png"
    results = sorted((folder / "results").glob("[0-9]*.*")) if (folder / "results").is_dir() else []
    results = [p for p in results if p.stem.isdigit() and not p.name.startswith(".")]
    if not results or not base.is_file():
        return None
    try:
        with Image.open(base) as img:
            width, height = img.size
    except OSError:
        return None
    stamp = datetime.fromtimestamp(base.stat().st_mtime, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    spec = JobSpec(prompt="")
    job = {
        "id": job_id,
        "created_at": stamp,
        "updated_at": stamp,
        "spec_json": spec.to_json(),
        "prompt": "",
        "style": spec.style,
        "engine": str(spec.engine),
        "model": spec.model,
        "status": str(JobStatus.DONE),
        "source_name": "",
        "folder": rel,
        "width": width,
        "height": height,
        "note": "recovered from its files; the prompt and parameters were lost",
        "base_file": photo,
    }
    items = [
        {
            "job_id": job_id,
            "idx": int(p.stem),
            "path": f"{rel}/results/{p.name}",
            "created_at": stamp,
        }
        for p in results
    ]
    return JobFile(job, items)


def _bring_back(root: Path, folder: Path, data: JobFile, taken: set[int]) -> tuple[Path, JobFile]:
    """Move a set-aside folder back to a job folder name (a new id if its own is taken)."""
    job_id = data.job_id
    if job_id in taken:
        job_id = max(taken | {0}) + 1
    target = folder.with_name(str(job_id))
    while target.exists():
        job_id += 1
        target = folder.with_name(str(job_id))
    os.replace(folder, target)
    fsync_dir(target.parent)
    rel = _rel(root, target)
    moved = jobfile.read(target, rel)
    moved.job["id"] = job_id
    for item in moved.results:
        item["job_id"] = job_id
    return target, moved


def _lock_alone(root: Path) -> FileLock:
    lock = FileLock(root / LIBRARY_LOCK)
    if SHARED_LOCKS and not lock.acquire(exclusive=True):
        raise LibraryError(
            f"The library at {root} is open in another window or command; close it and run "
            "the rebuild again.",
            code="LibraryBusy",
        )
    return lock


def rebuild(root: Path) -> RebuildReport:
    """Make a new index from the job folders and swap it in, keeping the old one beside it."""
    root = Path(root).absolute()
    if not (root / JOBS_DIR).is_dir() and not (root / DB_NAME).exists():
        raise LibraryError(f"There is no library in {root}.", code="NoLibrary")
    lock = _lock_alone(root)
    try:
        return _rebuild_locked(root)
    finally:
        lock.release()


def _collect(root: Path, salvage: _Salvage) -> tuple[list[tuple[Path, JobFile]], dict[str, list]]:
    found: list[tuple[Path, JobFile]] = []
    notes: dict[str, list] = {"salvaged": [], "reconstructed": [], "skipped": [], "aside": []}
    for folder in job_folders(root, unindexed=True):
        rel = _rel(root, folder)
        if folder.name.startswith(UNINDEXED_PREFIX):
            notes["aside"].append(folder)
            continue
        job_id = int(folder.name)
        try:
            found.append((folder, jobfile.read(folder, rel)))
            continue
        except JobFileError as exc:
            log.warning("%s", exc)
        data = salvage.job(job_id, rel)
        if data is not None:
            notes["salvaged"].append(job_id)
        else:
            data = _from_files(folder, rel, job_id)
            if data is None:
                notes["skipped"].append(rel)
                continue
            notes["reconstructed"].append(job_id)
        found.append((folder, data))
    return found, notes


def _rebuild_locked(root: Path) -> RebuildReport:
    db = root / DB_NAME
    salvage = _Salvage(db)
    try:
        found, notes = _collect(root, salvage)
    finally:
        salvage.close()
    taken = {data.job_id for _, data in found}
    brought: list[int] = []
    for folder in notes["aside"]:
        try:
            data = jobfile.read(folder, _rel(root, folder))
        except JobFileError:
            notes["skipped"].append(_rel(root, folder))
            continue
        target, data = _bring_back(root, folder, data, taken)
        taken.add(data.job_id)
        brought.append(data.job_id)
        found.append((target, data))
    new = db.with_name(DB_NAME + _NEW_SUFFIX)
    for stale in (new, *(new.with_name(new.name + s) for s in _SIDE_FILES)):
        stale.unlink(missing_ok=True)
    results = _write_index(root, new, [data for _, data in found])
    old = _swap_in(db, new)
    report = RebuildReport(
        root,
        len(found),
        results,
        notes["salvaged"],
        notes["reconstructed"],
        brought,
        notes["skipped"],
        old,
        _unnamed_photos(root, [data for _, data in found]),
    )
    log.info("%s", "; ".join(report.lines()))
    return report


def _unnamed_photos(root: Path, jobs: list[JobFile]) -> list[str]:
    named = {str(d.job.get("base_file")) for d in jobs if d.job.get("base_file")}
    needed = {p for photo in named for p in patches.with_ancestors(root, photo)}
    return [p for p in stored_photos(root) if p not in needed]


def _write_index(root: Path, new: Path, jobs: list[JobFile]) -> int:
    conn = sqlite3.connect(new, isolation_level=None)
    conn.row_factory = sqlite3.Row
    try:
        migrate(conn, where=str(new))
        conn.execute("BEGIN IMMEDIATE")
        for data in sorted(jobs, key=lambda d: d.job_id):
            jobfile.insert(conn, data)
            jobfile.write(conn, root, data.job_id, sync=False)  # salvaged ones learn theirs
        conn.execute("COMMIT")
        results = int(conn.execute("SELECT COUNT(*) FROM results").fetchone()[0])
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise LibraryError(f"The rebuilt index {new} failed its own check: {check}")
        conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()
    with open(new, "rb+") as f:
        os.fsync(f.fileno())
    if hasattr(os, "sync"):
        os.sync()  # the rewritten job.json files too
    return results


def _swap_in(db: Path, new: Path) -> Path | None:
    old: Path | None = None
    if db.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        old = db.with_name(f"{DB_NAME}.old-{stamp}")
        n = 1
        while old.exists():
            n += 1
            old = db.with_name(f"{DB_NAME}.old-{stamp}-{n}")
        os.replace(db, old)
        for side in _SIDE_FILES:
            with contextlib.suppress(FileNotFoundError):
                os.replace(db.with_name(db.name + side), old.with_name(old.name + side))
    os.replace(new, db)
    fsync_dir(db.parent)
    return old
