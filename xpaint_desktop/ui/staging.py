"""The window staged for a picture or a check: the screenshot mode and the offscreen self-test.

`take_screenshot` opens the window with the sample photo, a painted mask, a Chinese prompt and
real jobs run through the offline engine, renders it with `QWidget.grab()` and exits: the
README's picture and a quick look at the window on a machine without a screen. `run_selftest`
does the same without the picture and reports whether the offline job succeeded. Both use a
temporary library so they leave the person's history alone.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.paths import sample_image_path
from xpaint_desktop.spec import EngineKind, JobSpec
from xpaint_desktop.ui.app import ensure_application
from xpaint_desktop.ui.shared.image_io import read_image

if TYPE_CHECKING:
    from xpaint_desktop.ui.window.main_window import MainWindow

SAMPLE_PROMPT = "一杯拿铁, 拉花是一只猫"
# Where the coffee's surface is in resources/sample.png, as fractions of the image size.
SAMPLE_MASK_ELLIPSE = (0.34, 0.23, 0.28, 0.25)
JOB_TIMEOUT_S = 120.0
SCREENSHOT_SIZE = (1400, 900)


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
