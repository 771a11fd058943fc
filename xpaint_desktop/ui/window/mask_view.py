"""How the mask is shown and how the brush paints: show/hide (M), colour and opacity, hardness.

The mask stays over a result as over the photo (as Photoshop keeps a selection over a generated
layer), so adjusting it and generating again is never done blind. The choices are kept in
QSettings.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import QColorDialog, QLabel, QSlider, QSpinBox, QWidget

from xpaint_desktop.ui.canvas.widget import DEFAULT_MASK_COLOR, MaskCanvas

SHOW_MASK_KEY = "M"
_VISIBLE_KEY = "mask/visible"
_COLOR_KEY = "mask/color"
_HARDNESS_KEY = "brush/hardness"
OPACITY_RANGE = (10, 90)  # per cent; fully opaque hides the photo, 0 hides the mask


def _tr(text: str) -> str:
    return QCoreApplication.translate("MaskView", text)


class MaskView(QObject):
    """The actions and tool-bar widgets that set how `canvas` shows its mask."""

    def __init__(self, canvas: MaskCanvas, parent: QWidget) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self._parent = parent
        self.show_mask = QAction(parent)
        self.show_mask.setCheckable(True)
        self.show_mask.setShortcut(QKeySequence(SHOW_MASK_KEY))
        self.show_mask.toggled.connect(self._set_visible)
        self.choose_color = QAction(parent)
        self.choose_color.triggered.connect(self.ask_color)
        self.opacity_caption = QLabel()
        self.opacity_slider = QSlider(Qt.Orientation.Horizontal)
        self.opacity_slider.setRange(*OPACITY_RANGE)
        self.opacity_slider.setFixedWidth(80)
        self.opacity_slider.valueChanged.connect(self.set_opacity_percent)
        self.hardness_caption = QLabel()
        self.hardness_spin = QSpinBox()
        self.hardness_spin.setRange(0, 100)
        self.hardness_spin.valueChanged.connect(self._set_hardness)
        self._restore()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.show_mask.setText(_tr("Show &mask"))
        self.show_mask.setToolTip(_tr("Show or hide the mask over the photo or result (M)"))
        self.choose_color.setText(_tr("Mask &colour…"))
        self.opacity_caption.setText(_tr(" Mask "))
        self.opacity_slider.setToolTip(_tr("How strongly the mask covers the picture"))
        self.hardness_caption.setText(_tr(" Hardness "))
        self.hardness_spin.setSuffix(" %")
        self.hardness_spin.setToolTip(
            _tr("Brush edge: 100 % paints exactly the brush size, softer edges paint less")
        )

    # -- state -----------------------------------------------------------------------------
    def _restore(self) -> None:
        s = QSettings()
        color = QColor(str(s.value(_COLOR_KEY, DEFAULT_MASK_COLOR.name(QColor.NameFormat.HexArgb))))
        if not color.isValid():
            color = QColor(DEFAULT_MASK_COLOR)
        self.canvas.set_mask_color(color)
        self._sync_slider()
        visible = str(s.value(_VISIBLE_KEY, "true")).lower() != "false"
        self.show_mask.setChecked(visible)
        self.canvas.set_mask_visible(visible)
        hardness = int(str(s.value(_HARDNESS_KEY, 100)))
        self.hardness_spin.setValue(max(0, min(100, hardness)))
        self.canvas.set_hardness(self.hardness_spin.value() / 100)

    def _sync_slider(self) -> None:
        alpha = self.canvas.mask_color().alpha()
        self.opacity_slider.blockSignals(True)
        self.opacity_slider.setValue(round(alpha * 100 / 255))
        self.opacity_slider.blockSignals(False)

    def _set_visible(self, on: bool) -> None:
        self.canvas.set_mask_visible(on)
        QSettings().setValue(_VISIBLE_KEY, "true" if on else "false")

    def set_color(self, color: QColor) -> None:
        """A new mask colour with the opacity it carries (an opaque one is drawn at 50 %)."""
        self.canvas.set_mask_color(color)
        stored = self.canvas.mask_color()
        QSettings().setValue(_COLOR_KEY, stored.name(QColor.NameFormat.HexArgb))
        self._sync_slider()

    def set_opacity_percent(self, percent: int) -> None:
        low, high = OPACITY_RANGE
        color = self.canvas.mask_color()
        color.setAlpha(round(max(low, min(high, percent)) * 255 / 100))
        self.set_color(color)

    def _set_hardness(self, percent: int) -> None:
        self.canvas.set_hardness(percent / 100)
        QSettings().setValue(_HARDNESS_KEY, percent)

    def ask_color(self) -> None:
        color = QColorDialog.getColor(
            self.canvas.mask_color(),
            self._parent,
            _tr("Mask colour"),
            QColorDialog.ColorDialogOption.ShowAlphaChannel,
        )
        if color.isValid():
            self.set_color(color)
