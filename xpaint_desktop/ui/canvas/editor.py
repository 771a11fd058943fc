"""Every edit of one image's mask, each one undoable step on the canvas's QUndoStack.

The widget (`canvas.py`) turns gestures into calls here and stays free of numpy; this module
owns the `MaskLayer` and creates the commands. A stroke paints as the pointer moves (so the
person sees it at once) and becomes a single command when the button is released.

Whole-mask operations (fill, clear, grow, shrink) take tens of milliseconds on a 24-megapixel
mask, so they are split in two: a *planner* computes the new content and its packed undo
record from the mask as it is (a pure function, safe in a pool thread), and `apply` puts the
result on the mask as one command on the UI thread, unless the mask changed in the meantime.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor, QUndoCommand, QUndoStack

from xpaint_desktop.ui.canvas import raster
from xpaint_desktop.ui.canvas.commands import (
    InvertCommand,
    MaskTarget,
    RegionChange,
    RegionCommand,
    StrokeRecorder,
    diff_region,
)
from xpaint_desktop.ui.canvas.mask import MaskLayer
from xpaint_desktop.ui.canvas.raster import Box, Footprint, MaskArray
from xpaint_desktop.ui.shared.background import Background

log = logging.getLogger(__name__)

# A stroke box up to this many pixels is compressed at once (a millisecond or two); a larger
# one in the thread pool, its command holding the raw record until then.
INLINE_PACK_PIXELS = 1_000_000

Point = tuple[float, float]
Compute = Callable[[MaskArray], tuple[Box, MaskArray] | None]


@dataclass(frozen=True)
class PlannedEdit:
    """A whole-mask edit computed from the mask at `revision`: what changes, and to what."""

    revision: int
    text: str
    change: RegionChange | None  # None: the edit changes no pixel
    after: MaskArray | None  # the new content of `change.box`


Planner = Callable[[], PlannedEdit]


def _log_pack_failure(error: Exception) -> None:
    # The command keeps its raw record, which undoes and redoes exactly, only less compactly.
    log.error("Compressing a stroke's undo record failed: %s", error, exc_info=error)


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
        background: Background,
    ) -> None:
        self.layer = MaskLayer(width, height, color)
        self._background = background  # compresses large strokes for the undo history
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
        text = (
            str(QT_TRANSLATE_NOOP("MaskCanvas", "Erase"))
            if stroke.erase
            else str(QT_TRANSLATE_NOOP("MaskCanvas", "Brush stroke"))
        )
        record = stroke.recorder.finish()
        if record is None:
            return None
        command = RegionCommand(self._target, record, text, applied=True)
        self._stack.push(command)
        data = command.data
        if record.box.width * record.box.height <= INLINE_PACK_PIXELS:
            data.set_packed(record.pack())
        else:
            self._background.run(record.pack, data.set_packed, _log_pack_failure)
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
        return self._apply_footprint(shape, subtract, str(QT_TRANSLATE_NOOP("MaskCanvas", "Lasso")))

    def fill_rect(self, a: Point, b: Point, *, subtract: bool) -> QUndoCommand | None:
        (x0, y0), (x1, y1) = a, b
        corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        shape = raster.polygon(corners, self.layer.full)
        return self._apply_footprint(
            shape, subtract, str(QT_TRANSLATE_NOOP("MaskCanvas", "Rectangle"))
        )

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

    def plan_fill_all(self) -> Planner:
        full = self.layer.full
        return self._planner(
            str(QT_TRANSLATE_NOOP("MaskCanvas", "Fill mask")),
            lambda bits: (full, np.full(bits.shape, 255, dtype=np.uint8)),
        )

    def plan_clear(self) -> Planner:
        def compute(bits: MaskArray) -> tuple[Box, MaskArray] | None:
            box = raster.true_box(bits != 0, self.layer.full)
            return None if box is None else (box, np.zeros((box.height, box.width), np.uint8))

        return self._planner(str(QT_TRANSLATE_NOOP("MaskCanvas", "Clear mask")), compute)

    def invert(self) -> QUndoCommand:
        command = InvertCommand(self._target, str(QT_TRANSLATE_NOOP("MaskCanvas", "Invert mask")))
        self._stack.push(command)
        return command

    def plan_grow(self, n: int) -> Planner:
        return self._planner(
            str(QT_TRANSLATE_NOOP("MaskCanvas", "Grow mask")), lambda bits: raster.grow(bits, n)
        )

    def plan_shrink(self, n: int) -> Planner:
        return self._planner(
            str(QT_TRANSLATE_NOOP("MaskCanvas", "Shrink mask")), lambda bits: raster.shrink(bits, n)
        )

    def plan(self, text: str, compute: Compute) -> Planner:
        """Plan `compute` (the new content of a box, from the mask) as the step `text`."""
        return self._planner(text, compute)

    def _planner(self, text: str, compute: Compute) -> Planner:
        """A function of no arguments (any thread) that plans `compute` on the mask as it is."""
        bits, revision = self.layer.bits, self.layer.revision

        def plan() -> PlannedEdit:
            result = compute(bits)
            if result is None:
                return PlannedEdit(revision, text, None, None)
            box, after = result
            change = diff_region(box, bits[box.slices], after)
            if change is None:
                return PlannedEdit(revision, text, None, None)
            local = change.box.shifted(-box.x0, -box.y0)
            return PlannedEdit(revision, text, change, after[local.slices].copy())

        return plan

    def apply(self, plan: PlannedEdit) -> bool:
        """Put a planned edit on the mask as one step; False if the mask changed since."""
        if plan.revision != self.layer.revision:
            return False
        if plan.change is not None and plan.after is not None:
            self.layer.replace(plan.change.box, plan.after)
            self._stack.push(RegionCommand(self._target, plan.change, plan.text, applied=True))
        return True

    def _push_region(
        self, box: Box, before: MaskArray, after: MaskArray, text: str
    ) -> QUndoCommand | None:
        change = diff_region(box, before, after)
        if change is None:
            return None
        command = RegionCommand(self._target, change, text)
        self._stack.push(command)
        return command
