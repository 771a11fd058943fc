"""A job's results in the editor: shown over the photo, taken as a new base, saved elsewhere.

Decoding a full-resolution composite and writing a copy of it run in the window's background
pool; each request carries its own continuation, so a failed save can never be taken for a
failed load. Showing a result over the photo follows the newest selection only; taking one as
the new base always completes, since the person asked for that very result.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog

from xpaint_desktop.library.models import ResultRecord
from xpaint_desktop.ui.shared.image_io import result_image, save_result
from xpaint_desktop.ui.window import qsettings
from xpaint_desktop.ui.window.banner import BannerLevel

if TYPE_CHECKING:
    from xpaint_desktop.ui.window.main_window import MainWindow

SAVED_MS = 5000


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class ResultFiles(QObject):
    """Loads and saves the window's results off the UI thread."""

    saved = Signal(str)  # where a copy was written

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.background = window.background
        self._latest = 0  # the newest selection shown over the photo

    def show(self, record: ResultRecord) -> None:
        """Decode `record`'s composite and show it over the photo, unless another result was
        chosen since."""
        library = self.window.library
        if not record.ok or library is None:
            return
        self._latest += 1
        number = self._latest

        def done(image: QImage) -> None:
            if number == self._latest:
                self._show(image, record)

        self.background.run(lambda: result_image(library, record), done, self._failed)

    def _show(self, image: QImage, record: ResultRecord) -> None:
        w = self.window
        if not w.canvas.has_image():  # e.g. a job resumed at start: open it with its inputs
            w.open_job_in_editor(record.job_id)
            return
        if w.canvas.image().size() == image.size():
            w.canvas.set_overlay_image(image)
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
