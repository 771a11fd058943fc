"""Preferences: the API key, where requests go, the library folder, engine and language.

The dialog edits a copy of what is saved and writes nothing until OK or Apply; Cancel leaves
every file as it was. (Moving the library is the one exception: it is an action, done at once
with its own busy bar, and the settings follow it in the same step.) A field that cannot be
saved (a proxy without a scheme, a custom URL that is not one) disables OK and Apply and says
why, so a mistake never surfaces later as a failed job. The key goes only to `ApiKeyStore`,
never to the settings file. Pages are tabs, so later parts add their own with `add_page`.

The keyring is never touched on the UI thread (it can block for seconds): the key section reads
it in its pool, the connection test reads the stored key in its own, and saving is done in two
steps. OK/Apply check the form, then write the key in the key section's pool while the dialog
says "Saving…" (the pages and buttons disabled, nothing typed is lost); when the key is stored,
the other settings (and where the key is kept) are recorded in one `SettingsStore.apply` on the
UI thread. So the order is: key first, then the rest; if the key cannot be stored, nothing else
is saved and the dialog says why (the keyring refused it, the key file could not be written)
with everything still filled in. Closing the dialog during a save does not stop it: the save
finishes as asked and `settings_changed` is still emitted, so the window reads the key status
again; OK closes the dialog only when the save succeeded, Apply leaves it open.

Signals for the window: `settings_changed` after saving, `save_finished(ok)` after each
save (tests), `language_changed(code)` after the
language was switched, `library_move_started(old)` just before the library is copied (stop
using it), then `library_moved(new)` or `library_move_failed(reason)`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from xpaint_desktop.errors import ConfigError
from xpaint_desktop.keys import ApiKeyStore
from xpaint_desktop.paths import key_file_path
from xpaint_desktop.settings import SettingsStore
from xpaint_desktop.ui.preferences.connection import ConnectionRequest, ConnectionTester
from xpaint_desktop.ui.preferences.endpoint import EndpointSection
from xpaint_desktop.ui.preferences.general import GeneralSection
from xpaint_desktop.ui.preferences.key import NO_SOURCE, ApiKeySection, KeyChange, KeyWritten
from xpaint_desktop.ui.preferences.library import LibrarySection

log = logging.getLogger(__name__)


def _page(*widgets: QWidget) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    for w in widgets:
        layout.addWidget(w)
    layout.addStretch(1)
    return page


class PreferencesDialog(QDialog):
    """Edits the settings (through their store) and the API key; signals: see the module."""

    settings_changed = Signal()
    language_changed = Signal(str)
    library_move_started = Signal(Path)
    library_moved = Signal(Path)
    library_move_failed = Signal(str)
    save_finished = Signal(bool)

    def __init__(
        self,
        settings: SettingsStore | None = None,
        key_store: ApiKeyStore | None = None,
        parent: QWidget | None = None,
        *,
        library_root: Path | None = None,
        library_busy: Callable[[], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = settings or (key_store.store if key_store else SettingsStore.load())
        self.key_store = key_store or ApiKeyStore(self.store)
        self.key_store.store = self.store
        self.settings = self.store.snapshot()  # what the sections start from
        self.key_section = ApiKeySection(self.key_store)
        self.endpoint = EndpointSection(self.settings)
        self.tester = ConnectionTester(self._connection_request)
        self.general = GeneralSection(self.settings)
        self.library = LibrarySection(library_root or self.settings.library_path(), library_busy)
        self.tabs = QTabWidget()
        self.tabs.addTab(_page(self.key_section, self.endpoint, self.tester), "")
        self.tabs.addTab(_page(self.general, self.library), "")
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        self.saving_label = QLabel()
        self.saving_label.hide()
        self._saving: KeyChange | None = None  # the key change being written
        self._close_when_saved = False
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.apply_button.clicked.connect(self.apply)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error_label)
        layout.addWidget(self.saving_label)
        layout.addWidget(self.buttons)
        for section in (self.key_section, self.endpoint, self.general):
            section.changed.connect(self._revalidate)
        self.library.move_started.connect(self.library_move_started.emit)
        self.library.moved.connect(self._on_library_moved)
        self.library.move_failed.connect(self.library_move_failed.emit)
        self.library.busy_changed.connect(lambda _busy: self._revalidate())
        # Names the window and older tests use.
        self.key_edit = self.key_section.key_edit
        self.keyring_note = self.key_section.keyring_note
        self.region_combo = self.endpoint.region_combo
        self.custom_url_edit = self.endpoint.custom_url_edit
        self.proxy_edit = self.endpoint.proxy_edit
        self.engine_combo = self.general.engine_combo
        self.language_combo = self.general.language_combo
        self.setMinimumWidth(560)
        self.retranslate_ui()
        self._revalidate()

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    @property
    def apply_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Apply)

    def add_page(self, widget: QWidget, title: str) -> int:
        """Add a tab (for later parts)."""
        return self.tabs.addTab(widget, title)

    # -- validation ------------------------------------------------------------------------
    def validation_error(self) -> str | None:
        """What keeps the form from being saved, or None."""
        for section in (self.key_section, self.endpoint):
            problem = section.validation_error()
            if problem:
                return problem
        return None

    def _revalidate(self) -> None:
        problem = self.validation_error()
        saving = self.is_saving()
        savable = problem is None and not self.library.is_moving() and not saving
        self.ok_button.setEnabled(savable)
        self.apply_button.setEnabled(savable)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(
            not self.library.is_moving() and not saving
        )
        self.tabs.setEnabled(not saving)
        self.saving_label.setVisible(saving)
        self._show_error(problem)

    def _show_error(self, text: str | None) -> None:
        self.error_label.setText(text or "")
        self.error_label.setVisible(bool(text))

    def _connection_request(self) -> ConnectionRequest | str:
        problem = self.endpoint.validation_error()
        if problem:
            return problem
        key = self.key_section.typed_key()
        if not key and self.key_section.source() == NO_SOURCE:
            return self.tr("There is no key to test. Enter one above.")
        base_url = self.endpoint.apply_to(self.settings).base_url()
        # without a typed key the stored one is read in the tester's pool, not here
        stored = None if key else self.key_store.get
        return ConnectionRequest(key, base_url, self.endpoint.proxy(), read_key=stored)

    # -- saving ----------------------------------------------------------------------------
    def is_saving(self) -> bool:
        return self._saving is not None

    def apply(self) -> bool:
        """Start saving everything (see the module); False (with the reason shown) when the
        form cannot be saved now. `save_finished(ok)` tells how it ended."""
        problem = self.validation_error()
        if problem or self.library.is_moving() or self.is_saving():
            if problem:
                self._show_error(problem)
            return False
        self._saving = self.key_section.change()
        self._revalidate()
        self.key_section.write(self._saving, self._on_key_written, self._on_key_failed)
        return True

    def _on_key_written(self, written: KeyWritten) -> None:
        self._saving = None
        old_language = self.store.settings.language
        try:
            s = self.endpoint.apply_to(self.store.snapshot())
            s.default_engine = self.general.engine()
            s.language = self.general.language()
            s.key_storage = written.storage
            self.store.apply(s)
        except ConfigError as e:
            self._save_failed(e.message)
            return
        except OSError as e:
            self._save_failed(self.tr("Could not save the settings: {0}").format(e.strerror or e))
            return
        self.settings = self.store.snapshot()
        self.key_section.saved(written)
        self._revalidate()
        self.settings_changed.emit()
        if s.language != old_language:
            from xpaint_desktop.ui.i18n import switch_language

            self.language_changed.emit(switch_language(s.language))
        self.save_finished.emit(True)
        if self._close_when_saved and self.isVisible():
            super().accept()
        self._close_when_saved = False

    def _on_key_failed(self, error: Exception) -> None:
        self._saving = None
        log.warning("storing the API key failed: %s", type(error).__name__)
        if isinstance(error, ConfigError) and error.code in ("NoKeyring", "KeyringRefused"):
            refused = error.code == "KeyringRefused"
            self.key_section.keyring_failed(refused)  # revalidates, so the message comes after
            if refused:
                text = self.tr(
                    "The system keyring refused the key (it may be locked). Unlock it and "
                    "press OK again, or keep the key in a file or for this session only."
                )
            else:
                text = self.tr(
                    "No system keyring is available to store the key. Keep it in a file or "
                    "for this session only."
                )
        elif isinstance(error, OSError):  # only the key file is written as a file
            text = self.tr(
                "The key could not be written to {0}: {1}. Check that you may write to that "
                "folder and that the disk is not full, or keep the key in the system keyring "
                "or for this session only."
            ).format(key_file_path(), error.strerror or type(error).__name__)
        elif isinstance(error, ConfigError):
            text = error.message
        else:
            text = self.tr("Could not store the API key ({0}). Nothing was saved.").format(
                type(error).__name__
            )
        self._save_failed(text)

    def _save_failed(self, text: str) -> None:
        self._close_when_saved = False
        self._revalidate()
        self._show_error(text)
        self.save_finished.emit(False)

    def accept(self) -> None:
        if self.apply():
            self._close_when_saved = True

    def reject(self) -> None:
        if self.library.is_moving():
            return  # the move finishes first; the settings follow it
        self._close_when_saved = False  # a save still out finishes; the dialog is closed now
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.library.is_moving():
            event.ignore()
            return
        super().closeEvent(event)

    def _on_library_moved(self, new_root: Path) -> None:
        self.store.reload()  # the move recorded the new folder
        self.settings = self.store.snapshot()
        self.library_moved.emit(new_root)

    # -- texts -----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Preferences"))
        self.tabs.setTabText(0, self.tr("Service"))
        self.tabs.setTabText(1, self.tr("General"))
        self.saving_label.setText(self.tr("Saving…"))
        self._revalidate()
