"""The entry points: the GUI start with a file argument, and the screenshot mode."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
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


def test_a_staged_window_is_drawn_first_and_built_after_its_first_frame(
    qtbot: QtBot, tmp_path: Path
) -> None:
    seen: list[str] = []

    def before_build() -> None:
        seen.append("before_build" + (" (parts exist)" if hasattr(window, "canvas") else ""))

    window = MainWindow(
        library_dir=tmp_path / "library",
        open_sample_on_first_start=False,
        staged=True,
        before_build=before_build,
    )
    qtbot.addWidget(window)
    window.when_built(lambda: seen.append("when_built"))
    assert not window.is_built() and seen == []
    assert not (tmp_path / "library").exists()  # nothing is opened for the first frame

    class PaintWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and watched is window:
                seen.append(f"paint built={window.is_built()}")
            return False

    watch = PaintWatch()
    window.installEventFilter(watch)
    with qtbot.waitSignal(window.built, timeout=10_000):
        window.show()
    try:
        assert seen[0] == "paint built=False"
        assert seen[1:3] == ["before_build", "when_built"]
        assert window.is_built() and window.library is not None
        window.when_built(lambda: seen.append("now"))  # once built: at once
        assert seen[-1] == "now"
        # the worker starts once the whole window has been drawn
        qtbot.waitUntil(lambda: window.worker is not None, timeout=10_000)
        assert seen.count("paint built=True") >= 1
    finally:
        window.shutdown()


def test_a_staged_window_closed_before_its_first_frame_builds_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = MainWindow(library_dir=tmp_path / "library", staged=True)
    qtbot.addWidget(window)
    window.show()
    window.close()
    qtbot.wait(50)
    assert not window.is_built()
    assert not (tmp_path / "library").exists()
