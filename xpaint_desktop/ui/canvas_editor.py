"""Every edit of one image's mask, each one undoable step on the canvas's QUndoStack.

The widget (`canvas.py`) turns gestures into calls here and stays free of numpy; this module
owns the `MaskLayer` and creates the commands. A stroke paints as the pointer moves (so the
person sees it at once) and becomes a single command when the button is released.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QUndoCommand, QUndoStack

from xpaint_desktop.ui import canvas_raster as raster
from xpaint_desktop.ui.canvas_commands import (
    InvertCommand,
    MaskTarget,
    RegionCommand,
    StrokeRecorder,
    diff_region,
)
from xpaint_desktop.ui.canvas_mask import MaskLayer
from xpaint_desktop.ui.canvas_raster import Box, Footprint, MaskArray

Point = tuple[float, float]


def _tr(text: str) -> str:
    return QCoreApplication.translate("MaskCanvas", text)


class _Stroke:
    """A brush or eraser stroke in progress."""

    def __init__(self, layer: MaskLayer, last: Point, erase: bool) -> None:
        self.recorder = StrokeRecorder(layer)
        self.last = last
        self.erase = erase


class MaskEditor:
    """The mask of one image and the operations a person can apply to it."""

    def __init__(
        self,
        width: int,
        height: int,
        color: QColor,
        stack: QUndoStack,
        on_change: Callable[[Box], None],
    ) -> None:
        self.layer = MaskLayer(width, height, color)
        self._stack = stack
        self._target = MaskTarget(self.layer, on_change)
        self._stroke: _Stroke | None = None

    # -- strokes -----------------------------------------------------------------------------
    @property
    def stroking(self) -> bool:
        return self._stroke is not None

    def begin_stroke(self, point: Point, radius: float, *, erase: bool) -> None:
        self._stroke = _Stroke(self.layer, point, erase)
        self._dab(point, point, radius)

    def stroke_to(self, point: Point, radius: float) -> None:
        """Paint the capsule from the previous point to `point`: no gaps however fast."""
        if self._stroke is None:
            return
        self._dab(self._stroke.last, point, radius)
        self._stroke.last = point

    def end_stroke(self) -> QUndoCommand | None:
        """Close the stroke into one undo command (none if it changed no pixel)."""
        stroke, self._stroke = self._stroke, None
        if stroke is None:
            return None
        text = _tr("Erase") if stroke.erase else _tr("Brush stroke")
        change = stroke.recorder.finish()
        if change is None:
            return None
        command = RegionCommand(self._target, change, text, applied=True)
        self._stack.push(command)
        return command

    def _dab(self, a: Point, b: Point, radius: float) -> None:
        assert self._stroke is not None
        shape = raster.capsule(a, b, radius, self.layer.full)
        if shape.box.empty:
            return
        self._stroke.recorder.before_paint(shape.box)
        changed = self.layer.paint(shape.box, shape.pixels, 0 if self._stroke.erase else 255)
        self._stroke.recorder.after_paint(changed)
        if changed is not None:
            self._target.on_change(changed)

    # -- whole operations --------------------------------------------------------------------
    def fill_polygon(self, points: Sequence[Point], *, subtract: bool) -> QUndoCommand | None:
        shape = raster.polygon(points, self.layer.full)
        return self._apply_footprint(shape, subtract, _tr("Lasso"))

    def fill_rect(self, a: Point, b: Point, *, subtract: bool) -> QUndoCommand | None:
        (x0, y0), (x1, y1) = a, b
        corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        shape = raster.polygon(corners, self.layer.full)
        return self._apply_footprint(shape, subtract, _tr("Rectangle"))

    def _apply_footprint(self, shape: Footprint, subtract: bool, text: str) -> QUndoCommand | None:
        if shape.box.empty or not shape.pixels.any():
            return None
        before = self.layer.region(shape.box)
        after = before.copy()
        after[shape.pixels] = 0 if subtract else 255
        return self._push_region(shape.box, before, after, text)

    def set_bits(self, bits: MaskArray, text: str) -> QUndoCommand | None:
        """Replace the whole mask with `bits` (0/255) as one step storing only the difference."""
        return self._push_region(self.layer.full, self.layer.bits, bits, text)

    def fill_all(self) -> QUndoCommand | None:
        full = np.full(self.layer.bits.shape, 255, dtype=np.uint8)
        return self.set_bits(full, _tr("Fill mask"))

    def clear(self) -> QUndoCommand | None:
        box = self.layer.bbox()
        if box is None:
            return None
        before = self.layer.region(box)
        return self._push_region(box, before, np.zeros_like(before), _tr("Clear mask"))

    def invert(self) -> QUndoCommand:
        command = InvertCommand(self._target, _tr("Invert mask"))
        self._stack.push(command)
        return command

    def grow(self, n: int) -> QUndoCommand | None:
        return self._morph(raster.grow(self.layer.bits, n), _tr("Grow mask"))

    def shrink(self, n: int) -> QUndoCommand | None:
        return self._morph(raster.shrink(self.layer.bits, n), _tr("Shrink mask"))

    def _morph(self, result: tuple[Box, MaskArray] | None, text: str) -> QUndoCommand | None:
        if result is None:
            return None
        box, after = result
        return self._push_region(box, self.layer.region(box), after, text)

    def _push_region(
        self, box: Box, before: MaskArray, after: MaskArray, text: str
    ) -> QUndoCommand | None:
        change = diff_region(box, before, after)
        if change is None:
            return None
        command = RegionCommand(self._target, change, text)
        self._stack.push(command)
        return command
