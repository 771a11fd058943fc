"""The entry points: the GUI start with a file argument, and the screenshot mode."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.ui.app import run_gui
from xpaint_desktop.ui.staging import SAMPLE_PROMPT, stage_screenshot, take_screenshot
from xpaint_desktop.ui.window.main_window import MainWindow


def test_run_gui_opens_the_named_file_and_returns_on_close(
    qapp: QApplication, data_dir: Path
) -> None:
    seen: list[tuple[str, int]] = []

    def close_when_open() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                if not widget.canvas.has_image():
                    QTimer.singleShot(20, close_when_open)
                    return
                seen.append((widget.source_name(), widget.canvas.image().width()))
                widget.close()

    QTimer.singleShot(20, close_when_open)
    assert run_gui(["xpaint-desktop", str(data_dir / "rocket.jpg")]) == 0
    assert seen == [("rocket.jpg", 640)]


def test_screenshot_is_a_picture_of_the_window(tmp_path: Path) -> None:
    out = take_screenshot(tmp_path / "shots" / "window.png", size=(1000, 700))
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)
    colours = {image.pixel(x, y) for x in range(0, 1000, 25) for y in range(0, 700, 25)}
    assert len(colours) > 50  # a real window, not a blank frame


def test_screenshot_stage_has_prompt_mask_and_jobs(qtbot: QtBot, tmp_path: Path) -> None:
    window = stage_screenshot(tmp_path / "library", (1000, 700))
    qtbot.addWidget(window)
    try:
        assert window.params.prompt.toPlainText() == SAMPLE_PROMPT
        assert not window.canvas.is_mask_empty()
        first, second = window.jobs.model.rows()
        assert first.status is JobStatus.DONE and len(first.results) == 2
        assert second.job_id > first.job_id
        assert window.results.job_id() == first.job_id
    finally:
        window.shutdown()
