"""Jobs started from the window: the stand-in service, the offline engine, errors, the queue."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageChops
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from tests.fakeserver.faults import DropRule, TaskFailure
from tests.fakeserver.server import FakeDashScope
from tests.ui.conftest import JOB_TIMEOUT_MS, open_and_wait, paint_mask
from xpaint_desktop.keys import ENV_API_KEY
from xpaint_desktop.library import patches
from xpaint_desktop.library.composites import composite_image
from xpaint_desktop.library.files import png_bytes
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.settings import ENV_BASE_URL
from xpaint_desktop.spec import EngineKind
from xpaint_desktop.ui.jobs.list import JobRow
from xpaint_desktop.ui.preferences.dialog import PreferencesDialog
from xpaint_desktop.ui.shared.image_io import source_file_bytes
from xpaint_desktop.ui.window.banner import BannerAction
from xpaint_desktop.ui.window.main_window import MainWindow
from xpaint_desktop.ui.worker import qimage_to_pil


def _rows(window: MainWindow) -> list[JobRow]:
    return window.jobs.model.rows()


def _wait_finished(qtbot: QtBot, window: MainWindow, count: int = 1) -> list[JobRow]:
    qtbot.waitUntil(
        lambda: len(_rows(window)) >= count and all(r.status.is_finished for r in _rows(window)),
        timeout=JOB_TIMEOUT_MS,
    )
    return _rows(window)


def _ready(qtbot: QtBot, window: MainWindow, image: Path, prompt: str = "a latte") -> None:
    open_and_wait(qtbot, window, image)
    paint_mask(window)
    window.params.prompt.setPlainText(prompt)


def test_cloud_job_against_the_stand_in_shows_its_results(
    qtbot: QtBot,
    fake_server_env: FakeDashScope,
    make_window,
    data_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    window: MainWindow = make_window()
    _ready(qtbot, window, data_dir / "coffee.png", "一杯拿铁, 拉花是一只猫")
    window.params.n_spin.setValue(2)
    assert window.params.generate_button.isEnabled()
    qtbot.mouseClick(window.params.generate_button, Qt.MouseButton.LeftButton)
    (row,) = _wait_finished(qtbot, window)
    assert row.status is JobStatus.DONE, row.message
    assert row.prompt == "一杯拿铁, 拉花是一只猫"
    assert len(fake_server_env.tasks) == 1
    strip = window.results
    assert strip.job_id() == row.job_id
    assert [r.index for r in strip.results()] == [0, 1]
    assert all(r.ok and r.composite_path is None for r in strip.results())  # made when shown
    qtbot.waitUntil(lambda: strip.thumbnails_loaded() == 2)
    assert strip.current_result() is not None
    assert window.params.prompt.toPlainText() == "一杯拿铁, 拉花是一只猫"  # nothing typed is lost


def test_offline_job_completes_and_can_become_the_new_base(
    qtbot: QtBot, window: MainWindow, data_dir: Path, tmp_path: Path
) -> None:
    _ready(qtbot, window, data_dir / "chelsea.png", "")
    window.params.set_engine(EngineKind.LOCAL)
    window.params.request_generate()
    (row,) = _wait_finished(qtbot, window)
    assert row.status is JobStatus.DONE, row.message
    assert row.engine is EngineKind.LOCAL
    record = window.results.current_result()
    assert record is not None and record.ok and window.library is not None
    made = composite_image(window.library.get_job(row.job_id), record)
    qtbot.waitUntil(window.canvas.has_result)  # the composite, made off the UI thread

    out = tmp_path / "saved" / "result.png"
    with qtbot.waitSignal(window.result_files.saved, timeout=10_000):
        window.save_result_to(record, out)
    with Image.open(out) as saved:
        assert saved.size == made.size
        assert ImageChops.difference(saved.convert("RGB"), made).getbbox() is None
    jpeg = tmp_path / "saved" / "result.jpg"
    with qtbot.waitSignal(window.result_files.saved, timeout=10_000):
        window.save_result_to(record, jpeg)
    assert jpeg.read_bytes()[:2] == b"\xff\xd8"

    window.results.use_button.click()
    qtbot.waitUntil(lambda: f"job{row.job_id}" in window.source_name())
    assert window.canvas.is_mask_empty()
    spec = window.params.spec()
    assert (spec.parent_job_id, spec.parent_result_index) == (row.job_id, record.index)

    # the next job keeps that picture as a patch over the first job's photo, read back exactly
    paint_mask(window, (0.1, 0.1, 0.3, 0.3))
    window.params.request_generate()
    first, second = sorted(_wait_finished(qtbot, window, 2), key=lambda r: r.job_id)
    assert first.job_id == row.job_id and second.status is JobStatus.DONE, second.message
    job, parent = window.library.get_job(second.job_id), window.library.get_job(row.job_id)
    assert patches.is_patch(job.base_path)
    assert patches.under(window.library.root, job.base_path.relative_to(window.library.root))
    assert ImageChops.difference(patches.open_photo(job.base_path), made).getbbox() is None
    assert job.base_path.stat().st_size < parent.base_path.stat().st_size + len(png_bytes(made))
    # reopened in the editor: the picture, and a job from it names the same patch
    with qtbot.waitSignal(window.opener.job_opened, timeout=10_000):
        window.open_job_in_editor(job.id)
    shown = window.canvas.image().convertToFormat(QImage.Format.Format_RGB888)
    assert ImageChops.difference(qimage_to_pil(shown), made).getbbox() is None
    assert source_file_bytes(window.canvas.image()) == job.base_path.read_bytes()


def test_wrong_key_shows_the_banner_with_preferences(
    qtbot: QtBot,
    fake_server: FakeDashScope,
    monkeypatch: pytest.MonkeyPatch,
    make_window,  # type: ignore[no-untyped-def]
    data_dir: Path,
) -> None:
    monkeypatch.setenv(ENV_BASE_URL, fake_server.base_url)
    monkeypatch.setenv(ENV_API_KEY, "sk-wrong-key")
    window: MainWindow = make_window()
    _ready(qtbot, window, data_dir / "coffee.png")
    window.params.prompt.setFocus()
    window.params.request_generate()
    (row,) = _wait_finished(qtbot, window)
    assert row.status is JobStatus.FAILED
    assert window.banner.isVisible()
    assert window.banner.action() is BannerAction.OPEN_PREFERENCES
    assert "API key" in window.banner.text()
    assert "sk-wrong-key" not in window.banner.text()
    assert window.params.prompt.toPlainText() == "a latte"
    window.banner.action_button().click()
    dialog = window.findChild(PreferencesDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_content_rejection_offers_to_edit_the_prompt(
    qtbot: QtBot,
    fake_server_env: FakeDashScope,
    make_window,
    data_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    fake_server_env.faults.fail_tasks = TaskFailure()
    window: MainWindow = make_window()
    _ready(qtbot, window, data_dir / "coffee.png")
    window.params.request_generate()
    (row,) = _wait_finished(qtbot, window)
    assert row.status is JobStatus.FAILED
    assert "inappropriate" in window.banner.text()
    assert window.banner.action() is BannerAction.EDIT_PROMPT
    window.banner.action_button().click()
    assert window.params.prompt.hasFocus() or window.params.prompt.textCursor().hasSelection()


def test_jobs_queue_while_one_runs_and_a_queued_one_can_be_cancelled(
    qtbot: QtBot,
    fake_server_env: FakeDashScope,
    make_window,  # type: ignore[no-untyped-def]
    data_dir: Path,
) -> None:
    server = fake_server_env
    server.faults.task_seconds = 1.5
    window: MainWindow = make_window()
    _ready(qtbot, window, data_dir / "coffee.png")
    for i in range(3):  # three different prompts: three jobs
        window.params.prompt.setPlainText(f"a latte, take {i}")
        window.params.request_generate()
    assert len(_rows(window)) == 3  # in the list at once, before the worker wrote them
    qtbot.waitUntil(
        lambda: len(_rows(window)) == 3 and all(r.job_id > 0 for r in _rows(window)),
        timeout=JOB_TIMEOUT_MS,
    )
    first, _second, third = _rows(window)
    qtbot.waitUntil(
        lambda: window.jobs.model.job(first.job_id).status.is_active,  # type: ignore[union-attr]
        timeout=JOB_TIMEOUT_MS,
    )
    assert window.jobs.model.is_ticking()
    assert window.jobs.model.job(third.job_id).status is JobStatus.QUEUED  # type: ignore[union-attr]
    window.jobs.select_job(third.job_id)
    assert window.jobs.cancel_button.isEnabled()
    window.jobs.cancel_button.click()
    qtbot.waitUntil(
        lambda: window.jobs.model.job(third.job_id).status is JobStatus.CANCELLED,  # type: ignore[union-attr]
        timeout=JOB_TIMEOUT_MS,
    )
    assert not window.jobs.cancel_button.isEnabled()
    rows = _wait_finished(qtbot, window, 3)
    assert [r.status for r in rows] == [JobStatus.DONE, JobStatus.DONE, JobStatus.CANCELLED]
    assert len(server.tasks) == 2
    assert not window.jobs.model.is_ticking()
    window.shutdown()


def test_preferences_change_reaches_generate(
    qtbot: QtBot, window: MainWindow, data_dir: Path, no_keyring: None
) -> None:
    _ready(qtbot, window, data_dir / "coffee.png")
    window.params.set_engine(EngineKind.CLOUD)
    assert "API key" in window.params.reason_label.text()
    dialog = window.show_preferences()
    assert dialog.keyring_note.isVisibleTo(dialog)
    dialog.key_edit.setText("sk-typed-in-preferences")
    with qtbot.waitSignal(window.session.key_status_changed):  # read off the UI thread
        dialog.accept()
    assert window.params.generate_button.isEnabled()
    assert "sk-typed" not in window.chrome.key_label.text()


def test_an_uncertain_creation_is_shown_being_checked_then_continues(
    qtbot: QtBot,
    fake_server_env: FakeDashScope,
    make_window,
    data_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    """The creation's answer is lost after the task was made: the row says the service is
    being asked, then the job goes on with that task, and no second task is made."""
    from xpaint_desktop.ui.jobs.list import stage_line

    fake_server_env.faults.script_path = "image-synthesis"
    fake_server_env.faults.script = [DropRule(after_processing=True)]
    window: MainWindow = make_window()
    seen: list[str] = []
    window.jobs.model.dataChanged.connect(
        lambda *_: seen.extend(stage_line(r) for r in _rows(window))
    )
    _ready(qtbot, window, data_dir / "coffee.png")
    qtbot.mouseClick(window.params.generate_button, Qt.MouseButton.LeftButton)
    (row,) = _wait_finished(qtbot, window)
    assert row.status is JobStatus.DONE, row.message
    assert any(s.startswith("Checking with the service: ") for s in seen), seen
    assert len(fake_server_env.tasks) == 1
