"""Where requests go: the region (or a custom URL) and the HTTP proxy.

A key works in one region only, and some networks need a proxy: both are part of "my key does
not work", so they sit next to the key and "Test connection". `DASHSCOPE_HTTP_BASE_URL`, the
variable the official SDK reads too, overrides the region; the section says so instead of
letting the choice silently do nothing.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlsplit

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from xpaint_desktop.settings import ENV_BASE_URL, Region, Settings, base_url_from_environment
from xpaint_desktop.ui.preferences.section import PreferencesSection
from xpaint_desktop.ui.shared.widgets import select_data

PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")


def _has_host(url: str, schemes: tuple[str, ...]) -> bool:
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        return False
    return parts.scheme in schemes and bool(parts.hostname) and " " not in url


class EndpointSection(PreferencesSection):
    """Region, custom service URL and proxy, validated as they are typed."""

    changed = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.region_combo = QComboBox()
        for region in Region:
            self.region_combo.addItem("", region.value)
        self.region_combo.currentIndexChanged.connect(self._on_region)
        self.custom_url_edit = QLineEdit()
        self.custom_url_edit.setPlaceholderText("https://example.com/api/v1")
        self.custom_url_edit.textChanged.connect(lambda _text: self.changed.emit())
        self.override_label = QLabel()
        self.override_label.setWordWrap(True)
        self.proxy_edit = QLineEdit()
        self.proxy_edit.textChanged.connect(lambda _text: self.changed.emit())
        self.region_label, self.url_label, self.proxy_label = QLabel(), QLabel(), QLabel()
        form = QFormLayout(self)
        form.addRow(self.region_label, self.region_combo)
        form.addRow(self.url_label, self.custom_url_edit)
        form.addRow("", self.override_label)
        form.addRow(self.proxy_label, self.proxy_edit)
        select_data(self.region_combo, settings.region)
        self.custom_url_edit.setText(settings.custom_base_url)
        self.proxy_edit.setText(settings.proxy)
        self._on_region()
        self.retranslate_ui()

    def region(self) -> Region:
        return Region(self.region_combo.currentData())

    def custom_url(self) -> str:
        return self.custom_url_edit.text().strip()

    def proxy(self) -> str:
        return self.proxy_edit.text().strip()

    def apply_to(self, settings: Settings) -> Settings:
        """`settings` with this section's values (a copy; the original is not changed)."""
        return replace(
            settings, region=self.region(), custom_base_url=self.custom_url(), proxy=self.proxy()
        )

    def validation_error(self) -> str | None:
        if self.region() == Region.CUSTOM.value and not _has_host(
            self.custom_url(), ("http", "https")
        ):
            return self.tr(
                "The service URL must be a full address starting with http:// or https://, "
                "e.g. https://dashscope.aliyuncs.com/api/v1."
            )
        if self.proxy() and not _has_host(self.proxy(), PROXY_SCHEMES):
            return self.tr(
                "The proxy must look like http://host:port or socks5://host:port (or be empty)."
            )
        return None

    def _on_region(self) -> None:
        self.custom_url_edit.setEnabled(self.region() == Region.CUSTOM.value)
        self.changed.emit()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Service"))
        names = {
            Region.BEIJING.value: self.tr("Beijing (China mainland)"),
            Region.INTERNATIONAL.value: self.tr("International (Singapore)"),
            Region.CUSTOM.value: self.tr("Custom URL"),
        }
        for i in range(self.region_combo.count()):
            self.region_combo.setItemText(i, names[str(self.region_combo.itemData(i))])
        self.region_label.setText(self.tr("Region"))
        self.url_label.setText(self.tr("Service URL"))
        self.proxy_label.setText(self.tr("HTTP proxy"))
        self.proxy_edit.setPlaceholderText(
            self.tr("empty: the system's proxy settings; or e.g. http://127.0.0.1:7890")
        )
        forced = base_url_from_environment()
        self.override_label.setVisible(forced is not None)
        if forced:
            self.override_label.setText(
                self.tr(
                    "The environment variable {0} is set to {1}; it is used instead of the "
                    "region chosen here."
                ).format(ENV_BASE_URL, forced)
            )
