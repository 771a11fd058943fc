"""Bringing an image into the editor: files, the clipboard, drops, recent files, stored jobs.

Decoding a 6000x4000 JPEG or a stored job's inputs takes longer than a frame, so every file is
read in the window's background pool and handed back to the continuation of its request. Only
the newest request counts: an image that finishes decoding after another was asked for is
dropped. What was opened reaches the window through signals; messages name the file and the
problem so they can go straight into the banner.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData, QObject, Signal
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu

from xpaint_desktop.errors import XPaintError
from xpaint_desktop.imaging.limits import READABLE_EXTENSIONS
from xpaint_desktop.library.pngmeta import read_png_parameters
from xpaint_desktop.library.store import Library
from xpaint_desktop.paths import sample_image_path
from xpaint_desktop.spec import JobSpec
from xpaint_desktop.ui.jobs.restore import JobInputs, read_job_inputs
from xpaint_desktop.ui.shared.background import Background
from xpaint_desktop.ui.shared.image_io import read_image
from xpaint_desktop.ui.window import qsettings

IMAGE_FILTER_EXTS = " ".join(f"*{e}" for e in READABLE_EXTENSIONS)


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def is_image_file(path: Path) -> bool:
    return path.suffix.lower() in READABLE_EXTENSIONS


def _local_images(mime: QMimeData) -> list[Path]:
    return [
        Path(u.toLocalFile())
        for u in mime.urls()
        if u.isLocalFile() and is_image_file(Path(u.toLocalFile()))
    ]


class ImageOpener(QObject):
    """Opens images for `window`; answers with `opened`, `job_opened`, `parameters_found`."""

    opened = Signal(QImage, str, object)  # image, source name, its file (a Path) or None
    job_opened = Signal(object, dict)  # JobInputs, changes to its parameters (e.g. the model)
    parameters_found = Signal(object, str)  # JobSpec read from a dropped PNG, status message
    failed = Signal(str)  # a message for the banner
    no_image = Signal(str)  # a notice for the banner (an empty clipboard)

    def __init__(
        self, window: QMainWindow, background: Background, has_image: Callable[[], bool]
    ) -> None:
        super().__init__(window)
        self.window = window
        self.background = background
        self._has_image = has_image
        self._latest = 0  # the newest request; older answers are dropped

    def _status(self, text: str = "", ms: int = 0) -> None:
        bar = self.window.statusBar()
        if text:
            bar.showMessage(text, ms)
        else:
            bar.clearMessage()

    def _request(self) -> Callable[[], bool]:
        """A new request, and the test of whether it is still the newest one."""
        self._latest += 1
        number = self._latest
        return lambda: number == self._latest

    # -- files ---------------------------------------------------------------------------------
    def ask_image_file(self, title: str) -> Path | None:
        start = qsettings.last_folder() or Path.home()
        name, _ = QFileDialog.getOpenFileName(
            self.window,
            title,
            str(start),
            _tr("Images ({0});;All files (*)").format(IMAGE_FILTER_EXTS),
        )
        return Path(name) if name else None

    def choose_and_open(self) -> None:
        path = self.ask_image_file(_tr("Open image"))
        if path is not None:
            self.open_image(path)

    def open_image(self, path: Path, *, remember: bool = True) -> None:
        """Decode `path` in the background; `opened` carries it when it is ready."""
        current = self._request()
        if remember:
            qsettings.set_last_folder(path.parent)
        self._status(_tr("Opening {0}…").format(path.name))

        def done(image: QImage) -> None:
            if not current():
                return
            self._status()
            if path != sample_image_path():
                qsettings.add_recent_file(path)
            self.opened.emit(image, path.name, path)

        def failed(error: Exception) -> None:
            if current():
                self._status()
                self.failed.emit(str(error))

        self.background.run(lambda: read_image(path), done, failed)

    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        files = qsettings.recent_files()
        for path in files:
            act = menu.addAction(path.name)
            act.setToolTip(str(path))
            act.setStatusTip(str(path))
            act.triggered.connect(lambda _checked=False, p=path: self.open_image(p))
        if not files:
            menu.addAction(_tr("No recent files")).setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction(_tr("Clear the list")).triggered.connect(qsettings.clear_recent_files)

    # -- the clipboard and drops ---------------------------------------------------------------
    def paste_image(self) -> None:
        clipboard = QGuiApplication.clipboard()
        mime = clipboard.mimeData()
        if mime is not None and mime.hasImage():
            image = clipboard.image()
            if not image.isNull():
                self.opened.emit(image, _tr("pasted image"), None)
                return
        if mime is not None and _local_images(mime):
            self.open_image(_local_images(mime)[0])
            return
        self.no_image.emit(
            _tr("The clipboard holds no image. Copy an image (or an image file) first.")
        )

    @staticmethod
    def accepts(mime: QMimeData) -> bool:
        return mime.hasImage() or bool(_local_images(mime))

    def drop(self, mime: QMimeData) -> bool:
        """Open what was dropped; False when it holds no image."""
        files = _local_images(mime)
        if files:
            self.drop_file(files[0])
            return True
        if mime.hasImage():
            image = QImage(mime.imageData())
            if not image.isNull():
                self.opened.emit(image, _tr("dropped image"), None)
                return True
        return False

    def drop_file(self, path: Path) -> None:
        """A PNG exported with its parameters restores them; any other image is opened."""
        if path.suffix.lower() != ".png":
            self.open_image(path)
            return

        def read() -> JobSpec | None:
            try:
                return read_png_parameters(path)
            except XPaintError:
                return None  # unreadable: open_image says why

        def done(spec: JobSpec | None) -> None:
            if spec is None:
                self.open_image(path)
                return
            message = _tr("Prompt and parameters restored from {0}").format(path.name)
            self.parameters_found.emit(spec, message)
            if not self._has_image():
                self.open_image(path)

        self.background.run(read, done, lambda e: self.failed.emit(str(e)))

    # -- stored jobs ---------------------------------------------------------------------------
    def open_job(
        self, library: Library | None, job_id: int, changes: dict[str, object] | None = None
    ) -> None:
        """Restore a stored job's image, exact mask and parameters, read in the background;
        `changes` apply to its parameters (`JobSpec.with_changes`)."""
        if library is None:
            return
        try:
            job = library.get_job(job_id)
        except KeyError:
            self.failed.emit(_tr("Job #{0} is no longer in the library.").format(job_id))
            return
        current = self._request()

        def done(inputs: JobInputs) -> None:
            if current():
                self._status()
                self.job_opened.emit(inputs, changes or {})

        def failed(error: Exception) -> None:
            if current():
                self._status()
                self.failed.emit(str(error))

        self._status(_tr("Opening job #{0}…").format(job_id))
        self.background.run(lambda: read_job_inputs(job), done, failed)
