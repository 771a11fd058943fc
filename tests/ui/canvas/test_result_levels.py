"""A result that differs from the photo only in a box gets its display levels from the photo's:
copied, with only that box halved again, the very pixels made from the whole result."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter
from pytestqt.qtbot import QtBot

from xpaint_desktop.ui.canvas.view import build_levels, patched_levels, pixel_view
from xpaint_desktop.ui.canvas.widget import MaskCanvas

W, H = 2501, 1301


def banded(width: int = W, height: int = H) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    for i in range(0, width, 97):
        painter.fillRect(QRect(i, 0, 50, height), QColor((i * 7) % 256, (i * 3) % 256, 90))
    painter.end()
    return image


def changed_in(image: QImage, box: tuple[int, int, int, int]) -> QImage:
    """A copy of `image` with noise in `box` (left, top, right, bottom)."""
    left, top, right, bottom = box
    out = image.copy()
    rows = np.frombuffer(out.bits(), np.uint8).reshape(out.height(), out.bytesPerLine())  # type: ignore[call-overload]
    pixels = rows[:, : out.width() * 4].reshape(out.height(), out.width(), 4)
    noise = np.random.default_rng(3).integers(0, 256, (bottom - top, right - left, 3))
    pixels[top:bottom, left:right, :3] = noise.astype(np.uint8)
    return out


def same_levels(got: list[QImage], want: list[QImage]) -> bool:
    return [q.size() for q in got] == [q.size() for q in want] and all(
        np.array_equal(pixel_view(a), pixel_view(b)) for a, b in zip(got, want, strict=True)
    )


@pytest.mark.parametrize(
    "box", [(700, 301, 1234, 811), (0, 0, 5, 5), (2200, 1000, W, H), (13, 17, 14, 18)]
)
def test_patched_levels_are_the_levels_made_from_the_whole_result(
    box: tuple[int, int, int, int],
) -> None:
    photo = banded()
    levels, _buffers = build_levels(photo)
    result = changed_in(photo, box)
    patched = patched_levels(levels, result, box)
    assert patched is not None
    assert same_levels(patched[0], build_levels(result)[0])
    assert same_levels(levels, build_levels(photo)[0])  # the photo's levels are left alone


def test_a_one_pixel_edge_is_left_to_the_whole_build() -> None:
    photo = banded(2049, 1025)  # odd sides: the last column and row fall out when halved
    levels, _buffers = build_levels(photo)
    box = (2048, 1024, 2049, 1025)
    assert patched_levels(levels, changed_in(photo, box), box) is None
    assert patched_levels(levels, photo.convertToFormat(QImage.Format.Format_RGB888), box) is None


def test_a_result_over_a_large_photo_is_shown_with_exact_levels(qtbot: QtBot) -> None:
    canvas = MaskCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(500, 400)
    canvas.show()
    photo = banded(3001, 2001)  # above the size whose levels are made inline
    canvas.set_image(photo)
    qtbot.waitUntil(lambda: canvas.background().pool.activeThreadCount() == 0)
    qtbot.wait(20)  # the photo's levels delivered
    box = (1500, 700, 2300, 1650)
    result = changed_in(photo, box)
    canvas.set_overlay_image(result, QRect(1500, 700, 800, 950))
    assert canvas.has_result() and canvas.result_levels()[0].cacheKey() == result.cacheKey()
    qtbot.waitUntil(lambda: len(canvas.result_levels()) > 1)
    assert same_levels(canvas.result_levels(), build_levels(result)[0])
    canvas.set_overlay_image(photo.copy(), QRect())  # no change at all: the photo's levels
    qtbot.waitUntil(lambda: len(canvas.result_levels()) > 1)
    assert same_levels(canvas.result_levels(), build_levels(photo)[0])
