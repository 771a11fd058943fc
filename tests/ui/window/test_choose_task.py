"""A lost creation answer with several candidate tasks: the person chooses in the window.

Real widgets, the real worker and runner, the stand-in over sockets; the stand-in's own task
count says whether anything more was created (and billed).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.fakeserver.faults import DropRule, Fault
from tests.fakeserver.server import FakeDashScope
from tests.jobs.reconcile_helpers import task_from_another_device
from tests.ui.conftest import JOB_TIMEOUT_MS, open_and_wait, paint_mask
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.ui.jobs.choice import ChoiceDialog
from xpaint_desktop.ui.jobs.list import JobRow
from xpaint_desktop.ui.window.banner import BannerAction
from xpaint_desktop.ui.window.main_window import MainWindow


def _waiting_for_a_choice(
    qtbot: QtBot,
    window: MainWindow,
    server: FakeDashScope,
    data_dir: Path,
    others: int,
    fault: Fault,
) -> tuple[JobRow, list[str]]:
    """Generate while another device of the account made `others` tasks; the answer is lost."""
    server.other_keys = ("sk-another-device-01",)
    open_and_wait(qtbot, window, data_dir / "coffee.png")
    paint_mask(window)
    window.params.prompt.setPlainText("a latte")
    # made just before Generate, so they fall in the window's clock margin around the send
    theirs = [task_from_another_device(server, data_dir) for _ in range(others)]
    server.faults.script_path = "image-synthesis"
    server.faults.script = [fault]
    qtbot.mouseClick(window.params.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: any(r.status is JobStatus.AWAITING_CHOICE for r in window.jobs.model.rows()),
        timeout=JOB_TIMEOUT_MS,
    )
    (row,) = window.jobs.model.rows()
    return row, theirs


def _open_from_the_job_list(qtbot: QtBot, window: MainWindow, job_id: int) -> ChoiceDialog:
    window.jobs.select_job(job_id)
    assert window.jobs.choose_button.isEnabled()
    assert not window.jobs.cancel_button.isEnabled()
    qtbot.mouseClick(window.jobs.choose_button, Qt.MouseButton.LeftButton)
    dialog = window.choice_dialog
    assert dialog is not None and dialog.job_id == job_id
    return dialog


def _wait_done(qtbot: QtBot, window: MainWindow) -> JobRow:
    qtbot.waitUntil(
        lambda: all(r.status.is_finished for r in window.jobs.model.rows()),
        timeout=JOB_TIMEOUT_MS,
    )
    (row,) = window.jobs.model.rows()
    return row


def test_adopting_a_listed_task_creates_nothing_and_fetches_its_images(
    qtbot: QtBot,
    fake_server_env: FakeDashScope,
    make_window,
    data_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    window: MainWindow = make_window()
    row, (theirs,) = _waiting_for_a_choice(
        qtbot, window, fake_server_env, data_dir, 1, DropRule(after_processing=True)
    )
    assert len(fake_server_env.tasks) == 2
    assert window.banner.action() is BannerAction.CHOOSE_TASK
    qtbot.mouseClick(window.banner.action_button(), Qt.MouseButton.LeftButton)
    dialog = window.choice_dialog
    assert dialog is not None and dialog.job_id == row.job_id
    qtbot.waitUntil(lambda: len(dialog.task_ids()) == 2, timeout=JOB_TIMEOUT_MS)
    assert set(dialog.task_ids()) == {t.task_id for t in fake_server_env.tasks}
    assert not dialog.use_button.isEnabled()  # nothing chosen yet
    mine = next(t for t in dialog.task_ids() if t != theirs)
    dialog.select_task(mine)
    created = dialog.table.item(dialog.task_ids().index(mine), 0).text()
    assert created[:4].isdigit() and created.count(":") == 2
    qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    done = _wait_done(qtbot, window)
    assert done.status is JobStatus.DONE, done.message
    assert len(fake_server_env.tasks) == 2  # nothing more was created
    job = window.library.get_job(row.job_id)  # type: ignore[union-attr]
    assert job.task_id == mine
    assert job.results and all(r.path and r.path.exists() for r in job.results)
    assert window.results.job_id() == row.job_id


def test_sending_again_from_the_job_list_creates_exactly_one_more_task(
    qtbot: QtBot,
    fake_server_env: FakeDashScope,
    make_window,
    data_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    window: MainWindow = make_window()
    row, theirs = _waiting_for_a_choice(qtbot, window, fake_server_env, data_dir, 2, DropRule())
    assert len(fake_server_env.tasks) == 2
    dialog = _open_from_the_job_list(qtbot, window, row.job_id)
    qtbot.waitUntil(lambda: len(dialog.task_ids()) == 2, timeout=JOB_TIMEOUT_MS)
    assert sorted(dialog.task_ids()) == sorted(theirs)
    assert "billed" in dialog.warning.text()
    qtbot.mouseClick(dialog.send_again_button, Qt.MouseButton.LeftButton)
    done = _wait_done(qtbot, window)
    assert done.status is JobStatus.DONE, done.message
    assert len(fake_server_env.tasks) == 3  # exactly one more
    job = window.library.get_job(row.job_id)  # type: ignore[union-attr]
    assert job.task_id not in theirs and job.results
