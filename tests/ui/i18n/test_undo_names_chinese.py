"""Every undo step's name is in Chinese when the window speaks Chinese: in the stack, in the Edit
menu's Undo/Redo tooltips, and for steps made before the language was switched."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from tests.ui.canvas.test_selecting import ALT, SHIFT, _preview, at, box_drag, qimage, settle
from tests.ui.canvas.test_widget import drag
from xpaint_desktop.ui import i18n
from xpaint_desktop.ui.canvas.tools import Tool
from xpaint_desktop.ui.canvas.widget import MaskCanvas
from xpaint_desktop.ui.window.main_window import MainWindow

CJK = re.compile(r"[\u4e00-\u9fff]")
WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture
def window(make_window) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    yield make_window()
    i18n.install_translators("en")


def _photo() -> np.ndarray:
    """Two discs on grey (for the object tool) and a red block (for the wand)."""
    h, w = 300, 400
    yy, xx = np.mgrid[0:h, 0:w]
    image = np.full((h, w, 3), 128, np.uint8)
    image[(yy - 150) ** 2 + (xx - 100) ** 2 < 50**2] = (30, 160, 60)
    image[(yy - 150) ** 2 + (xx - 300) ** 2 < 50**2] = (30, 60, 160)
    image[10:60, 150:250] = (200, 40, 40)
    return image


def _every_kind_of_step(qtbot: QtBot, canvas: MaskCanvas, tmp_path: Path) -> None:
    """One undo step of each kind the canvas makes, by mouse where a person uses the mouse."""
    steps = 0

    def next_step() -> None:
        nonlocal steps
        steps += 1
        settle(qtbot, canvas, steps)

    canvas.set_tool(Tool.BRUSH)
    drag(qtbot, canvas, [at(canvas, 20, 250), at(canvas, 80, 260)])
    next_step()
    canvas.set_tool(Tool.ERASER)
    drag(qtbot, canvas, [at(canvas, 20, 250), at(canvas, 40, 250)])
    next_step()
    canvas.set_tool(Tool.RECT)
    drag(qtbot, canvas, [at(canvas, 300, 250), at(canvas, 350, 280)])
    next_step()
    canvas.set_tool(Tool.LASSO)
    outline = [(10, 10), (60, 10), (60, 60), (10, 60)]
    drag(qtbot, canvas, [at(canvas, x, y) for x, y in outline])
    next_step()
    for operation in (
        lambda: canvas.grow_mask(3),
        lambda: canvas.shrink_mask(3),
        lambda: canvas.smooth_mask(2),
        canvas.invert_mask,
        canvas.fill_all,
        canvas.clear_mask,
    ):
        operation()
        next_step()
    mask = QImage(400, 300, QImage.Format.Format_Grayscale8)
    mask.fill(0)
    mask.setPixelColor(5, 5, QColor("white"))
    canvas.set_mask(mask)
    next_step()
    mask_file = tmp_path / "mask.png"
    mask.fill(255)
    assert mask.save(str(mask_file))
    canvas.import_mask(str(mask_file))
    next_step()
    canvas.clear_mask()
    next_step()
    canvas.set_tool(Tool.OBJECT)
    box_drag(qtbot, canvas, (40, 90, 160, 210))
    next_step()
    box_drag(qtbot, canvas, (240, 90, 360, 210), SHIFT)
    next_step()
    box_drag(qtbot, canvas, (40, 90, 160, 210), ALT)
    next_step()
    canvas.set_tool(Tool.RECT)  # a rough box over the blue disc, then refined to the disc
    box_drag(qtbot, canvas, (240, 90, 360, 210))
    next_step()
    canvas.set_tool(Tool.OBJECT)
    box_drag(qtbot, canvas, (240, 90, 360, 210))  # inside the box it was added with: refines
    next_step()
    canvas.set_tool(Tool.WAND)
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=at(canvas, 200.5, 30.5))
    next_step()
    canvas.set_tool(Tool.COLOR_RANGE)
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=at(canvas, 100.5, 150.5))
    qtbot.waitUntil(lambda: _preview(canvas) is not None, timeout=30_000)
    canvas.apply_color_range(Qt.KeyboardModifier.NoModifier)
    next_step()


def _english_names(window: MainWindow) -> list[str]:
    stack = window.canvas.undo_stack()
    names = [stack.text(i) for i in range(stack.count())]
    stack.setIndex(stack.count() // 2)  # an undo and a redo step, both named in the tooltips
    names += [window.chrome.undo_action.toolTip(), window.chrome.redo_action.toolTip()]
    return [n for n in names if not CJK.search(n) or WORD.search(n)]


def test_every_undo_step_is_named_in_chinese(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    i18n.install_translators("zh_CN")
    window.canvas.set_image(qimage(_photo()))
    _every_kind_of_step(qtbot, window.canvas, tmp_path)
    stack = window.canvas.undo_stack()
    assert stack.count() == 20
    assert len({stack.text(i) for i in range(stack.count())}) >= 16  # each kind its own name
    assert _english_names(window) == []


def test_steps_made_in_english_are_renamed_when_the_language_changes(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.canvas.set_image(qimage(_photo()))
    canvas = window.canvas
    canvas.set_tool(Tool.BRUSH)
    drag(qtbot, canvas, [at(canvas, 20, 250), at(canvas, 80, 260)])
    canvas.invert_mask()
    canvas.set_tool(Tool.WAND)
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=at(canvas, 200.5, 30.5) + QPoint())
    settle(qtbot, canvas, 3)
    stack = canvas.undo_stack()
    assert [stack.text(i) for i in range(3)] == ["Brush stroke", "Invert mask", "Magic wand"]
    i18n.switch_language("zh_CN")
    qtbot.waitUntil(lambda: CJK.search(stack.text(0)) is not None)
    assert _english_names(window) == []
    i18n.switch_language("en")
    qtbot.waitUntil(lambda: stack.text(0) == "Brush stroke")
    assert stack.text(2) == "Magic wand"
