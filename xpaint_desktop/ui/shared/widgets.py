"""Small helpers for Qt widgets that several panels share."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox


def select_data(combo: QComboBox, value: object) -> bool:
    """Select the item whose data equals `value`; False (selection unchanged) if none does."""
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)
    return index >= 0
