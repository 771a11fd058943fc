"""The editor window in Chinese: every text it shows comes from the catalogue.

The catalogue test finds strings lupdate can see; this one looks at what the window really shows
(actions, menus, labels, buttons, dock titles, combo items, placeholders, tooltips), so a string
built around the translation system, or one missing from the catalogue, fails here by name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from xpaint_desktop.ui import i18n
from xpaint_desktop.ui.window.main_window import MainWindow

CJK = re.compile(r"[\u4e00-\u9fff]")
WORD = re.compile(r"[A-Za-z]{3,}")
# Names and technical tokens that stay as they are in Chinese.
KEEP = {
    "xpaint",
    "desktop",
    "DashScope",
    "API",
    "URL",
    "PNG",
    "JPEG",
    "BMP",
    "WebP",
    "TIFF",
    "Ctrl",
    "Shift",
    "Alt",
    "Enter",
    "Esc",
    "Tab",
    "Space",
    "http",
    "https",
    "socks",
}


@pytest.fixture
def chinese_window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    i18n.install_translators("zh_CN")
    window = MainWindow(
        library_dir=tmp_path / "library", start_worker=False, open_sample_on_first_start=False
    )
    qtbot.addWidget(window)
    window.resize(1100, 750)
    window.show()
    yield window
    window.shutdown()
    i18n.install_translators("en")


def _texts(window: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text the window shows or offers."""
    for action in window.findChildren(QAction):
        yield f"action {action.objectName()}", action.text()
        yield f"tooltip of action {action.text()!r}", action.toolTip()
    for menu in window.findChildren(QMenu):
        yield "menu", menu.title()
    for widget in window.findChildren(QWidget):
        kind = type(widget).__name__
        yield f"tooltip of {kind}", widget.toolTip()
        if isinstance(widget, QLabel | QAbstractButton):
            yield kind, widget.text()
        elif isinstance(widget, QGroupBox):
            yield kind, widget.title()
        elif isinstance(widget, QDockWidget):
            yield kind, widget.windowTitle()
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield f"{kind} item", widget.itemText(i)
        elif isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
            yield f"{kind} placeholder", widget.placeholderText()
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                yield f"{kind} tab", widget.tabText(i)


def _untranslated(text: str) -> bool:
    plain = re.sub(r"<[^>]+>", "", text)  # rich text: look at the words, not the tags
    if CJK.search(plain):
        return False
    return any(word not in KEEP for word in WORD.findall(plain))


def test_every_visible_text_is_chinese(chinese_window: MainWindow) -> None:
    found = sorted(
        {
            f"  {where}: {text!r}"
            for where, text in _texts(chinese_window)
            if text and _untranslated(text)
        }
    )
    assert not found, "texts the window shows in English under zh_CN:\n" + "\n".join(found)
