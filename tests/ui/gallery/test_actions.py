"""Actions on jobs in the gallery, the detail view and the usage view, on real libraries."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QItemSelectionModel, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.gallery.test_support import generate_library, mask_for, photos
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.library.pngmeta import read_png_parameters
from xpaint_desktop.library.store import Library
from xpaint_desktop.library.thumbnails import ThumbnailCache
from xpaint_desktop.spec import JobSpec
from xpaint_desktop.ui.gallery.model import GalleryRole
from xpaint_desktop.ui.gallery.widget import GalleryWidget
from xpaint_desktop.ui.jobs.detail import JobDetailDialog
from xpaint_desktop.ui.jobs.usage import UsageView

COUNT = 30


@pytest.fixture
def library(tmp_path: Path, data_dir: Path) -> Iterator[Library]:
    lib = generate_library(tmp_path / "library", COUNT, bases=photos(data_dir))
    yield lib
    lib.close()


@pytest.fixture
def gallery(qtbot: QtBot, library: Library) -> Iterator[GalleryWidget]:
    widget = GalleryWidget(library)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    yield widget
    widget.shutdown()


def answer_dialog(answer: Callable[[QWidget], None]) -> None:
    """Answer the next modal dialog once it is open (as a person would click it)."""

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, handle)
        else:
            answer(dialog)

    QTimer.singleShot(0, handle)


def click(button: QMessageBox.StandardButton) -> Callable[[QWidget], None]:
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        dialog.button(button).click()

    return answer


def test_delete_removes_files_and_rows_together(
    qtbot: QtBot, gallery: GalleryWidget, library: Library
) -> None:
    gallery.model.data(gallery.model.index(0), GalleryRole.THUMBNAIL)
    qtbot.waitUntil(lambda: gallery.model.loader.pending() == 0)
    victims = gallery.model.job_ids()[:2]
    jobs = library.get_jobs(victims)
    assert all(j.folder.is_dir() for j in jobs)
    cache = ThumbnailCache()
    key = cache.key_for(jobs[0])
    assert key is not None and cache.cached(key) is not None
    gallery.select_job(victims[0])
    gallery.view.selectionModel().select(
        gallery.model.index(1), QItemSelectionModel.SelectionFlag.Select
    )
    assert gallery.selected_ids() == victims

    answer_dialog(click(QMessageBox.StandardButton.Cancel))
    gallery.delete_selected()
    assert gallery.model.rowCount() == COUNT
    assert library.count_jobs() == COUNT

    answer_dialog(click(QMessageBox.StandardButton.Yes))
    with qtbot.waitSignals([gallery.job_deleted, gallery.job_deleted]):
        gallery.delete_selected()
    assert gallery.model.rowCount() == COUNT - 2
    assert library.count_jobs() == COUNT - 2
    assert not any(j.folder.exists() for j in jobs)
    assert not list(jobs[0].folder.parent.glob(".trash-*"))
    for job_id in victims:
        with pytest.raises(KeyError):
            library.get_job(job_id)
        assert job_id not in gallery.model.job_ids()
    assert cache.cached(key) is None
    assert gallery.count_label.text().startswith(str(COUNT - 2))


def test_editor_signals_carry_the_job(
    qtbot: QtBot, gallery: GalleryWidget, library: Library
) -> None:
    job_id = gallery.model.job_ids()[3]
    gallery.select_job(job_id)
    with qtbot.waitSignal(gallery.open_in_editor) as opened:
        gallery.act_open.trigger()
    assert opened.args == [job_id]
    with qtbot.waitSignal(gallery.reuse_parameters) as reused:
        gallery.act_reuse.trigger()
    assert reused.args == [library.get_job(job_id).spec]
    with qtbot.waitSignal(gallery.run_again) as again:
        gallery.act_run.trigger()
    assert again.args == [job_id]


def test_favourite_and_note(qtbot: QtBot, gallery: GalleryWidget, library: Library) -> None:
    job_id = next(i for i in gallery.model.job_ids() if not library.get_job(i).favourite)
    gallery.select_job(job_id)
    gallery.act_favourite.trigger()
    assert library.get_job(job_id).favourite
    row = gallery.model.row_of(job_id)
    assert row is not None
    assert gallery.model.data(gallery.model.index(row), GalleryRole.FAVOURITE) is True

    def write_note(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("keep this one\n保留")
        dialog.accept()

    answer_dialog(write_note)
    gallery.act_note.trigger()
    assert library.get_job(job_id).note == "keep this one\n保留"
    gallery.filter_bar.search_box.setText("保留")
    gallery.filter_bar.flush()
    assert gallery.model.job_ids() == [job_id]


def test_export_writes_pngs_that_read_back(
    qtbot: QtBot, gallery: GalleryWidget, library: Library, tmp_path: Path
) -> None:
    done = [j for j in library.list_jobs(statuses=[JobStatus.DONE]) if j.results][:2]
    out = tmp_path / "exported"
    out.mkdir()
    with qtbot.waitSignal(
        gallery.status_message,
        check_params_cb=lambda text: text.startswith("Exported"),
        timeout=10_000,
    ):
        gallery.export_to([j.id for j in done], out)
    files = sorted(out.glob("*.png"))
    assert len(files) == sum(len(j.results) for j in done)
    for job in done:
        exported = out / f"xpaint-{job.id}-1.png"
        assert read_png_parameters(exported) == job.spec


def test_detail_view_shows_variants_failures_and_lineage(qtbot: QtBot, library: Library) -> None:
    partial = next(j for j in library.list_jobs(statuses=[JobStatus.PARTIAL]) if j.results)
    dialog = JobDetailDialog(library, partial.id)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = [r.index for r in partial.results if r.ok]
    failed = [r for r in partial.results if not r.ok]
    assert failed and sorted(dialog.image_labels) == ok
    texts = [w.text() for w in dialog.variants.findChildren(type(dialog.prompt_label))]
    assert any("rejected" in t and "DataInspectionFailed" in t for t in texts)

    def all_loaded() -> bool:
        return all(
            isinstance(lbl.pixmap(), QPixmap) and not lbl.pixmap().isNull()
            for lbl in dialog.image_labels.values()
        )

    qtbot.waitUntil(all_loaded, timeout=10_000)
    first = dialog.image_labels[ok[0]].pixmap()
    source = partial.results[ok[0]].path
    assert source is not None
    with Image.open(source) as img:
        assert (first.width(), first.height()) == img.size  # full size

    child = next(j for j in library.list_jobs() if j.spec.parent_job_id is not None)
    dialog.show_job(child.id)
    assert f'href="job:{child.spec.parent_job_id}"' in dialog.parent_label.text()
    with qtbot.waitSignal(dialog.job_shown) as shown:
        dialog.parent_label.linkActivated.emit(f"job:{child.spec.parent_job_id}")
    assert shown.args == [child.spec.parent_job_id]
    assert f'href="job:{child.id}"' in dialog.children_label.text()


def test_new_and_changed_jobs_show_up(
    qtbot: QtBot, gallery: GalleryWidget, library: Library, data_dir: Path
) -> None:
    with Image.open(data_dir / "chelsea.png") as img:
        photo = img.convert("RGB")
    job = library.create_job(JobSpec(prompt="a brand new job"), photo, mask_for(photo), "c.png")
    gallery.job_updated(job.id)
    model = gallery.model
    assert model.data(model.index(0), GalleryRole.PROMPT) == "a brand new job"
    assert model.data(model.index(0), GalleryRole.STATUS) is JobStatus.QUEUED
    library.set_status(job.id, JobStatus.DONE)
    with qtbot.waitSignal(model.dataChanged):
        gallery.job_updated(job.id)
    assert model.data(model.index(0), GalleryRole.STATUS) is JobStatus.DONE


def test_usage_view_counts_from_the_library(qtbot: QtBot, tmp_path: Path, data_dir: Path) -> None:
    with Image.open(data_dir / "chelsea.png") as img:
        photo = img.convert("RGB")
    with Library(tmp_path / "usage") as library:
        for n in (4, 3, 0):
            job = library.create_job(JobSpec(prompt="x", n=max(1, n)), photo, mask_for(photo), "c")
            if n:
                library.set_usage(job.id, n)
        view = UsageView(library)
        qtbot.addWidget(view)
        view.show()
        assert view.quota == 500
        assert view.quota_bar.value() == 7
        assert "7 of 500" in view.quota_bar.format()
        assert "7" in view.total_label.text()
        series = view.chart.series
        assert len(series) == 30 and series[-1] == (date.today(), 7)
        assert sum(n for _d, n in series) == 7
        image = view.chart.grab().toImage()
        assert not image.isNull()
        job = library.create_job(JobSpec(prompt="y", n=4), photo, mask_for(photo), "c")
        library.set_usage(job.id, 600)
        view.refresh()
        assert view.quota_bar.value() == 500
