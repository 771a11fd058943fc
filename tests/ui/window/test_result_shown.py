"""A result of the photo in the editor is shown by pasting its masked box into a copy of the
canvas's picture: the same pixels as the library's composite, the photo's own outside the box."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageChops
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from tests.fakeserver.server import FakeDashScope
from tests.library.test_composites import _job
from tests.ui.conftest import JOB_TIMEOUT_MS, open_and_wait, paint_mask
from xpaint_desktop.library.composites import composite_image
from xpaint_desktop.library.store import Library
from xpaint_desktop.ui.shared.image_io import read_image
from xpaint_desktop.ui.window import result_files
from xpaint_desktop.ui.window.main_window import MainWindow
from xpaint_desktop.ui.window.result_files import result_over_photo
from xpaint_desktop.ui.worker import qimage_to_pil


def same(a: Image.Image, b: Image.Image) -> bool:
    return a.size == b.size and ImageChops.difference(a, b).getbbox() is None


def test_the_composite_is_pasted_into_the_jobs_own_photo_and_made_whole_over_another(
    tmp_path: Path,
) -> None:
    with Library(tmp_path / "lib") as lib:
        job, _, _ = _job(lib, tmp_path, n=1)
        (record,) = job.results
        whole = composite_image(job, record)
        photo = read_image(tmp_path / "photo.jpg")
        shown, changed = result_over_photo(lib, record, photo)
        assert changed is not None and not changed.isEmpty()
        assert same(qimage_to_pil(shown), whole)
        other = photo.copy()
        other.invertPixels()  # the same size, another picture
        shown, changed = result_over_photo(lib, record, other)
        assert changed is None
        assert same(qimage_to_pil(shown), whole)
        spare = photo.copy()
        shown, changed = result_over_photo(lib, record, photo, spare)
        assert shown.cacheKey() == spare.cacheKey()  # written into, not copied again
        assert same(qimage_to_pil(shown), whole)


def test_a_finished_job_shows_its_composite_with_the_photo_untouched_outside_the_mask(
    qtbot: QtBot,
    fake_server_env: FakeDashScope,
    make_window,  # type: ignore[no-untyped-def]
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def made_whole(*_args: object) -> QImage:
        raise AssertionError("the result was made whole instead of pasted into the photo")

    monkeypatch.setattr(result_files, "result_image", made_whole)
    window: MainWindow = make_window()
    open_and_wait(qtbot, window, data_dir / "rocket.jpg")
    paint_mask(window)
    window.params.prompt.setPlainText("a red balloon")
    photo = window.canvas.image()
    window.generate()
    qtbot.waitUntil(window.canvas.has_result, timeout=JOB_TIMEOUT_MS)
    record = window.results.current_result()
    assert record is not None and window.library is not None
    job = window.library.get_job(record.job_id)
    shown = window.canvas.result_levels()[0]
    assert same(qimage_to_pil(shown), composite_image(job, record))
    box = window.canvas.mask_bbox().adjusted(*(d * (job.spec.feather + 1) for d in (-1, -1, 1, 1)))
    outside = np.ones((photo.height(), photo.width()), bool)
    outside[max(box.top(), 0) : box.bottom() + 1, max(box.left(), 0) : box.right() + 1] = False
    got, want = np.asarray(qimage_to_pil(shown)), np.asarray(qimage_to_pil(photo))
    assert np.array_equal(got[outside], want[outside])
    assert not np.array_equal(got, want)  # the result is there, inside the mask
    window.canvas.set_compare(True)  # hold-to-compare still shows the photo
    assert window.canvas.is_comparing() and window.canvas.has_result()
