"""Choosing which colours of a coloured mask picture mark the area to repaint.

The service's `mask_color` parameter lets a mask be a picture in which some exact colours
mark the area (e.g. a segmentation map). When such a file is imported, this dialog shows its
colours with their share of the picture; the ones ticked become the mask.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from xpaint_desktop.imaging.masks import Colour


_COLOUR_ROLE = Qt.ItemDataRole.UserRole + 1


class MaskColorDialog(QDialog):
    """Lists a mask picture's colours; `selected_colors()` are those ticked."""

    def __init__(
        self, file_name: str, palette: list[tuple[Colour, int]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._file_name = file_name
        self._total = max(1, sum(n for _, n in palette))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.list = QListWidget()
        for colour, count in palette:
            item = QListWidgetItem(_swatch(colour), "")
            item.setData(_COLOUR_ROLE, colour)
            item.setData(Qt.ItemDataRole.UserRole, count)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.itemChanged.connect(lambda _item: self._update_ok())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self._update_ok()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Colours of the mask"))
        self.intro.setText(
            self.tr(
                "{0} is a coloured picture. Tick the colours that mark the area to repaint; "
                "every other colour is kept."
            ).format(self._file_name)
        )
        for i in range(self.list.count()):
            item = self.list.item(i)
            r, g, b = item.data(_COLOUR_ROLE)
            share = 100 * int(item.data(Qt.ItemDataRole.UserRole)) / self._total
            item.setText(
                self.tr("RGB {0}, {1}, {2} — {3} % of the picture").format(r, g, b, f"{share:.1f}")
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_checked(self, colours: list[Colour]) -> None:
        wanted = set(colours)
        for i in range(self.list.count()):
            item = self.list.item(i)
            state = (
                Qt.CheckState.Checked
                if item.data(_COLOUR_ROLE) in wanted
                else (Qt.CheckState.Unchecked)
            )
            item.setCheckState(state)

    def selected_colors(self) -> list[Colour]:
        return [
            tuple(self.list.item(i).data(_COLOUR_ROLE))  # type: ignore[misc]
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.selected_colors()))


def _swatch(colour: Colour) -> QIcon:
    pixmap = QPixmap(20, 20)
    pixmap.fill(QColor(*colour))
    return QIcon(pixmap)
