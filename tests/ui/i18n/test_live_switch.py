"""Switching the language while the editor is open changes every text at once.

The window is built in English, then switched to Chinese: every text it shows must then be
Chinese, by the same check as the window built in Chinese (a widget that set its texts once in
`__init__` fails here by name). Switching back brings the English texts back, and the choices in
the parameter panel and the gallery's filters survive both switches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import isolated_qsettings, make_window  # noqa: F401 (fixtures)
from tests.ui.i18n.test_window_chinese import _texts, _untranslated
from xpaint_desktop.imaging.limits import X_PAINTING
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.spec import EngineKind
from xpaint_desktop.ui import i18n
from xpaint_desktop.ui.gallery.filters import DateRange
from xpaint_desktop.ui.shared.names import style_name
from xpaint_desktop.ui.shared.widgets import select_data
from xpaint_desktop.ui.window.main_window import MainWindow

OIL = next(s for s in X_PAINTING.styles if s.slug == "oil-painting")
PORTRAIT = "720*1280"


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    i18n.switch_language(i18n.SOURCE_LANGUAGE)


@pytest.fixture
def english_window(make_window: Callable[..., MainWindow]) -> MainWindow:  # noqa: F811
    """The editor in English, with a job in its list and choices made away from the defaults."""
    i18n.switch_language("en")
    window = make_window()
    window.jobs.model.add_job(7, prompt="a red kite", status=JobStatus.RUNNING)
    params = window.params
    select_data(params.style_combo, OIL.value)
    select_data(params.size_combo, PORTRAIT)
    params.set_engine(EngineKind.LOCAL)
    assert window.gallery_dock is not None
    bar = window.gallery_dock.gallery.filter_bar
    select_data(bar.engine_box, EngineKind.CLOUD)
    select_data(bar.dates_box, DateRange.WEEK)
    return window


def _english_texts(window: QWidget) -> list[str]:
    return sorted({f"  {where}: {text!r}" for where, text in _texts(window) if _untranslated(text)})


def _assert_all_chinese(window: QWidget) -> None:
    found = _english_texts(window)
    assert not found, "still in English after switching to zh_CN:\n" + "\n".join(found)


def _choices(window: MainWindow) -> tuple[object, ...]:
    spec = window.params.spec()
    assert window.gallery_dock is not None
    return (spec.style, spec.size, spec.engine, window.gallery_dock.gallery.filter_bar.filters())


def test_switching_retranslates_the_open_window_and_keeps_choices(
    qtbot: QtBot, english_window: MainWindow
) -> None:
    window = english_window
    assert _english_texts(window), "the English window should show English texts"
    before = _choices(window)

    i18n.switch_language("zh_CN")
    qtbot.waitUntil(lambda: _assert_all_chinese(window))
    assert _choices(window) == before
    assert window.params.style_combo.currentText() == style_name(OIL)
    assert window.params.style_combo.currentText() != OIL.name

    i18n.switch_language("en")
    assert window.gallery_dock is not None
    bar = window.gallery_dock.gallery.filter_bar
    qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == "&File")
    assert window.params.generate_button.text() == "Generate"
    assert window.params.style_combo.currentText() == "Oil painting"
    assert bar.engine_box.itemText(0) == "Any engine"
    assert bar.dates_box.currentText() == "Last 7 days"
    assert window.jobs.cancel_button.text() == "Cancel job"
    assert _choices(window) == before


def test_an_open_preferences_dialog_follows_the_switch(
    qtbot: QtBot, english_window: MainWindow
) -> None:
    dialog = english_window.show_preferences()
    assert _english_texts(dialog)
    # Data, not words: each language is named in itself; paths and addresses stay as they are.
    native_names = {lang.native_name for lang in i18n.available_languages()}

    def all_chinese() -> None:
        found = [
            line
            for line in _english_texts(dialog)
            if "/" not in line and line.split(": ", 1)[1].strip("'") not in native_names
        ]
        assert not found, "still in English after switching to zh_CN:\n" + "\n".join(found)

    i18n.switch_language("zh_CN")
    qtbot.waitUntil(all_chinese)
