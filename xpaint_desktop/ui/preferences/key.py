"""The API key part of Preferences: a password field and where the key is kept.

The key is shown in clear only while the person holds the "Show" toggle on, and it goes only to
`ApiKeyStore`: the system keyring, or, where none exists (a bare Linux session, a container),
the session or a 0600 file, chosen with a radio button rather than decided for the person.
Nothing is stored until the dialog applies; the section only reports what it would do.

The keyring is never touched on the UI thread: a keyring call can block for seconds (an unlock
prompt, a slow or hung D-Bus service). The section opens saying "checking…" and asks in its own
one-thread pool whether a keyring exists and where the key in use comes from (`read_key_state`);
the storage choice and the remove button are enabled when the answer comes. Saving goes through
the same pool (`write_key`), so it runs after a read still out, and the dialog finishes the save
when it answers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

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
from xpaint_desktop.ui.shared.background import Background

log = logging.getLogger(__name__)

ENVIRONMENT_SOURCE = "environment"
NO_SOURCE = "none"
WARNING_STYLE = "color: #8a5300;"


def key_format_problem(key: str) -> bool:
    """True when `key` holds characters no DashScope key has (spaces, non-ASCII, controls)."""
    return not key.isascii() or not key.isprintable() or any(c.isspace() for c in key)


@dataclass(frozen=True)
class KeyState:
    """Whether a system keyring exists and where the key in use comes from."""

    keyring_ok: bool
    source: str


def read_key_state(key_store: ApiKeyStore) -> KeyState:
    """Ask the keyring and the key file; blocking, any thread but the UI's."""
    return KeyState(ApiKeyStore.keyring_available(), key_store.source())


@dataclass(frozen=True)
class KeyChange:
    """What saving does with the key: store a typed one, remove it, or keep it in `storage`.

    `from_settings`: the storage was not chosen by the person (saved before the keyring was
    checked), so a keyring that turns out missing falls back to the session, as when shown.
    """

    key: str = field(repr=False)
    storage: KeyStorage
    remove: bool = False
    from_settings: bool = False


@dataclass(frozen=True)
class KeyWritten:
    """Where the key is kept after saving, and where the key in use comes from now."""

    storage: KeyStorage
    source: str


def write_key(key_store: ApiKeyStore, change: KeyChange) -> KeyWritten:
    """Carry out `change` (blocking, not on the UI thread).

    The settings (`key_storage`) are left to the caller, who records them with the rest.
    Raises `ConfigError` when the keyring does not take the key, OSError when the key file
    cannot be written.
    """
    storage = change.storage
    if (
        change.from_settings
        and storage is KeyStorage.KEYRING
        and not ApiKeyStore.keyring_available()
    ):
        storage = KeyStorage.SESSION  # nothing reaches the disk unless chosen
    if change.key:
        key_store.put(change.key, storage)
    elif change.remove:
        key_store.clear()
    elif key_store.source() not in (ENVIRONMENT_SOURCE, NO_SOURCE, storage.value):
        stored = key_store.get()  # kept elsewhere: it moves to the chosen storage
        if stored:
            key_store.put(stored, storage)
    return KeyWritten(storage, key_store.source(storage))


class ApiKeySection(PreferencesSection):
    """The key field, the storage choice and the key's current source.

    `keyring_ok` and `source()` are None while the first read is out ("checking…");
    `loaded` is emitted when it answers.
    """

    changed = Signal()
    loaded = Signal()

    def __init__(self, key_store: ApiKeyStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key_store = key_store
        self.keyring_ok: bool | None = None
        self._source: str | None = None
        self._keyring_refused = False
        self._remove_pending = False
        self._background = Background(self, max_threads=1)  # reads, then writes, in order
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
        self.load()

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

    def source(self) -> str | None:
        """Where the key in use comes from (environment, keyring, file, session or none), as
        last read; None while it is being checked."""
        return self._source

    def is_loaded(self) -> bool:
        return self._source is not None

    def remove_pending(self) -> bool:
        return self._remove_pending

    def _select_storage(self) -> None:
        chosen = self.key_store.settings.key_storage
        if chosen is KeyStorage.KEYRING and self.keyring_ok is False:
            chosen = KeyStorage.SESSION  # nothing reaches the disk unless chosen
        self._select(chosen)

    def _select(self, storage: KeyStorage) -> None:
        radio = {
            KeyStorage.KEYRING: self.keyring_radio,
            KeyStorage.FILE: self.file_radio,
            KeyStorage.SESSION: self.session_radio,
        }[storage]
        radio.setChecked(True)

    def validation_error(self) -> str | None:
        key = self.typed_key()
        if key and key_format_problem(key):
            return self.tr(
                "The API key contains spaces, line breaks or non-ASCII letters, which no key "
                "has. Paste it again."
            )
        if self.storage() is KeyStorage.KEYRING and self.keyring_ok is False:
            return self.tr("No system keyring is available: choose a file or this session.")
        return None

    # -- reading (off the UI thread) ---------------------------------------------------------
    def load(self) -> None:
        """Show "checking…" and read the keyring's presence and the key's source in the pool."""
        self._source = None
        self._update_controls()
        self.refresh()
        store = self.key_store
        self._background.run(lambda: read_key_state(store), self._on_loaded, self._on_load_failed)

    def _on_loaded(self, state: KeyState) -> None:
        first = self.keyring_ok is None
        self.keyring_ok = state.keyring_ok
        if first or not self.keyring_ok:
            self._select_storage()
        self._source = state.source
        self._update_controls()
        self.refresh()
        self.loaded.emit()
        self.changed.emit()

    def _on_load_failed(self, error: Exception) -> None:
        log.warning("reading where the API key is kept failed: %s", type(error).__name__)
        self._on_loaded(KeyState(keyring_ok=False, source=NO_SOURCE))

    # -- saving ----------------------------------------------------------------------------
    def change(self) -> KeyChange:
        """What saving should do with the key, as the section shows it now."""
        return KeyChange(
            self.typed_key(),
            self.storage() or KeyStorage.SESSION,
            self._remove_pending,
            from_settings=self.keyring_ok is None,
        )

    def write(
        self,
        change: KeyChange,
        on_done: Callable[[KeyWritten], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        """Carry out `change` in the pool (after any read still out); then `on_done(written)`
        or `on_error(exception)` on the UI thread, unless the section is gone."""
        store = self.key_store
        self._background.run(lambda: write_key(store, change), on_done, on_error)

    def saved(self, written: KeyWritten) -> None:
        """The key was written: forget what was typed and show where it is now."""
        self.key_edit.clear()
        self.remove_key_button.setChecked(False)
        self._keyring_refused = False
        if self.storage() is not written.storage:  # the keyring turned out missing
            self._select(written.storage)
        self._source = written.source
        self._update_controls()
        self.refresh()

    def keyring_failed(self, refused: bool = False) -> None:
        """The keyring did not take the key: say so and offer the other choices. `refused`:
        it exists but refused (locked), so it stays a choice once unlocked."""
        self._keyring_refused = refused
        self.keyring_ok = refused
        self.session_radio.setChecked(True)
        self._update_controls()
        self.refresh()

    def wait(self) -> bool:
        """Wait for the reads and writes started (tests, and before closing what they use)."""
        return self._background.wait()

    # -- display -----------------------------------------------------------------------------
    def _update_controls(self) -> None:
        known = self.keyring_ok is not None
        for radio in (self.file_radio, self.session_radio):
            radio.setEnabled(known)
        self.keyring_radio.setEnabled(bool(self.keyring_ok))
        self.keyring_note.setVisible(not self.keyring_ok or self._keyring_refused)
        self.keyring_note.setStyleSheet(WARNING_STYLE if known else "")

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
        self.remove_key_button.setText(self.tr("Remove the stored key"))
        self.refresh()

    def _keyring_note_text(self) -> str:
        if self.keyring_ok is None:
            return self.tr("Checking whether this computer has a system keyring…")
        if self._keyring_refused:
            return self.tr(
                "The system keyring refused the key (it may be locked). Unlock it and choose "
                "it again, or keep the key for this session only, or in a file that only you "
                "can read."
            )
        return self.tr(
            "No system keyring was found on this computer, so the key cannot go there. "
            "Keep it for this session only, or in a file that only you can read."
        )

    def refresh(self) -> None:
        """Show where the key in use comes from, as last read ("checking…" until then)."""
        self.keyring_note.setText(self._keyring_note_text())
        source = self._source
        texts = {
            ENVIRONMENT_SOURCE: self.tr(
                "In use: the key in the environment variable {0}. It wins over any key stored "
                "here; unset it to use the stored key."
            ).format(ENV_API_KEY),
            KeyStorage.KEYRING.value: self.tr("In use: the key stored in the system keyring."),
            KeyStorage.FILE.value: self.tr("In use: the key stored in a file only you can read."),
            KeyStorage.SESSION.value: self.tr("In use: a key kept for this session only."),
            NO_SOURCE: self.tr("No key yet. Get one in the DashScope (Model Studio) console."),
        }
        text = texts.get(source or "", self.tr("Checking where the key is kept…"))
        if self._remove_pending:
            text += " " + self.tr("The stored key will be removed when you press OK or Apply.")
        self.source_label.setText(text)
        self.key_edit.setPlaceholderText(
            self.tr("leave empty to keep the current key")
            if source not in (None, NO_SOURCE)
            else "sk-…"
        )
        stored = source not in (None, NO_SOURCE, ENVIRONMENT_SOURCE)
        self.remove_key_button.setVisible(stored or self._remove_pending)
