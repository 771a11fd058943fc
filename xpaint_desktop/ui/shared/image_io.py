"""Image files read and written off the UI thread.

Decoding a 6000x4000 JPEG takes longer than a frame, and so does writing a full-resolution
PNG, so every such step runs on `QThreadPool` and reports back through queued signals. Each
request carries a token chosen by the caller; a caller that has moved on (another image was
opened meanwhile) ignores answers with stale tokens. Messages name the file and the problem
so they can go straight into the banner.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QImageReader

log = logging.getLogger(__name__)

ALLOCATION_LIMIT_MB = 2048


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
    return image


def write_copy(source: Path, dest: Path) -> Path:
    """Copy a result to where the person chose, converting when the suffix asks for it."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    if source.suffix.lower() == dest.suffix.lower():
        tmp = dest.with_name(dest.name + ".part")
        shutil.copyfile(source, tmp)
        tmp.replace(dest)
        return dest
    from PIL import Image

    with Image.open(source) as im:
        out = im.convert("RGB") if dest.suffix.lower() in (".jpg", ".jpeg", ".bmp") else im
        tmp = dest.with_name(dest.name + ".part" + dest.suffix)
        if dest.suffix.lower() in (".jpg", ".jpeg"):
            out.save(tmp, quality=95)
        else:
            out.save(tmp)
        tmp.replace(dest)
    return dest


class ImageIO(QObject):
    """Starts reads and writes on the global thread pool; answers come back as signals."""

    loaded = Signal(int, QImage)  # token, image
    load_failed = Signal(int, str)  # token, message for a person
    saved = Signal(int, str)  # token, destination path
    save_failed = Signal(int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool.globalInstance()

    def load(self, path: Path, token: int, max_size: QSize | None = None) -> None:
        self._pool.start(lambda: self._load(path, token, max_size))

    def save_copy(self, source: Path, dest: Path, token: int) -> None:
        self._pool.start(lambda: self._save(source, dest, token))

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Wait for every pending read and write (used at shutdown and in tests)."""
        return self._pool.waitForDone(timeout_ms)

    def _load(self, path: Path, token: int, max_size: QSize | None) -> None:
        try:
            image = read_image(path, max_size)
        except (ValueError, OSError) as e:
            self.load_failed.emit(token, str(e))
            return
        self.loaded.emit(token, image)

    def _save(self, source: Path, dest: Path, token: int) -> None:
        try:
            write_copy(source, dest)
        except (OSError, ValueError) as e:
            log.info("saving %s failed: %s", dest, type(e).__name__)
            self.save_failed.emit(
                token, _tr("Could not save “{0}”: {1}").format(dest, getattr(e, "strerror", e) or e)
            )
            return
        self.saved.emit(token, str(dest))
