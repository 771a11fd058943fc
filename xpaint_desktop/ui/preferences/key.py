"""The API key part of Preferences: a password field and where the key is kept.

The key is shown in clear only while the person holds the "Show" toggle on, and it goes only to
`ApiKeyStore`: the system keyring, or, where none exists (a bare Linux session, a container),
the session or a 0600 file, chosen with a radio button rather than decided for the person.
Nothing is stored until the dialog applies; the section only reports what it would do.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from xpaint_desktop.keys import ENV_API_KEY, ApiKeyStore
from xpaint_desktop.paths import key_file_path
from xpaint_desktop.settings import KeyStorage
from xpaint_desktop.ui.preferences.section import PreferencesSection

log = logging.getLogger(__name__)

ENVIRONMENT_SOURCE = "environment"
NO_SOURCE = "none"


def key_format_problem(key: str) -> bool:
    """True when `key` holds characters no DashScope key has (spaces, non-ASCII, controls)."""
    return not key.isascii() or not key.isprintable() or any(c.isspace() for c in key)


class ApiKeySection(PreferencesSection):
    """The key field, the storage choice and the key's current source."""

    changed = Signal()

    def __init__(self, key_store: ApiKeyStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key_store = key_store
        self.keyring_ok = ApiKeyStore.keyring_available()
        self._remove_pending = False
        self.key_edit = QLineEdit()
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setClearButtonEnabled(True)
        self.key_edit.textChanged.connect(lambda _text: self.changed.emit())
        self.show_check = QCheckBox()
        self.show_check.toggled.connect(self._set_shown)
        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
        self.remove_key_button = QPushButton()
        self.remove_key_button.setCheckable(True)
        self.remove_key_button.toggled.connect(self._set_remove_pending)

        self.keyring_radio = QRadioButton()
        self.file_radio = QRadioButton()
        self.session_radio = QRadioButton()
        self.storage_group = QButtonGroup(self)
        for radio in (self.keyring_radio, self.file_radio, self.session_radio):
            self.storage_group.addButton(radio)
        self.storage_group.buttonToggled.connect(lambda *_: self.changed.emit())
        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setStyleSheet("color: #8a5300;")
        self.keyring_note.setVisible(not self.keyring_ok)
        self.keyring_radio.setEnabled(self.keyring_ok)

        storage = QVBoxLayout()
        storage.setSpacing(2)
        for w in (self.keyring_radio, self.keyring_note, self.file_radio, self.session_radio):
            storage.addWidget(w)
        self.key_label, self.storage_label = QLabel(), QLabel()
        form = QFormLayout(self)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(self.show_check)
        form.addRow(self.key_label, key_row)
        form.addRow("", self.source_label)
        form.addRow(self.storage_label, storage)
        form.addRow("", self.remove_key_button)
        self._select_storage()
        self.retranslate_ui()

    # -- state -------------------------------------------------------------------------
    def typed_key(self) -> str:
        return self.key_edit.text().strip()

    def storage(self) -> KeyStorage | None:
        """The storage the radio buttons say, or None while none is chosen."""
        radios = (
            (self.keyring_radio, KeyStorage.KEYRING),
            (self.file_radio, KeyStorage.FILE),
            (self.session_radio, KeyStorage.SESSION),
        )
        return next((kind for radio, kind in radios if radio.isChecked()), None)

    def source(self) -> str:
        """Where the key in use comes from: environment, keyring, file, session or none."""
        return self.key_store.source()

    def remove_pending(self) -> bool:
        return self._remove_pending

    def _select_storage(self) -> None:
        chosen = self.key_store.settings.key_storage
        if chosen is KeyStorage.KEYRING and not self.keyring_ok:
            chosen = KeyStorage.SESSION  # nothing reaches the disk unless chosen
        radio = {
            KeyStorage.KEYRING: self.keyring_radio,
            KeyStorage.FILE: self.file_radio,
            KeyStorage.SESSION: self.session_radio,
        }[chosen]
        radio.setChecked(True)

    def validation_error(self) -> str | None:
        key = self.typed_key()
        if key and key_format_problem(key):
            return self.tr(
                "The API key contains spaces, line breaks or non-ASCII letters, which no key "
                "has. Paste it again."
            )
        if self.storage() is KeyStorage.KEYRING and not self.keyring_ok:
            return self.tr("No system keyring is available: choose a file or this session.")
        return None

    # -- saving ----------------------------------------------------------------------------
    def apply(self) -> bool:
        """Store a typed key, move the stored key to a new storage, or remove it.

        Returns True when something about the key changed. Raises `ConfigError` when the
        keyring refuses the key, and OSError when the file cannot be written.
        """
        storage = self.storage() or KeyStorage.SESSION
        key = self.typed_key()
        source = self.source()
        if key:
            self.key_store.set(key, storage)  # saves the settings too
        elif self._remove_pending:
            self.key_store.clear()
        elif source not in (ENVIRONMENT_SOURCE, NO_SOURCE, storage.value):
            stored = self.key_store.get()
            if stored:
                self.key_store.set(stored, storage)
        else:
            if self.key_store.settings.key_storage is storage:
                return False
            self.key_store.store.update(key_storage=storage)
            return True
        self.key_edit.clear()
        self.remove_key_button.setChecked(False)
        self.refresh()
        return True

    def keyring_failed(self) -> None:
        """The keyring refused the key: say so and offer the other choices."""
        self.keyring_ok = False
        self.keyring_radio.setEnabled(False)
        self.session_radio.setChecked(True)
        self.keyring_note.show()

    # -- display -----------------------------------------------------------------------------
    def _set_shown(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.key_edit.setEchoMode(mode)

    def _set_remove_pending(self, pending: bool) -> None:
        self._remove_pending = pending
        self.refresh()
        self.changed.emit()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("API key"))
        self.key_label.setText(self.tr("Key"))
        self.storage_label.setText(self.tr("Keep the key"))
        self.show_check.setText(self.tr("Show"))
        self.show_check.setToolTip(self.tr("Show the key in clear while this is ticked"))
        self.keyring_radio.setText(self.tr("in the system keyring"))
        self.file_radio.setText(self.tr("in a file only I can read"))
        self.file_radio.setToolTip(str(key_file_path()))
        self.session_radio.setText(self.tr("for this session only (forgotten on quit)"))
        self.keyring_note.setText(
            self.tr(
                "No system keyring was found on this computer, so the key cannot go there. "
                "Keep it for this session only, or in a file that only you can read."
            )
        )
        self.refresh()

    def refresh(self) -> None:
        """Show where the key in use comes from now."""
        source = self.source()
        texts = {
            ENVIRONMENT_SOURCE: self.tr(
                "In use: the key in the environment variable {0}. It wins over any key stored "
                "here; unset it to use the stored key."
            ).format(ENV_API_KEY),
            KeyStorage.KEYRING.value: self.tr("In use: the key stored in the system keyring."),
            KeyStorage.FILE.value: self.tr("In use: the key stored in a file only you can read."),
            KeyStorage.SESSION.value: self.tr("In use: a key kept for this session only."),
        }
        text = texts.get(
            source, self.tr("No key yet. Get one in the DashScope (Model Studio) console.")
        )
        if self._remove_pending:
            text += " " + self.tr("The stored key will be removed when you press OK or Apply.")
        self.source_label.setText(text)
        self.key_edit.setPlaceholderText(
            self.tr("leave empty to keep the current key") if source != NO_SOURCE else "sk-…"
        )
        stored = source not in (NO_SOURCE, ENVIRONMENT_SOURCE)
        self.remove_key_button.setVisible(stored or self._remove_pending)
        self.remove_key_button.setText(self.tr("Remove the stored key"))
