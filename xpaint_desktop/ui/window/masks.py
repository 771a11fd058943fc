"""Masks from and to files: import (asking which colours mark the area) and export.

Reading a mask file, finding its colours and writing a PNG take longer than a frame on a large
photo, so they run in the mask files' own background pool; the canvas takes the bits on the UI
thread as one undoable step. A coloured picture used as a mask first asks which of its colours
mark the area to repaint (the service's `mask_color`); a grey or semi-transparent one is read
with a threshold and the banner says how. Messages name the file and the problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog

from xpaint_desktop.ui.shared.background import Background
from xpaint_desktop.ui.window import qsettings
from xpaint_desktop.ui.window.banner import BannerLevel

if TYPE_CHECKING:
    from xpaint_desktop.imaging.masks import Colour, GreyReading
    from xpaint_desktop.ui.canvas.mask_colors import MaskColorDialog
    from xpaint_desktop.ui.canvas.raster import MaskArray
    from xpaint_desktop.ui.window.main_window import MainWindow

    Palette = list[tuple[Colour, int]]


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def _read_palette(path: Path) -> Palette | None:
    """The colours of a coloured mask picture (any thread); None for black and white."""
    from PIL import Image, UnidentifiedImageError

    from xpaint_desktop.imaging.masks import mask_palette

    try:
        with Image.open(path) as img:
            return mask_palette(img)
    except (OSError, UnidentifiedImageError):
        return None  # reading the mask says what is wrong with the file


class MaskFiles(QObject):
    """Imports and exports the canvas's mask for `window`, off the UI thread."""

    import_finished = Signal(bool)  # True when the mask was replaced by the file's
    export_finished = Signal(bool)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.canvas = window.canvas
        self.banner = window.banner
        self.background = Background(self)
        self.color_dialog: MaskColorDialog | None = None

    def export_mask(self) -> None:
        if not self.canvas.has_image():
            return
        stem = Path(self.window.source_name()).stem or "image"
        start = (qsettings.last_folder() or Path.home()) / f"{stem}-mask.png"
        name, _ = QFileDialog.getSaveFileName(
            self.window, _tr("Export mask"), str(start), _tr("PNG image (*.png)")
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        """Write the mask as a black-and-white PNG at `path`, in the background."""
        from xpaint_desktop.ui.canvas.io import write_mask

        bits = self.canvas.mask_bits()

        def done(_none: None) -> None:
            self.window.statusBar().showMessage(_tr("Mask saved to {0}").format(path), 5000)
            self.export_finished.emit(True)

        def failed(error: Exception) -> None:
            self.banner.show_message(
                _tr("Could not export the mask: {0}").format(error), level=BannerLevel.ERROR
            )
            self.export_finished.emit(False)

        self.background.run(lambda: write_mask(path, bits), done, failed)

    def import_mask(self) -> None:
        if not self.canvas.has_image():
            return
        path = self.window.opener.ask_image_file(_tr("Import mask"))
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path, mask_color: list[Colour] | None = None) -> None:
        """Import a mask file in the background (`import_finished` tells how it went); a
        coloured picture first asks which colours mark the area (the service's `mask_color`),
        unless `mask_color` is given."""
        if not self.canvas.has_image():
            self._failed(ValueError("There is no image on the canvas yet; open an image first."))
            return
        if mask_color is not None:
            self._read(path, mask_color or None)
            return
        self.background.run(
            lambda: _read_palette(path), lambda palette: self._ask_colors(path, palette)
        )

    def _ask_colors(self, path: Path, palette: Palette | None) -> None:
        """Read a black-and-white mask at once; ask which colours of a coloured one count."""
        if palette is None:
            self._read(path, None)
            return
        from xpaint_desktop.ui.canvas.mask_colors import MaskColorDialog

        dialog = MaskColorDialog(path.name, palette, self.window)
        self.color_dialog = dialog
        dialog.accepted.connect(lambda: self._read(path, dialog.selected_colors()))
        dialog.rejected.connect(lambda: self.import_finished.emit(False))  # cancelled
        dialog.open()

    def _read(self, path: Path, mask_color: list[Colour] | None) -> None:
        from xpaint_desktop.ui.canvas.io import read_mask

        image = self.canvas.image()
        key, size = image.cacheKey(), (image.width(), image.height())

        def done(answer: tuple[MaskArray, GreyReading | None]) -> None:
            bits, reading = answer
            if not self.canvas.has_image() or self.canvas.image().cacheKey() != key:
                self.import_finished.emit(False)  # another image was opened meanwhile
                return
            self.canvas.import_mask_bits(bits)
            if reading is not None:
                self.banner.show_message(grey_reading_text(path, reading))
            self.import_finished.emit(True)

        self.background.run(lambda: read_mask(path, size, mask_color), done, self._failed)

    def _failed(self, error: Exception) -> None:
        self.banner.show_message(str(error), level=BannerLevel.ERROR)
        self.import_finished.emit(False)


def grey_reading_text(path: Path, reading: GreyReading) -> str:
    """The command line's note on a mask with grey areas, in the person's language."""
    template = _tr(
        "{grey} of its pixels are {source} values between black and white; they were read "
        "with threshold {threshold} (lighter than {threshold} = repaint), so {painted} of "
        "the picture will be repainted"
    )
    source = _tr("grey") if reading.source == "grey" else _tr("transparency")
    return _tr("Mask {0}: {1}").format(path.name, reading.describe(template, source))
