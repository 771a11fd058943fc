"""Starting the editor: the GUI entry point, a screenshot mode and an offscreen self-test.

`run_gui` is what `xpaint-desktop` runs on a desktop. `take_screenshot` opens the window with
the sample photo, a painted mask, a Chinese prompt and real jobs run through the offline
engine, renders it with `QWidget.grab()` and exits: the README's picture and a quick look at
the window on a machine without a screen. `run_selftest` does the same without the picture
and reports whether the offline job succeeded. Both use a temporary library so they leave the
person's history alone.

`ensure_application` also sets up what every start needs whichever way it came in: the log file,
the crash handler (both once; the command line may have done it already) and the window icon.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter
from PySide6.QtWidgets import QApplication

from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.logs import current_log_file, setup_logging
from xpaint_desktop.paths import resources_dir, sample_image_path
from xpaint_desktop.spec import EngineKind, JobSpec
from xpaint_desktop.ui.i18n import install_translators
from xpaint_desktop.ui.shared.image_io import read_image
from xpaint_desktop.ui.window import qsettings

if TYPE_CHECKING:
    from xpaint_desktop.ui.window.main_window import MainWindow

log = logging.getLogger(__name__)

SAMPLE_PROMPT = "一杯拿铁, 拉花是一只猫"
# Where the coffee's surface is in resources/sample.png, as fractions of the image size.
SAMPLE_MASK_ELLIPSE = (0.34, 0.23, 0.28, 0.25)
JOB_TIMEOUT_S = 120.0
SCREENSHOT_SIZE = (1400, 900)
ICON_NAME = "xpaint-desktop.png"


def app_icon() -> QIcon:
    """The program's icon in every size under resources/icons/hicolor/<size>/apps/."""
    icon = QIcon()
    for path in sorted((resources_dir() / "icons" / "hicolor").glob(f"*/apps/{ICON_NAME}")):
        icon.addFile(str(path))
    return icon


def _logging_ready() -> bool:
    """Whether `setup_logging` has already put its file handler on the root logger."""
    path = current_log_file()
    return any(
        isinstance(h, logging.FileHandler) and Path(h.baseFilename) == path
        for h in logging.getLogger().handlers
    )


def install_diagnostics() -> None:
    """The log file and the crash handler, once; an exception hook set by others stays."""
    from xpaint_desktop.crash import CrashHandler
    from xpaint_desktop.ui.crash import install_crash_dialog

    if not _logging_ready():
        setup_logging()
    hook = sys.excepthook
    if hook is sys.__excepthook__ or isinstance(getattr(hook, "__self__", None), CrashHandler):
        install_crash_dialog()


def ensure_application(argv: list[str] | None = None, lang: str | None = None) -> QApplication:
    """The running QApplication, or a new one with our identity, translations and icon."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    qsettings.apply_identity()
    install_diagnostics()
    install_translators(lang)
    app.setWindowIcon(app_icon())
    return app


def run_gui(argv: list[str], lang: str | None = None) -> int:
    """Open the editor (with the image named in `argv[1]`, if any) and run until it closes."""
    from xpaint_desktop.ui.window.main_window import MainWindow

    app = ensure_application(argv, lang)
    window = MainWindow(open_sample_on_first_start=len(argv) < 2)
    window.show()
    if len(argv) > 1:
        window.open_image(Path(argv[1]))
    return app.exec()


def sample_mask(size: tuple[int, int]) -> QImage:
    """A Grayscale8 mask with an ellipse over the sample photo's coffee."""
    w, h = size
    mask = QImage(w, h, QImage.Format.Format_Grayscale8)
    mask.fill(0)
    x, y, ew, eh = SAMPLE_MASK_ELLIPSE
    painter = QPainter(mask)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255))
    painter.drawEllipse(QRectF(x * w, y * h, ew * w, eh * h))
    painter.end()
    return mask


def wait_until(predicate: Callable[[], bool], timeout_s: float) -> bool:
    """Process events until `predicate()` holds; False on timeout."""
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents()
        time.sleep(0.01)
    return True


def _finished(window: MainWindow, job_id: int) -> bool:
    row = window.jobs.model.job(job_id)
    return row is not None and row.status.is_finished


def _submit(window: MainWindow, spec: JobSpec) -> int:
    """Submit through the window's own path and return the new job's id."""
    added: list[int] = []
    worker = window.worker
    if worker is None:
        raise RuntimeError("the window has no job worker")
    worker.job_added.connect(added.append)
    canvas = window.canvas
    window.submit_job.emit(
        spec,
        canvas.image(),
        canvas.mask(),
        window.source_name(),
    )
    if not wait_until(lambda: bool(added), 30.0):
        raise TimeoutError("the job was not created")
    worker.job_added.disconnect(added.append)
    return added[0]


def _prepared_window(library: Path, size: tuple[int, int]) -> MainWindow:
    """A window on a private library, with the sample, its mask and the sample prompt."""
    from xpaint_desktop.ui.window.main_window import MainWindow

    window = MainWindow(library_dir=library, open_sample_on_first_start=False)
    window.resize(*size)
    window.arrange_docks(size[0])
    window.show()
    image = read_image(sample_image_path())
    window.set_base_image(image, sample_image_path().name, sample_image_path())
    window.canvas.set_mask(sample_mask((image.width(), image.height())))
    window.params.prompt.setPlainText(SAMPLE_PROMPT)
    worker = window.worker
    assert worker is not None
    wait_until(lambda: worker.runner() is not None, 30.0)
    return window


def stage_screenshot(library: Path, size: tuple[int, int] = SCREENSHOT_SIZE) -> MainWindow:
    """The window as the screenshot shows it: two finished offline jobs, the first one shown."""
    window = _prepared_window(library, size)
    base = window.params.spec()
    first = _submit(window, base.with_changes(engine=EngineKind.LOCAL, n=2))
    wait_until(lambda: _finished(window, first), JOB_TIMEOUT_S)
    wait_until(lambda: window.results.thumbnails_loaded() >= 2, 10.0)
    second = _submit(window, base.with_changes(engine=EngineKind.LOCAL, n=1, feather=16))
    wait_until(lambda: _finished(window, second), JOB_TIMEOUT_S)
    row = window.jobs.model.job(first)
    if row is not None:  # the first job's variants, whichever job finished last
        window.results.show_results(first, row.results)
        window.jobs.select_job(first)
        wait_until(lambda: window.results.thumbnails_loaded() >= 2, 10.0)
    window.background.wait()  # the selected result lands on the canvas first...
    wait_until(lambda: False, 0.1)
    window.canvas.set_overlay_image(None)  # ...and then makes way for the mask
    wait_until(lambda: False, 0.3)  # let the layout and the job list settle
    return window


def take_screenshot(
    path: Path, *, size: tuple[int, int] = SCREENSHOT_SIZE, lang: str | None = None
) -> Path:
    """Render the editor with the sample photo, a mask, a prompt and real jobs to a PNG."""
    ensure_application(None, lang)
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="xpaint-shot-") as tmp:
        window = stage_screenshot(Path(tmp), size)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not window.grab().save(str(path)):
                raise OSError(f"could not write the screenshot to {path}")
        finally:
            window.shutdown()
            window.hide()
            window.deleteLater()
    return path


def run_selftest(out: TextIO) -> int:
    """Open the window offscreen, run one offline job on the sample, report; 0 when it worked."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    ensure_application(None)
    with tempfile.TemporaryDirectory(prefix="xpaint-selftest-") as tmp:
        window = _prepared_window(Path(tmp), (1024, 700))
        try:
            spec = window.params.spec().with_changes(engine=EngineKind.LOCAL)
            job_id = _submit(window, spec)
            wait_until(lambda: _finished(window, job_id), JOB_TIMEOUT_S)
            row = window.jobs.model.job(job_id)
            ok = row is not None and row.status is JobStatus.DONE and bool(row.results)
            status = row.status.value if row is not None else "missing"
            out.write(f"selftest: job {job_id} {status}\n")
        finally:
            window.shutdown()
            window.hide()
    return 0 if ok else 1
