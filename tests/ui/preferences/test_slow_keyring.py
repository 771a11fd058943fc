"""Preferences with a keyring that blocks (an unlock prompt, a hung D-Bus): the dialog opens,
saves and tests the connection while the keyring call is still out, and fills in when it ends.

The backend's calls wait on an event the test sets; while they wait, the test shows the UI
thread is free by letting a QTimer fire and by typing into the dialog.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from tests.fakeserver.server import FakeDashScope
from tests.ui.preferences.helpers import (
    WAIT_MS,
    files_containing,
    make_dialog,
    save,
    use_custom_url,
)
from xpaint_desktop import paths
from xpaint_desktop.keys import KEYRING_SERVICE, KEYRING_USER
from xpaint_desktop.paths import key_file_path
from xpaint_desktop.settings import KeyStorage, load_settings
from xpaint_desktop.ui.preferences.connection import Outcome
from xpaint_desktop.ui.preferences.dialog import PreferencesDialog
from xpaint_desktop.ui.window.main_window import MainWindow

KEY = "sk-slow-keyring-0123456789abcdef"
ENTRY = (KEYRING_SERVICE, KEYRING_USER)
BLOCK_LIMIT_S = 30  # a call never waits longer, so a failing test cannot hang the run


class SlowKeyring:
    """A keyring backend whose every call waits for `release`; `entered` says one is out."""

    def __init__(self) -> None:
        from keyring.backend import KeyringBackend
        from keyring.errors import PasswordDeleteError, PasswordSetError

        self.release = threading.Event()
        self.entered = threading.Event()
        self.refuse_set = False
        self.stored: dict[tuple[str, str], str] = {}
        outer = self

        class _Backend(KeyringBackend):
            priority = 1  # type: ignore[assignment]

            def get_password(self, service: str, username: str) -> str | None:
                outer.block()
                return outer.stored.get((service, username))

            def set_password(self, service: str, username: str, password: str) -> None:
                outer.block()
                if outer.refuse_set:
                    raise PasswordSetError("the keyring is locked")
                outer.stored[(service, username)] = password

            def delete_password(self, service: str, username: str) -> None:
                outer.block()
                if outer.stored.pop((service, username), None) is None:
                    raise PasswordDeleteError(username)

        self.backend = _Backend()

    def block(self) -> None:
        self.entered.set()
        self.release.wait(BLOCK_LIMIT_S)

    def hold(self) -> None:
        """From now on every call waits until `release` is set again."""
        self.release.clear()
        self.entered.clear()


@pytest.fixture
def slow_keyring(memory_keyring: dict[tuple[str, str], str]) -> Iterator[SlowKeyring]:
    """Installed as the keyring (the memory_keyring fixture puts the previous one back)."""
    import keyring

    slow = SlowKeyring()
    slow.release.set()
    keyring.set_keyring(slow.backend)
    yield slow
    slow.release.set()  # nothing stays blocked after the test


def _ui_runs(qtbot: QtBot) -> None:
    """The UI thread is free: a timer started now fires several times."""
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(1)
    qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=WAIT_MS)
    timer.stop()


def _open_with_a_stored_key_being_read(qtbot: QtBot, slow: SlowKeyring) -> PreferencesDialog:
    """A key in the keyring, and a dialog shown while reading it is blocked."""
    slow.stored[ENTRY] = KEY
    slow.hold()
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(slow.entered.is_set, timeout=WAIT_MS)  # the read is out
    return dialog


def test_the_dialog_opens_while_the_keyring_is_blocked_and_fills_in_after(
    qtbot: QtBot, slow_keyring: SlowKeyring
) -> None:
    dialog = _open_with_a_stored_key_being_read(qtbot, slow_keyring)
    section = dialog.key_section

    _ui_runs(qtbot)
    qtbot.keyClicks(dialog.proxy_edit, "http://127.0.0.1:3128")
    assert dialog.proxy_edit.text() == "http://127.0.0.1:3128"
    assert not section.is_loaded() and not slow_keyring.release.is_set()
    assert "Checking where the key is kept" in section.source_label.text()
    assert "Checking whether" in section.keyring_note.text()
    assert not section.keyring_radio.isEnabled() and not section.file_radio.isEnabled()
    assert not section.remove_key_button.isVisible()

    slow_keyring.release.set()
    qtbot.waitUntil(section.is_loaded, timeout=WAIT_MS)
    assert "system keyring" in section.source_label.text()
    assert section.keyring_radio.isEnabled() and section.keyring_radio.isChecked()
    assert section.file_radio.isEnabled() and section.session_radio.isEnabled()
    assert not section.keyring_note.isVisible()
    assert section.remove_key_button.isVisible()
    assert KEY not in section.source_label.text() and dialog.key_edit.text() == ""


def test_saving_with_a_blocked_keyring_keeps_the_dialog_responsive_and_stores_the_key(
    qtbot: QtBot, slow_keyring: SlowKeyring
) -> None:
    dialog = make_dialog(qtbot)
    dialog.key_edit.setText(KEY)
    dialog.proxy_edit.setText("http://127.0.0.1:3128")
    slow_keyring.hold()
    with qtbot.waitSignal(dialog.save_finished, timeout=WAIT_MS) as finished:
        dialog.ok_button.click()
        qtbot.waitUntil(slow_keyring.entered.is_set, timeout=WAIT_MS)  # the write is out

        _ui_runs(qtbot)
        assert dialog.is_saving() and dialog.isVisible()
        assert dialog.saving_label.isVisible() and "Saving" in dialog.saving_label.text()
        assert not dialog.ok_button.isEnabled() and not dialog.apply_button.isEnabled()
        assert not dialog.apply()  # one save at a time
        assert dialog.key_edit.text() == KEY
        assert not paths.settings_file().exists()  # the key first, then the rest
        slow_keyring.release.set()
    assert finished.args == [True]
    assert not dialog.isVisible()
    assert slow_keyring.stored == {ENTRY: KEY}
    saved = load_settings()
    assert (saved.key_storage, saved.proxy) == (KeyStorage.KEYRING.value, "http://127.0.0.1:3128")


def test_a_keyring_that_refuses_shows_why_and_keeps_everything_typed(
    qtbot: QtBot, slow_keyring: SlowKeyring, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    slow_keyring.refuse_set = True
    dialog = make_dialog(qtbot)
    dialog.key_edit.setText(KEY)
    dialog.proxy_edit.setText("http://127.0.0.1:3128")
    assert not save(qtbot, dialog, dialog.ok_button)

    assert dialog.isVisible() and not dialog.is_saving()
    error = dialog.error_label.text()
    assert dialog.error_label.isVisible() and "keyring refused" in error and "Unlock" in error
    assert dialog.key_edit.text() == KEY and dialog.proxy_edit.text() == "http://127.0.0.1:3128"
    assert dialog.ok_button.isEnabled() and dialog.tabs.isEnabled()
    assert dialog.key_section.session_radio.isChecked()
    assert dialog.key_section.keyring_radio.isEnabled()  # once unlocked, it can be chosen again
    assert not paths.settings_file().exists()  # nothing else was saved
    assert slow_keyring.stored == {}
    assert KEY not in error and KEY not in caplog.text
    assert files_containing(tmp_path, KEY) == []

    slow_keyring.refuse_set = False
    dialog.key_section.keyring_radio.setChecked(True)
    assert save(qtbot, dialog, dialog.ok_button)
    assert slow_keyring.stored == {ENTRY: KEY} and not dialog.isVisible()
    assert load_settings().proxy == "http://127.0.0.1:3128"


def test_a_key_file_that_cannot_be_written_is_named(
    qtbot: QtBot, slow_keyring: SlowKeyring
) -> None:
    key_file_path().mkdir(parents=True)  # a folder where the file should go
    dialog = make_dialog(qtbot)
    dialog.key_section.file_radio.setChecked(True)
    dialog.key_edit.setText(KEY)
    assert not save(qtbot, dialog)
    error = dialog.error_label.text()
    assert str(key_file_path()) in error and "write" in error
    assert KEY not in error and dialog.key_edit.text() == KEY
    assert dialog.key_section.file_radio.isChecked()
    assert not paths.settings_file().exists()


def test_closing_the_dialog_while_the_keyring_is_read_is_safe(
    qtbot: QtBot, slow_keyring: SlowKeyring
) -> None:
    dialog = _open_with_a_stored_key_being_read(qtbot, slow_keyring)
    dialog.reject()
    assert not dialog.isVisible()
    _ui_runs(qtbot)
    slow_keyring.release.set()
    qtbot.waitUntil(dialog.key_section.is_loaded, timeout=WAIT_MS)  # answered, harmlessly
    assert not dialog.isVisible()
    assert not paths.settings_file().exists()


def test_closing_during_a_save_lets_it_finish_and_the_window_hears_of_it(
    qtbot: QtBot, window: MainWindow, slow_keyring: SlowKeyring
) -> None:
    qtbot.waitUntil(lambda: window.session.key_status.source == "none", timeout=WAIT_MS)
    dialog = window.show_preferences()
    qtbot.waitUntil(dialog.key_section.is_loaded, timeout=WAIT_MS)
    dialog.key_edit.setText(KEY)
    slow_keyring.hold()
    dialog.ok_button.click()
    qtbot.waitUntil(slow_keyring.entered.is_set, timeout=WAIT_MS)
    dialog.reject()  # Escape or the window's close button while the keyring is asked
    assert not dialog.isVisible()
    with qtbot.waitSignal(window.session.key_status_changed, timeout=WAIT_MS) as status:
        slow_keyring.release.set()
    assert status.args[0].available and status.args[0].source == KeyStorage.KEYRING.value
    assert slow_keyring.stored == {ENTRY: KEY}
    assert not dialog.isVisible()
    assert KEY not in window.chrome.key_label.text()


def test_the_connection_test_reads_the_stored_key_off_the_ui_thread(
    qtbot: QtBot, slow_keyring: SlowKeyring, fake_server: FakeDashScope
) -> None:
    slow_keyring.stored[ENTRY] = fake_server.api_key
    dialog = make_dialog(qtbot)
    use_custom_url(dialog, fake_server.base_url)
    slow_keyring.hold()
    with qtbot.waitSignal(dialog.tester.finished, timeout=WAIT_MS) as finished:
        assert dialog.tester.start()  # no key typed: the stored one is read in the pool
        qtbot.waitUntil(slow_keyring.entered.is_set, timeout=WAIT_MS)
        _ui_runs(qtbot)
        assert dialog.tester.is_busy() and fake_server.requests == []
        slow_keyring.release.set()
    assert finished.args[0].outcome is Outcome.OK
    assert fake_server.api_key not in dialog.tester.result_label.text()
