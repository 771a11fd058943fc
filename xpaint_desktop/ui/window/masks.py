"""Masks from and to files: import (asking which colours mark the area) and export.

A coloured picture used as a mask first asks which of its colours mark the area to repaint
(the service's `mask_color`); a grey or semi-transparent one is read with a threshold and the
banner says how. Messages name the file and the problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QFileDialog

from xpaint_desktop.ui.window import qsettings
from xpaint_desktop.ui.window.banner import BannerLevel

if TYPE_CHECKING:
    from xpaint_desktop.imaging.masks import Colour, GreyReading
    from xpaint_desktop.ui.canvas.mask_colors import MaskColorDialog
    from xpaint_desktop.ui.window.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class MaskFiles(QObject):
    """Imports and exports the canvas's mask for `window`."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.canvas = window.canvas
        self.banner = window.banner
        self.color_dialog: MaskColorDialog | None = None

    def export_mask(self) -> None:
        if not self.canvas.has_image():
            return
        stem = Path(self.window.source_name()).stem or "image"
        start = (qsettings.last_folder() or Path.home()) / f"{stem}-mask.png"
        name, _ = QFileDialog.getSaveFileName(
            self.window, _tr("Export mask"), str(start), _tr("PNG image (*.png)")
        )
        if not name:
            return
        try:
            self.canvas.export_mask(name)
        except (OSError, ValueError) as e:
            self.banner.show_message(
                _tr("Could not export the mask: {0}").format(e), level=BannerLevel.ERROR
            )
            return
        self.window.statusBar().showMessage(_tr("Mask saved to {0}").format(name), 5000)

    def import_mask(self) -> None:
        if not self.canvas.has_image():
            return
        path = self.window.opener.ask_image_file(_tr("Import mask"))
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path, mask_color: list[Colour] | None = None) -> bool:
        """Import a mask file; a coloured picture first asks which colours mark the area
        (the service's `mask_color`), unless `mask_color` is given."""
        try:
            if mask_color is None:
                mask_color = self._ask_colors(path)
                if mask_color == []:
                    return False  # the person cancelled
            reading = self.canvas.import_mask(str(path), mask_color or None)
        except (ValueError, OSError) as e:
            self.banner.show_message(str(e), level=BannerLevel.ERROR)
            return False
        if reading is not None:
            self.banner.show_message(grey_reading_text(path, reading))
        return True

    def _ask_colors(self, path: Path) -> list[Colour] | None:
        """None for a black-and-white mask; the ticked colours, or [] when cancelled."""
        from PIL import Image, UnidentifiedImageError

        from xpaint_desktop.imaging.masks import mask_palette
        from xpaint_desktop.ui.canvas.mask_colors import MaskColorDialog

        try:
            with Image.open(path) as img:
                palette = mask_palette(img)
        except (OSError, UnidentifiedImageError):
            return None  # the canvas reports what is wrong with the file
        if palette is None:
            return None
        dialog = MaskColorDialog(path.name, palette, self.window)
        self.color_dialog = dialog
        accepted = dialog.exec() == MaskColorDialog.DialogCode.Accepted
        return dialog.selected_colors() if accepted else []


def grey_reading_text(path: Path, reading: GreyReading) -> str:
    """The command line's note on a mask with grey areas, in the person's language."""
    template = _tr(
        "{grey} of its pixels are {source} values between black and white; they were read "
        "with threshold {threshold} (lighter than {threshold} = repaint), so {painted} of "
        "the picture will be repainted"
    )
    source = _tr("grey") if reading.source == "grey" else _tr("transparency")
    return _tr("Mask {0}: {1}").format(path.name, reading.describe(template, source))
