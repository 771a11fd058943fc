"""A mask with grey areas imported into the window: read with the command line's threshold, and
the window says so in the command line's words (or their Chinese translation)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from PIL import Image
from pytestqt.qtbot import QtBot

from tests.ui.conftest import import_mask, open_and_wait
from xpaint_desktop.imaging.masks import grey_reading
from xpaint_desktop.ui import i18n
from xpaint_desktop.ui.window.main_window import MainWindow


def _grey_mask(path: Path) -> np.ndarray:
    """600x400: a left-to-right ramp 0..255 in the top half, black and white below."""
    ramp = np.tile((np.arange(600) * 255 // 599).astype(np.uint8), (200, 1))
    below = np.zeros((200, 600), dtype=np.uint8)
    below[:, 450:] = 255
    grey = np.vstack([ramp, below])
    Image.fromarray(grey, mode="L").save(path)
    return grey


def _mask_pixels(window: MainWindow, tmp_path: Path) -> np.ndarray:
    out = tmp_path / "exported.png"
    window.canvas.export_mask(str(out))
    with Image.open(out) as img:
        return np.asarray(img.convert("L"))


def test_grey_mask_is_thresholded_and_explained(
    qtbot: QtBot, window: MainWindow, data_dir: Path, tmp_path: Path
) -> None:
    open_and_wait(qtbot, window, data_dir / "coffee.png")
    path = tmp_path / "soft.png"
    grey = _grey_mask(path)

    assert import_mask(qtbot, window, path)

    expected = np.where(grey > 127, 255, 0).astype(np.uint8)
    assert np.array_equal(_mask_pixels(window, tmp_path), expected)
    with Image.open(path) as img:
        reading = grey_reading(img)
    assert reading is not None and reading.threshold == 127
    # The command line prints `note: mask <path>: <describe()>`; the window the same sentence.
    assert window.banner.isVisible()
    assert window.banner.text() == f"Mask soft.png: {reading.describe()}"
    assert "threshold 127" in window.banner.text()
    assert f"{(expected == 255).mean():.0%} of the picture" in window.banner.text()


def test_black_and_white_mask_says_nothing(
    qtbot: QtBot, window: MainWindow, data_dir: Path, tmp_path: Path
) -> None:
    open_and_wait(qtbot, window, data_dir / "coffee.png")
    path = tmp_path / "hard.png"
    mask = Image.new("L", (600, 400), 0)
    mask.paste(255, (100, 100, 300, 200))
    mask.save(path)

    assert import_mask(qtbot, window, path)

    assert not window.banner.isVisible()
    assert np.array_equal(_mask_pixels(window, tmp_path), np.asarray(mask))


def test_grey_mask_note_in_chinese(
    qtbot: QtBot, window: MainWindow, data_dir: Path, tmp_path: Path
) -> None:
    open_and_wait(qtbot, window, data_dir / "coffee.png")
    path = tmp_path / "soft.png"
    _grey_mask(path)
    i18n.install_translators("zh_CN")
    try:
        assert import_mask(qtbot, window, path)
        text = window.banner.text()
    finally:
        i18n.install_translators("en")
    with Image.open(path) as img:
        reading = grey_reading(img)
    assert reading is not None
    assert re.search(r"[\u4e00-\u9fff]", text)
    assert "soft.png" in text and "127" in text
    assert f"{reading.painted_share:.0%}" in text and f"{reading.grey_share:.0%}" in text
    assert not re.search(r"\b(pixels|threshold|repaint|grey)\b", text)
