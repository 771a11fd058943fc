"""The editor window as a person uses it: opening files, the mask, Generate, settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QSettings, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import import_mask, open_and_wait, paint_mask
from xpaint_desktop.keys import ENV_API_KEY
from xpaint_desktop.paths import sample_image_path
from xpaint_desktop.spec import EngineKind
from xpaint_desktop.ui.window import qsettings
from xpaint_desktop.ui.window.banner import BannerLevel
from xpaint_desktop.ui.window.main_window import MainWindow


def _drop(window: MainWindow, path: Path) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    pos = window.canvas.geometry().center()
    enter = QDragEnterEvent(
        pos,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(
        pos.toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, drop)
    return drop.isAccepted()


def test_dropping_an_image_file_opens_it(qtbot: QtBot, window: MainWindow, data_dir: Path) -> None:
    assert not window.canvas.has_image()
    assert _drop(window, data_dir / "chelsea.png")
    qtbot.waitUntil(lambda: window.canvas.has_image())
    assert (window.canvas.image().width(), window.canvas.image().height()) == (451, 300)
    assert window.source_name() == "chelsea.png"
    assert "451 × 300" in window.chrome.size_label.text()
    assert qsettings.recent_files()[0] == (data_dir / "chelsea.png").resolve()


def test_dropping_a_non_image_is_refused(window: MainWindow, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    assert not _drop(window, notes)


def test_a_bad_file_gives_a_clear_banner(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"this is not a JPEG at all" * 10)
    window.open_image(bad)
    qtbot.waitUntil(lambda: window.banner.isVisible())
    assert "broken.jpg" in window.banner.text()
    assert window.banner.level() is BannerLevel.ERROR
    assert not window.canvas.has_image()
    window.open_image(tmp_path / "missing.png")
    qtbot.waitUntil(lambda: "missing.png" in window.banner.text())
    assert "does not exist" in window.banner.text()


def test_exif_orientation_is_applied(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "rotated.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    Image.new("RGB", (400, 300), (200, 30, 30)).save(path, exif=exif)
    open_and_wait(qtbot, window, path)
    image = window.canvas.image()
    assert (image.width(), image.height()) == (300, 400)


def test_first_start_opens_the_sample_once(qtbot: QtBot, make_window) -> None:  # type: ignore[no-untyped-def]
    first = make_window(first_start=True)
    qtbot.waitUntil(lambda: first.canvas.has_image())
    assert first.source_name() == sample_image_path().name
    second = make_window(first_start=True)
    qtbot.wait(50)
    assert not second.canvas.has_image()


def test_generate_follows_image_mask_key_and_prompt(
    qtbot: QtBot, window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    params = window.params
    assert not params.generate_button.isEnabled()
    assert "Open an image" in params.reason_label.text()
    open_and_wait(qtbot, window, data_dir / "coffee.png")
    assert "Paint over" in params.reason_label.text()
    paint_mask(window)
    assert params.engine() is EngineKind.LOCAL  # without a key the offline engine is chosen
    assert params.generate_button.isEnabled()
    params.set_engine(EngineKind.CLOUD)
    assert "API key" in params.reason_label.text()
    assert "No API key" in window.chrome.key_label.text()
    monkeypatch.setenv(ENV_API_KEY, "sk-from-the-environment")
    window.refresh_key_status()
    assert "prompt" in params.reason_label.text()
    params.prompt.setPlainText("a latte with a cat drawn in the foam")
    assert params.generate_button.isEnabled()
    window.canvas.clear_mask()
    assert not params.generate_button.isEnabled()
    window.canvas.undo_stack().undo()
    assert params.generate_button.isEnabled()


def test_undo_redo_actions_come_from_the_canvas(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    open_and_wait(qtbot, window, data_dir / "coffee.png")
    assert not window.chrome.undo_action.isEnabled()
    paint_mask(window)
    assert window.chrome.undo_action.isEnabled()
    window.chrome.undo_action.trigger()
    assert window.canvas.is_mask_empty()
    window.chrome.redo_action.trigger()
    assert not window.canvas.is_mask_empty()


def test_import_mask_errors_go_to_the_banner(
    qtbot: QtBot, window: MainWindow, data_dir: Path, tmp_path: Path
) -> None:
    open_and_wait(qtbot, window, data_dir / "coffee.png")
    assert not import_mask(qtbot, window, data_dir / "chelsea.png")  # wrong size
    assert window.banner.isVisible() and window.banner.text()
    good = tmp_path / "mask.png"
    Image.new("L", (600, 400), 0).point(lambda _v: 0).save(good)
    mask = Image.new("L", (600, 400), 0)
    mask.paste(255, (100, 100, 200, 200))
    mask.save(good)
    assert import_mask(qtbot, window, good)
    assert window.canvas.mask_bbox().width() == 100


def test_geometry_is_remembered(qtbot: QtBot, make_window) -> None:  # type: ignore[no-untyped-def]
    first = make_window()
    first.resize(760, 640)  # grows to the window's minimum size where that is larger
    chosen = (first.width(), first.height())
    first.close()
    assert QSettings().value("window/geometry") is not None
    second = make_window(size=None)
    assert (second.width(), second.height()) == chosen


def test_holding_backslash_shows_the_original(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    open_and_wait(qtbot, window, data_dir / "coffee.png")
    red = QImage(window.canvas.image().size(), QImage.Format.Format_RGB32)
    red.fill(Qt.GlobalColor.red)
    window.canvas.set_overlay_image(red)

    def centre() -> QColor:
        shot = window.canvas.grab().toImage()
        return shot.pixelColor(shot.width() // 2, shot.height() // 2)

    assert centre() == QColor(Qt.GlobalColor.red)
    qtbot.keyPress(window.canvas, Qt.Key.Key_Backslash)
    assert centre() != QColor(Qt.GlobalColor.red)
    qtbot.keyRelease(window.canvas, Qt.Key.Key_Backslash)
    assert centre() == QColor(Qt.GlobalColor.red)


def test_paste_without_an_image_says_so(window: MainWindow) -> None:
    QApplication.clipboard().setText("just text")
    window.paste_image()
    assert "clipboard holds no image" in window.banner.text()
    image = QImage(320, 280, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkGreen)
    QApplication.clipboard().setImage(image)
    window.paste_image()
    assert window.canvas.has_image()
    assert window.canvas.image().size() == image.size()


def test_cursor_and_zoom_reach_the_status_bar(window: MainWindow) -> None:
    window.canvas.cursor_moved.emit(QPoint(12, 34))
    assert window.chrome.cursor_label.text() == "12, 34"
    window.canvas.zoom_changed.emit(2.0)
    assert window.chrome.zoom_label.text() == "200 %"
