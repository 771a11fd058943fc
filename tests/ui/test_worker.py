"""The job worker: QImage conversion, clean shutdown mid-job, and resuming on the next start."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from tests.fakeserver.server import FakeDashScope
from tests.ui.conftest import JOB_TIMEOUT_MS, open_and_wait, paint_mask
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.library.store import Library
from xpaint_desktop.settings import SettingsStore, load_settings, save_settings
from xpaint_desktop.ui.window.main_window import MainWindow
from xpaint_desktop.ui.worker import JobWorker, qimage_to_pil


@pytest.mark.parametrize(
    "fmt",
    [
        QImage.Format.Format_ARGB32,  # converted by Qt: odd width, padded RGB888 rows
        QImage.Format.Format_RGB32,  # as a JPEG decodes: unpacked from its own bytes
    ],
)
def test_qimage_to_pil_keeps_pixels_and_row_padding(fmt: QImage.Format) -> None:
    image = QImage(5, 3, fmt)
    image.fill(QColor(10, 20, 30))
    image.setPixelColor(4, 2, QColor(200, 100, 50))
    pil = qimage_to_pil(image)
    assert pil.mode == "RGB" and pil.size == (5, 3)
    assert pil.getpixel((0, 0)) == (10, 20, 30)
    assert pil.getpixel((4, 2)) == (200, 100, 50)
    image.fill(QColor(0, 0, 0))
    assert pil.getpixel((4, 2)) == (200, 100, 50)  # a copy, not a view of the QImage
    mask = QImage(5, 3, QImage.Format.Format_Grayscale8)
    mask.fill(0)
    mask.setPixelColor(1, 1, Qt.GlobalColor.white)
    pil_mask = qimage_to_pil(mask, mask=True)
    mask.fill(255)
    assert pil_mask.mode == "L"
    assert pil_mask.getbbox() == (1, 1, 2, 2)


def test_closing_mid_job_stops_cleanly_and_the_next_start_resumes_it(
    qtbot: QtBot,
    fake_server_env: FakeDashScope,
    make_window,  # type: ignore[no-untyped-def]
    data_dir: Path,
    tmp_path: Path,
) -> None:
    server = fake_server_env
    server.faults.task_seconds = 600.0
    window: MainWindow = make_window()
    open_and_wait(qtbot, window, data_dir / "coffee.png")
    paint_mask(window)
    window.params.prompt.setPlainText("a cat in the foam")
    window.params.request_generate()
    qtbot.waitUntil(lambda: len(server.tasks) == 1, timeout=JOB_TIMEOUT_MS)
    (row,) = window.jobs.model.rows()
    assert window.worker is not None
    worker = window.worker
    window.close()
    assert window.worker is None
    assert not any(t.name == "xpaint-runner" and t.is_alive() for t in threading.enumerate())
    assert worker.thread().isFinished()
    job = Library(tmp_path / "library").get_job(row.job_id)
    assert job.task_id and not job.status.is_finished

    server.faults.task_seconds = 0.0
    server.advance_time(601.0)
    again: MainWindow = make_window()
    qtbot.waitUntil(
        lambda: (r := again.jobs.model.job(row.job_id)) is not None and r.status is JobStatus.DONE,
        timeout=JOB_TIMEOUT_MS,
    )
    assert len(server.tasks) == 1  # resumed by polling, not created again
    assert again.results.job_id() == row.job_id


def test_a_changed_tasks_in_progress_setting_resizes_the_runners_workers(
    qtbot: QtBot,
    make_window,  # type: ignore[no-untyped-def]
) -> None:
    window: MainWindow = make_window()
    worker = window.worker
    assert worker is not None
    qtbot.waitUntil(lambda: worker.runner() is not None, timeout=JOB_TIMEOUT_MS)
    runner = worker.runner()
    assert runner is not None
    more = runner.max_in_progress + 1
    save_settings(replace(load_settings(), tasks_in_progress=more))  # saved elsewhere
    worker.reload_settings()
    assert runner.max_in_progress == more


def test_the_usage_view_shows_tasks_in_progress_on_another_device(
    qtbot: QtBot,
    fake_server_env: FakeDashScope,
    make_window,  # type: ignore[no-untyped-def]
    data_dir: Path,
) -> None:
    from tests.jobs.reconcile_helpers import task_from_another_device

    server = fake_server_env
    server.other_keys = ("sk-another-device-01",)
    server.faults.task_seconds = 600.0
    task_from_another_device(server, data_dir)
    window: MainWindow = make_window()
    assert window.worker is not None and window.gallery_dock is not None
    qtbot.waitUntil(lambda: window.worker.runner() is not None, timeout=JOB_TIMEOUT_MS)
    usage = window.gallery_dock.usage
    window.gallery_dock.show()
    window.gallery_dock.tabs.setCurrentWidget(usage)
    usage.reload()
    qtbot.waitUntil(lambda: not usage.elsewhere.isHidden(), timeout=JOB_TIMEOUT_MS)
    assert "in progress elsewhere" in usage.elsewhere.text() and ": 1," in usage.elsewhere.text()


def test_the_runner_follows_the_tasks_in_progress_setting(qtbot: QtBot, tmp_path: Path) -> None:
    store = SettingsStore.load()
    library = Library(tmp_path / "library")
    worker = JobWorker(library=library, resume_on_start=False, settings=store)
    worker.start_in_thread()
    try:
        qtbot.waitUntil(lambda: worker.runner() is not None)
        runner = worker.runner()
        assert runner is not None
        more = runner.max_in_progress + 1
        store.update(tasks_in_progress=more)  # what Preferences or another part would do
        assert runner.max_in_progress == more
        assert runner.settings is store.settings  # the engines read the same object
    finally:
        assert worker.shutdown()
        library.close()
    store.update(tasks_in_progress=more + 1)  # a stopped worker no longer listens
    assert runner.max_in_progress == more


def test_a_photo_opened_from_a_file_is_kept_as_its_bytes_and_a_changed_file_is_not(
    qtbot: QtBot,
    fake_server_env: FakeDashScope,
    make_window,  # type: ignore[no-untyped-def]
    data_dir: Path,
    tmp_path: Path,
) -> None:
    server = fake_server_env
    photo = tmp_path / "rocket.jpg"
    photo.write_bytes((data_dir / "rocket.jpg").read_bytes())
    window: MainWindow = make_window()
    open_and_wait(qtbot, window, photo)
    paint_mask(window)
    window.params.prompt.setPlainText("a rocket at dusk")
    window.params.request_generate()
    qtbot.waitUntil(lambda: len(window.jobs.model.rows()) == 1, timeout=JOB_TIMEOUT_MS)
    qtbot.waitUntil(
        lambda: window.jobs.model.rows()[0].status is JobStatus.DONE, timeout=JOB_TIMEOUT_MS
    )
    first = window.jobs.model.rows()[0].job_id
    assert window.library is not None
    job = window.library.get_job(first)
    assert job.base_path.read_bytes() == photo.read_bytes()  # the person's file, not an encode
    assert len(server.tasks) == 1

    # A file that changes on disk after it was opened: the job keeps what the canvas shows.
    other = tmp_path / "coffee.jpg"
    with Image.open(data_dir / "coffee.png") as img:
        img.convert("RGB").save(other, quality=90)
    open_and_wait(qtbot, window, other)
    paint_mask(window)
    canvas_pixels = qimage_to_pil(window.canvas.image())
    with Image.open(other) as img:
        img.transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(other, quality=80)
    window.params.request_generate()
    library = window.library

    def second_done() -> bool:
        jobs = library.list_jobs()
        return len(jobs) == 2 and jobs[0].status is JobStatus.DONE

    qtbot.waitUntil(second_done, timeout=JOB_TIMEOUT_MS)
    stored = library.list_jobs()[0].base_path
    assert stored.suffix == ".png"
    with Image.open(stored) as kept:
        assert ImageChops.difference(kept.convert("RGB"), canvas_pixels).getbbox() is None
    assert len(server.tasks) == 2
