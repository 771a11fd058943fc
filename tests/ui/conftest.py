"""Fixtures for the editor window's tests: private QSettings, a window, images and masks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, QSettings, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from pytestqt.qtbot import QtBot

from xpaint_desktop.keys import ApiKeyStore
from xpaint_desktop.ui.window import qsettings
from xpaint_desktop.ui.window.main_window import MainWindow

JOB_TIMEOUT_MS = 60_000


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own QSettings files and no key kept from an earlier test."""
    folder = tmp_path / "qsettings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.SystemScope, str(folder / "sys"))
    qsettings.apply_identity()
    monkeypatch.setattr(ApiKeyStore, "_session_key", None)
    yield folder


def ellipse_mask(width: int, height: int, box: tuple[float, float, float, float]) -> QImage:
    """A Grayscale8 mask, 255 inside the ellipse given as fractions (x, y, w, h)."""
    mask = QImage(width, height, QImage.Format.Format_Grayscale8)
    mask.fill(0)
    painter = QPainter(mask)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255))
    x, y, w, h = box
    painter.drawEllipse(QRectF(x * width, y * height, w * width, h * height))
    painter.end()
    return mask


def open_and_wait(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    window.open_image(path)
    qtbot.waitUntil(lambda: window.source_name() == path.name and window.canvas.has_image())


def import_mask(
    qtbot: QtBot,
    window: MainWindow,
    path: Path,
    mask_color: list[tuple[int, int, int]] | None = None,
) -> bool:
    """Import a mask file through the window and wait for it (read off the UI thread)."""
    with qtbot.waitSignal(window.masks.import_finished, timeout=10_000) as done:
        window.import_mask_file(path, mask_color)
    return bool(done.args[0])


def paint_mask(
    window: MainWindow, box: tuple[float, float, float, float] = (0.3, 0.3, 0.3, 0.3)
) -> None:
    image = window.canvas.image()
    window.canvas.set_mask(ellipse_mask(image.width(), image.height(), box))


@pytest.fixture
def make_window(qtbot: QtBot, tmp_path: Path) -> Iterator[object]:
    """Build editor windows on a private library; each is shut down after the test."""
    windows: list[MainWindow] = []

    def make(
        *, first_start: bool = False, size: tuple[int, int] | None = (1100, 750)
    ) -> MainWindow:
        window = MainWindow(
            library_dir=tmp_path / "library", open_sample_on_first_start=first_start
        )
        qtbot.addWidget(window)
        if size is not None:
            window.resize(*size)
        window.show()
        assert window.worker is not None
        worker = window.worker
        qtbot.waitUntil(lambda: worker.runner() is not None)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.shutdown()


@pytest.fixture
def window(make_window) -> MainWindow:  # type: ignore[no-untyped-def]
    return make_window()  # type: ignore[no-any-return]
