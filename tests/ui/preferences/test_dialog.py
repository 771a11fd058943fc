"""Preferences: where the key goes, the fallback without a keyring, validation, OK/Apply/Cancel."""

from __future__ import annotations

import json
import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from tests.fakeserver.server import FakeDashScope
from tests.test_logs import _restore_logging  # noqa: F401  (autouse: undo setup_logging)
from tests.ui.preferences.helpers import files_containing, make_dialog, save, use_custom_url
from xpaint_desktop import paths
from xpaint_desktop.keys import ENV_API_KEY, KEYRING_SERVICE, KEYRING_USER, ApiKeyStore
from xpaint_desktop.logs import current_log_file, setup_logging
from xpaint_desktop.paths import key_file_path
from xpaint_desktop.settings import ENV_BASE_URL, KeyStorage, Region, load_settings
from xpaint_desktop.ui import i18n
from xpaint_desktop.ui.shared.widgets import select_data

KEY = "sk-preferences-0123456789abcdef"


def test_the_key_goes_to_the_keyring_and_nowhere_else(
    qtbot: QtBot,
    memory_keyring: dict[tuple[str, str], str],
    fake_server: FakeDashScope,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    setup_logging(verbose=True)
    caplog.set_level(logging.DEBUG)
    dialog = make_dialog(qtbot)
    section = dialog.key_section
    assert section.keyring_radio.isEnabled() and section.keyring_radio.isChecked()
    assert not dialog.keyring_note.isVisible()
    assert "No key" in section.source_label.text()
    key = fake_server.api_key
    dialog.key_edit.setText(key)
    assert dialog.key_edit.echoMode() is QLineEdit.EchoMode.Password
    section.show_check.setChecked(True)
    assert dialog.key_edit.echoMode() is QLineEdit.EchoMode.Normal
    section.show_check.setChecked(False)
    assert dialog.key_edit.echoMode() is QLineEdit.EchoMode.Password

    use_custom_url(dialog, fake_server.base_url)
    assert dialog.tester.start()
    qtbot.waitUntil(lambda: not dialog.tester.is_busy(), timeout=20_000)
    assert save(qtbot, dialog, dialog.ok_button)

    assert not dialog.isVisible()
    assert memory_keyring == {(KEYRING_SERVICE, KEYRING_USER): key}
    assert load_settings().key_storage == KeyStorage.KEYRING.value
    assert not key_file_path().exists()
    log_file = current_log_file()
    assert log_file.is_file() and "connection test" in log_file.read_text(encoding="utf-8")
    assert files_containing(tmp_path, key) == []  # settings.json, QSettings, logs, library
    assert key not in caplog.text  # not even before the log file's redaction
    again = make_dialog(qtbot)
    assert "system keyring" in again.key_section.source_label.text()
    assert again.key_edit.text() == ""


def test_without_a_keyring_the_choice_is_explicit_and_the_file_is_private(
    qtbot: QtBot, no_keyring: None, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot)
    section = dialog.key_section
    assert not ApiKeyStore.keyring_available()
    assert dialog.keyring_note.isVisible()
    assert "No system keyring" in dialog.keyring_note.text()
    assert not section.keyring_radio.isEnabled()
    assert section.session_radio.isChecked()  # nothing reaches the disk unless chosen
    section.file_radio.setChecked(True)
    dialog.key_edit.setText(KEY)
    assert save(qtbot, dialog)

    path = key_file_path()
    assert path.read_text(encoding="utf-8") == KEY
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_settings().key_storage == KeyStorage.FILE.value
    assert ApiKeyStore(load_settings()).get() == KEY
    assert "file only you can read" in section.source_label.text()
    assert files_containing(tmp_path, KEY) == [path]


def test_session_choice_keeps_the_key_in_memory_only(
    qtbot: QtBot, no_keyring: None, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot)
    dialog.key_edit.setText(KEY)
    assert save(qtbot, dialog, dialog.ok_button)
    store = ApiKeyStore(load_settings())
    assert (store.source(), store.get()) == (KeyStorage.SESSION.value, KEY)
    assert files_containing(tmp_path, KEY) == []


def test_a_stored_key_moves_with_the_storage_choice_and_can_be_removed(
    qtbot: QtBot, memory_keyring: dict[tuple[str, str], str]
) -> None:
    ApiKeyStore(load_settings()).set(KEY, KeyStorage.KEYRING)
    dialog = make_dialog(qtbot)
    dialog.key_section.file_radio.setChecked(True)
    assert save(qtbot, dialog)
    assert memory_keyring == {}
    assert key_file_path().read_text(encoding="utf-8") == KEY

    dialog.key_section.remove_key_button.click()
    assert "will be removed" in dialog.key_section.source_label.text()
    assert key_file_path().exists()  # not before OK or Apply
    assert save(qtbot, dialog)
    assert not key_file_path().exists()
    assert ApiKeyStore(load_settings()).source() == "none"


def test_the_environment_key_wins_and_is_shown(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, memory_keyring: dict[tuple[str, str], str]
) -> None:
    ApiKeyStore(load_settings()).set(KEY, KeyStorage.KEYRING)
    monkeypatch.setenv(ENV_API_KEY, "sk-from-the-environment-42")
    dialog = make_dialog(qtbot)
    text = dialog.key_section.source_label.text()
    assert ENV_API_KEY in text and "wins" in text
    assert "sk-from" not in text
    assert not dialog.key_section.remove_key_button.isVisible()
    dialog.key_section.file_radio.setChecked(True)
    assert save(qtbot, dialog)
    assert not key_file_path().exists()  # the environment's key is never copied to a store
    assert memory_keyring == {(KEYRING_SERVICE, KEYRING_USER): KEY}


def test_cancel_saves_nothing(qtbot: QtBot, memory_keyring: dict[tuple[str, str], str]) -> None:
    dialog = make_dialog(qtbot)
    dialog.key_edit.setText(KEY)
    select_data(dialog.region_combo, Region.INTERNATIONAL.value)
    dialog.proxy_edit.setText("http://127.0.0.1:7890")
    dialog.buttons.rejected.emit()
    assert not dialog.isVisible()
    assert not paths.settings_file().exists()
    assert memory_keyring == {}


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("proxy", "127.0.0.1:7890", "proxy"),
        ("proxy", "http://", "proxy"),
        ("proxy", "http://host:port", "proxy"),
        ("custom", "ftp://example.com/api/v1", "http://"),
        ("custom", "", "http://"),
        ("key", "sk-abc def", "spaces"),
        ("key", "sk-密钥", "non-ASCII"),
    ],
)
def test_an_invalid_field_disables_ok_and_says_why(
    qtbot: QtBot, field: str, value: str, reason: str
) -> None:
    dialog = make_dialog(qtbot)
    assert dialog.ok_button.isEnabled() and not dialog.error_label.isVisible()
    edits = {"proxy": dialog.proxy_edit, "custom": dialog.custom_url_edit, "key": dialog.key_edit}
    if field == "custom":
        select_data(dialog.region_combo, Region.CUSTOM.value)
    edits[field].setText(value)
    assert not dialog.ok_button.isEnabled() and not dialog.apply_button.isEnabled()
    assert dialog.error_label.isVisible() and reason in dialog.error_label.text()
    assert not dialog.apply()
    assert not paths.settings_file().exists()
    edits[field].setText("https://proxy.example.com:8443" if field != "key" else "")
    assert dialog.ok_button.isEnabled() and not dialog.error_label.isVisible()


def test_region_url_proxy_and_engine_are_saved_and_read_back(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    use_custom_url(dialog, "https://llm.example.com/api/v1/")
    dialog.proxy_edit.setText("socks5://127.0.0.1:1080")
    select_data(dialog.engine_combo, "local")
    with qtbot.waitSignal(dialog.settings_changed):
        assert save(qtbot, dialog)
    saved = load_settings()
    assert (saved.region, saved.custom_base_url, saved.proxy, saved.default_engine) == (
        Region.CUSTOM.value,
        "https://llm.example.com/api/v1/",
        "socks5://127.0.0.1:1080",
        "local",
    )
    assert saved.base_url() == "https://llm.example.com/api/v1"
    assert "api_key" not in json.loads(paths.settings_file().read_text(encoding="utf-8"))

    select_data(dialog.region_combo, Region.INTERNATIONAL.value)
    dialog.proxy_edit.clear()
    assert save(qtbot, dialog, dialog.ok_button)
    assert not dialog.isVisible()
    saved = load_settings()
    assert saved.base_url() == "https://dashscope-intl.aliyuncs.com/api/v1"
    assert saved.proxy == ""
    again = make_dialog(qtbot)
    assert again.region_combo.currentData() == Region.INTERNATIONAL.value
    assert again.custom_url_edit.text() == "https://llm.example.com/api/v1/"
    assert not again.custom_url_edit.isEnabled()
    assert again.engine_combo.currentData() == "local"


def test_the_base_url_variable_is_shown_to_override_the_region(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_BASE_URL, "http://127.0.0.1:9/api/v1")
    dialog = make_dialog(qtbot)
    label = dialog.endpoint.override_label
    assert label.isVisible()
    assert ENV_BASE_URL in label.text() and "http://127.0.0.1:9/api/v1" in label.text()
    monkeypatch.delenv(ENV_BASE_URL)
    assert not make_dialog(qtbot).endpoint.override_label.isVisible()


@pytest.fixture
def english_afterwards(qapp: object) -> Iterator[None]:
    yield
    i18n.switch_language("en")


def test_a_new_language_is_switched_saved_and_announced(
    qtbot: QtBot, english_afterwards: None
) -> None:
    dialog = make_dialog(qtbot)
    codes = [dialog.language_combo.itemData(i) for i in range(dialog.language_combo.count())]
    assert codes[0] == "" and {"en", "zh_CN"} <= set(codes)
    assert "简体中文" in [
        dialog.language_combo.itemText(i) for i in range(dialog.language_combo.count())
    ]
    select_data(dialog.language_combo, "zh_CN")
    with qtbot.waitSignal(dialog.language_changed) as signal:
        assert save(qtbot, dialog)
    assert signal.args == ["zh_CN"]
    assert i18n.current_language() == "zh_CN"
    assert load_settings().language == "zh_CN"
    qtbot.waitUntil(lambda: dialog.windowTitle() != "Preferences")  # retranslated in place

    with qtbot.assertNotEmitted(dialog.language_changed):
        assert save(qtbot, dialog)  # unchanged: no switch


def test_a_keyring_that_refuses_the_key_keeps_the_dialog_open_with_the_other_choices(
    qtbot: QtBot, tmp_path: Path
) -> None:
    import keyring
    from keyring.backend import KeyringBackend
    from keyring.errors import PasswordSetError

    class Locked(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def get_password(self, service: str, username: str) -> str | None:
            return None

        def set_password(self, service: str, username: str, password: str) -> None:
            raise PasswordSetError("the keyring is locked")

        def delete_password(self, service: str, username: str) -> None:
            return None

    keyring.set_keyring(Locked())  # the memory_keyring fixture restores the previous one
    dialog = make_dialog(qtbot)
    dialog.key_edit.setText(KEY)
    assert not save(qtbot, dialog, dialog.ok_button)
    assert dialog.isVisible()
    assert "keyring refused" in dialog.error_label.text()
    assert dialog.keyring_note.isVisible() and dialog.key_section.session_radio.isChecked()
    assert dialog.key_edit.text() == KEY  # still typed in, to keep it another way
    dialog.key_section.file_radio.setChecked(True)
    assert save(qtbot, dialog, dialog.ok_button)
    assert not dialog.isVisible()
    assert key_file_path().read_text(encoding="utf-8") == KEY
    assert files_containing(tmp_path, KEY) == [key_file_path()]
