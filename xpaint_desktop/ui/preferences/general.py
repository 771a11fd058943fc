"""The default engine and the language of the window.

The language list comes from the compiled catalogues (`i18n.available_languages()`), each
language named in itself so a person can find theirs whatever is showing now; "System" follows
the desktop's locale. Switching happens while the window stays open.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from xpaint_desktop.settings import Settings
from xpaint_desktop.spec import EngineKind
from xpaint_desktop.ui.i18n import available_languages
from xpaint_desktop.ui.preferences.section import PreferencesSection
from xpaint_desktop.ui.shared.widgets import select_data

SYSTEM_LANGUAGE = ""


class GeneralSection(PreferencesSection):
    """Default engine and language choices."""

    changed = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine_combo = QComboBox()
        for kind in (EngineKind.CLOUD, EngineKind.LOCAL):
            self.engine_combo.addItem("", kind.value)
        self.language_combo = QComboBox()
        self.language_combo.addItem("", SYSTEM_LANGUAGE)
        for language in available_languages():
            self.language_combo.addItem(language.native_name, language.code)
        self.engine_label, self.language_label = QLabel(), QLabel()
        form = QFormLayout(self)
        form.addRow(self.engine_label, self.engine_combo)
        form.addRow(self.language_label, self.language_combo)
        select_data(self.engine_combo, settings.default_engine)
        if not select_data(self.language_combo, settings.language):
            select_data(self.language_combo, SYSTEM_LANGUAGE)
        self.engine_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.language_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.retranslate_ui()

    def engine(self) -> EngineKind:
        return EngineKind(self.engine_combo.currentData())

    def language(self) -> str:
        """The language preference: a catalogue code, or "" for the system's language."""
        return str(self.language_combo.currentData())

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("General"))
        self.engine_label.setText(self.tr("Default engine"))
        self.language_label.setText(self.tr("Language"))
        self.engine_combo.setItemText(0, self.tr("Cloud (DashScope)"))
        self.engine_combo.setItemText(1, self.tr("Offline"))
        self.language_combo.setItemText(0, self.tr("System"))
