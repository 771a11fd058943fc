"""The error banner's advice and the job list's rows, stages and clock."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from xpaint_desktop import errors
from xpaint_desktop.jobs.runner import JobEvent
from xpaint_desktop.library.models import JobStatus, ResultRecord
from xpaint_desktop.ui.jobs.list import JobListView, JobRole, JobRow, stage_line, waiting_notice
from xpaint_desktop.ui.shared.names import format_elapsed, stage_name
from xpaint_desktop.ui.window.banner import Banner, BannerAction, BannerLevel, advice_for


@pytest.mark.parametrize(
    ("error", "action", "level", "words"),
    [
        (errors.AuthError("bad key"), BannerAction.OPEN_PREFERENCES, BannerLevel.ERROR, "region"),
        (errors.ThrottledError("slow"), BannerAction.NONE, BannerLevel.WARNING, "retried"),
        (errors.ContentRejectedError("no"), BannerAction.EDIT_PROMPT, BannerLevel.ERROR, "prompt"),
        (errors.NetworkError("down"), BannerAction.OPEN_PREFERENCES, BannerLevel.ERROR, "proxy"),
        (errors.OutcomeUnknownError("?"), BannerAction.NONE, BannerLevel.WARNING, "not sent"),
        (errors.ServerError("500"), BannerAction.NONE, BannerLevel.ERROR, "try again"),
        (
            errors.TaskFailedError("moderated", code="DataInspectionFailed"),
            BannerAction.EDIT_PROMPT,
            BannerLevel.ERROR,
            "prompt",
        ),
        (
            errors.ServiceError("busy", code="Throttling.RateQuota"),
            BannerAction.NONE,
            BannerLevel.WARNING,
            "retried",
        ),
    ],
)
def test_advice_by_class_and_code(
    error: errors.XPaintError, action: BannerAction, level: BannerLevel, words: str
) -> None:
    advice = advice_for(error)
    assert (advice.action, advice.level) == (action, level)
    assert words in advice.text


def test_banner_shows_message_code_and_request_and_closes(qtbot: QtBot) -> None:
    banner = Banner()
    qtbot.addWidget(banner)
    banner.show()
    error = errors.AuthError("The API key was refused.", request_id="req-42")
    banner.show_error(error, context="Job #3")
    assert banner.isVisible()
    text = banner.text()
    assert text.startswith("Job #3: The service refused the API key")  # the person's sentence
    assert "Service said: The API key was refused." in text  # the service's words as detail
    assert "InvalidApiKey" in text and "req-42" in text
    with qtbot.waitSignal(banner.action_triggered) as signal:
        banner.action_button().click()
    assert signal.args == [BannerAction.OPEN_PREFERENCES]
    banner.dismiss()
    assert not banner.isVisible()


def _event(job_id: int, status: JobStatus, elapsed: float = 0.0, **kw: object) -> JobEvent:
    return JobEvent(job_id, status, str(status), elapsed, **kw)  # type: ignore[arg-type]


def test_rows_follow_events_and_only_unfinished_jobs_cancel(qtbot: QtBot) -> None:
    view = JobListView()
    qtbot.addWidget(view)
    model = view.model
    model.add_job(1, prompt="first")
    model.add_job(2, prompt="second")
    assert not model.is_ticking()
    model.apply_event(_event(1, JobStatus.PENDING, 3.0))
    assert model.is_ticking()
    index = model.index(0)
    assert index.data(JobRole.STAGE) == stage_name(JobStatus.PENDING) == "Queued on the service"
    assert index.data(Qt.ItemDataRole.DisplayRole) == "#1 first"
    view.select_job(2)
    requested: list[int] = []
    view.cancel_requested.connect(requested.append)
    view.cancel_button.click()
    assert requested == [2]
    result = ResultRecord(1, 0, Path("r.png"), Path("c.png"), None, None, datetime.now())
    row = model.apply_event(_event(1, JobStatus.DONE, 21.5, results=(result,)))
    assert row.results == (result,)
    model.apply_event(_event(2, JobStatus.CANCELLED))
    assert not model.is_ticking()
    assert model.index(0).data(JobRole.ELAPSED) == "0:21"
    view.select_job(1)
    assert not view.cancel_button.isEnabled()


def test_elapsed_time_grows_only_while_active() -> None:
    running = JobRow(1, status=JobStatus.RUNNING, elapsed_s=10.0, reported_at=100.0)
    assert running.elapsed(now=104.5) == pytest.approx(14.5)
    done = JobRow(1, status=JobStatus.DONE, elapsed_s=10.0, reported_at=100.0)
    assert done.elapsed(now=200.0) == 10.0
    assert format_elapsed(3723) == "1:02:03"
    assert format_elapsed(65.9) == "1:05"
    assert not JobRow(1, status=JobStatus.INTERRUPTED).cancellable
    assert JobRow(1, status=JobStatus.PENDING).cancellable


@pytest.mark.parametrize(
    ("status", "text"),
    [
        (JobStatus.QUEUED, "Cancel job"),
        (JobStatus.PENDING, "Cancel job"),
        (JobStatus.RUNNING, "Stop waiting"),
        (JobStatus.SUSPENDED, "Stop waiting"),
        (JobStatus.DOWNLOADING, "Stop waiting"),
    ],
)
def test_the_cancel_button_says_what_it_can_do(qtbot: QtBot, status: JobStatus, text: str) -> None:
    """A task running on the service cannot be stopped there: the button says Stop waiting."""
    view = JobListView()
    qtbot.addWidget(view)
    view.model.add_job(1, prompt="a cat")
    if status is not JobStatus.QUEUED:
        view.model.apply_event(_event(1, status, 2.0))
    view.select_job(1)
    assert view.cancel_button.isEnabled()
    assert view.cancel_button.text() == text
    if text == "Stop waiting":
        assert "still arrives" in view.cancel_button.toolTip()


def test_a_job_no_longer_waited_for_says_so_until_its_image_arrives(qtbot: QtBot) -> None:
    view = JobListView()
    qtbot.addWidget(view)
    model = view.model
    model.add_job(4, prompt="a cat")
    running = model.apply_event(_event(4, JobStatus.RUNNING, 5.0))
    assert waiting_notice(running, _event(4, JobStatus.RUNNING)) is None
    stop = _event(4, JobStatus.RUNNING, 6.0, cancellation=errors.Cancellation.STOPPED_WAITING)
    row = model.apply_event(stop)
    view.select_job(4)
    assert row.stopped_waiting and not view.cancel_button.isEnabled()  # nothing more to stop
    assert stage_line(row) == "Running: not waited for; its image still arrives"
    tip = model.data(model.index(0), Qt.ItemDataRole.ToolTipRole)
    assert "Running\n" in tip and tip.endswith("not waited for; its image still arrives")
    notice = waiting_notice(row, stop)
    assert notice is not None and "#4" in notice and "bills" in notice
    row = model.apply_event(_event(4, JobStatus.RUNNING, 9.0))  # its task is polled again
    assert row.stopped_waiting and stage_line(row).endswith("still arrives")
    done = _event(4, JobStatus.DONE, 30.0)
    row = model.apply_event(done)
    assert stage_line(row) == "Done"
    notice = waiting_notice(row, done)
    assert notice is not None and "#4" in notice and "arrived" in notice
