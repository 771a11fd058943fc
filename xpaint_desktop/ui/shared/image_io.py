"""Reading and writing image files, in whatever thread calls (the window's `Background`).

Decoding a 6000x4000 JPEG takes longer than a frame, and so does writing a full-resolution
PNG, so the window runs these functions in a background pool. Messages name the file and the
problem so they can go straight into the banner.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QImage, QImageReader

from xpaint_desktop.errors import XPaintError
from xpaint_desktop.library.models import ResultRecord

if TYPE_CHECKING:
    from xpaint_desktop.library.store import Library

log = logging.getLogger(__name__)

ALLOCATION_LIMIT_MB = 2048
# An image decoded whole from a file remembers which file (and which version of it), so a job
# made from it can keep the file's own bytes instead of encoding the pixels again.
SOURCE_KEY = "xpaint-source"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImageIO", text)


def read_image(path: Path, max_size: QSize | None = None) -> QImage:
    """Decode an image with its EXIF orientation applied; raises ValueError with a message.

    With `max_size` the image is decoded scaled down to fit (cheap for JPEG thumbnails).
    """
    name = path.name
    if not path.exists():
        raise ValueError(_tr("“{0}” does not exist.").format(path))
    if path.is_dir():
        raise ValueError(_tr("“{0}” is a folder, not an image.").format(path))
    if path.stat().st_size == 0:
        raise ValueError(_tr("“{0}” is empty (0 bytes).").format(name))
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    reader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    if not reader.canRead():
        raise ValueError(
            _tr("“{0}” is not an image this program can read (JPEG, PNG, BMP, WebP, TIFF).").format(
                name
            )
        )
    if max_size is not None:
        size = reader.size()
        if size.isValid() and (
            size.width() > max_size.width() or size.height() > max_size.height()
        ):
            reader.setScaledSize(size.scaled(max_size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        raise ValueError(_tr("“{0}” could not be read: {1}.").format(name, reader.errorString()))
    if max_size is None or reader.scaledSize().isEmpty():
        st = path.stat()
        # set while this is the only reference: no copy of the pixels
        image.setText(SOURCE_KEY, json.dumps([str(path), st.st_mtime_ns, st.st_size]))
    return image


def read_photo(path: Path) -> QImage:
    """A job's photo from the library (`read_image`); a patch (`library.patches`) is laid over
    the photo under it, and its own file stays the picture's source (`source_file_bytes`), so a
    new job from it keeps naming that file."""
    from xpaint_desktop.library import patches

    if not patches.is_patch(path):
        return read_image(path)
    from xpaint_desktop.ui.shared.background import qimage_from_pil

    try:
        # RGB32, as Qt decodes a photo: the canvas shows it without converting it again
        image = qimage_from_pil(patches.open_photo(path)).convertToFormat(
            QImage.Format.Format_RGB32
        )
        st = path.stat()
    except (XPaintError, OSError) as e:
        raise ValueError(str(e)) from e
    image.setText(SOURCE_KEY, json.dumps([str(path), st.st_mtime_ns, st.st_size]))
    return image


def source_file_bytes(image: QImage) -> bytes | None:
    """The bytes of the file `image` was decoded from by `read_image`, if that file is still
    the same (same modification time and size); None for images made otherwise."""
    try:
        name, mtime_ns, size = json.loads(image.text(SOURCE_KEY) or "null") or ("", 0, -1)
        path = Path(name)
        st = path.stat()
        if not name or (st.st_mtime_ns, st.st_size) != (mtime_ns, size):
            return None
        data = path.read_bytes()
    except (OSError, ValueError, TypeError):
        return None
    return data if len(data) == size else None


def result_image(library: Library, record: ResultRecord, max_size: QSize | None = None) -> QImage:
    """A result's full-resolution composite (made from the result and the job's photo unless
    an older library stored it), scaled to fit `max_size` when given (made at that scale).
    Raises ValueError with a message for a person."""
    from xpaint_desktop.library import composites
    from xpaint_desktop.ui.shared.background import qimage_from_pil

    stored = composites.stored_composite(record)
    if stored is not None:
        return read_image(stored, max_size)
    try:
        job = library.get_job(record.job_id)
        if max_size is not None:
            px = max(max_size.width(), max_size.height())
            return qimage_from_pil(composites.preview_image(job, record, px))
        return qimage_from_pil(composites.composite_image(job, record))
    except (XPaintError, KeyError, OSError) as e:
        raise ValueError(str(e)) from e


def save_result(library: Library, record: ResultRecord, dest: Path) -> Path:
    """Write a result's full-resolution composite to `dest` (the format its suffix names);
    a failure is told as a message for a person (a ValueError)."""
    from xpaint_desktop.library.composites import save_composite

    try:
        return save_composite(library.get_job(record.job_id), record, dest)
    except (OSError, ValueError, KeyError, XPaintError) as e:
        log.info("saving %s failed: %s", dest, type(e).__name__)
        reason = getattr(e, "strerror", None) or e
        raise ValueError(_tr("Could not save “{0}”: {1}").format(dest, reason)) from e
