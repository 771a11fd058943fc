"""Helpers for widgets that set their texts again when the language changes.

A language switch must not change what a person picked: combo boxes keep their selected item
because items are renamed in place by their data (never found by their old text), and models
only announce that every row's texts changed, so views repaint without losing selection.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex
from PySide6.QtWidgets import QComboBox


def set_combo_items(combo: QComboBox, items: Sequence[tuple[str, object]]) -> None:
    """Fill an empty combo with (text, data) items, or rename its items by their data.

    Renaming keeps the current index and emits no `currentIndexChanged`; items whose data is
    not in `items` keep their text.
    """
    if combo.count() == 0:
        for text, data in items:
            combo.addItem(text, data)
        return
    for i in range(combo.count()):
        data = combo.itemData(i)
        for text, wanted in items:
            if wanted == data:
                combo.setItemText(i, text)
                break


def announce_texts_changed(model: QAbstractListModel) -> None:
    """Tell the views that every row's texts changed (they are translated at `data()` time)."""
    rows = model.rowCount(QModelIndex())
    if rows > 0:
        model.dataChanged.emit(model.index(0), model.index(rows - 1))
