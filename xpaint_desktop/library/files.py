"""Files of the library on disk: where each lives and how it is written without tearing.

Every file is written to a temporary name in its own folder, flushed to disk, then renamed over
its final name, so a crash leaves either the old file, the new file or a stray `*.tmp` that is
never mistaken for a result and is cleaned up later.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from xpaint_desktop.atomic import TMP_SUFFIX, fsync_dir, write_bytes_atomic

log = logging.getLogger(__name__)

JOBS_DIR = "jobs"
INPUTS_DIR = "inputs"
TRASH_PREFIX = ".trash-"
UNINDEXED_PREFIX = ".unindexed-"
_SYNC_ONE_BY_ONE_MAX = 16

# Pillow format name -> file extension kept for downloaded results (bytes stored unchanged).
_KEPT_FORMATS = {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp"}


@dataclass(frozen=True)
class JobLayout:
    """Relative paths (to the library root) of one job's files: `jobs/<yyyy>/<id>/...`."""

    folder: str

    @classmethod
    def for_job(cls, year: int, job_id: int) -> JobLayout:
        return cls(f"{JOBS_DIR}/{year:04d}/{job_id}")

    @property
    def base(self) -> str:
        return f"{self.folder}/base.png"

    @property
    def mask(self) -> str:
        return f"{self.folder}/mask.png"

    def result(self, index: int, ext: str = ".png") -> str:
        return f"{self.folder}/results/{index}{ext}"

    def composite(self, index: int) -> str:
        return f"{self.folder}/composites/{index}.png"


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as f:  # writable: Windows refuses to flush a read-only handle
        os.fsync(f.fileno())


def write_atomic(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Write `data` to `path` in one step (`atomic.write_bytes_atomic`), its folder made first.

    With `sync` (the default) the data and the rename are on disk when this returns; callers
    writing many files pass `sync=False` and call `sync_files` once for all of them.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(path, data, durable=sync)


def sync_files(files: list[Path]) -> None:
    """Make freshly written `files` and their folder entries durable.

    A few files are flushed one by one; for many (a batch import) one system-wide sync is far
    cheaper than thousands of separate flushes.
    """
    if len(files) > _SYNC_ONE_BY_ONE_MAX and hasattr(os, "sync"):
        os.sync()
        return
    for path in files:
        _fsync_file(path)
    folders = {p.parent for p in files}
    for folder in folders | {f.parent for f in folders}:
        fsync_dir(folder)


def png_bytes(image: Image.Image) -> bytes:
    """Lossless PNG of `image` (fast compression: inputs can be 4096 px and written often)."""
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=1)
    return buf.getvalue()


def tree_bytes(path: Path) -> int:
    """Bytes of every file under `path` (0 if it does not exist)."""
    if path.is_file():
        return path.stat().st_size
    total = 0
    for entry in path.rglob("*") if path.is_dir() else ():
        try:
            if entry.is_file() and not entry.is_symlink():
                total += entry.stat().st_size
        except OSError:
            pass
    return total


@dataclass(frozen=True)
class DiskUsage:
    """What a library takes on disk, in bytes (caches and side files left out)."""

    index: int
    jobs: int
    inputs: int

    @property
    def total(self) -> int:
        return self.index + self.jobs + self.inputs


def library_bytes(root: Path, db_name: str) -> DiskUsage:
    index = sum(tree_bytes(root / f"{db_name}{side}") for side in ("", "-wal"))
    return DiskUsage(index, tree_bytes(root / JOBS_DIR), tree_bytes(root / INPUTS_DIR))


def result_bytes(data: bytes | Image.Image, what: str) -> tuple[bytes, str]:
    """Bytes to store for a result and their extension.

    Downloaded PNG/JPEG/WebP bytes are kept as they came (no re-encoding loss); anything else,
    and images given as `Image`, become PNG. Raises ValueError if `data` is not an image.
    """
    if isinstance(data, Image.Image):
        return png_bytes(data), ".png"
    try:
        with Image.open(io.BytesIO(data)) as img:
            fmt = img.format or ""
            img.load()
            if fmt in _KEPT_FORMATS:
                return data, _KEPT_FORMATS[fmt]
            return png_bytes(img), ".png"
    except (OSError, SyntaxError, ValueError) as exc:
        raise ValueError(f"{what}: the data is not a readable image ({exc})") from exc


def remove_tmp_files(folder: Path) -> int:
    """Delete stray `*.tmp` files left in `folder` and its subfolders by an interrupted write."""
    removed = 0
    if not folder.is_dir():
        return 0
    for tmp in folder.rglob(f"*{TMP_SUFFIX}"):
        if tmp.is_file():
            tmp.unlink(missing_ok=True)
            removed += 1
    if removed:
        log.info("removed %d unfinished temporary file(s) in %s", removed, folder)
    return removed


def trash_name(folder: Path, prefix: str = TRASH_PREFIX) -> Path:
    """A sibling name that marks `folder` as set aside: `<prefix><name>-<random>`."""
    return folder.with_name(f"{prefix}{folder.name}-{uuid.uuid4().hex[:8]}")


def trashed_job_id(path: Path) -> int | None:
    """The job id encoded in a trash folder's name, or None if it is not one."""
    if not path.name.startswith(TRASH_PREFIX):
        return None
    head = path.name[len(TRASH_PREFIX) :].split("-", 1)[0]
    return int(head) if head.isdigit() else None


def remove_tree(path: Path) -> None:
    """Remove a folder and everything in it; a missing folder is fine."""
    if path.exists():
        shutil.rmtree(path)
