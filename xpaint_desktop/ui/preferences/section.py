"""The base of every Preferences section: a group box that can change language while open.

Each section sets all its visible texts in `retranslate_ui()`; this base calls it again when Qt
announces a language switch, so a language applied from the dialog shows in the dialog at once.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QGroupBox


class PreferencesSection(QGroupBox):
    """A titled part of a Preferences page whose texts follow the language."""

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
