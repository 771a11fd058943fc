"""Choosing the language at start-up and switching it while widgets are on screen."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from xpaint_desktop.imaging.limits import X_PAINTING
from xpaint_desktop.settings import Settings
from xpaint_desktop.ui import i18n
from xpaint_desktop.ui.shared.names import stage_name, style_name

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _english_afterwards(qapp: object) -> Iterator[None]:
    yield
    i18n.switch_language(i18n.SOURCE_LANGUAGE)


class StyleLabel(QLabel):
    """A widget written the way the module docstring asks: one retranslate method."""

    def __init__(self) -> None:
        super().__init__()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setText(QCoreApplication.translate("Style", "Oil painting"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def test_available_languages_name_themselves() -> None:
    names = {lang.code: lang.native_name for lang in i18n.available_languages()}
    assert names["en"] == "English"
    assert names["zh_CN"] == "简体中文"


@pytest.mark.parametrize(
    ("wanted", "code"),
    [
        ("zh_CN", "zh_CN"),
        ("zh_CN.UTF-8", "zh_CN"),
        ("zh-Hans-CN", "zh_CN"),
        ("zh", "zh_CN"),
        ("en_GB", "en"),
        ("en", "en"),
        ("fr_FR", "en"),
        ("C", "en"),
    ],
)
def test_resolve_language(wanted: str, code: str) -> None:
    assert i18n.resolve_language(wanted) == code


def test_style_names_and_stages_come_out_in_chinese() -> None:
    assert i18n.install_translators("zh_CN") == "zh_CN"
    for style in X_PAINTING.styles:
        shown = style_name(style)
        assert CJK.search(shown), f"style {style.slug!r} shows as {shown!r}"
    assert CJK.search(stage_name("running"))
    assert QCoreApplication.translate("Style", "Oil painting") == "油画"


def test_qt_own_strings_are_translated_too() -> None:
    i18n.install_translators("zh_CN")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_preference_decides_when_no_override() -> None:
    settings = Settings(language="zh_CN")
    assert i18n.install_translators(None, settings) == "zh_CN"
    assert i18n.install_translators("en", settings) == "en"  # --lang wins
    assert i18n.current_language() == "en"


def test_switching_retranslates_open_widgets(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    label = StyleLabel()
    label.setParent(parent)
    parent.show()
    assert label.text() == "Oil painting"
    with qtbot.waitSignal(i18n.language_notifier().changed) as signal:
        i18n.switch_language("zh_CN")
    assert signal.args == ["zh_CN"]
    qtbot.waitUntil(lambda: label.text() != "Oil painting")
    assert CJK.search(label.text())
    i18n.switch_language("en")
    qtbot.waitUntil(lambda: label.text() == "Oil painting")


def test_empty_preference_follows_the_system_locale() -> None:
    code = (
        "import sys; from PySide6.QtWidgets import QApplication; "
        "from xpaint_desktop.ui import i18n; app = QApplication(sys.argv[:1]); "
        "print(i18n.install_translators(None))"
    )
    env = {
        **os.environ,
        "LANG": "zh_CN.UTF-8",
        "LANGUAGE": "",
        "LC_ALL": "",
        "QT_QPA_PLATFORM": "offscreen",
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "zh_CN"


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [("en", 1, "1 job"), ("en", 3, "3 jobs"), ("zh_CN", 3, "3 个任务")],
)
def test_plural_forms(language: str, count: int, expected: str) -> None:
    i18n.install_translators(language)
    assert QCoreApplication.translate("GalleryWidget", "%n job(s)", None, count) == expected
