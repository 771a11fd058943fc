"""What the runner says of a job's outcome, told in the window's language.

Real jobs run against the stand-in over real sockets: done with two images, cancelled while its
task waits on the service, cancelled while its task runs (the task goes on, billed), and no
longer waited for. Under the Chinese translator the job list's tooltip and row, the banner, the
history's tooltip and Details hold no English sentence; the English window says it in English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from tests.fakeserver.server import FakeDashScope
from tests.ui.conftest import JOB_TIMEOUT_MS, open_and_wait, paint_mask
from xpaint_desktop.jobs.runner import CancelOutcome
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.ui import i18n
from xpaint_desktop.ui.jobs.detail import JobDetailDialog
from xpaint_desktop.ui.jobs.list import JobRow, stage_line
from xpaint_desktop.ui.window.main_window import MainWindow

# Three English words in a row: a sentence, not a file name or a task id.
ENGLISH = re.compile(r"[A-Za-z]{2,}(?:[ ,;']+[A-Za-z]{2,}){2,}")

# outcome -> (what the Chinese window says, what the English one says)
SAYS = {
    "done": ("2 张图片已就绪", "2 images ready"),
    "cancelled": ("已在服务端被取消", "was cancelled on the service"),
    "abandoned": ("仍在服务端运行并会计费", "goes on running on the service and is billed"),
    "stopped_waiting": ("不再等待；图片仍会送达", "not waited for; its image still arrives"),
}


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest, qapp: object) -> Iterator[str]:
    i18n.install_translators(request.param)
    yield request.param
    i18n.install_translators("en")


def _tooltip(model: object, row: int) -> str:
    index = model.index(row, 0, QModelIndex())  # type: ignore[attr-defined]
    return str(model.data(index, Qt.ItemDataRole.ToolTipRole))  # type: ignore[attr-defined]


def _row(window: MainWindow) -> JobRow:
    """The one job's row (a placeholder and the job's first event may briefly be two)."""
    rows = window.jobs.model.rows()
    return rows[0] if len(rows) == 1 else JobRow(0)


def _on_the_service(qtbot: QtBot, window: MainWindow, server: FakeDashScope) -> JobRow:
    """Wait until the job's task exists on the stand-in (still PENDING there)."""
    qtbot.waitUntil(
        lambda: _row(window).status is JobStatus.PENDING and len(server.tasks) == 1,
        timeout=JOB_TIMEOUT_MS,
    )
    return _row(window)


def _run(qtbot: QtBot, window: MainWindow, server: FakeDashScope, outcome: str) -> JobRow:
    if outcome == "done":
        window.params.n_spin.setValue(2)
    else:
        server.faults.task_seconds = 30.0  # PENDING for 9 s of the stand-in's clock, then RUNNING
    window.params.request_generate()
    if outcome == "done":
        qtbot.waitUntil(lambda: _row(window).status.is_finished, timeout=JOB_TIMEOUT_MS)
        return _row(window)
    row = _on_the_service(qtbot, window, server)
    if outcome == "cancelled":  # cancelled on the service while it waits there
        window.jobs.select_job(row.job_id)
        window.jobs.cancel_button.click()
    elif outcome == "abandoned":  # its task runs; the result is left on the service
        server.advance_time(15)
        runner = window.worker.runner()  # type: ignore[union-attr]
        assert runner is not None
        assert runner.cancel(row.job_id, keep_result=False) is CancelOutcome.ABANDONED
    else:  # its task runs: the window stops waiting, the image still arrives later
        server.advance_time(15)
        window.jobs.select_job(row.job_id)
        window.jobs.cancel_button.click()
        qtbot.waitUntil(lambda: _row(window).stopped_waiting, timeout=JOB_TIMEOUT_MS)
        return _row(window)
    qtbot.waitUntil(lambda: _row(window).status is JobStatus.CANCELLED, timeout=JOB_TIMEOUT_MS)
    return _row(window)


def _details(qtbot: QtBot, window: MainWindow, job_id: int) -> list[str]:
    assert window.library is not None
    dialog = JobDetailDialog(window.library, job_id)
    qtbot.addWidget(dialog)
    return [
        dialog.form.itemAt(i).widget().text()  # type: ignore[union-attr]
        for i in range(dialog.form.count())
        if dialog.form.itemAt(i).widget() is not None
    ]


@pytest.mark.parametrize("outcome", list(SAYS))
def test_the_runners_notes_are_told_in_the_windows_language(
    language: str,
    qtbot: QtBot,
    fake_server_env: FakeDashScope,
    make_window,  # type: ignore[no-untyped-def]
    data_dir: Path,
    outcome: str,
) -> None:
    window: MainWindow = make_window()
    open_and_wait(qtbot, window, data_dir / "coffee.png")
    paint_mask(window)
    window.params.prompt.setPlainText("一杯拿铁")
    row = _run(qtbot, window, fake_server_env, outcome)
    chinese, english = SAYS[outcome]
    expected = chinese if language == "zh_CN" else english

    tip = _tooltip(window.jobs.model, 0)
    assert expected in tip, tip
    shown = [tip, stage_line(row)]
    if window.banner.isVisible():
        shown.append(window.banner.text())
    if outcome in ("cancelled", "abandoned"):
        details = _details(qtbot, window, row.job_id)
        assert any(expected in text for text in details), details
        shown += details
        gallery = window.gallery_dock.gallery.model  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: gallery.row_of(row.job_id) is not None)
        history = _tooltip(gallery, gallery.row_of(row.job_id))
        assert expected in history, history
        shown.append(history)
    if outcome == "stopped_waiting":
        assert window.banner.isVisible()
    if language == "zh_CN":
        for text in shown:
            assert not ENGLISH.search(text), text
    assert len(fake_server_env.tasks) == 1  # never a second task
    if outcome == "stopped_waiting":
        fake_server_env.advance_time(60)  # its image arrives after the test: let it end soon
