"""Preferences: the DashScope API key, the region, a proxy and the default engine.

The key goes only to `ApiKeyStore` (system keyring, a private file, or this session), never to
the settings file. Where no system keyring exists the dialog says so and offers the other two
choices instead of failing. Pages are tabs, so later parts add their own with `add_page`.
Problems (a proxy without a scheme, a keyring that refuses the key) are shown inside the
dialog, which stays open with everything typed still in place.
"""

from __future__ import annotations

import logging
from urllib.parse import urlparse

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from xpaint_desktop.config import ENV_API_KEY, ApiKeyStore, KeyStorage, Region, Settings
from xpaint_desktop.errors import ConfigError
from xpaint_desktop.spec import EngineKind
from xpaint_desktop.ui.widgets import select_data

log = logging.getLogger(__name__)

PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")


class PreferencesDialog(QDialog):
    """Edits `config.Settings` and the API key; emits `settings_changed` after saving."""

    settings_changed = Signal()

    def __init__(
        self,
        settings: Settings | None = None,
        key_store: ApiKeyStore | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.settings = settings or Settings.load()
        self.key_store = key_store or ApiKeyStore(self.settings)
        self._keyring_ok = ApiKeyStore.keyring_available()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_service_page(), self.tr("Service"))
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self._load()

    def add_page(self, widget: QWidget, title: str) -> int:
        """Add a tab (for later parts: language, library, ...)."""
        return self.tabs.addTab(widget, title)

    # -- the service page ------------------------------------------------------------------
    def _build_service_page(self) -> QWidget:
        page = QWidget()
        self.key_edit = QLineEdit()
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setClearButtonEnabled(True)
        show = QAction(self.tr("Show"), self.key_edit)
        show.setCheckable(True)
        show.toggled.connect(
            lambda on: self.key_edit.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        self.key_edit.addAction(show, QLineEdit.ActionPosition.TrailingPosition)
        self.key_status = QLabel()
        self.key_status.setWordWrap(True)
        self.remove_key_button = QPushButton(self.tr("Remove the stored key"))
        self.remove_key_button.clicked.connect(self._remove_key)

        self.storage_combo = QComboBox()
        self.storage_combo.addItem(self.tr("System keyring"), KeyStorage.KEYRING.value)
        self.storage_combo.addItem(self.tr("A file readable only by me"), KeyStorage.FILE.value)
        self.storage_combo.addItem(
            self.tr("This session only (forget on quit)"), KeyStorage.SESSION.value
        )
        self.keyring_note = QLabel(
            self.tr(
                "No system keyring was found. Keep the key for this session only, or in a "
                "file in the configuration folder that only you can read."
            )
        )
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setVisible(not self._keyring_ok)
        if not self._keyring_ok:
            item = self.storage_combo.model().item(0)  # type: ignore[attr-defined]
            item.setEnabled(False)

        self.region_combo = QComboBox()
        self.region_combo.addItem(self.tr("Beijing (China mainland)"), Region.BEIJING.value)
        self.region_combo.addItem(self.tr("International (Singapore)"), Region.INTERNATIONAL.value)
        self.region_combo.addItem(self.tr("Custom URL"), Region.CUSTOM.value)
        self.region_combo.currentIndexChanged.connect(self._update_custom_url)
        self.custom_url_edit = QLineEdit()
        self.custom_url_edit.setPlaceholderText("https://example.com/api/v1")
        self.proxy_edit = QLineEdit()
        self.proxy_edit.setPlaceholderText(self.tr("none, or e.g. http://127.0.0.1:7890"))
        self.engine_combo = QComboBox()
        self.engine_combo.addItem(self.tr("Cloud (DashScope)"), EngineKind.CLOUD.value)
        self.engine_combo.addItem(self.tr("Offline"), EngineKind.LOCAL.value)

        form = QFormLayout(page)
        form.addRow(self.tr("API key"), self.key_edit)
        form.addRow("", self.key_status)
        form.addRow(self.tr("Keep the key in"), self.storage_combo)
        form.addRow("", self.keyring_note)
        form.addRow("", self.remove_key_button)
        form.addRow(self.tr("Region"), self.region_combo)
        form.addRow(self.tr("Service URL"), self.custom_url_edit)
        form.addRow(self.tr("Proxy"), self.proxy_edit)
        form.addRow(self.tr("Default engine"), self.engine_combo)
        return page

    def _load(self) -> None:
        s = self.settings
        select_data(self.region_combo, s.region)
        self.custom_url_edit.setText(s.custom_base_url)
        self.proxy_edit.setText(s.proxy)
        select_data(self.engine_combo, s.default_engine)
        storage = s.key_storage
        if storage == KeyStorage.KEYRING.value and not self._keyring_ok:
            storage = KeyStorage.FILE.value
        select_data(self.storage_combo, storage)
        self._update_custom_url()
        self._update_key_status()

    def _update_custom_url(self) -> None:
        self.custom_url_edit.setEnabled(self.region_combo.currentData() == Region.CUSTOM.value)

    def _update_key_status(self) -> None:
        source = self.key_store.source()
        texts = {
            "environment": self.tr(
                "A key is set in the environment variable {0}; it is used before any stored key."
            ).format(ENV_API_KEY),
            KeyStorage.KEYRING.value: self.tr("A key is stored in the system keyring."),
            KeyStorage.FILE.value: self.tr("A key is stored in a private file."),
            KeyStorage.SESSION.value: self.tr("A key is kept for this session only."),
        }
        self.key_status.setText(
            texts.get(
                source, self.tr("No key yet. Get one in the DashScope (Model Studio) console.")
            )
        )
        self.key_edit.setPlaceholderText(
            self.tr("leave empty to keep the current key") if source != "none" else "sk-…"
        )
        self.remove_key_button.setEnabled(source not in ("none", "environment"))

    def _remove_key(self) -> None:
        self.key_store.clear()
        self._update_key_status()
        self.settings_changed.emit()

    # -- saving ----------------------------------------------------------------------------
    def validation_error(self) -> str | None:
        """What is wrong with the form, or None."""
        proxy = self.proxy_edit.text().strip()
        if proxy:
            parsed = urlparse(proxy)
            if parsed.scheme not in PROXY_SCHEMES or not parsed.hostname:
                return self.tr("The proxy must look like http://host:port or socks5://host:port.")
        if self.region_combo.currentData() == Region.CUSTOM.value:
            parsed = urlparse(self.custom_url_edit.text().strip())
            if parsed.scheme not in ("http", "https") or not parsed.hostname:
                return self.tr("The service URL must start with http:// or https://.")
        return None

    def apply(self) -> bool:
        """Save everything; False (with the reason shown) when something could not be saved."""
        problem = self.validation_error()
        if problem:
            self._show_error(problem)
            return False
        s = self.settings
        s.region = str(self.region_combo.currentData())
        s.custom_base_url = self.custom_url_edit.text().strip()
        s.proxy = self.proxy_edit.text().strip()
        s.default_engine = str(self.engine_combo.currentData())
        key = self.key_edit.text().strip()
        storage = KeyStorage(str(self.storage_combo.currentData()))
        try:
            if key:
                self.key_store.set(key, storage)  # saves the settings too
            else:
                s.save()
        except ConfigError as e:
            self._show_error(e.message)
            if storage is KeyStorage.KEYRING:
                self._keyring_ok = False
                self.keyring_note.show()
                select_data(self.storage_combo, KeyStorage.FILE.value)
            return False
        except OSError as e:
            self._show_error(self.tr("Could not save the settings: {0}").format(e.strerror or e))
            return False
        self.key_edit.clear()
        self.error_label.hide()
        self._update_key_status()
        self.settings_changed.emit()
        return True

    def accept(self) -> None:
        if self.apply():
            super().accept()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
