"""Both models from the window: the paid job's one question, the used-up trial's way on."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.fakeserver.server import FakeDashScope
from tests.ui.conftest import JOB_TIMEOUT_MS, open_and_wait, paint_mask
from xpaint_desktop.imaging.limits import MODEL_IMAGEEDIT, MODEL_X_PAINTING
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.ui.window.banner import BannerAction
from xpaint_desktop.ui.window.main_window import MainWindow

StandardButton = QMessageBox.StandardButton


def _answer_next_question(button: StandardButton, asked: list[str]) -> None:
    """Press `button` in the next message box as soon as it is open (a real modal dialog)."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            asked.append(box.text())
            box.button(button).click()
        else:
            QTimer.singleShot(20, press)

    QTimer.singleShot(0, press)


def _finished(qtbot: QtBot, window: MainWindow, count: int) -> None:
    rows = window.jobs.model.rows
    qtbot.waitUntil(
        lambda: len(rows()) >= count and all(r.status.is_finished for r in rows()),
        timeout=JOB_TIMEOUT_MS,
    )


def _mask_array(window: MainWindow) -> np.ndarray:
    mask = window.canvas.mask()
    ptr = mask.constBits()
    return np.frombuffer(ptr, np.uint8, mask.sizeInBytes()).copy()


def test_the_first_paid_job_of_a_session_asks_once(
    qtbot: QtBot,
    fake_server_env: FakeDashScope,
    make_window,
    data_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    fake_server_env.faults.rate_limit_per_s = None
    window: MainWindow = make_window()
    open_and_wait(qtbot, window, data_dir / "coffee.png")
    paint_mask(window)
    window.params.prompt.setPlainText("a ceramic cup")
    window.params.set_model(MODEL_IMAGEEDIT)
    window.params.n_spin.setValue(2)
    asked: list[str] = []
    _answer_next_question(StandardButton.Cancel, asked)
    window.generate()
    assert len(asked) == 1 and "2 × 0.02007 USD" in asked[0]
    qtbot.wait(200)
    assert window.jobs.model.rows() == [] and fake_server_env.tasks == []  # nothing spent
    _answer_next_question(StandardButton.Yes, asked)
    window.generate()
    _finished(qtbot, window, 1)
    window.generate()  # the second paid job goes straight to the queue
    _finished(qtbot, window, 2)
    assert len(asked) == 2
    assert [r.status for r in window.jobs.model.rows()] == [JobStatus.DONE] * 2
    assert [t.request.model for t in fake_server_env.tasks] == [MODEL_IMAGEEDIT] * 2


def test_used_up_trial_switches_the_job_to_the_successor_in_one_click(
    qtbot: QtBot,
    fake_server_env: FakeDashScope,
    make_window,
    data_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    fake_server_env.faults.quota_exhausted = (MODEL_X_PAINTING,)
    window: MainWindow = make_window()
    open_and_wait(qtbot, window, data_dir / "coffee.png")
    paint_mask(window, (0.2, 0.25, 0.3, 0.3))
    painted = _mask_array(window)
    window.params.prompt.setPlainText("a latte with a fern")
    window.generate()
    _finished(qtbot, window, 1)
    (failed,) = window.jobs.model.rows()
    assert failed.status is JobStatus.FAILED
    assert "Free allocated quota exceeded" in window.banner.text()
    assert window.banner.action() is BannerAction.USE_SUCCESSOR
    window.canvas.set_mask(window.canvas.mask().copy())  # anything may happen meanwhile
    window.banner.action_button().click()
    qtbot.waitUntil(lambda: window.params.spec().model == MODEL_IMAGEEDIT)
    assert window.params.prompt.toPlainText() == "a latte with a fern"
    assert np.array_equal(_mask_array(window), painted)
    assert "USD" in window.params.cost_shown()
    asked: list[str] = []
    _answer_next_question(StandardButton.Yes, asked)
    window.generate()
    _finished(qtbot, window, 2)
    assert window.jobs.model.rows()[-1].status is JobStatus.DONE
    assert [t.request.model for t in fake_server_env.tasks] == [MODEL_IMAGEEDIT]
    assert window.library is not None
    models = [j.spec.model for j in window.library.list_jobs(descending=False)]
    assert models == [MODEL_X_PAINTING, MODEL_IMAGEEDIT]
