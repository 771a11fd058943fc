"""The selection tools in the window: chosen by their keys, a box around the cup becomes the
mask a job is generated from; the options bar drives the canvas and shares the feather."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from tests.ui.canvas.test_selecting import at, box_drag, iou, qimage_array, settle
from tests.ui.canvas.test_widget import mask_array
from tests.ui.conftest import open_and_wait
from tests.ui.window.test_jobs import _wait_finished
from xpaint_desktop.library.composites import composite_image
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.spec import EngineKind
from xpaint_desktop.ui.canvas.tools import Tool
from xpaint_desktop.ui.window.main_window import MainWindow


def test_keys_choose_the_selection_tools(qtbot: QtBot, window: MainWindow, data_dir: Path) -> None:
    open_and_wait(qtbot, window, data_dir / "coffee.png")
    window.canvas.setFocus()
    for key, tool in ((Qt.Key.Key_O, Tool.OBJECT), (Qt.Key.Key_W, Tool.WAND)):
        qtbot.keyClick(window.canvas, key)
        assert window.canvas.tool() is tool
        assert window.editor_actions.tools[tool].isChecked()
    qtbot.keyClick(window.canvas, Qt.Key.Key_C)
    assert window.canvas.tool() is Tool.COLOR_RANGE
    bar = window.chrome.selection_bar
    assert bar.tolerance_spin.isEnabled() and not bar.contiguous_check.isEnabled()
    assert not bar.apply_colours.isEnabled()


def test_a_box_around_the_cup_is_generated_from(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    open_and_wait(qtbot, window, data_dir / "coffee.png")
    window.editor_actions.tools[Tool.OBJECT].trigger()
    canvas = window.canvas
    box_drag(qtbot, canvas, (70, 10, 485, 395))
    settle(qtbot, canvas, 1)
    truth = qimage_array(QImage(str(data_dir / "coffee-cup-mask.png")))
    assert iou(mask_array(canvas), truth) >= 0.85
    window.params.prompt.setPlainText("a teapot")
    window.params.set_engine(EngineKind.LOCAL)
    assert window.params.generate_button.isEnabled()
    window.params.request_generate()
    (row,) = _wait_finished(qtbot, window)
    assert row.status is JobStatus.DONE, row.message
    record = window.results.current_result()
    assert record is not None and record.ok and window.library is not None
    # Outside the selected cup (and the blend band around it) the photo is untouched.
    before = np.asarray(Image.open(data_dir / "coffee.png").convert("RGB")).astype(int)
    made = composite_image(window.library.get_job(row.job_id), record)
    after = np.asarray(made).astype(int)
    far = np.ones(truth.shape, bool)
    far[:, 40:520] = False
    assert np.array_equal(before[far], after[far])
    assert np.abs(before[truth != 0] - after[truth != 0]).mean() > 1


def test_the_options_bar_drives_the_wand_and_smoothing(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    open_and_wait(qtbot, window, data_dir / "coffee.png")
    bar, canvas = window.chrome.selection_bar, window.canvas
    window.editor_actions.tools[Tool.WAND].trigger()
    bar.tolerance_slider.setValue(40)
    assert canvas.tolerance() == 40 and bar.tolerance_spin.value() == 40
    bar.contiguous_check.setChecked(False)
    assert not canvas.contiguous()
    assert not bar.smooth.isEnabled()  # nothing to smooth yet
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=at(canvas, 300.5, 150.5))
    settle(qtbot, canvas, 1)
    assert bar.smooth.isEnabled()
    bar.smooth_spin.setValue(6)
    bar.smooth.trigger()
    settle(qtbot, canvas, 2)
    assert canvas.undo_stack().undoText() == "Smooth edge"
    bar.feather_spin.setValue(20)
    assert window.params.feather_spin.value() == 20
    window.params.feather_spin.setValue(5)
    assert bar.feather_spin.value() == 5
