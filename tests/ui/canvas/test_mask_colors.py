"""Importing a coloured mask picture: the person picks which colours mark the area."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw
from pytestqt.qtbot import QtBot

from tests.ui.canvas.test_widget import mask_array
from tests.ui.conftest import import_mask, open_and_wait
from xpaint_desktop.imaging.masks import mask_palette
from xpaint_desktop.ui.window.main_window import MainWindow

BLACK, GREY, BLUE = (0, 0, 0), (134, 134, 134), (30, 120, 200)
BOX_A, BOX_B = (50, 40, 150, 120), (250, 150, 400, 260)


def _segmentation(path: Path, size: tuple[int, int]) -> Path:
    img = Image.new("RGB", size, BLUE)
    draw = ImageDraw.Draw(img)
    draw.rectangle(BOX_A, fill=BLACK)
    draw.rectangle(BOX_B, fill=GREY)
    img.save(path)
    return path


def _expected(size: tuple[int, int], *boxes: tuple[int, int, int, int]) -> np.ndarray:
    out = np.zeros((size[1], size[0]), np.uint8)
    for x0, y0, x1, y1 in boxes:
        out[y0 : y1 + 1, x0 : x1 + 1] = 255
    return out


def test_palette_of_coloured_grey_and_photo_pictures(tmp_path: Path, data_dir: Path) -> None:
    palette = mask_palette(Image.open(_segmentation(tmp_path / "seg.png", (451, 300))))
    assert palette is not None
    assert [c for c, _ in palette] == [BLUE, GREY, BLACK]  # most frequent first
    assert sum(n for _, n in palette) == 451 * 300
    assert mask_palette(Image.new("L", (300, 300), 255)) is None  # black and white: by brightness
    assert mask_palette(Image.open(data_dir / "chelsea.png")) is None  # a photo


def test_coloured_mask_imports_the_ticked_colours(
    qtbot: QtBot, window: MainWindow, data_dir: Path, tmp_path: Path
) -> None:
    open_and_wait(qtbot, window, data_dir / "chelsea.png")
    seg = _segmentation(tmp_path / "seg.png", (451, 300))

    def tick_and_accept() -> None:
        dialog = window.masks.color_dialog
        assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        dialog.set_checked([BLACK, GREY])
        dialog.accept()

    window.import_mask_file(seg)  # the colours are found off the UI thread, then it asks
    qtbot.waitUntil(lambda: window.masks.color_dialog is not None)
    with qtbot.waitSignal(window.masks.import_finished) as done:
        tick_and_accept()
    assert done.args == [True]
    assert np.array_equal(mask_array(window.canvas), _expected((451, 300), BOX_A, BOX_B))


def test_cancelling_the_colour_choice_keeps_the_mask(
    qtbot: QtBot, window: MainWindow, data_dir: Path, tmp_path: Path
) -> None:
    open_and_wait(qtbot, window, data_dir / "chelsea.png")
    before = mask_array(window.canvas)
    seg = _segmentation(tmp_path / "seg.png", (451, 300))
    window.import_mask_file(seg)
    qtbot.waitUntil(lambda: window.masks.color_dialog is not None)
    dialog = window.masks.color_dialog
    with qtbot.waitSignal(window.masks.import_finished) as done:
        dialog.reject()
    assert done.args == [False]
    assert np.array_equal(mask_array(window.canvas), before)


def test_black_and_white_mask_needs_no_choice(
    qtbot: QtBot, window: MainWindow, data_dir: Path, tmp_path: Path
) -> None:
    open_and_wait(qtbot, window, data_dir / "chelsea.png")
    path = tmp_path / "bw.png"
    img = Image.new("L", (451, 300), 0)
    ImageDraw.Draw(img).rectangle(BOX_A, fill=255)
    img.save(path)
    assert import_mask(qtbot, window, path)
    assert np.array_equal(mask_array(window.canvas), _expected((451, 300), BOX_A))
