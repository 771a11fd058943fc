"""A job's results in the editor: shown over the photo, taken as a new base, saved elsewhere.

Decoding a full-resolution composite and writing a copy of it run in the window's background
pool; each request carries its own continuation, so a failed save can never be taken for a
failed load. Showing a result over the photo follows the newest selection only; taking one as
the new base always completes, since the person asked for that very result.

A result of the photo in the editor is shown without making its composite whole: the composite
equals the photo outside the masked box, so only that box is made and pasted into a copy of
the picture the canvas already has (`result_over_photo`), once the canvas's picture is known to
be the job's stored photo pixel for pixel (checked once per photo).
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QRect, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog

from xpaint_desktop.errors import XPaintError
from xpaint_desktop.library.models import JobRecord, ResultRecord
from xpaint_desktop.ui.shared.background import log_failure
from xpaint_desktop.ui.shared.image_io import result_image, save_result
from xpaint_desktop.ui.window import qsettings
from xpaint_desktop.ui.window.banner import BannerLevel

if TYPE_CHECKING:
    from xpaint_desktop.library.store import Library
    from xpaint_desktop.ui.window.main_window import MainWindow

SAVED_MS = 5000
_KEPT_CHECKS = 8

_checks_lock = threading.Lock()
# (the picture's cacheKey, the job's stored photo, its mtime): whether they are the same pixels
_checks: dict[tuple[int, Path, int], bool] = {}


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def result_over_photo(
    library: Library, record: ResultRecord, photo: QImage, spare: QImage | None = None
) -> tuple[QImage, QRect | None]:
    """`record`'s full-resolution composite and the box where it differs from `photo` (None:
    anywhere). When `photo` is the job's stored photo pixel for pixel, only the composite's
    box is made, into a copy of `photo` (`spare`, when one was made ahead and is not shared);
    otherwise the whole composite (`result_image`). Any thread; ValueError with a message for
    a person."""
    from xpaint_desktop.library import composites

    usable = photo.format() == QImage.Format.Format_RGB32 and sys.byteorder == "little"
    if usable and composites.stored_composite(record) is None:
        try:
            job = library.get_job(record.job_id)
            if _is_job_photo(photo, job):
                return _pasted(
                    spare if spare is not None else photo.copy(),
                    composites.composite_patch(job, record),
                )
        except (XPaintError, KeyError, OSError) as e:
            raise ValueError(str(e)) from e
    return result_image(library, record), None


def _is_job_photo(photo: QImage, job: JobRecord) -> bool:
    """Whether `photo` (RGB32) has exactly the pixels of `job`'s photo as the library decodes
    it; compared once per picture and photo file."""
    import numpy as np

    from xpaint_desktop.library import composites
    from xpaint_desktop.ui.canvas.view import pixel_view

    if (photo.width(), photo.height()) != job.original_size:
        return False
    key = (photo.cacheKey(), job.base_path, job.base_path.stat().st_mtime_ns)
    with _checks_lock:
        known = _checks.get(key)
    if known is None:
        original, _ = composites.job_inputs(job)
        known = original.size == job.original_size and bool(
            np.array_equal(pixel_view(photo)[..., 2::-1], np.asarray(original))
        )
        with _checks_lock:
            _checks[key] = known
            while len(_checks) > _KEPT_CHECKS:
                _checks.pop(next(iter(_checks)))
    return known


def _pasted(
    out: QImage, patch: tuple[tuple[int, int, int, int], object] | None
) -> tuple[QImage, QRect | None]:
    """`out` (RGB32, a copy of the photo) with `patch` (a box and its RGB pixels) written in."""
    import numpy as np

    if patch is None:
        return out, QRect()
    (left, top, right, bottom), rgb = patch
    pixels = np.asarray(rgb)
    flat = np.frombuffer(out.bits(), dtype=np.uint8)  # type: ignore[call-overload]
    rows = flat.reshape(out.height(), out.bytesPerLine())[top:bottom, left * 4 : right * 4]
    box = rows.reshape(bottom - top, right - left, 4)
    box[..., 0] = pixels[..., 2]  # RGB32 is B, G, R, X in memory on a little-endian machine
    box[..., 1] = pixels[..., 1]
    box[..., 2] = pixels[..., 0]
    return out, QRect(left, top, right - left, bottom - top)


class ResultFiles(QObject):
    """Loads and saves the window's results off the UI thread."""

    saved = Signal(str)  # where a copy was written

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.background = window.background
        self._latest = 0  # the newest selection shown over the photo
        self._spare: tuple[int, QImage] | None = None  # a copy of the photo, by its cacheKey

    def expect(self, job_id: int) -> None:
        """A job of the picture in the editor was created: while it runs, check that the
        picture is its stored photo and copy it for the first result to be pasted into."""
        library = self.window.library
        canvas = self.window.canvas
        if library is None or not canvas.has_image():
            return
        photo = canvas.image()
        key = photo.cacheKey()

        def work() -> QImage | None:
            same = _is_job_photo(photo, library.get_job(job_id))
            return photo.copy() if same else None

        def done(copy: QImage | None) -> None:
            if copy is not None:
                self._spare = (key, copy)

        self.background.run(work, done, log_failure)

    def show(self, record: ResultRecord) -> None:
        """Decode `record`'s composite and show it over the photo, unless another result was
        chosen since."""
        library = self.window.library
        if not record.ok or library is None:
            return
        self._latest += 1
        number = self._latest
        canvas = self.window.canvas
        photo = canvas.image() if canvas.has_image() else QImage()
        spare, self._spare = self._spare, None
        copy = spare[1] if spare is not None and spare[0] == photo.cacheKey() else None
        del spare  # `copy` is its only holder now: it is written without being copied again

        def done(made: tuple[QImage, QRect | None]) -> None:
            if number == self._latest:
                self._show(*made, record)

        self.background.run(
            lambda: result_over_photo(library, record, photo, copy), done, self._failed
        )

    def _show(self, image: QImage, changed: QRect | None, record: ResultRecord) -> None:
        w = self.window
        if not w.canvas.has_image():  # e.g. a job resumed at start: open it with its inputs
            w.open_job_in_editor(record.job_id)
            return
        if w.canvas.image().size() == image.size():
            w.canvas.set_overlay_image(image, changed)
        else:
            w.banner.show_message(
                _tr(
                    "This result belongs to another image. Use “Use as new base” to continue "
                    "from it."
                ),
                level=BannerLevel.INFO,
            )

    def use_as_base(self, record: ResultRecord) -> None:
        """Decode `record`'s composite and continue editing from it."""
        library = self.window.library
        if not record.ok or library is None:
            return

        def done(image: QImage) -> None:
            w = self.window
            stem = Path(w.source_name()).stem or "image"
            w.set_base_image(image, f"{stem}-job{record.job_id}-{record.index + 1}.png")
            w.params.set_parent(record.job_id, record.index)

        self.background.run(lambda: result_image(library, record), done, self._failed)

    def ask_and_save(self, record: ResultRecord | None) -> None:
        if record is None or not record.ok:
            self.window.banner.show_message(_tr("Select a result first."), level=BannerLevel.INFO)
            return
        stem = Path(self.window.source_name()).stem or "result"
        suffix = ".png"
        start = (qsettings.last_folder() or Path.home()) / (
            f"{stem}-job{record.job_id}-{record.index + 1}{suffix}"
        )
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            _tr("Save result as"),
            str(start),
            _tr("PNG image (*.png);;JPEG image (*.jpg *.jpeg);;All files (*)"),
        )
        if name:
            self.save_to(record, Path(name))

    def save_to(self, record: ResultRecord, dest: Path) -> None:
        """Write the full-resolution composite to `dest` in the background."""
        library = self.window.library
        if not record.ok or library is None:
            return
        if not dest.suffix:
            dest = dest.with_suffix(".png")
        qsettings.set_last_folder(dest.parent)

        def done(path: Path) -> None:
            self.window.statusBar().showMessage(_tr("Saved {0}").format(path), SAVED_MS)
            self.saved.emit(str(path))

        self.background.run(lambda: save_result(library, record, dest), done, self._failed)

    def _failed(self, error: Exception) -> None:
        self.window.banner.show_message(str(error), level=BannerLevel.ERROR)
