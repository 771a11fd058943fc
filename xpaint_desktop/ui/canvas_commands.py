"""Undo commands for mask edits, each holding only what it changed.

A `RegionCommand` stores the before and after content of the changed box only, one bit per
pixel and deflated, so a brush stroke on a 6000x4000 photo costs bytes proportional to the
stroke, not the photo. Inverting is its own inverse and stores nothing. A `StrokeRecorder`
keeps the pre-stroke content of the tiles a stroke touches, so the stroke's before-image can
be built at the end without copying the whole mask when the stroke starts.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from xpaint_desktop.ui.canvas_mask import MaskLayer, pack, unpack
from xpaint_desktop.ui.canvas_raster import Box, MaskArray, true_box

ChangeCallback = Callable[[Box], None]

TILE = 128


class RegionCommand(QUndoCommand):
    """Replace one box of the mask: `after` on redo, `before` on undo."""

    def __init__(
        self,
        layer: MaskLayer,
        box: Box,
        before: MaskArray,
        after: MaskArray,
        text: str,
        on_change: ChangeCallback,
        *,
        applied: bool = False,
    ) -> None:
        super().__init__(text)
        self._layer = layer
        self.box = box
        self._before = pack(before)
        self._after = pack(after)
        self._on_change = on_change
        self._skip_redo = applied  # a stroke is already on the mask when it is pushed

    @property
    def stored_bytes(self) -> int:
        """Bytes this command keeps alive for undo and redo."""
        return len(self._before) + len(self._after)

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
        else:
            self._layer.replace(self.box, unpack(self._after, self.box))
        self._on_change(self.box)

    def undo(self) -> None:
        self._layer.replace(self.box, unpack(self._before, self.box))
        self._on_change(self.box)


class InvertCommand(QUndoCommand):
    """Invert the whole mask; applying it twice restores every pixel, so it stores nothing."""

    stored_bytes = 0

    def __init__(self, layer: MaskLayer, text: str, on_change: ChangeCallback) -> None:
        super().__init__(text)
        self._layer = layer
        self._on_change = on_change

    def redo(self) -> None:
        self._layer.invert()
        self._on_change(self._layer.full)

    def undo(self) -> None:
        self.redo()


def region_command(
    layer: MaskLayer,
    box: Box,
    before: MaskArray,
    after: MaskArray,
    text: str,
    on_change: ChangeCallback,
    *,
    applied: bool = False,
) -> RegionCommand | None:
    """A command for the part of `box` that really differs, or None when nothing does."""
    diff_box = true_box(before != after, box)
    if diff_box is None:
        return None
    local = diff_box.shifted(-box.x0, -box.y0)
    return RegionCommand(
        layer,
        diff_box,
        before[local.slices],
        after[local.slices],
        text,
        on_change,
        applied=applied,
    )


class StrokeRecorder:
    """Remembers the mask as it was before a stroke, tile by tile, as the stroke reaches it."""

    def __init__(self, layer: MaskLayer) -> None:
        self._layer = layer
        self._tiles: dict[tuple[int, int], MaskArray] = {}
        self.changed: Box | None = None

    def before_paint(self, box: Box) -> None:
        """Call before painting into `box`: saves the untouched tiles it overlaps."""
        for ty in range(box.y0 // TILE, (box.y1 - 1) // TILE + 1):
            for tx in range(box.x0 // TILE, (box.x1 - 1) // TILE + 1):
                if (tx, ty) not in self._tiles:
                    self._tiles[tx, ty] = self._layer.region(self._tile_box(tx, ty))

    def after_paint(self, changed: Box | None) -> None:
        if changed is not None:
            self.changed = changed.union(self.changed)

    def _tile_box(self, tx: int, ty: int) -> Box:
        return Box(tx * TILE, ty * TILE, (tx + 1) * TILE, (ty + 1) * TILE).intersect(
            self._layer.full
        )

    def finish(
        self, text: str, on_change: ChangeCallback, *, applied: bool = True
    ) -> RegionCommand | None:
        """The stroke as one command (None if it changed nothing); frees the saved tiles."""
        box = self.changed
        tiles, self._tiles = self._tiles, {}
        if box is None:
            return None
        after = self._layer.region(box)
        before = after.copy()
        for (tx, ty), saved in tiles.items():
            tile = self._tile_box(tx, ty)
            part = tile.intersect(box)
            if part.empty:
                continue
            src = part.shifted(-tile.x0, -tile.y0)
            dst = part.shifted(-box.x0, -box.y0)
            before[dst.slices] = saved[src.slices]
        return region_command(self._layer, box, before, after, text, on_change, applied=applied)
