""" "Run again" for a failed job: the same inputs as a new job, one paid task per decision."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.fakeserver import protocol
from tests.fakeserver.faults import TaskFailure
from tests.fakeserver.server import FakeDashScope
from tests.ui.conftest import JOB_TIMEOUT_MS
from tests.ui.window.test_jobs import _ready, _wait_finished
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.ui.window.main_window import MainWindow


def test_run_again_on_the_banner_sends_the_same_inputs_once(
    qtbot: QtBot,
    fake_server_env: FakeDashScope,
    make_window,  # type: ignore[no-untyped-def]
    data_dir: Path,
) -> None:
    fake_server_env.faults.fail_tasks = TaskFailure(
        code="InternalError.Timeout", message=protocol.MSG_TIMEOUT, count=1
    )
    window: MainWindow = make_window()
    _ready(qtbot, window, data_dir / "coffee.png", "a latte with a cat")
    window.params.request_generate()
    (failed,) = _wait_finished(qtbot, window)
    assert failed.status is JobStatus.FAILED
    assert len(fake_server_env.tasks) == 1

    banner = window.banner
    again = banner.run_again_button()
    assert banner.isVisible() and again.isVisible()
    assert again.text() == "Run again"
    window.params.prompt.setPlainText("something else")  # the inputs are the job's, not these
    qtbot.mouseClick(again, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(again, Qt.MouseButton.LeftButton)  # a quick second press
    window.run_job_again(failed.job_id)  # and "Run again" from the job list at once
    assert not banner.isVisible()
    rows = _wait_finished(qtbot, window, count=2)
    assert len(rows) == 2
    rerun = rows[1]
    assert rerun.status is JobStatus.DONE, rerun.message
    assert len(fake_server_env.tasks) == 2  # one failed task, one new: never a third
    library = window.library
    assert library is not None
    old, new = library.get_job(failed.job_id), library.get_job(rerun.job_id)
    assert new.spec.prompt == "a latte with a cat"
    assert new.spec.parent_job_id == old.id
    assert window.rerun.rerun_of(old.id) == new.id

    # Once the re-run has finished, running the job again is a new decision: it is sent.
    window.run_job_again(failed.job_id)
    qtbot.waitUntil(
        lambda: (
            len(window.jobs.model.rows()) == 3 and window.jobs.model.rows()[2].status.is_finished
        ),
        timeout=JOB_TIMEOUT_MS,
    )
    assert len(fake_server_env.tasks) == 3
