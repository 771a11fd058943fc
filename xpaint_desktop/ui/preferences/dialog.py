"""Preferences: the API key, where requests go, the library folder, engine and language.

The dialog edits a copy of what is saved and writes nothing until OK or Apply; Cancel leaves
every file as it was. (Moving the library is the one exception: it is an action, done at once
with its own busy bar, and the settings follow it in the same step.) A field that cannot be
saved (a proxy without a scheme, a custom URL that is not one) disables OK and Apply and says
why, so a mistake never surfaces later as a failed job. The key goes only to `ApiKeyStore`,
never to the settings file. Pages are tabs, so later parts add their own with `add_page`.

Signals for the window: `settings_changed` after saving, `language_changed(code)` after the
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
from xpaint_desktop.settings import KeyStorage, SettingsStore
from xpaint_desktop.ui.preferences.connection import ConnectionRequest, ConnectionTester
from xpaint_desktop.ui.preferences.endpoint import EndpointSection
from xpaint_desktop.ui.preferences.general import GeneralSection
from xpaint_desktop.ui.preferences.key import ApiKeySection
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
        savable = problem is None and not self.library.is_moving()
        self.ok_button.setEnabled(savable)
        self.apply_button.setEnabled(savable)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(
            not self.library.is_moving()
        )
        self._show_error(problem)

    def _show_error(self, text: str | None) -> None:
        self.error_label.setText(text or "")
        self.error_label.setVisible(bool(text))

    def _connection_request(self) -> ConnectionRequest | str:
        problem = self.endpoint.validation_error()
        if problem:
            return problem
        key = self.key_section.typed_key() or self.key_store.get() or ""
        if not key:
            return self.tr("There is no key to test. Enter one above.")
        base_url = self.endpoint.apply_to(self.settings).base_url()
        return ConnectionRequest(key, base_url, self.endpoint.proxy())

    # -- saving ----------------------------------------------------------------------------
    def apply(self) -> bool:
        """Save everything; False (with the reason shown) when something could not be saved."""
        problem = self.validation_error()
        if problem or self.library.is_moving():
            self._show_error(problem)
            return False
        old_language = self.store.settings.language
        try:
            self.key_section.apply()  # may record where the key is kept
            s = self.endpoint.apply_to(self.store.snapshot())
            s.default_engine = self.general.engine()
            s.language = self.general.language()
            self.store.apply(s)
        except ConfigError as e:
            if self.key_section.storage() is KeyStorage.KEYRING:
                self.key_section.keyring_failed()  # revalidates, so the message comes after
            self._show_error(e.message)
            return False
        except OSError as e:
            self._show_error(self.tr("Could not save the settings: {0}").format(e.strerror or e))
            return False
        self.key_section.refresh()
        self._show_error(None)
        self.settings_changed.emit()
        if s.language != old_language:
            from xpaint_desktop.ui.i18n import switch_language

            self.language_changed.emit(switch_language(s.language))
        return True

    def accept(self) -> None:
        if self.apply():
            super().accept()

    def reject(self) -> None:
        if self.library.is_moving():
            return  # the move finishes first; the settings follow it
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
        self._revalidate()
