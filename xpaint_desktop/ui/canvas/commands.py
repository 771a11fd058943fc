"""Undo commands for mask edits, each holding only what it changed.

A `RegionCommand` stores the before and after content of the changed box only, one bit per
pixel and deflated, so a brush stroke on a 6000x4000 photo costs bytes proportional to the
stroke, not the photo. Inverting is its own inverse and stores nothing. A `StrokeRecorder`
keeps the pre-stroke content of the tiles a stroke touches, so the stroke's before-image can
be built at the end without copying the whole mask when the stroke starts. Compressing a
large stroke takes longer than a frame, so its command starts out holding the raw
`StrokeRecord` (exact, just bigger) and swaps in the packed form when the thread pool has made
it; an undo before then restores from the raw copy.

A step's name (shown in the Edit menu and the Undo button's tooltip) is given in English, marked
with `QT_TRANSLATE_NOOP("MaskCanvas", ...)`; the command shows it translated and keeps the
English, so `rename_steps` can translate every step again when the language changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand, QUndoStack

from xpaint_desktop.ui.canvas.mask import MaskLayer, pack, unpack
from xpaint_desktop.ui.canvas.raster import Box, MaskArray, true_box

ChangeCallback = Callable[[Box], None]

TILE = 128


def step_name(source: str) -> str:
    """An undo step's name in the language of the moment."""
    return QCoreApplication.translate("MaskCanvas", source)


class NamedStep(QUndoCommand):
    """An undo command that keeps the English name it was given, to translate it again."""

    def __init__(self, source: str) -> None:
        super().__init__(step_name(source))
        self.source_text = source

    def rename(self) -> None:
        self.setText(step_name(self.source_text))


def rename_steps(stack: QUndoStack) -> None:
    """Every step of `stack` named again in the current language; the Undo/Redo texts follow."""
    for i in range(stack.count()):
        command = stack.command(i)
        if isinstance(command, NamedStep):
            command.rename()
    stack.undoTextChanged.emit(stack.undoText())
    stack.redoTextChanged.emit(stack.redoText())


@dataclass(frozen=True)
class MaskTarget:
    """The layer the commands change, and whom to tell which box changed (to repaint it)."""

    layer: MaskLayer
    on_change: ChangeCallback


@dataclass(frozen=True)
class RegionChange:
    """A box of the mask before and after an edit, each one bit per pixel, deflated."""

    box: Box
    before: bytes
    after: bytes


def diff_region(box: Box, before: MaskArray, after: MaskArray) -> RegionChange | None:
    """The part of `box` that really differs, packed; None when nothing does."""
    diff_box = true_box(before != after, box)
    if diff_box is None:
        return None
    local = diff_box.shifted(-box.x0, -box.y0)
    return RegionChange(diff_box, pack(before[local.slices]), pack(after[local.slices]))


@dataclass(frozen=True)
class StrokeRecord:
    """A finished stroke, uncompressed: its box, the content after it, and the saved tiles.

    Everything here is a private copy that nobody writes again, so `before` and `pack` may
    run on any thread.
    """

    box: Box
    after: MaskArray
    tiles: dict[tuple[int, int], MaskArray]
    full: Box

    @property
    def nbytes(self) -> int:
        return self.after.nbytes + sum(t.nbytes for t in self.tiles.values())

    def before(self) -> MaskArray:
        """The content of `box` before the stroke."""
        box = self.box
        before = self.after.copy()
        for (tx, ty), saved in self.tiles.items():
            tile = tile_box(tx, ty, self.full)
            part = tile.intersect(box)
            if part.empty:
                continue
            src = part.shifted(-tile.x0, -tile.y0)
            dst = part.shifted(-box.x0, -box.y0)
            before[dst.slices] = saved[src.slices]
        return before

    def pack(self) -> RegionChange:
        """The compact form of this stroke (any thread)."""
        before = self.before()
        change = diff_region(self.box, before, self.after)
        return change or RegionChange(self.box, pack(before), pack(self.after))


class RegionData:
    """A command's before and after content: packed, or a raw stroke until it is packed."""

    def __init__(self, content: RegionChange | StrokeRecord) -> None:
        self.packed = content if isinstance(content, RegionChange) else None
        self.raw = content if isinstance(content, StrokeRecord) else None

    def set_packed(self, change: RegionChange) -> None:
        """Swap the raw record for its packed form (both restore the same pixels)."""
        self.packed, self.raw = change, None

    @property
    def box(self) -> Box:
        if self.packed is not None:
            return self.packed.box
        assert self.raw is not None
        return self.raw.box

    @property
    def stored_bytes(self) -> int:
        if self.packed is not None:
            return len(self.packed.before) + len(self.packed.after)
        assert self.raw is not None
        return self.raw.nbytes

    def content(self, *, after: bool) -> MaskArray:
        """The before or after content of `box`."""
        if self.packed is not None:
            packed = self.packed.after if after else self.packed.before
            return unpack(packed, self.packed.box)
        assert self.raw is not None
        return self.raw.after if after else self.raw.before()


class RegionCommand(NamedStep):
    """Replace one box of the mask: the after state on redo, the before state on undo."""

    def __init__(
        self,
        target: MaskTarget,
        change: RegionChange | StrokeRecord,
        text: str,
        *,
        applied: bool = False,
    ) -> None:
        super().__init__(text)
        self._target = target
        self.data = RegionData(change)
        self._skip_redo = applied  # a stroke is already on the mask when it is pushed

    @property
    def stored_bytes(self) -> int:
        """Bytes this command keeps alive for undo and redo."""
        return self.data.stored_bytes

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
        else:
            self._put(after=True)
        self._target.on_change(self.data.box)

    def undo(self) -> None:
        self._put(after=False)
        self._target.on_change(self.data.box)

    def _put(self, *, after: bool) -> None:
        content = self.data.content(after=after)
        self._target.layer.replace(self.data.box, content)


class InvertCommand(NamedStep):
    """Invert the whole mask; applying it twice restores every pixel, so it stores nothing."""

    stored_bytes = 0

    def __init__(self, target: MaskTarget, text: str) -> None:
        super().__init__(text)
        self._target = target

    def redo(self) -> None:
        self._target.layer.invert()
        self._target.on_change(self._target.layer.full)

    def undo(self) -> None:
        self.redo()


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
        return tile_box(tx, ty, self._layer.full)

    def finish(self) -> StrokeRecord | None:
        """What the stroke changed, uncompressed (None if nothing); frees the saved tiles."""
        box = self.changed
        tiles, self._tiles = self._tiles, {}
        if box is None:
            return None
        return StrokeRecord(box, self._layer.region(box), tiles, self._layer.full)


def tile_box(tx: int, ty: int, full: Box) -> Box:
    """The pixels of tile (tx, ty), clipped to the image."""
    return Box(tx * TILE, ty * TILE, (tx + 1) * TILE, (ty + 1) * TILE).intersect(full)
