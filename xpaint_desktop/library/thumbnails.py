"""Small previews of jobs, made once and kept on disk between sessions.

A library of thousands of jobs must open at once, so the gallery never decodes a full-size
image while it paints: it asks for a thumbnail, which is made here (in a worker thread) the
first time and read back from the cache ever after. The cache key holds the job id and the
source file's modification time and size, so a job that gains a result (or whose file is
replaced) gets a fresh thumbnail while an unchanged one is never made twice. Plain Pillow and
no Qt, so the core stays usable without a display.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageOps

from xpaint_desktop import paths
from xpaint_desktop.atomic import write_bytes_atomic
from xpaint_desktop.errors import XPaintError
from xpaint_desktop.imaging import loading  # noqa: F401 - sets Pillow's pixel limit to ours
from xpaint_desktop.library import patches
from xpaint_desktop.library.models import JobRecord, ResultRecord

log = logging.getLogger(__name__)

THUMBNAIL_PX = 256
THUMBNAILS_DIR = "thumbnails"
_EXT = ".jpg"
_JPEG_QUALITY = 85
_BUCKET = 1000  # job ids per sub-folder, so no folder holds tens of thousands of files


def thumbnail_source(job: JobRecord) -> Path | None:
    """The file behind the picture that stands for a job: its first result's stored
    composite or else the result itself (put back into the photo when the thumbnail is made),
    else its photo."""
    return _source(job)[0]


def _source(job: JobRecord) -> tuple[Path | None, ResultRecord | None]:
    for result in job.results:
        for candidate in (result.composite_path, result.path):
            if candidate is not None and candidate.is_file():
                placed = candidate == result.path and job.placement_json is not None
                return candidate, result if placed else None
    return (job.base_path if job.base_path.is_file() else None), None


@dataclass(frozen=True)
class ThumbnailKey:
    """Identifies one version of a job's picture: a changed file means a new key."""

    job_id: int
    source: Path
    mtime_ns: int
    size: int
    # a result without a stored composite: the thumbnail shows it put back into the photo
    placed: tuple[JobRecord, ResultRecord] | None = field(default=None, compare=False)

    @property
    def token(self) -> str:
        """A short text form, usable as a memory-cache key."""
        return f"{self.job_id}-{self.mtime_ns}-{self.size}"


class ThumbnailCache:
    """Thumbnails of jobs under `root` (by default `paths.cache_dir()/thumbnails`).

    `key_for` and `cached` only look at the disk (cheap `stat` calls); `ensure` makes the
    thumbnail if it is missing and must not run on the UI thread.
    """

    def __init__(self, root: Path | None = None, *, max_px: int = THUMBNAIL_PX) -> None:
        self.root = root if root is not None else paths.cache_dir() / THUMBNAILS_DIR
        self.max_px = max_px

    def key_for(self, job: JobRecord) -> ThumbnailKey | None:
        """The key of the job's current picture, or None if none of its files exists."""
        source, result = _source(job)
        if source is None:
            return None
        try:
            st = source.stat()
        except OSError:
            return None
        placed = (job, result) if result is not None else None
        return ThumbnailKey(job.id, source, st.st_mtime_ns, st.st_size, placed)

    def _folder(self, job_id: int) -> Path:
        return self.root / f"{job_id // _BUCKET:04d}"

    def path_for(self, key: ThumbnailKey) -> Path:
        return self._folder(key.job_id) / f"{key.token}-{self.max_px}{_EXT}"

    def cached(self, key: ThumbnailKey) -> Path | None:
        """The thumbnail's file if it has already been made."""
        path = self.path_for(key)
        return path if path.is_file() else None

    def ensure(self, key: ThumbnailKey) -> Path:
        """The thumbnail's file, made from the source picture if it is not cached yet.

        Raises OSError (or Pillow's errors, as OSError/ValueError) if the source cannot be read.
        """
        path = self.path_for(key)
        if path.is_file():
            return path
        if key.placed is not None:
            from xpaint_desktop.library.composites import preview_image

            try:
                data = _jpeg(preview_image(*key.placed, self.max_px))
            except XPaintError as exc:
                raise OSError(str(exc)) from exc
        else:
            data = make_thumbnail_bytes(key.source, self.max_px)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, data)
        self._remove_older(key, keep=path)
        log.debug("thumbnail made for job %d from %s", key.job_id, key.source.name)
        return path

    def _remove_older(self, key: ThumbnailKey, keep: Path) -> None:
        for old in self._folder(key.job_id).glob(f"{key.job_id}-*{_EXT}"):
            if old != keep:
                old.unlink(missing_ok=True)

    def remove(self, job_id: int) -> int:
        """Forget every thumbnail of a job (it was deleted); returns how many files went."""
        removed = 0
        for old in self._folder(job_id).glob(f"{job_id}-*{_EXT}"):
            old.unlink(missing_ok=True)
            removed += 1
        return removed


def make_thumbnail_bytes(source: Path, max_px: int = THUMBNAIL_PX) -> bytes:
    """JPEG bytes of `source` scaled to fit `max_px` x `max_px`, EXIF orientation applied."""
    if patches.is_patch(source):  # a photo kept as a patch: laid over the photo under it
        from xpaint_desktop.library.composites import small_picture

        return _jpeg(small_picture(source, max_px))
    with Image.open(source) as opened:
        opened.draft("RGB", (max_px, max_px))  # JPEG: decode at a reduced scale, much faster
        img: Image.Image = ImageOps.exif_transpose(opened)
        img.thumbnail((max_px, max_px), Image.Resampling.LANCZOS, reducing_gap=2.0)
        if img.mode in ("RGBA", "LA", "P", "PA"):
            rgba = img.convert("RGBA")
            img = Image.new("RGB", rgba.size, (255, 255, 255))
            img.paste(rgba, mask=rgba.getchannel("A"))
        elif img.mode != "RGB":
            img = img.convert("RGB")
        return _jpeg(img)


def _jpeg(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=_JPEG_QUALITY, optimize=True)
    return buf.getvalue()
