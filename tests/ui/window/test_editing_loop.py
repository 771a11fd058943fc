"""The editing loop in the window: layout, Generate's answer, one job per press, reopening."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from pytestqt.qtbot import QtBot

from tests.fakeserver.server import FakeDashScope
from tests.ui.conftest import JOB_TIMEOUT_MS, open_and_wait, paint_mask
from xpaint_desktop.jobs.runner import JobEvent
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.ui.canvas.widget import MaskCanvas
from xpaint_desktop.ui.jobs.list import JobListModel
from xpaint_desktop.ui.window.main_window import MainWindow


def _window_at(
    qtbot: QtBot,
    make_window,  # type: ignore[no-untyped-def]
    size: tuple[int, int],
) -> MainWindow:
    """A window shown at `size` with its docks laid out for that width."""
    window: MainWindow = make_window(size=size)
    window.arrange_docks(size[0])
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
    return window


@pytest.mark.parametrize("size", [(1366, 768), (1600, 1000)])
def test_the_canvas_gets_most_of_the_window(
    qtbot: QtBot,
    make_window,  # type: ignore[no-untyped-def]
    size: tuple[int, int],
) -> None:
    window = _window_at(qtbot, make_window, size)
    canvas = window.canvas
    share = canvas.width() * canvas.height() / (window.width() * window.height())
    assert share >= 0.6, f"canvas {canvas.width()}x{canvas.height()} is {share:.0%}"
    assert not window.gallery_dock.isVisible()  # type: ignore[union-attr]
    window.show_history()
    assert window.gallery_dock.isVisible()  # type: ignore[union-attr]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_tool_bar_action_is_on_screen_at_1366x768(
    qtbot: QtBot,
    make_window,  # type: ignore[no-untyped-def]
    language: str,
) -> None:
    """Nothing folds into a tool bar's » menu on a 1366 px screen, in either language."""
    from PySide6.QtWidgets import QToolBar, QToolButton

    from xpaint_desktop.ui import i18n

    i18n.install_translators(language)  # before the window, as the app does
    try:
        window = _window_at(qtbot, make_window, (1366, 768))
        bars = [b for b in window.findChildren(QToolBar) if b.parentWidget() is window]
        assert len(bars) >= 3  # tools, selection options, mask edits
        for bar in bars:
            extension = bar.findChild(QToolButton, "qt_toolbar_ext_button")
            folded = extension is not None and extension.isVisible()
            assert not folded, f"{bar.objectName()} folds actions away in {language}"
            for action in bar.actions():
                if action.isSeparator() or not action.isVisible():
                    continue
                widget = bar.widgetForAction(action)
                assert widget is not None and widget.isVisible(), action.text()
    finally:
        i18n.install_translators("en")


def test_a_double_press_on_generate_makes_one_job_and_one_task(
    qtbot: QtBot,
    fake_server_env: FakeDashScope,
    make_window,  # type: ignore[no-untyped-def]
    data_dir: Path,
) -> None:
    window: MainWindow = make_window()
    open_and_wait(qtbot, window, data_dir / "coffee.png")
    paint_mask(window)
    window.params.prompt.setPlainText("a latte")
    qtbot.mouseClick(window.params.generate_button, Qt.MouseButton.LeftButton)
    (row,) = window.jobs.model.rows()  # in the list before the worker wrote anything
    assert row.is_placeholder and row.status is JobStatus.PREPARING
    qtbot.mouseClick(window.params.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: all(r.status is JobStatus.DONE for r in window.jobs.model.rows()),
        timeout=JOB_TIMEOUT_MS,
    )
    (done,) = window.jobs.model.rows()
    assert done.job_id > 0
    assert len(fake_server_env.tasks) == 1
    # once it is done, the same press is meant: a new job
    qtbot.mouseClick(window.params.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(fake_server_env.tasks) == 2, timeout=JOB_TIMEOUT_MS)


def test_a_status_never_moves_backwards() -> None:
    model = JobListModel()
    model.add_job(1)
    for status in (JobStatus.RUNNING, JobStatus.PENDING):  # a resumed job reports pending
        model.apply_event(JobEvent(1, status, "", 0.0))
    assert model.job(1).status is JobStatus.RUNNING  # type: ignore[union-attr]
    model.apply_event(JobEvent(1, JobStatus.DONE, "", 1.0))
    assert model.job(1).status is JobStatus.DONE  # type: ignore[union-attr]


def test_an_old_job_reopens_with_its_results_over_its_photo(
    qtbot: QtBot,
    make_window,  # type: ignore[no-untyped-def]
    data_dir: Path,
) -> None:
    window: MainWindow = make_window()
    open_and_wait(qtbot, window, data_dir / "coffee.png")
    paint_mask(window)
    window.params.request_generate()  # no key: the offline engine
    qtbot.waitUntil(
        lambda: [r.status for r in window.jobs.model.rows()] == [JobStatus.DONE],
        timeout=JOB_TIMEOUT_MS,
    )
    (row,) = window.jobs.model.rows()
    open_and_wait(qtbot, window, data_dir / "chelsea.png")
    assert not window.canvas.has_result()
    window.open_job_in_editor(row.job_id)
    qtbot.waitUntil(
        lambda: window.results.job_id() == row.job_id and window.canvas.has_result(),
        timeout=JOB_TIMEOUT_MS,
    )
    assert window.canvas.image().width() == 600  # the job's own photo
    assert window.canvas.mask_visible() and not window.canvas.is_mask_empty()


def test_clicking_the_empty_canvas_asks_for_a_file(qtbot: QtBot) -> None:
    canvas = MaskCanvas()  # alone: in the window the request opens the (modal) Open dialog
    qtbot.addWidget(canvas)
    canvas.resize(200, 150)
    canvas.show()
    with qtbot.waitSignal(canvas.open_requested, timeout=1000):
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton)


def test_the_before_after_divider_is_dragged_on_the_canvas(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    open_and_wait(qtbot, window, data_dir / "coffee.png")
    canvas = window.canvas
    canvas.set_overlay_image(canvas.image())
    canvas.set_compare_split(0.5)
    image = canvas.image()
    start = canvas.image_to_widget(QPointF(image.width() * 0.5, image.height() / 2)).toPoint()
    end = canvas.image_to_widget(QPointF(image.width() * 0.2, image.height() / 2)).toPoint()
    mask_before = canvas.mask_bbox()
    with qtbot.waitSignal(canvas.split_dragged) as blocker:
        qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(canvas, end)
        qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=end)
    assert blocker.args is not None and abs(blocker.args[0] - 0.2) < 0.02
    assert canvas.mask_bbox() == mask_before  # dragging the divider paints nothing
    assert window.results.split_slider.value() == round(blocker.args[0] * 100)


def test_redo_answers_ctrl_y(window: MainWindow) -> None:
    from PySide6.QtGui import QKeySequence

    assert QKeySequence("Ctrl+Y") in window.chrome.redo_action.shortcuts()
