""" "Run again" for a failed job: the same inputs as a new job, one paid task per decision."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.fakeserver import protocol
from tests.fakeserver.faults import TaskFailure
from tests.fakeserver.server import FakeDashScope
from tests.jobs.reconcile_helpers import fast_runner, inputs
from tests.ui.conftest import JOB_TIMEOUT_MS
from tests.ui.window.test_jobs import _ready, _wait_finished
from tests.ui.window.test_models_in_window import StandardButton, _answer_next_question
from xpaint_desktop.imaging.limits import MODEL_IMAGEEDIT
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.library.store import Library
from xpaint_desktop.spec import JobSpec
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


def test_run_again_asks_the_sessions_one_question_before_a_paid_job(
    qtbot: QtBot,
    fake_server_env: FakeDashScope,
    make_window,  # type: ignore[no-untyped-def]
    data_dir: Path,
    tmp_path: Path,
) -> None:
    """A paid job that failed in an earlier session, run again first thing in a new one: the
    question comes first; no sends nothing, yes sends one task (a quick second press still
    none), and Generate does not ask again."""
    server = fake_server_env
    server.faults.rate_limit_per_s = None
    server.faults.fail_tasks = TaskFailure(
        code="InternalError.Timeout", message=protocol.MSG_TIMEOUT, count=1
    )
    with Library(tmp_path / "library") as library:  # the window's library, an earlier session
        runner = fast_runner(library)
        base, mask = inputs(data_dir)
        failed = runner.submit(JobSpec(prompt="a cup", model=MODEL_IMAGEEDIT), base, mask, "c.png")
        runner.run_until_idle()
        runner.close()
        assert library.get_job(failed).status is JobStatus.FAILED
    assert len(server.tasks) == 1

    window: MainWindow = make_window()
    _ready(qtbot, window, data_dir / "coffee.png", "a ceramic cup")
    asked: list[str] = []
    _answer_next_question(StandardButton.Cancel, asked)
    window.run_job_again(failed)  # the history's or the job list's "Run again"
    assert len(asked) == 1 and MODEL_IMAGEEDIT in asked[0]
    assert window.jobs.model.rows() == [] and window.rerun.rerun_of(failed) is None

    _answer_next_question(StandardButton.Yes, asked)
    window.run_job_again(failed)
    window.run_job_again(failed)  # a quick second press: no question, nothing sent
    assert len(asked) == 2
    (rerun,) = _wait_finished(qtbot, window)
    assert rerun.status is JobStatus.DONE, rerun.message
    assert len(server.tasks) == 2  # the failed one and one new: the declined one sent nothing
    assert window.library is not None
    assert len(window.library.list_jobs()) == 2

    window.params.set_model(MODEL_IMAGEEDIT)
    window.generate()  # already asked this session: straight to the queue
    _wait_finished(qtbot, window, count=2)
    assert len(asked) == 2
    assert len(server.tasks) == 3
    assert [t.request.model for t in server.tasks] == [MODEL_IMAGEEDIT] * 3
