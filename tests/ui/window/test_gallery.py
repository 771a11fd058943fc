"""The history gallery inside the editor window: jobs appear in it, and come back from it.

Real window, real worker thread, real library on disk; jobs run through the offline engine or
the DashScope stand-in.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtGui import QDesktopServices, QImage
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from tests.test_logs_crash import UrlCatcher
from tests.ui.conftest import JOB_TIMEOUT_MS, ellipse_mask, open_and_wait
from tests.ui.window.test_main_window import _drop
from xpaint_desktop import logs
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.library.pngmeta import export_png
from xpaint_desktop.library.store import Library
from xpaint_desktop.spec import ContextMode, EngineKind, JobSpec
from xpaint_desktop.ui.app import ensure_application
from xpaint_desktop.ui.gallery.model import Badge, GalleryRole
from xpaint_desktop.ui.gallery.widget import GalleryWidget
from xpaint_desktop.ui.jobs.list import stage_line
from xpaint_desktop.ui.window.main_window import MainWindow

PROMPT = "一只戴帽子的猫"
MASK_BOX = (0.2, 0.35, 0.33, 0.4)


def _mask_array(mask: QImage) -> np.ndarray:
    grey = mask.convertToFormat(QImage.Format.Format_Grayscale8)
    flat = np.frombuffer(grey.constBits(), dtype=np.uint8)  # type: ignore[call-overload]
    return flat.reshape(grey.height(), grey.bytesPerLine())[:, : grey.width()].copy()


def _gallery(window: MainWindow) -> GalleryWidget:
    assert window.gallery_dock is not None
    return window.gallery_dock.gallery


def _finished_job(qtbot: QtBot, window: MainWindow, data_dir: Path) -> tuple[int, np.ndarray]:
    """Run one offline job on chelsea.png with distinctive parameters; its id and mask."""
    open_and_wait(qtbot, window, data_dir / "chelsea.png")
    image = window.canvas.image()
    window.canvas.set_mask(ellipse_mask(image.width(), image.height(), MASK_BOX))
    p = window.params
    p.set_spec(
        JobSpec(
            prompt=PROMPT,
            style="<watercolor>",
            n=2,
            engine=EngineKind.LOCAL,
            context=ContextMode.FULL,
            feather=13,
        )
    )
    mask = _mask_array(window.canvas.mask())
    p.request_generate()
    qtbot.waitUntil(
        lambda: bool(window.jobs.model.rows()) and window.jobs.model.rows()[-1].status.is_finished,
        timeout=JOB_TIMEOUT_MS,
    )
    row = window.jobs.model.rows()[-1]
    assert row.status is JobStatus.DONE, row.message
    return row.job_id, mask


def _menu(window: MainWindow, title: str) -> QMenu:
    return next(m for m in window.findChildren(QMenu) if m.title() == title)


def _from_gallery(qtbot: QtBot, window: MainWindow, job_id: int, action: str) -> GalleryWidget:
    """Select the job in the gallery and trigger one of its actions, as a click would."""
    gallery = _gallery(window)
    qtbot.waitUntil(lambda: gallery.select_job(job_id))
    getattr(gallery, action).trigger()
    return gallery


def _change_editor(qtbot: QtBot, window: MainWindow, data_dir: Path) -> None:
    """Another image, another mask, other parameters: nothing of the first job is left."""
    open_and_wait(qtbot, window, data_dir / "coffee.png")
    window.canvas.set_mask(ellipse_mask(600, 400, (0.5, 0.1, 0.2, 0.2)))
    window.params.set_spec(JobSpec(prompt="a latte", n=1, feather=4, engine=EngineKind.LOCAL))


def test_the_gallery_is_docked_and_lists_a_finished_job(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    dock = window.gallery_dock
    assert dock is not None and dock.toggleViewAction() in _menu(window, "&View").actions()
    job_id, _mask = _finished_job(qtbot, window, data_dir)
    gallery = _gallery(window)
    qtbot.waitUntil(lambda: job_id in gallery.model.job_ids())
    index = gallery.model.index(gallery.model.row_of(job_id) or 0)
    qtbot.waitUntil(lambda: gallery.model.data(index, GalleryRole.BADGE) == Badge.DONE)
    job = gallery.model.job(job_id)
    assert job is not None and job.prompt == PROMPT and len(job.results) == 2


def test_the_history_is_built_the_first_time_it_is_shown(window: MainWindow) -> None:
    dock = window.gallery_dock
    assert dock is not None and not dock.isVisible()
    assert not dock.is_built() and dock.widget() is None  # nothing made for a closed history
    window.show_history()
    assert dock.is_built() and dock.widget() is dock.tabs
    assert dock.tabs.indexOf(dock.gallery) == 0 and dock.tabs.indexOf(dock.usage) == 1


def test_open_in_editor_restores_the_image_the_exact_mask_and_the_parameters(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    job_id, mask = _finished_job(qtbot, window, data_dir)
    _change_editor(qtbot, window, data_dir)
    _from_gallery(qtbot, window, job_id, "act_open")
    qtbot.waitUntil(lambda: window.source_name() == "chelsea.png")
    assert (window.canvas.image().width(), window.canvas.image().height()) == (451, 300)
    assert np.array_equal(_mask_array(window.canvas.mask()), mask)
    spec = window.params.spec()
    assert (spec.prompt, spec.style, spec.n, spec.engine, spec.context, spec.feather) == (
        PROMPT,
        "<watercolor>",
        2,
        EngineKind.LOCAL,
        ContextMode.FULL,
        13,
    )
    assert window.canvas.undo_stack().canUndo()  # the restored mask is an undoable step


def test_an_exported_png_dropped_on_the_window_restores_the_parameters(
    qtbot: QtBot, window: MainWindow, data_dir: Path, tmp_path: Path
) -> None:
    job_id, _mask = _finished_job(qtbot, window, data_dir)
    assert window.library is not None
    exported = export_png(window.library.get_job(job_id), 1, tmp_path / "cat-2.png")
    _change_editor(qtbot, window, data_dir)
    mask_before = _mask_array(window.canvas.mask())

    assert _drop(window, exported)
    qtbot.waitUntil(lambda: window.params.prompt.toPlainText() == PROMPT)
    spec = window.params.spec()
    assert (spec.style, spec.n, spec.context, spec.feather) == (
        "<watercolor>",
        2,
        ContextMode.FULL,
        13,
    )
    assert spec.parent_job_id is None  # the coffee photo did not come from that job
    assert exported.name in window.statusBar().currentMessage()
    assert window.source_name() == "coffee.png"  # the image being edited stays
    assert np.array_equal(_mask_array(window.canvas.mask()), mask_before)


def test_run_again_makes_a_new_job_with_the_same_inputs(
    qtbot: QtBot, window: MainWindow, data_dir: Path, tmp_path: Path
) -> None:
    job_id, _mask = _finished_job(qtbot, window, data_dir)
    _change_editor(qtbot, window, data_dir)
    gallery = _from_gallery(qtbot, window, job_id, "act_run")
    qtbot.waitUntil(
        lambda: (
            len(window.jobs.model.rows()) == 2 and window.jobs.model.rows()[-1].status.is_finished
        ),
        timeout=JOB_TIMEOUT_MS,
    )
    again = window.jobs.model.rows()[-1]
    assert again.status is JobStatus.DONE and again.job_id != job_id
    assert again.source_name == "chelsea.png" and again.prompt == PROMPT
    qtbot.waitUntil(lambda: again.job_id in gallery.model.job_ids())

    library = window.library
    assert library is not None
    old, new = library.get_job(job_id), library.get_job(again.job_id)
    assert old.base_path == new.base_path  # the same photo, kept once
    assert old.mask_path != new.mask_path
    with Image.open(old.mask_path) as first, Image.open(new.mask_path) as second:
        assert first.size == second.size and first.tobytes() == second.tobytes()
    assert new.spec == old.spec.with_changes(parent_job_id=job_id, parent_result_index=None)
    assert [j.id for j in library.children(job_id)] == [again.job_id]


def test_a_task_expired_on_the_service_shows_as_expired_with_its_inputs_kept(
    qtbot: QtBot,
    fake_server_env: object,
    make_window,  # type: ignore[no-untyped-def]
    data_dir: Path,
    tmp_path: Path,
) -> None:
    with Library(tmp_path / "library") as library:
        with Image.open(data_dir / "coffee.png") as photo:
            base = photo.convert("RGB")
        mask = Image.new("L", base.size, 0)
        mask.paste(255, (100, 100, 300, 250))
        job = library.create_job(JobSpec(prompt="a latte"), base, mask, "coffee.png")
        library.set_task_id(job.id, "task-the-service-has-forgotten")
        library.set_status(job.id, JobStatus.PENDING)

    window: MainWindow = make_window()
    qtbot.waitUntil(
        lambda: (r := window.jobs.model.job(job.id)) is not None and r.status is JobStatus.EXPIRED,
        timeout=JOB_TIMEOUT_MS,
    )
    row = window.jobs.model.job(job.id)
    assert row is not None and row.prompt == "a latte" and row.can_run_again
    assert "kept" in stage_line(row)
    assert "Run again" in window.banner.text()
    gallery = _gallery(window)
    qtbot.waitUntil(
        lambda: (
            (r := gallery.model.row_of(job.id)) is not None
            and gallery.model.data(gallery.model.index(r), GalleryRole.BADGE) == Badge.EXPIRED
        )
    )
    assert window.library is not None
    kept = window.library.get_job(job.id)
    assert kept.base_path.exists() and kept.mask_path.exists()


def test_help_opens_the_log_folder(window: MainWindow) -> None:
    (action,) = [a for a in _menu(window, "&Help").actions() if a.text() == "Open Log Folder"]
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")  # type: ignore[arg-type]
    try:
        action.trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [Path(u.toLocalFile()) for u in catcher.urls] == [logs.current_log_file().parent]


def test_start_up_sets_the_icon_and_the_log_file_once(qapp: QApplication) -> None:
    ensure_application()
    ensure_application()
    sizes = {s.width() for s in QApplication.windowIcon().availableSizes()}
    assert {16, 32, 48, 256} <= sizes
    ours = [
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.FileHandler) and Path(h.baseFilename) == logs.current_log_file()
    ]
    assert len(ours) == 1
