"""The options of the selection tools, as a tool bar under the tools: tolerance and
"contiguous" for the magic wand and the colour range, applying or dropping the picked colours,
smoothing the mask's edge, and the feather (the job's blend width, shared with the parameter
panel, since the stored mask stays strictly binary)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QLabel, QSlider, QSpinBox, QToolBar, QWidget

from xpaint_desktop.ui.canvas.tools import MAX_TOLERANCE, Tool
from xpaint_desktop.ui.canvas.widget import MaskCanvas

DEFAULT_SMOOTH_PX = 4
MAX_SMOOTH_PX = 64


class SelectionOptionsBar(QToolBar):
    """Tolerance, contiguous, colour-range apply/drop, smooth and feather for `canvas`."""

    def __init__(self, canvas: MaskCanvas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toolbar-selection")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._canvas = canvas
        self._tolerance_caption = QLabel()
        self.tolerance_slider = QSlider(Qt.Orientation.Horizontal)
        self.tolerance_slider.setRange(0, MAX_TOLERANCE)
        self.tolerance_slider.setFixedWidth(120)
        self.tolerance_spin = QSpinBox()
        self.tolerance_spin.setRange(0, MAX_TOLERANCE)
        self.contiguous_check = QCheckBox()
        self.contiguous_check.setChecked(canvas.contiguous())
        self.colours_label = QLabel()
        self.apply_colours = QAction(self)
        self.drop_colours = QAction(self)
        self._smooth_caption = QLabel()
        self.smooth_spin = QSpinBox()
        self.smooth_spin.setRange(1, MAX_SMOOTH_PX)
        self.smooth_spin.setValue(DEFAULT_SMOOTH_PX)
        self.smooth = QAction(self)
        self._feather_caption = QLabel()
        self.feather_spin = QSpinBox()
        for widget in (self._tolerance_caption, self.tolerance_slider, self.tolerance_spin):
            self.addWidget(widget)
        self.addWidget(self.contiguous_check)
        self.addWidget(self.colours_label)
        self.addAction(self.apply_colours)
        self.addAction(self.drop_colours)
        self.addSeparator()
        self.addWidget(self._smooth_caption)
        self.addWidget(self.smooth_spin)
        self.addAction(self.smooth)
        self.addWidget(self._feather_caption)
        self.addWidget(self.feather_spin)
        self._set_tolerance_widgets(canvas.tolerance())
        self.tolerance_slider.valueChanged.connect(self._on_tolerance)
        self.tolerance_spin.valueChanged.connect(self._on_tolerance)
        self.contiguous_check.toggled.connect(canvas.set_contiguous)
        self.apply_colours.triggered.connect(lambda: canvas.apply_color_range())
        self.drop_colours.triggered.connect(canvas.clear_color_pick)
        self.smooth.triggered.connect(self._on_smooth)
        canvas.tool_changed.connect(self._update_state)
        canvas.color_pick_changed.connect(self._update_state)
        canvas.mask_changed.connect(self._update_state)
        self.retranslate()
        self._update_state()

    def follow_feather(self, spin: QSpinBox) -> None:
        """Show and change the same feather as `spin` (the parameter panel's)."""
        self.feather_spin.setRange(spin.minimum(), spin.maximum())
        self.feather_spin.setValue(spin.value())
        spin.valueChanged.connect(self.feather_spin.setValue)
        self.feather_spin.valueChanged.connect(spin.setValue)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Selection"))
        self._tolerance_caption.setText(self.tr(" Tolerance "))
        tip = self.tr("How far a colour may be from the picked one (0-255 in every channel)")
        for widget in (self.tolerance_slider, self.tolerance_spin):
            widget.setToolTip(tip)
        self.contiguous_check.setText(self.tr("Contiguous"))
        self.contiguous_check.setToolTip(
            self.tr("The wand takes only the region around the click, not the colour everywhere")
        )
        self.apply_colours.setText(self.tr("Apply colours"))
        self.apply_colours.setToolTip(
            self.tr("Select the picked colours (Enter; Shift adds to the mask, Alt subtracts)")
        )
        self.drop_colours.setText(self.tr("Drop colours"))
        self.drop_colours.setToolTip(self.tr("Forget the picked colours (Esc)"))
        self._smooth_caption.setText(self.tr(" Edge "))
        self.smooth_spin.setSuffix(self.tr(" px"))
        self.smooth.setText(self.tr("Smooth"))
        self.smooth.setToolTip(self.tr("Smooth the mask's outline over this many pixels"))
        self._feather_caption.setText(self.tr(" Feather "))
        self.feather_spin.setSuffix(self.tr(" px"))
        self.feather_spin.setToolTip(
            self.tr("How wide the new picture blends into the photo at the mask's edge")
        )
        self._update_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_tolerance(self, value: int) -> None:
        self._set_tolerance_widgets(value)
        self._canvas.set_tolerance(value)

    def _set_tolerance_widgets(self, value: int) -> None:
        for widget in (self.tolerance_slider, self.tolerance_spin):
            widget.blockSignals(True)
            widget.setValue(value)
            widget.blockSignals(False)

    def _on_smooth(self) -> None:
        if self._canvas.has_image() and not self._canvas.is_mask_empty():
            self._canvas.smooth_mask(self.smooth_spin.value())

    def _update_state(self, *_args: object) -> None:
        tool = self._canvas.tool()
        for widget in (self._tolerance_caption, self.tolerance_slider, self.tolerance_spin):
            widget.setEnabled(tool in (Tool.WAND, Tool.COLOR_RANGE))
        self.contiguous_check.setEnabled(tool is Tool.WAND)
        picked = len(self._canvas.color_pick())
        self.colours_label.setText(self.tr(" Colours: {0} ").format(picked) if picked else "")
        self.apply_colours.setEnabled(picked > 0)
        self.drop_colours.setEnabled(picked > 0)
        self.smooth.setEnabled(self._canvas.has_image() and not self._canvas.is_mask_empty())
